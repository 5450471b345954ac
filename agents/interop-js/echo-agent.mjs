// An A2A echo agent on the official JavaScript SDK, for Lode's interop tests.
// Usage: node echo-agent.mjs <publicKey> <v1|legacy|v1-stream|legacy-stream> [skillId]
//   v1:     serves the v1.0 card and answers SendMessage only.
//   legacy: a v0.3-only agent through the SDK's compatibility layer: the card is served in the v0.3 shape
//           to clients that send no A2A-Version header, and only message/send is answered.
//   *-stream: the card says capabilities.streaming; the answer is a task whose artifact arrives word by word
//           (artifact updates, then a completed status), over SendStreamingMessage / message/stream, or whole
//           from SendMessage / message/send.
// Prints "READY <port>" once it listens on 127.0.0.1 (port chosen by the system).
import express from 'express';
import { randomUUID } from 'node:crypto';
import { AgentEvent, DefaultRequestHandler, InMemoryTaskStore } from '@a2a-js/sdk/server';
import { agentCardHandler, jsonRpcHandler, UserBuilder } from '@a2a-js/sdk/server/express';
import { Role, TaskState } from '@a2a-js/sdk';

const [publicKey, mode, skillId = 'echo'] = process.argv.slice(2);
const legacy = mode.startsWith('legacy');
const streaming = mode.endsWith('-stream');
const app = express();
const server = app.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  const card = {
    name: `js-echo-${mode}`,
    description: 'Echoes text (official A2A JS SDK)',
    version: '1.0.0',
    supportedInterfaces: [
      { url: `http://127.0.0.1:${port}/a2a/jsonrpc`, protocolBinding: 'JSONRPC', tenant: '', protocolVersion: legacy ? '0.3' : '1.0' },
    ],
    capabilities: {
      streaming,
      pushNotifications: false,
      extensions: [{ uri: 'urn:lode:identity:v1', description: 'key that owns this agent', required: false, params: { publicKey } }],
    },
    securitySchemes: {},
    securityRequirements: [],
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain'],
    skills: [{ id: skillId, name: 'Echo', description: 'Repeats the text it is sent', tags: ['echo', 'text'], examples: [], inputModes: [], outputModes: [], securityRequirements: [] }],
    signatures: [],
  };
  const executor = {
    async execute(ctx, bus) {
      const text = ctx.userMessage.parts
        .filter((p) => p.content?.$case === 'text')
        .map((p) => p.content.value)
        .join('');
      if (streaming) {
        streamAnswer(ctx, bus, `echo: ${text}`);
        return;
      }
      bus.publish(AgentEvent.message({
        messageId: randomUUID(),
        contextId: ctx.contextId,
        role: Role.ROLE_AGENT,
        parts: [{ content: { $case: 'text', value: `echo: ${text}` }, mediaType: 'text/plain' }],
      }));
      bus.finished();
    },
    async cancelTask() {},
  };
  const handler = new DefaultRequestHandler(card, new InMemoryTaskStore(), executor);
  const compat = legacy ? { legacyCompat: { enabled: true } } : {};
  app.use('/.well-known/agent-card.json', agentCardHandler({ agentCardProvider: handler, ...compat }));
  app.use('/a2a/jsonrpc', jsonRpcHandler({ requestHandler: handler, userBuilder: UserBuilder.noAuthentication, ...compat }));
  console.log(`READY ${port}`);
});

function streamAnswer(ctx, bus, answer) {
  const { taskId, contextId } = ctx;
  const textPart = (value) => ({ content: { $case: 'text', value }, mediaType: 'text/plain' });
  bus.publish(AgentEvent.task({ id: taskId, contextId, status: { state: TaskState.TASK_STATE_WORKING }, artifacts: [], history: [ctx.userMessage] }));
  const pieces = answer.split(/(?<= )/);
  pieces.forEach((piece, i) => bus.publish(AgentEvent.artifactUpdate({
    taskId, contextId, append: i > 0, lastChunk: i === pieces.length - 1,
    artifact: { artifactId: 'answer', name: 'answer', parts: [textPart(piece)] },
  })));
  bus.publish(AgentEvent.statusUpdate({ taskId, contextId, status: { state: TaskState.TASK_STATE_COMPLETED } }));
  bus.finished();
}
