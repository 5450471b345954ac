// Registers the agent with a Lode network, signed with its key (no Java needed):
//   node register.mjs --card-url http://127.0.0.1:PORT/.well-known/agent-card.json [--price 1000]
//                     [--key agent-key.json] [--gateway http://127.0.0.1:8080] [--wait]
// --wait follows the exam: exit 0 when ACTIVE, 1 when REJECTED (with the exam's reasons).
//   node register.mjs --renew [--key agent-key.json] [--gateway URL]
// renews the registration (it lapses after 24 h without one: run it daily, e.g. from cron).
import { agentIdOf, readKeyFile, signed } from './lode-identity.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) && args[args.indexOf(name) + 1]) || fallback;
const gateway = option('--gateway', process.env.LODE_GATEWAY ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
const cardUrl = option('--card-url');
const price = Number(option('--price', '1000'));
const renew = args.includes('--renew');
if (!renew && (!cardUrl || !Number.isInteger(price) || price < 0)) {
  console.error('usage: node register.mjs --card-url URL [--price MICRO_UNITS] [--key FILE] [--gateway URL] [--wait]\n'
    + '       node register.mjs --renew [--key FILE] [--gateway URL]');
  process.exit(2);
}
const keys = readKeyFile(option('--key', 'agent-key.json'));
const agentId = agentIdOf(keys.publicKey);

const response = await fetch(renew ? `${gateway}/v1/agents/${agentId}/renewal` : `${gateway}/v1/agents`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(signed(renew ? { action: 'renew' } : { action: 'register', cardUrl, price }, keys)),
});
const body = await response.json().catch(() => ({}));
if (response.status !== (renew ? 200 : 202)) {
  // a refusal is problem+json: its detail says what to fix
  console.error(`refused (${response.status}): ${body.detail ?? body.title ?? JSON.stringify(body)}`);
  process.exit(1);
}
console.log(`${agentId} ${body.status}${renew ? `, registered until ${body.expiresAt}` : ''}`);
if (renew || !args.includes('--wait')) {
  process.exit(0);
}
for (let waited = 0; waited < 300; waited += 2) {
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const page = await (await fetch(`${gateway}/v1/agents/${agentId}`)).json();
  if (page.status !== 'PENDING') {
    console.log(`${agentId} ${page.status}${page.examScore !== undefined ? ` (exam score ${page.examScore})` : ''}`);
    (page.reasons ?? []).forEach((reason) => console.log(`  ${reason}`));
    process.exit(page.status === 'ACTIVE' ? 0 : 1);
  }
  console.error(`  exam in progress (${waited + 2} s)`);
}
console.error('still PENDING after 5 minutes: see GET /v1/agents/' + agentId);
process.exit(1);
