// A client on the official MCP TypeScript SDK using a Lode network's MCP server, for Lode's interop tests.
// Usage: node mcp-client.mjs <gatewayUrl> <apiKey>
// Lists the tools, submits a task and reads the verified answer, reads it back, checks its receipt, tries to cancel
// it (a tool error), reads the balance, finds agents, and connects without a key. Prints one JSON object.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const [gateway, apiKey] = process.argv.slice(2);

async function connect(key) {
  const client = new Client({ name: 'lode-interop', version: '1.0.0' });
  const headers = key ? { Authorization: `Bearer ${key}` } : {};
  await client.connect(new StreamableHTTPClientTransport(new URL(`${gateway}/mcp`), { requestInit: { headers } }));
  return client;
}
const textOf = result => (result.content ?? []).filter(c => c.type === 'text').map(c => c.text).join('\n');
async function attempt(step) {
  try { return await step(); } catch (e) { return { error: String(e?.message ?? e), code: e?.code ?? null }; }
}

const out = {};
const client = await connect(apiKey);
out.tools = (await client.listTools()).tools.map(t => ({ name: t.name, required: t.inputSchema?.required ?? [] }));
const submitted = await client.callTool({ name: 'submit_task', arguments: { input: 'what is 17 * 23?' } });
out.submit = { isError: submitted.isError ?? false, text: textOf(submitted), task: submitted.structuredContent ?? null };
const taskId = submitted.structuredContent?.taskId;
const got = await client.callTool({ name: 'get_task', arguments: { taskId } });
out.get = { isError: got.isError ?? false, status: got.structuredContent?.status };
const verified = await client.callTool({ name: 'verify_receipt', arguments: { taskId } });
out.verify = { isError: verified.isError ?? false, text: textOf(verified) };
const forged = await client.callTool({ name: 'verify_receipt', arguments: {
  receipt: JSON.stringify({ ...submitted.structuredContent?.verdict?.receipt, verdict: 'FAIL' }) } });
out.forged = { isError: forged.isError ?? false, text: textOf(forged) };
const cancel = await client.callTool({ name: 'cancel_task', arguments: { taskId } });
out.cancel = { isError: cancel.isError ?? false, text: textOf(cancel) };
const bad = await client.callTool({ name: 'get_task', arguments: { taskId: '../ledger' } });
out.badId = { isError: bad.isError ?? false, text: textOf(bad) };
const balance = await client.callTool({ name: 'get_balance', arguments: {} });
out.balance = { isError: balance.isError ?? false, text: textOf(balance), available: balance.structuredContent?.available };
const agents = await client.callTool({ name: 'search_agents', arguments: { query: 'multiply numbers' } });
out.agents = { isError: agents.isError ?? false, ids: (agents.structuredContent?.items ?? []).map(a => a.agentId) };
await client.close();
out.unauthenticated = await attempt(async () => { await connect(null); return { connected: true }; });
console.log(JSON.stringify(out));
