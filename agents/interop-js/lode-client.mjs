// A client on the official A2A JavaScript SDK using a Lode network as one agent, for Lode's interop tests.
// Usage: node lode-client.mjs <gatewayUrl> <apiKey> <v1|legacy>
//   v1:     the SDK picks the card's v1.0 JSON-RPC interface (SendMessage, ListTasks, ...).
//   legacy: the SDK is given the card's v0.3 interface and speaks v0.3 through its compatibility layer
//           (message/send, tasks/get, ...).
// Sends a task and waits for its verified answer, resends the same message, reads the task back, streams a second
// task, subscribes to the first, lists the conversation, tries to cancel a finished task, and calls without a key.
// Prints one JSON object with what each step saw.
import { randomUUID } from 'node:crypto';
import { ClientFactory, ClientFactoryOptions, DefaultAgentCardResolver, JsonRpcTransportFactory } from '@a2a-js/sdk/client';
import { Role, TaskState } from '@a2a-js/sdk';

const [gateway, apiKey, mode] = process.argv.slice(2);
const legacy = mode === 'legacy';
const compat = { legacyCompat: { enabled: true } };

function clientFor(key) {
  const fetchImpl = (url, init = {}) => {
    const headers = new Headers(init.headers);
    if (key) headers.set('Authorization', `Bearer ${key}`);
    return fetch(url, { ...init, headers });
  };
  const factory = new ClientFactory(ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
    transports: [new JsonRpcTransportFactory({ fetchImpl, ...compat })],
    cardResolver: new DefaultAgentCardResolver({ fetchImpl, ...compat }),
  }));
  return { factory, resolver: new DefaultAgentCardResolver({ fetchImpl, ...compat }) };
}

async function connect(key) {
  const { factory, resolver } = clientFor(key);
  const card = await resolver.resolve(gateway);
  const interfaces = card.supportedInterfaces.filter(i => legacy ? i.protocolVersion.startsWith('0.3') : i.protocolVersion === '1.0');
  return { card, client: await factory.createFromAgentCard({ ...card, supportedInterfaces: interfaces }) };
}

const text = value => ({ content: { $case: 'text', value }, mediaType: 'text/plain', metadata: undefined, filename: '' });
const message = (words, contextId, messageId = randomUUID()) => ({
  messageId, contextId, taskId: '', role: Role.ROLE_USER, parts: [text(words)], metadata: undefined, extensions: [], referenceTaskIds: [],
});
const stateOf = task => TaskState[task.status?.state] ?? String(task.status?.state);
function describe(task) {
  const answer = task.artifacts?.find(a => a.artifactId === 'answer');
  const parts = answer?.parts ?? [];
  return {
    id: task.id, contextId: task.contextId, state: stateOf(task),
    answer: parts.filter(p => p.content?.$case === 'text').map(p => p.content.value).join(''),
    facts: parts.find(p => p.content?.$case === 'data')?.content.value ?? null,
  };
}
async function attempt(step) {
  try { return await step(); } catch (e) { return { error: String(e?.message ?? e), code: e?.code ?? null, name: e?.constructor?.name }; }
}

const out = { mode };
const { card, client } = await connect(apiKey);
out.card = { name: card.name, streaming: card.capabilities?.streaming, interfaces: card.supportedInterfaces.map(i => i.protocolVersion) };
out.protocol = client.transport?.protocolVersion ?? null;
const contextId = `ctx-${randomUUID()}`;
const firstId = randomUUID();

out.send = await attempt(async () => describe(await client.sendMessage({ message: message('what is 17 * 23?', contextId, firstId), configuration: undefined, metadata: undefined, tenant: '' })));
out.resend = await attempt(async () => describe(await client.sendMessage({ message: message('what is 17 * 23?', contextId, firstId), configuration: undefined, metadata: undefined, tenant: '' })));
out.get = await attempt(async () => describe(await client.getTask({ id: out.send.id, tenant: '' })));
out.stream = await attempt(async () => {
  const events = [];
  let last;
  for await (const event of client.sendMessageStream({ message: message('what is 6 * 7?', contextId), configuration: undefined, metadata: undefined, tenant: '' })) {
    const kind = event.kind ?? event.payload?.$case ?? (event.status ? 'statusUpdate' : event.artifact ? 'artifactUpdate' : 'task');
    const value = event.payload?.value ?? event;
    events.push(kind === 'statusUpdate' ? `statusUpdate:${TaskState[value.status?.state]}` : kind);
    if (kind === 'artifactUpdate') last = { ...(last ?? {}), answer: value.artifact.parts.filter(p => p.content?.$case === 'text').map(p => p.content.value).join('') };
    if (kind === 'task') last = { ...(last ?? {}), id: value.id };
  }
  return { events, ...last };
});
out.subscribe = await attempt(async () => {
  const events = [];
  for await (const event of client.resubscribeTask({ id: out.send.id, tenant: '' })) {
    const value = event.payload?.value ?? event;
    const kind = event.payload?.$case ?? event.kind;
    events.push(kind === 'statusUpdate' ? `statusUpdate:${TaskState[value.status?.state]}` : kind);
  }
  return { events };
});
out.list = await attempt(async () => {
  const page = await client.listTasks({ contextId, pageSize: 10, tenant: '', pageToken: '', status: 0, statusTimestampAfter: undefined, includeArtifacts: true });
  return { ids: page.tasks.map(t => t.id), states: page.tasks.map(stateOf), nextPageToken: page.nextPageToken };
});
out.cancel = await attempt(async () => describe(await client.cancelTask({ id: out.send.id, tenant: '' })));
out.unknown = await attempt(async () => describe(await client.getTask({ id: 'tsk_00000000000000000000000000000000', tenant: '' })));
out.extended = await attempt(async () => {
  const extended = await client.getAgentCard();
  return { extensions: (extended.capabilities?.extensions ?? []).map(e => ({ uri: e.uri, params: e.params })) };
});
out.unauthenticated = await attempt(async () => {
  const { factory } = clientFor(null);
  const anonymous = await factory.createFromAgentCard({ ...card, supportedInterfaces: card.supportedInterfaces.filter(i => legacy ? i.protocolVersion.startsWith('0.3') : i.protocolVersion === '1.0') });
  return describe(await anonymous.sendMessage({ message: message('what is 1 + 1?', contextId), configuration: undefined, metadata: undefined, tenant: '' }));
});
console.log(JSON.stringify(out));
