// The fault matrix, through the public client API against a real loopback server: each case
// checks the typed result and how many requests reached the server.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createCaptainClient,
  createKatapultClient,
  type CaptainClientOptions,
  type KatapultClientOptions,
  type Result,
  type RetryEvent,
} from '../src/index.js';
import { closedPort, sendJson, startFaultServer, type FaultServer } from './support/fault-server.js';

const projectId = 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6';
const location = { projectId, bucket: 'photos', key: '2021/a b.jpg' };
const listPath = '/api/v{version}/projects/{projectId}/buckets/{name}/objects/{key}';
/** The real URL of the listing, as messages name it. */
const listUrl = () => `${server.url}/api/v1/projects/${projectId}/buckets/photos/objects/${encodeURIComponent(location.key)}`;
const revokePath = '/object_storage/object_storage_cluster/buckets/bucket/revoke_presigned_urls';
const revokeBody = { object_storage_cluster: { region: 'uk-lon-01' }, bucket: { name: 'backups' } };
/** Small delays so retries take milliseconds, not seconds. */
const fastRetry = { baseDelay: 1, maxDelay: 20 };

const versions = [
  { key: location.key, versionId: 'v2', isLatest: true, isDeleteMarker: false, lastModified: '2024-01-02T00:00:00Z', size: 10 },
  { key: location.key, versionId: 'v1', isLatest: false, isDeleteMarker: false, lastModified: '2024-01-01T00:00:00Z', size: 9 },
];
const resultInfo = { totalCount: 2, pageIndex: 0, pageSize: 50, totalPages: 1, hasNextPage: false, hasPreviousPage: false };
const listEnvelope = { success: true, errors: [], messages: [], result: versions, resultInfo };
const katapultError = (code: string, description: string, detail: object = {}) => ({ code, description, detail });

