// Lode's agent identity in Node: the key file, the agent id and signed requests, as the network checks them
// (the same rules as io.lode.identity in Java; README "Signed requests").
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

/** A new Ed25519 key pair in Lode's key file shape: raw public key and PKCS#8 private key, both base64url. */
export function newKeyFile() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'jwk' }).x; // the raw 32-byte key, base64url without padding
  return {
    agentId: agentIdOf(raw),
    publicKey: raw,
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64url'),
  };
}

/** Writes a key file readable by its owner only (the private key is the agent: keep it secret). */
export function writeKeyFile(path, keys) {
  writeFileSync(path, JSON.stringify(keys, null, 2) + '\n', { mode: 0o600 });
}

export function readKeyFile(path) {
  const keys = JSON.parse(readFileSync(path, 'utf8'));
  if (!keys.publicKey || !keys.privateKey) {
    throw new Error(`${path} is not a Lode key file (needs publicKey and privateKey)`);
  }
  const derived = createPublicKey(createPrivateKey({ key: Buffer.from(keys.privateKey, 'base64url'), format: 'der',
    type: 'pkcs8' })).export({ format: 'jwk' }).x;
  if (derived !== keys.publicKey) {
    throw new Error(`${path}: its publicKey is not the private key's`);
  }
  return keys;
}

/** "agt_" + the first 32 hex digits of SHA-256 over the raw public key. */
export function agentIdOf(publicKeyBase64url) {
  return 'agt_' + createHash('sha256').update(Buffer.from(publicKeyBase64url, 'base64url')).digest('hex').slice(0, 32);
}

/**
 * RFC 8785 (JCS) canonical JSON: object members sorted by their names' UTF-16 code units (what Array.prototype.sort
 * does), no whitespace, strings and numbers as JSON.stringify writes them. Enough for Lode's bodies: strings,
 * integers, booleans, arrays and objects.
 */
export function canonical(value) {
  if (Array.isArray(value)) {
    return '[' + value.map(canonical).join(',') + ']';
  }
  if (value !== null && typeof value === 'object') {
    return '{' + Object.keys(value).sort().filter((k) => value[k] !== undefined)
      .map((k) => JSON.stringify(k) + ':' + canonical(value[k])).join(',') + '}';
  }
  return JSON.stringify(value);
}

/**
 * The body with publicKey, a fresh nonce, expiresAt (in 5 minutes) and the Ed25519 signature over the canonical JSON
 * of everything but the signature.
 */
export function signed(body, keys) {
  const unsigned = {
    ...body,
    publicKey: keys.publicKey,
    nonce: randomUUID(),
    expiresAt: new Date(Math.floor(Date.now() / 1000) * 1000 + 5 * 60_000).toISOString().replace('.000Z', 'Z'),
  };
  const key = createPrivateKey({ key: Buffer.from(keys.privateKey, 'base64url'), format: 'der', type: 'pkcs8' });
  const signature = sign(null, Buffer.from(canonical(unsigned), 'utf8'), key).toString('base64url');
  return { ...unsigned, signature };
}

/** The extension an agent card carries to name the key that owns it. */
export function identityExtension(publicKey) {
  return { uri: 'urn:lode:identity:v1', description: 'key that owns this agent', required: false, params: { publicKey } };
}
