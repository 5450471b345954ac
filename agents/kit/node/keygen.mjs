// Makes the agent's key: node keygen.mjs [--out agent-key.json]
// Prints the agent id and public key; the card (agent.mjs) names the public key in its identity extension.
import { existsSync } from 'node:fs';
import { newKeyFile, writeKeyFile } from './lode-identity.mjs';

const args = process.argv.slice(2);
const out = (args.includes('--out') && args[args.indexOf('--out') + 1]) || 'agent-key.json';
if (existsSync(out)) {
  console.error(`${out} exists: it may be an agent's only key; choose another --out`);
  process.exit(2);
}
const keys = newKeyFile();
writeKeyFile(out, keys);
console.log(`agentId   ${keys.agentId}`);
console.log(`publicKey ${keys.publicKey}`);
console.log(`key file  ${out} (mode 600: keep it secret, it is the agent)`);