let server: FaultServer;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  server = await startFaultServer();
});
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(async () => {
  await server?.close();
  // Let any rejection from the last test surface before looking.
  await new Promise((resolve) => setTimeout(resolve, 20));
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

function captain(options: Partial<CaptainClientOptions> = {}) {
  return createCaptainClient({ baseUrl: server.url, auth: { apiKey: 'test-key' }, retry: fastRetry, timeout: 2_000, totalTimeout: 5_000, ...options });
}

function katapult(options: Partial<KatapultClientOptions> = {}) {
  return createKatapultClient({ baseUrl: server.url, token: 'test-token', retry: fastRetry, timeout: 2_000, totalTimeout: 5_000, ...options });
}

/** The error of a failed result; fails the test on success. */
function errorOf<E>(result: Result<unknown, E>): E {
  if (result.ok) throw new Error(`expected a failure, got status ${result.status}`);
  return result.error;
}

/** Collects onRetry events. */
function retries() {
  const events: RetryEvent[] = [];
  return { events, onRetry: (event: RetryEvent) => events.push(event) };
}

/** A fetch that counts the attempts that left the client, for servers that never answer. */
function countingFetch() {
  const counter = { calls: 0, fetch: (request: Request) => (counter.calls++, fetch(request)) };
  return counter;
}

describe('connection failures', () => {
  it('connection refused: network, retried for GET until attempts run out', async () => {
    const port = await closedPort();
    const counter = countingFetch();
    const { events, onRetry } = retries();
    const client = captain({ baseUrl: `http://127.0.0.1:${port}`, fetch: counter.fetch, onRetry });
    const error = errorOf(await client.listObjectVersions(location));
    const refusedUrl = listUrl().replace(server.url, `http://127.0.0.1:${port}`);
    expect(error).toMatchObject({ kind: 'network', code: 'ECONNREFUSED', message: `Request failed (network error ECONNREFUSED): GET ${refusedUrl}` });
    expect(error.kind === 'network' && error.cause).toBeInstanceOf(Error);
    expect(counter.calls).toBe(3);
    expect(events.map((event) => event.reason.kind)).toEqual(['network', 'network']);
  });

  it('connection refused: a POST is tried once', async () => {
    const port = await closedPort();
    const counter = countingFetch();
    const error = errorOf(await katapult({ baseUrl: `http://127.0.0.1:${port}`, fetch: counter.fetch }).revokePresignedUrls(revokeBody));
    expect(error.kind).toBe('network');
    expect(counter.calls).toBe(1);
  });

  it('a reset in the middle of the body: network, and a GET is retried', async () => {
    server.handle(({ res }) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write(JSON.stringify(listEnvelope).slice(0, 40));
      // Give the partial body time to leave before the reset.
      setTimeout(() => res.socket?.destroy(), 10);
    });
    const error = errorOf(await captain().listObjectVersions(location));
    expect(error).toMatchObject({ kind: 'network' });
    expect(server.requests).toHaveLength(3);
  });

  it('a reset in the middle of the body: a POST is sent once', async () => {
    server.handle(({ res }) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"success":');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    const error = errorOf(await katapult().revokePresignedUrls(revokeBody));
    expect(error.kind).toBe('network');
    expect(server.requests).toHaveLength(1);
  });
});

describe('time limits', () => {
  /** Answers only after `ms`, if the client is still there. */
  const lateHeaders = (ms: number) =>
    server.handle(async ({ res, wait }) => {
      if (await wait(ms)) sendJson(res, 200, listEnvelope);
    });

  it('headers after the attempt timeout: timeout, scope attempt, each attempt retried', async () => {
    lateHeaders(2_000);
    const { events, onRetry } = retries();
    const started = Date.now();
    const error = errorOf(await captain({ timeout: 100, retry: { ...fastRetry, attempts: 2 }, onRetry }).listObjectVersions(location));
    expect(error).toEqual({ kind: 'timeout', scope: 'attempt', ms: 100, operationId: 'listObjectVersions', message: `Request failed (timed out after 100 ms): GET ${listUrl()}` });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(server.requests).toHaveLength(2);
    expect(events).toHaveLength(1);
    expect(events[0]?.reason).toMatchObject({ kind: 'timeout', scope: 'attempt' });
  });

  it('headers after the total timeout: timeout, scope total, not retried', async () => {
    lateHeaders(2_000);
    const { events, onRetry } = retries();
    const error = errorOf(await captain({ timeout: 1_000, totalTimeout: 150, onRetry }).listObjectVersions(location));
    expect(error).toMatchObject({ kind: 'timeout', scope: 'total', ms: 150 });
    expect(server.requests).toHaveLength(1);
    expect(events).toEqual([]);
  });

  it('attempt timeouts are retried until the total deadline ends the call', async () => {
    lateHeaders(2_000);
    const { events, onRetry } = retries();
    const error = errorOf(await captain({ timeout: 100, totalTimeout: 260, retry: { ...fastRetry, attempts: 10 }, onRetry }).listObjectVersions(location));
    expect(error).toMatchObject({ kind: 'timeout', scope: 'total', ms: 260 });
    expect(events.every((event) => event.reason.kind === 'timeout')).toBe(true);
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
    expect(server.requests).toHaveLength(events.length + 1);
  });

  it.each([Infinity, 2 ** 31, 3 * 24 * 3600 * 1000])('a limit of %d ms waits for a late answer instead of ending at once', async (ms) => {
    lateHeaders(150);
    const result = await captain({ timeout: ms, totalTimeout: ms, retry: false }).listObjectVersions(location);
    expect(result.ok).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('a body that stalls after the headers: the attempt timeout covers the body too', async () => {
    server.handle(async ({ res, wait }) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"success":true,');
      if (await wait(2_000)) res.end();
    });
    const error = errorOf(await captain({ timeout: 100, retry: false }).listObjectVersions(location));
    expect(error).toMatchObject({ kind: 'timeout', scope: 'attempt', ms: 100 });
    expect(server.requests).toHaveLength(1);
  });
});

describe('responses outside the documented shape', () => {
  it('an HTML 502: unexpected_response with the status and the raw HTML, not retried', async () => {
    const html = '<html><body><h1>502 Bad Gateway</h1></body></html>\n';
    server.handle(({ res }) => {
      res.writeHead(502, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    });
    const error = errorOf(await captain().listObjectVersions(location));
    expect(error).toEqual({
      kind: 'unexpected_response',
      status: 502,
      contentType: 'text/html; charset=utf-8',
      text: html,
      violations: [],
      operationId: 'listObjectVersions',
      message: `Request failed (status 502, unexpected response): GET ${listUrl()}`,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('malformed JSON in a 200: unexpected_response with the text as received', async () => {
    const broken = '{"success":true,"errors":[],"result":[{"key":';
    server.handle(({ res }) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(broken);
    });
    const error = errorOf(await captain().listObjectVersions(location));
    expect(error).toMatchObject({ kind: 'unexpected_response', status: 200, contentType: 'application/json', text: broken });
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ['content-length: 0', { 'content-length': '0' }],
    ['chunked, no chunks', { 'transfer-encoding': 'chunked' }],
  ])('an empty 200 (%s): unexpected_response with empty text', async (_, headers) => {
    server.handle(({ res }) => {
      res.writeHead(200, { 'content-type': 'application/json', ...headers }).end();
    });
    const error = errorOf(await captain().listObjectVersions(location));
    expect(error).toMatchObject({ kind: 'unexpected_response', status: 200, text: '' });
    expect(server.requests).toHaveLength(1);
  });

  it.each(['text/html', 'text/plain; charset=utf-8'])('a valid envelope served as %s: unexpected_response', async (contentType) => {
    const body = JSON.stringify(listEnvelope);
    server.handle(({ res }) => {
      res.writeHead(200, { 'content-type': contentType }).end(body);
    });
    const error = errorOf(await captain().listObjectVersions(location));
    expect(error).toMatchObject({ kind: 'unexpected_response', status: 200, contentType, text: body });
    expect(server.requests).toHaveLength(1);
  });

  it('JSON of the wrong shape in a Katapult 200: unexpected_response', async () => {
    server.handle(({ res }) => sendJson(res, 200, { revoked: 'yes' }));
    const error = errorOf(await katapult().revokePresignedUrls(revokeBody));
    expect(error).toMatchObject({ kind: 'unexpected_response', status: 200, text: '{"revoked":"yes"}' });
    expect(server.requests).toHaveLength(1);
  });

  it('a Captain 200 with success: false is an api error carrying errors and messages', async () => {
    server.handle(({ res }) =>
      sendJson(res, 200, { success: false, errors: ['Bucket is locked'], messages: ['try later'], result: null, resultInfo: null }),
    );
    const error = errorOf(await captain().listObjectVersions(location));
    expect(error).toEqual({
      kind: 'api',
      status: 200,
      errors: ['Bucket is locked'],
      messages: ['try later'],
      operationId: 'listObjectVersions',
      message: `Request failed (status 200, Bucket is locked): GET ${listUrl()}`,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('a documented Captain 404 is an api error and is not retried', async () => {
    server.handle(({ res }) => sendJson(res, 404, { success: false, errors: ['Object not found'], messages: [], result: null }));
    const error = errorOf(await captain().listObjectVersions(location));
    expect(error).toMatchObject({ kind: 'api', status: 404, errors: ['Object not found'] });
    expect(server.requests).toHaveLength(1);
  });
});

describe('Retry-After', () => {
  /** The first request gets 429 with `retryAfter`, the next ones the listing. */
  const limitedOnce = (retryAfter: string) =>
    server.handle(({ res, index }) => {
      if (index === 1) res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': retryAfter }).end('slow down');
      else sendJson(res, 200, listEnvelope);
    });

  it('a 429 with Retry-After in seconds, then success: waits the seconds asked', async () => {
    limitedOnce('1');
    const { events, onRetry } = retries();
    const result = await captain({ onRetry, retry: { ...fastRetry, maxDelay: 5_000 } }).listObjectVersions(location);
    expect(result).toMatchObject({ ok: true, status: 200, data: { result: versions } });
    expect(server.requests).toHaveLength(2);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ attempt: 1, delay: 1_000, method: 'GET', path: listPath });
    expect(events[0]?.reason).toMatchObject({ kind: 'unexpected_response', status: 429, text: 'slow down' });
  });

  it('a 429 with Retry-After as an HTTP date, then success: waits until that date', async () => {
    // HTTP dates have whole seconds: pick one 0.5 to 1.5 s ahead.
    const at = Math.ceil((Date.now() + 500) / 1000) * 1000;
    limitedOnce(new Date(at).toUTCString());
    let expected = Number.NaN;
    const { events, onRetry } = retries();
    const result = await captain({
      onRetry: (event) => {
        expected = at - Date.now();
        onRetry(event);
      },
      retry: { ...fastRetry, maxDelay: 5_000 },
    }).listObjectVersions(location);
    expect(result.ok).toBe(true);
    expect(server.requests).toHaveLength(2);
    expect(events).toHaveLength(1);
    const delay = events[0]?.delay ?? Number.NaN;
    expect(delay).toBeGreaterThan(300);
    expect(Math.abs(delay - expected)).toBeLessThan(50);
  });

  it('a Retry-After longer than maxDelay: the 429 is returned as it is', async () => {
    limitedOnce('60');
    const { events, onRetry } = retries();
    const started = Date.now();
    const error = errorOf(await captain({ onRetry, retry: { ...fastRetry, maxDelay: 5_000 } }).listObjectVersions(location));
    expect(error).toMatchObject({ kind: 'unexpected_response', status: 429 });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(server.requests).toHaveLength(1);
    expect(events).toEqual([]);
  });

  it('a Retry-After past the total deadline: the 429 is returned as it is', async () => {
    limitedOnce('2');
    const { events, onRetry } = retries();
    const error = errorOf(await captain({ onRetry, totalTimeout: 1_500, retry: { ...fastRetry, maxDelay: 60_000 } }).listObjectVersions(location));
    expect(error).toMatchObject({ kind: 'unexpected_response', status: 429 });
    expect(server.requests).toHaveLength(1);
    expect(events).toEqual([]);
  });

  it.each(['Sun, 06 Nov 1994 08:49:37 GMT', 'Sunday, 06-Nov-94 08:49:37 GMT', 'Sun Nov  6 08:49:37 1994'])(
    'a Retry-After date in the past (%s) means retry now, in all three HTTP date forms',
    async (value) => {
      limitedOnce(value);
      vi.spyOn(Math, 'random').mockReturnValue(0.5);
      const { events, onRetry } = retries();
      const result = await captain({ onRetry, retry: { baseDelay: 40, maxDelay: 1_000 } }).listObjectVersions(location);
      expect(result.ok).toBe(true);
      expect(events.map((event) => event.delay)).toEqual([0]);
    },
  );

  it.each(['1.5', '-1', 'May 5'])('an unreadable Retry-After (%s) falls back to the backoff', async (value) => {
    limitedOnce(value);
    // Full jitter draws Math.random(); pin it so the backoff is exactly half its cap.
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const { events, onRetry } = retries();
    const result = await captain({ onRetry, retry: { baseDelay: 40, maxDelay: 1_000 } }).listObjectVersions(location);
    expect(result.ok).toBe(true);
    expect(events.map((event) => event.delay)).toEqual([20]);
  });
});

describe('retry policy', () => {
  const always503 = () => server.handle(({ res }) => sendJson(res, 503, katapultError('service_unavailable', 'Down for maintenance')));

  it('503s until the client gives up: every attempt made, the last 503 returned', async () => {
    always503();
    const { events, onRetry } = retries();
    const error = errorOf(await captain({ onRetry, retry: { ...fastRetry, attempts: 4 } }).listObjectVersions(location));
    // Captain documents no 503, so it is an unexpected response; still retryable.
    expect(error).toMatchObject({ kind: 'unexpected_response', status: 503 });
    expect(server.requests).toHaveLength(4);
    expect(events.map((event) => event.attempt)).toEqual([1, 2, 3]);
  });

  it('Katapult 503s with retry opted in: the documented api error after the attempts', async () => {
    always503();
    const error = errorOf(await katapult().revokePresignedUrls(revokeBody, { retry: { attempts: 3 } }));
    expect(error).toMatchObject({ kind: 'api', status: 503, code: 'service_unavailable', description: 'Down for maintenance', detail: {} });
    expect(server.requests).toHaveLength(3);
  });

  it('a POST is never retried by default, even when the client policy allows attempts', async () => {
    always503();
    const error = errorOf(await katapult({ retry: { ...fastRetry, attempts: 5 } }).revokePresignedUrls(revokeBody));
    expect(error).toMatchObject({ kind: 'api', status: 503 });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ method: 'POST', url: revokePath, body: JSON.stringify(revokeBody) });
    expect(server.requests[0]?.headers.authorization).toBe('Bearer test-token');
  });

  it('a POST is retried when the call passes retry: true (default attempts) or a policy', async () => {
    always503();
    await katapult().revokePresignedUrls(revokeBody, { retry: true });
    expect(server.requests).toHaveLength(3);
    always503();
    await katapult().revokePresignedUrls(revokeBody, { retry: { attempts: 2, baseDelay: 1 } });
    expect(server.requests).toHaveLength(2);
  });

  it('a Katapult 504 network_error is retried like a 503, then success', async () => {
    server.handle(({ res, index }) => {
      if (index < 3) sendJson(res, 504, katapultError('network_error', 'Upstream network error'));
      else sendJson(res, 200, { success: true });
    });
    const { events, onRetry } = retries();
    const result = await katapult({ onRetry }).revokePresignedUrls(revokeBody, { retry: true });
    expect(result).toMatchObject({ ok: true, status: 200, data: { success: true } });
    expect(events.map((event) => [event.reason.kind, 'status' in event.reason && event.reason.status])).toEqual([
      ['api', 504],
      ['api', 504],
    ]);
    expect(server.requests).toHaveLength(3);
  });

  it('PUT and DELETE are retried by default; retry: false turns it off per call', async () => {
    always503();
    await captain().restoreObjectVersion({ ...location, versionId: 'v1' });
    expect(server.requests.map((request) => request.method)).toEqual(['PUT', 'PUT', 'PUT']);
    always503();
    await captain().deleteObjectVersion({ ...location, versionId: 'v1' });
    expect(server.requests.map((request) => request.method)).toEqual(['DELETE', 'DELETE', 'DELETE']);
    always503();
    await captain().listObjectVersions(location, { retry: false });
    expect(server.requests).toHaveLength(1);
  });

  it('statuses that are not "later" (500, 404) are not retried', async () => {
    server.handle(({ res }) => res.writeHead(500, { 'content-type': 'text/plain' }).end('boom'));
    expect(errorOf(await captain().listObjectVersions(location))).toMatchObject({ kind: 'unexpected_response', status: 500, text: 'boom' });
    expect(server.requests).toHaveLength(1);
  });

  it('onRetry events carry the attempt, the delay within the backoff cap, the reason, method and path', async () => {
    server.handle(({ res, index }) => {
      if (index < 3) res.writeHead(503, { 'content-type': 'text/plain' }).end('busy');
      else sendJson(res, 200, listEnvelope);
    });
    const { events, onRetry } = retries();
    const baseDelay = 10;
    const result = await captain({ onRetry, retry: { baseDelay, maxDelay: 1_000 } }).listObjectVersions(location);
    expect(result.ok).toBe(true);
    expect(events).toHaveLength(2);
    events.forEach((event, i) => {
      expect(event).toMatchObject({ attempt: i + 1, method: 'GET', path: listPath, reason: { kind: 'unexpected_response', status: 503, text: 'busy' } });
      expect(event.delay).toBeGreaterThanOrEqual(0);
      expect(event.delay).toBeLessThanOrEqual(baseDelay * 2 ** i);
    });
  });

  it("Katapult's 429 detail.total_permitted reaches the caller and onRetry", async () => {
    server.handle(({ res }) =>
      sendJson(res, 429, katapultError('rate_limit_reached', 'Too many requests', { total_permitted: 120 }), { 'retry-after': '0' }),
    );
    const { events, onRetry } = retries();
    const error = errorOf(await katapult({ onRetry }).revokePresignedUrls(revokeBody, { retry: { attempts: 2 } }));
    if (error.kind !== 'api' || error.status !== 429) throw new Error(`expected the documented 429, got ${error.message}`);
    // Narrowed by status, detail is typed: no cast needed.
    expect(error.detail.total_permitted).toBe(120);
    expect(error.code).toBe('rate_limit_reached');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ attempt: 1, delay: 0, reason: { kind: 'api', status: 429, detail: { total_permitted: 120 } } });
    expect(server.requests).toHaveLength(2);
  });
});

describe('callbacks that misbehave', () => {
  /** Settles like `promise`, or fails the test if it has not settled within `ms`. */
  const within = <T>(promise: Promise<T>, ms: number) =>
    Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms))]);

  it('a credential function that never settles: the attempt timeout still ends the call', async () => {
    server.handle(({ res }) => sendJson(res, 200, listEnvelope));
    const client = captain({ auth: { bearer: () => new Promise<string>(() => {}) }, timeout: 100, retry: false });
    const error = errorOf(await within(client.listObjectVersions(location), 2_000));
    expect(error).toMatchObject({ kind: 'timeout', scope: 'attempt', ms: 100 });
    expect(server.requests).toHaveLength(0);
  });

  it('a credential function that never settles: the caller can still abort', async () => {
    server.handle(({ res }) => sendJson(res, 200, listEnvelope));
    const controller = new AbortController();
    setTimeout(() => controller.abort('stop'), 50);
    const client = katapult({ token: () => new Promise<string>(() => {}) });
    const error = errorOf(await within(client.revokePresignedUrls(revokeBody, { signal: controller.signal }), 2_000));
    expect(error).toMatchObject({ kind: 'aborted', reason: 'stop' });
    expect(server.requests).toHaveLength(0);
  });

  it('an onRetry that throws does not make the call reject; retrying goes on', async () => {
    server.handle(({ res, index }) => {
      if (index === 1) res.writeHead(503, { 'content-type': 'text/plain' }).end('busy');
      else sendJson(res, 200, listEnvelope);
    });
    const onRetry = vi.fn(() => {
      throw new Error('logger broke');
    });
    const result = await captain({ onRetry }).listObjectVersions(location);
    expect(result.ok).toBe(true);
    expect(onRetry).toHaveBeenCalledTimes(1);
    expect(server.requests).toHaveLength(2);
  });
});

describe('abort', () => {
  it('abort during a pending retry wait resolves at once to aborted, and nothing more is sent', async () => {
    server.handle(({ res }) => res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '20' }).end('later'));
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    const { events, onRetry } = retries();
    const client = captain({
      onRetry: (event) => {
        onRetry(event);
        setTimeout(() => controller.abort(reason), 20);
      },
      retry: { ...fastRetry, maxDelay: 60_000 },
      totalTimeout: 60_000,
    });
    const started = Date.now();
    const result = await client.listObjectVersions(location, { signal: controller.signal });
    const elapsed = Date.now() - started;
    expect(events.map((event) => event.delay)).toEqual([20_000]);
    expect(errorOf(result)).toEqual({ kind: 'aborted', reason, operationId: 'listObjectVersions', message: `Request failed (aborted): GET ${listUrl()}` });
    expect(elapsed).toBeLessThan(1_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.requests).toHaveLength(1);
  });

  it('abort during a long backoff wait (large baseDelay) also resolves at once', async () => {
    server.handle(({ res }) => res.writeHead(503, { 'content-type': 'text/plain' }).end('later'));
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    const controller = new AbortController();
    const { events, onRetry } = retries();
    const client = captain({ onRetry, retry: { baseDelay: 30_000, maxDelay: 30_000 }, totalTimeout: 60_000 });
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    const error = errorOf(await client.listObjectVersions(location, { signal: controller.signal }));
    expect(error.kind).toBe('aborted');
    expect(events[0]?.delay).toBeGreaterThan(29_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(server.requests).toHaveLength(1);
  });

  it('abort while the response is pending: aborted, not timeout, and not retried', async () => {
    server.handle(async ({ res, wait }) => {
      if (await wait(2_000)) sendJson(res, 200, listEnvelope);
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort('stop'), 50);
    const error = errorOf(await captain().listObjectVersions(location, { signal: controller.signal }));
    expect(error).toMatchObject({ kind: 'aborted', reason: 'stop' });
    expect(server.requests).toHaveLength(1);
  });

  it('abort before send: aborted, and no request reaches the server', async () => {
    server.handle(({ res }) => sendJson(res, 200, listEnvelope));
    const counter = countingFetch();
    const signal = AbortSignal.abort('never mind');
    const error = errorOf(await captain({ fetch: counter.fetch }).listObjectVersions(location, { signal }));
    expect(error).toMatchObject({ kind: 'aborted', reason: 'never mind' });
    const post = errorOf(await katapult({ fetch: counter.fetch }).revokePresignedUrls(revokeBody, { signal }));
    expect(post.kind).toBe('aborted');
    expect(counter.calls).toBe(0);
    expect(server.requests).toHaveLength(0);
  });
});
