// A small front for the Katapult Prism mock, so that `npm run mock` answers what Prism
// alone gets wrong as Katapult's server does. It runs the very checks the fake runs
// (src/testing/apia.ts, Katapult's API framework as the fake models it): the route, the
// token and its scope, the JSON body and the arguments. A request they refuse gets the
// framework's error, as the fake gives it; one they let through goes to Prism, which
// answers with the spec's examples.
//
// Prism alone, finding no 401 in the spec, makes up a `401 application/problem+json` for a
// missing token, a shape Katapult never sends; and it answers a request that breaks the
// spec with the first example of the operation's 422 or 400, whatever was wrong.
//
// A request that asks for a case with `Prefer: code=…` is Prism's to answer, as it is.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { admit, KatapultFault, tokensOf } from '../src/testing/apia.js';
import { demoCredentials } from '../src/testing/demo.js';

/** The Katapult mock's base path, as the spec's server URL has it. */
const basePath = '/core/v1';

async function readBody(message: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const faultAnswer = ({ status, code, description, detail }: KatapultFault): Answer => ({
  status,
  headers: {
    'content-type': 'application/json',
    'x-api-schema': 'json-error',
    'x-request-id': randomUUID(),
    'x-ratelimit-permitted': '1000',
    'x-ratelimit-remaining': '999',
  },
  body: JSON.stringify({ error: { code, description, detail } }),
});

/** Answers one request: with the framework's error where it refuses one, else with Prism's answer. */
async function answer(message: IncomingMessage, target: string, tokens: ReturnType<typeof tokensOf>): Promise<Answer> {
  const body = await readBody(message);
  const url = new URL(message.url ?? '/', 'http://front.invalid');
  const method = message.method ?? 'GET';
  const headers = Object.fromEntries(Object.entries(message.headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && !['host', 'connection', 'content-length'].includes(entry[0])));
  // A case asked for by status is Prism's to answer, whatever the request.
  if (method !== 'OPTIONS' && !/\bcode=/.test(headers.prefer ?? '')) {
    const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : url.pathname;
    const request = new Request(url, { method, headers, ...(body.length > 0 && method !== 'GET' && method !== 'HEAD' ? { body: new Uint8Array(body) } : {}) });
    try {
      await admit(request, path, tokens);
    } catch (fault) {
      if (fault instanceof KatapultFault) return faultAnswer(fault);
      throw fault;
    }
  }
  const response = await fetch(new URL(`${url.pathname}${url.search}`, target), { method, headers, ...(body.length > 0 ? { body: new Uint8Array(body) } : {}) });
  const passed = Object.fromEntries(response.headers);
  delete passed['content-length'];
  delete passed['transfer-encoding'];
  return { status: response.status, headers: passed, body: await response.text() };
}

export interface Front {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts the front on 127.0.0.1, in front of the Katapult Prism mock at `target`. It knows
 * the demo's tokens (`fake-token`, and `fake-read-token` with the read scope only), as
 * `object-storage fake` does; `tokens` replaces them.
 */
export async function startKatapultFront({ target, port = 0, tokens = demoCredentials.katapultTokens }: { target: string; port?: number; tokens?: Readonly<Record<string, readonly string[]>> }): Promise<Front> {
  const known = tokensOf(tokens);
  const server = createServer(async (message, reply) => {
    try {
      const { status, headers, body } = await answer(message, target, known);
      reply.writeHead(status, headers).end(body);
    } catch (error) {
      reply.writeHead(502, { 'content-type': 'text/plain' }).end(`The mock front could not reach Prism: ${(error as Error).message}`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
