// A programmable node:http server on 127.0.0.1 for fault tests: each test sets the handler,
// every request is logged, and closing destroys whatever sockets are still open.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface LoggedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface HandlerContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly request: LoggedRequest;
  /** 1 for the first request since the handler was set. */
  readonly index: number;
  /** Aborts when the client goes away or the server closes. */
  readonly gone: AbortSignal;
  /** Waits `ms`; resolves false early if the client went away, true otherwise. */
  wait(ms: number): Promise<boolean>;
}

/** What it returns is ignored; a promise is awaited. */
export type Handler = (context: HandlerContext) => unknown;

export interface FaultServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Requests since the handler was last set. */
  readonly requests: readonly LoggedRequest[];
  /** Replaces the handler and clears the request log. */
  handle(handler: Handler): void;
  /** Destroys open sockets and stops listening. Safe to call twice. */
  close(): Promise<void>;
}

const notSet: Handler = ({ res }) => {
  res.writeHead(500, { 'content-type': 'text/plain' }).end('no handler set for this test');
};

export async function startFaultServer(): Promise<FaultServer> {
  let handler = notSet;
  let requests: LoggedRequest[] = [];
  const sockets = new Set<Socket>();
  const closing = new AbortController();

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: LoggedRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(request);
    const left = new AbortController();
    res.on('close', () => left.abort());
    const gone = AbortSignal.any([left.signal, closing.signal]);
    const wait = (ms: number) =>
      new Promise<boolean>((resolve) => {
        if (gone.aborted) return resolve(false);
        const timer = setTimeout(() => {
          gone.removeEventListener('abort', onGone);
          resolve(true);
        }, ms);
        const onGone = () => {
          clearTimeout(timer);
          resolve(false);
        };
        gone.addEventListener('abort', onGone, { once: true });
      });
    try {
      await handler({ req, res, request, index: requests.length, gone, wait });
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`handler threw: ${String(error)}`);
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    handle(next) {
      handler = next;
      requests = [];
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
  };
}

/** A port nothing listens on: the OS hands one out, and it is closed again at once. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Sends a JSON body with its content type. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}
