import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiRequestError, createCaptainClient, createKatapultClient, unwrap, type AnyError, type CaptainAuth, type Result } from '../src/index.js';
import { envelope, recordingFetch } from './support/recording-fetch.js';

const secret = 'sk_live_7hQ2-secret-credential';
const object = { projectId: 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6', bucket: 'photos', key: 'a.jpg' };
const revokeBody = { object_storage_cluster: { region: 'uk' }, bucket: { name: 'b' } };

describe('credentials are sent as documented', () => {
  it('Katapult sends the token as a bearer token', async () => {
    const { fetch, requests } = recordingFetch(() => Response.json({ success: true }));
    await createKatapultClient({ token: secret, fetch }).revokePresignedUrls(revokeBody);
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${secret}`);
  });

  it('Captain sends an API key as x-api-key, and no Authorization', async () => {
    const { fetch, requests } = recordingFetch(() => envelope([]));
    await createCaptainClient({ baseUrl: 'https://storage.example.net', auth: { apiKey: secret }, fetch }).listObjectVersions(object);
    expect(requests[0]!.headers.get('x-api-key')).toBe(secret);
    expect(requests[0]!.headers.has('authorization')).toBe(false);
  });

  it('Captain sends a bearer token as Authorization, and no x-api-key', async () => {
    const { fetch, requests } = recordingFetch(() => envelope([]));
    await createCaptainClient({ baseUrl: 'https://storage.example.net', auth: { bearer: secret }, fetch }).listObjectVersions(object);
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${secret}`);
    expect(requests[0]!.headers.has('x-api-key')).toBe(false);
  });

  it.each([
    ['a sync function', (n: number) => () => `token-${n}`],
    ['an async function', (n: number) => async () => `token-${n}`],
  ])('calls %s on every request, so rotated tokens are used', async (_, make) => {
    let calls = 0;
    const token = () => make(++calls)();
    const { fetch, requests } = recordingFetch(() => Response.json({ success: true }));
    const katapult = createKatapultClient({ token, fetch });
    await katapult.revokePresignedUrls(revokeBody);
    await katapult.revokePresignedUrls(revokeBody);
    expect(requests.map((request) => request.headers.get('authorization'))).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('reads the credential again for each retry', async () => {
    let calls = 0;
    const { fetch, requests } = recordingFetch(() => (requests.length <= 2 ? new Response('', { status: 503 }) : envelope([])));
    const captain = createCaptainClient({ baseUrl: 'https://storage.example.net', auth: { bearer: () => `t${++calls}` }, fetch, retry: { baseDelay: 1 } });
    expect((await captain.listObjectVersions(object)).ok).toBe(true);
    expect(requests.map((request) => request.headers.get('authorization'))).toEqual(['Bearer t1', 'Bearer t2', 'Bearer t3']);
  });

  it('refuses a missing credential when the client is made', () => {
    expect(() => createKatapultClient({ token: '' })).toThrow(new TypeError('token must be a non-empty string or a function that returns one'));
    expect(() => createCaptainClient({ baseUrl: 'https://s.example.net', auth: {} as never })).toThrow(/auth.bearer or auth.apiKey must be/);
  });
});

describe('redaction', () => {
  it('replaces an echoed credential but leaves words that merely contain a short one', async () => {
    const { fetch } = recordingFetch(() => new Response('bad key: k; bucket keys are fine', { status: 502, headers: { 'content-type': 'text/plain' } }));
    const captain = createCaptainClient({ baseUrl: 'https://storage.example.net', auth: { apiKey: 'k' }, fetch, retry: false });
    const result = await captain.listObjectVersions(object);
    expect(!result.ok && result.error).toMatchObject({
      kind: 'unexpected_response',
      text: 'bad key: [redacted]; bucket keys are fine',
      message: `Request failed (status 502, unexpected response): GET https://storage.example.net/api/v1/projects/${object.projectId}/buckets/${object.bucket}/objects/${encodeURIComponent(object.key)}`,
    });
  });
});

describe('base URLs', () => {
  it.each(['ftp://storage.example.net', 'storage.example.net', 'https://user:pass@storage.example.net', 'https://storage.example.net/?a=1', 'https://storage.example.net/#x'])(
    'refuses %j',
    (baseUrl) => {
      expect(() => createCaptainClient({ baseUrl, auth: { apiKey: 'k' } })).toThrow(TypeError);
    },
  );
});

describe('credentials never reach another origin', () => {
  const servers: Server[] = [];
  const seen: Record<string, Array<{ url: string; authorization?: string | undefined; apiKey?: string | undefined }>> = { api: [], elsewhere: [] };
  let api = '';
  let elsewhere = '';

  const listen = async (name: 'api' | 'elsewhere', handler: (url: string, respond: (status: number, headers: Record<string, string>) => void) => void) => {
    const server = createServer((request, response) => {
      seen[name]!.push({ url: request.url!, authorization: request.headers.authorization, apiKey: request.headers['x-api-key'] as string | undefined });
      handler(request.url!, (status, headers) => response.writeHead(status, headers).end());
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  beforeAll(async () => {
    elsewhere = await listen('elsewhere', (_, respond) => respond(200, { 'content-type': 'application/json' }));
    api = await listen('api', (url, respond) => respond(307, { location: `${elsewhere}${url}` }));
  });
  afterAll(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));

  it.each<[string, CaptainAuth, Record<string, string>]>([
    ['an API key', { apiKey: secret }, { apiKey: secret }],
    ['a bearer token', { bearer: secret }, { authorization: `Bearer ${secret}` }],
  ])('a redirect to another origin is not followed with %s', async (_, auth, sent) => {
    const captain = createCaptainClient({ baseUrl: api, auth, retry: false });
    const result = await captain.listObjectVersions(object);
    expect(!result.ok && result.error).toMatchObject({ kind: 'unexpected_response', status: 307 });
    expect(seen.api!.at(-1)).toMatchObject(sent);
    expect(seen.elsewhere).toEqual([]);
  });
});

describe('credentials never appear in errors or logs', () => {
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) => vi.spyOn(console, level));
  afterEach(() => spies.forEach((spy) => spy.mockClear()));

  const failures: Array<[string, (fetch: (request: Request) => Promise<Response>) => Promise<Result<unknown, AnyError>>, (request: Request) => Promise<Response>]> = [
    ['an API error', (fetch) => createKatapultClient({ token: secret, fetch }).revokePresignedUrls(revokeBody), async () => Response.json({ code: 'invalid_api_token', description: 'bad', detail: { details: null } }, { status: 403 })],
    ['an unexpected response that echoes the request', (fetch) => createKatapultClient({ token: secret, fetch }).revokePresignedUrls(revokeBody), async (request) => new Response(`<pre>${[...request.headers].join('\n')}</pre>`, { status: 502 })],
    ['a network failure', (fetch) => createCaptainClient({ baseUrl: 'http://127.0.0.1:9', auth: { apiKey: secret }, fetch, retry: false }).listObjectVersions(object), (request) => globalThis.fetch(request)],
    ['a timeout', (fetch) => createCaptainClient({ baseUrl: 'https://s.example.net', auth: { bearer: secret }, fetch, timeout: 5, retry: false }).listObjectVersions(object), (request) => new Promise((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)))],
    ['an invalid input', (fetch) => createCaptainClient({ baseUrl: 'https://s.example.net', auth: { apiKey: secret }, fetch }).listObjectVersions({ ...object, bucket: secret }), async () => Response.json({})],
    ['a credential that cannot go in a header', (fetch) => createKatapultClient({ token: `${secret}\r\nX-Injected: 1`, fetch }).revokePresignedUrls(revokeBody), async () => Response.json({ success: true })],
  ];

  it.each(failures)('%s', async (_, call, respond) => {
    const result = await call(respond);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const thrown = await unwrap(call(respond)).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(ApiRequestError);
    const views = [
      result.error.message,
      JSON.stringify(result.error),
      inspect(result.error, { depth: 8, showHidden: true }),
      String(thrown),
      JSON.stringify(thrown),
      inspect(thrown, { depth: 8, showHidden: true }),
      (thrown as Error).stack ?? '',
    ];
    for (const view of views) expect(view).not.toContain('7hQ2');
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});
