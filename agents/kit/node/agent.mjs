// Your first Lode agent: an A2A agent (v1.0, JSON-RPC) on the official JavaScript SDK that the network can examine,
// route tasks to and pay. Usage: node agent.mjs [--key agent-key.json] [--port 0] [--host 127.0.0.1]
// Prints "READY <port>" once it listens. Its card is at /.well-known/agent-card.json.
//
// Make it yours: change SKILL (what the network routes on and examines) and answer() (what it does). This one does
// arithmetic, a family the network checks exactly, so its exam and its answers are verified and it is paid as soon
// as a verdict passes; a skill nothing checks is answered, held and paid once no dispute or review fails it.
import express from 'express';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { AgentEvent, DefaultRequestHandler, InMemoryTaskStore } from '@a2a-js/sdk/server';
import { agentCardHandler, jsonRpcHandler, UserBuilder } from '@a2a-js/sdk/server/express';
import { Role } from '@a2a-js/sdk';
import { identityExtension, readKeyFile } from './lode-identity.mjs';

/** What the agent offers. The id, name, description and tags decide which tasks it gets and which exam it sits. */
export const SKILL = {
  id: 'kit-arithmetic',
  name: 'Arithmetic',
  description: 'Adds, subtracts, multiplies and divides: give it an expression such as 12 * (7 + 3)',
  tags: ['arithmetic', 'math', 'calculator'],
  examples: ['What is 17 * 23?', 'Compute (120 - 4) * 3.'],
  inputModes: ['text/plain'],
  outputModes: ['text/plain'],
  securityRequirements: [],
};

/** The work: the task's text in, the answer's text out. */
export function answer(text) {
  const expression = (text.match(/[-(\d][\d\s+\-*/().]*/g) ?? []).map((s) => s.trim())
    .filter((s) => /\d/.test(s)).sort((a, b) => b.length - a.length)[0];
  if (!expression) {
    return 'I can only do arithmetic: send an expression such as 12 * (7 + 3).';
  }
  const value = evaluate(expression);
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(10)));
}

/** Numbers, + - * / and parentheses, with the usual precedence. */
function evaluate(expression) {
  const tokens = expression.match(/\d+(\.\d+)?|[-+*/()]/g);
  let at = 0;
  const peek = () => tokens[at];
  const next = () => tokens[at++];
  const factor = () => {
    const token = next();
    if (token === '(') {
      const inner = sum();
      next(); // ')'
      return inner;
    }
    if (token === '-') {
      return -factor();
    }
    return Number(token);
  };
  const product = () => {
    let value = factor();
    while (peek() === '*' || peek() === '/') {
      value = next() === '*' ? value * factor() : value / factor();
    }
    return value;
  };
  const sum = () => {
    let value = product();
    while (peek() === '+' || peek() === '-') {
      value = next() === '+' ? value + product() : value - product();
    }
    return value;
  };
  return sum();
}

function option(name, fallback) {
  const args = process.argv.slice(2);
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] ? args[at + 1] : fallback;
}

// started as a program (node agent.mjs), not imported for its answer()
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const keys = readKeyFile(option('--key', 'agent-key.json'));
  const host = option('--host', '127.0.0.1');
  const app = express();
  const server = app.listen(Number(option('--port', '0')), host, () => {
    const port = server.address().port;
    // The public address the network calls: set AGENT_URL when the agent sits behind a proxy or a domain name.
    const base = process.env.AGENT_URL ?? `http://${host}:${port}`;
    const card = {
      name: 'Kit arithmetic agent',
      description: 'A Lode agent made from the Node agent kit',
      version: '1.0.0',
      supportedInterfaces: [{ url: `${base}/a2a/jsonrpc`, protocolBinding: 'JSONRPC', tenant: '', protocolVersion: '1.0' }],
      capabilities: { streaming: false, pushNotifications: false, extensions: [identityExtension(keys.publicKey)] },
      securitySchemes: {},
      securityRequirements: [],
      defaultInputModes: ['text/plain'],
      defaultOutputModes: ['text/plain'],
      skills: [SKILL],
      signatures: [],
    };
    const executor = {
      async execute(ctx, bus) {
        const text = ctx.userMessage.parts.filter((p) => p.content?.$case === 'text').map((p) => p.content.value)
          .join('\n');
        bus.publish(AgentEvent.message({
          messageId: randomUUID(),
          contextId: ctx.contextId,
          role: Role.ROLE_AGENT,
          parts: [{ content: { $case: 'text', value: answer(text) }, mediaType: 'text/plain' }],
        }));
        bus.finished();
      },
      async cancelTask() {},
    };
    const handler = new DefaultRequestHandler(card, new InMemoryTaskStore(), executor);
    app.use('/.well-known/agent-card.json', agentCardHandler({ agentCardProvider: handler }));
    app.use('/a2a/jsonrpc', jsonRpcHandler({ requestHandler: handler, userBuilder: UserBuilder.noAuthentication }));
    console.log(`READY ${port}`);
  });
}
