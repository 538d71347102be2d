// A loopback stand-in for both APIs under load: Captain's version listing and Katapult's
// revoke. Answers are derived from the request, so the load runner can check each one.
// Run directly, it listens on 127.0.0.1 and prints its URL as the first stdout line.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { ObjectVersion } from '../src/index.js';

export const loadCredentials: { readonly captainKey: string; readonly katapultToken: string } = { captainKey: 'load-key', katapultToken: 'load-token' };

const listPath = /^\/api\/v1\/projects\/([^/]+)\/buckets\/([^/]+)\/objects\/([^/]+)$/;
const revokePath = '/object_storage/object_storage_cluster/buckets/bucket/revoke_presigned_urls';

/** The versions the server lists for `key`: as many as `maxKeys` asks. */
export function expectedVersions(key: string, maxKeys: number): ObjectVersion[] {
  return Array.from({ length: maxKeys }, (_, i) => ({
    key,
    versionId: `${key}#${i}`,
    isLatest: i === 0,
    isDeleteMarker: i % 3 === 2,
    lastModified: new Date(Date.UTC(2024, 0, 1) - i * 1000).toISOString(),
    size: i % 3 === 2 ? 0 : key.length + i,
  }));
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

const envelopeFailure = (error: string) => ({ success: false, errors: [error], messages: [], result: null });

export interface LoadServer {
  readonly url: string;
  /** What the server answered: listings, revokes, and requests it refused. */
  readonly stats: { readonly list: number; readonly revoke: number; readonly rejected: number };
  close(): Promise<void>;
}

/** Starts the server; `stats` counts what it answered, `close()` also ends open sockets. */
export async function startLoadServer({ port = 0 }: { readonly port?: number } = {}): Promise<LoadServer> {
  const stats = { list: 0, revoke: 0, rejected: 0 };
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method === 'GET' && url.pathname === '/__stats') return send(res, 200, stats);

      const list = listPath.exec(url.pathname);
      if (req.method === 'GET' && list) {
        if (req.headers['x-api-key'] !== loadCredentials.captainKey) {
          stats.rejected++;
          return send(res, 401, envelopeFailure('Unauthorized'));
        }
        const key = decodeURIComponent(list[3] ?? '');
        const maxKeys = Number(url.searchParams.get('maxKeys') ?? '1');
        stats.list++;
        return send(res, 200, {
          success: true,
          errors: [],
          messages: [],
          result: expectedVersions(key, maxKeys),
          resultInfo: { totalCount: maxKeys, pageIndex: 0, pageSize: maxKeys, totalPages: 1, hasNextPage: false, hasPreviousPage: false },
        });
      }

      if (req.method === 'POST' && url.pathname === revokePath) {
        let body: { bucket?: { name?: unknown } } | undefined;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          body = undefined;
        }
        if (req.headers.authorization !== `Bearer ${loadCredentials.katapultToken}` || !body?.bucket?.name) {
          stats.rejected++;
          return send(res, 403, { code: 'invalid_api_token', description: 'The API token is not valid', detail: { details: 'rejected' } });
        }
        stats.revoke++;
        return send(res, 200, { success: true });
      }

      stats.rejected++;
      send(res, 404, envelopeFailure('No such route'));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const server = await startLoadServer();
  console.log(server.url);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Never outlive the runner that started it.
  process.on('disconnect', stop);
  process.stdin.on('end', stop).resume();
}
