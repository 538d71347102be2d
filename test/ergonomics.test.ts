// What a user meets in logs and in their editor: printable results, extra headers,
// error-code lists and guards, a credential function's own error, options given as
// undefined.
import { inspect } from 'node:util';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  clientFailureKinds,
  createCaptainClient,
  createKatapultClient,
  isCaptainError,
  isKatapultError,
  katapultErrorCodes,
  type KatapultErrorCode,
} from '../src/index.js';
import { recordingFetch } from './support/recording-fetch.js';

const lookup = { object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'backups' } };
const requestId = '3f1c2b7e-8d1a-4e3b-9c6f-2a7d1e0b4c93';
const answer = (status: number, body: unknown) =>
  recordingFetch(() => Response.json(body, { status, headers: { 'x-request-id': requestId, 'x-ratelimit-permitted': '1000', 'x-ratelimit-remaining': '999' } }));

describe('printing a result', () => {
  it('shows the outcome, not the Response, in util.inspect and JSON', async () => {
    const { fetch } = answer(200, { success: true });
    const result = await createKatapultClient({ token: 't', fetch }).revokePresignedUrls(lookup);
    expect(result.response).toBeInstanceOf(Response);
    expect(Object.keys(result)).toEqual(['ok', 'data', 'status', 'requestId', 'rateLimit']);
    expect(inspect(result)).toBe(
      `{\n  ok: true,\n  data: { success: true },\n  status: 200,\n  requestId: '${requestId}',\n  rateLimit: { permitted: 1000, remaining: 999 }\n}`,
    );
    expect(JSON.parse(JSON.stringify(result))).toEqual({ ok: true, data: { success: true }, status: 200, requestId, rateLimit: { permitted: 1000, remaining: 999 } });
  });

  it('a failure too', async () => {
    const { fetch } = answer(404, { error: { code: 'object_storage_bucket_not_found', description: 'No bucket', detail: {} } });
    const result = await createKatapultClient({ token: 't', fetch, retry: false }).getBucket(lookup);
    expect(inspect(result)).not.toMatch(/Response|Symbol|undici/);
    expect(Object.keys(result)).toEqual(['ok', 'error', 'requestId', 'rateLimit']);
  });
});

describe('extra headers', () => {
  it('adds the client headers and the call headers to every request', async () => {
    const { fetch, requests } = answer(200, { success: true });
    const katapult = createKatapultClient({ token: 't', fetch, headers: { 'User-Agent': 'backup-tool/1.4', 'X-Team': 'ops' } });
    await katapult.revokePresignedUrls(lookup, { headers: { 'X-Trace-Id': 'abc', 'X-Team': 'storage' } });
    const sent = requests[0]!.headers;
    expect([sent.get('user-agent'), sent.get('x-team'), sent.get('x-trace-id'), sent.get('authorization')]).toEqual(['backup-tool/1.4', 'storage', 'abc', 'Bearer t']);
  });

  it('refuses credential headers: a TypeError at creation, invalid_input on a call, nothing sent', async () => {
    expect(() => createKatapultClient({ token: 't', headers: { Authorization: 'Bearer other' } })).toThrow(
      new TypeError('headers.Authorization must not be set here: pass the credential as the token or auth option'),
    );
    const { fetch, requests } = answer(200, { success: true });
    const captain = createCaptainClient({ baseUrl: 'https://storage.example.net', auth: { apiKey: 'k' }, fetch });
    const result = await captain.listBuckets({ projectId: 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6' }, { headers: { 'X-Api-Key': 'another' } });
    expect(!result.ok && result.error).toMatchObject({ kind: 'invalid_input', parameter: 'headers.X-Api-Key' });
    expect(requests).toHaveLength(0);
  });
});

describe('error codes for logs and metrics', () => {
  it('lists every documented Katapult code at run time', () => {
    expect(katapultErrorCodes).toHaveLength(29);
    expect(katapultErrorCodes).toEqual(expect.arrayContaining(['rate_limit_reached', 'invalid_argument', 'unhandled_exception', 'object_storage_bucket_not_found']));
    expectTypeOf(katapultErrorCodes).toEqualTypeOf<readonly KatapultErrorCode[]>();
    expect(clientFailureKinds).toEqual(['invalid_input', 'unexpected_response', 'network', 'timeout', 'aborted', 'credential']);
  });

  it('guards narrow to a member', async () => {
    const { fetch } = answer(429, { error: { code: 'rate_limit_reached', description: 'Slow down', detail: { total_permitted: 1000 } } });
    const result = await createKatapultClient({ token: 't', fetch, retry: false }).getBucket(lookup);
    const error: unknown = !result.ok && result.error;
    expect(isKatapultError(error)).toBe(true);
    expect(isKatapultError(error, 'scope_not_granted')).toBe(false);
    if (!isKatapultError(error, 'rate_limit_reached')) throw new Error('expected rate_limit_reached');
    expectTypeOf(error.detail.total_permitted).toBeNumber();
    expect(error.detail.total_permitted).toBe(1000);
    expect(isKatapultError({ kind: 'api', code: 'made_up' })).toBe(false);
    expect(isCaptainError({ kind: 'api', status: 404, errors: ['gone'], messages: [] }, 404)).toBe(true);
    expect(isCaptainError(error)).toBe(false);
  });
});

describe('a credential function that fails', () => {
  it('keeps its own error as the cause, and the message says what happened', async () => {
    const { fetch, requests } = answer(200, { success: true });
    const sealed = new Error('vault is sealed');
    const result = await createKatapultClient({ token: () => Promise.reject(sealed), fetch }).revokePresignedUrls(lookup);
    expect(!result.ok && result.error).toMatchObject({ kind: 'credential', rule: 'the credential function threw', cause: sealed });
    expect(!result.ok && result.error.message).toMatch(/^Request failed \(the credential function threw\): POST https:\/\/api\.katapult\.io\/core\/v1\//);
    expect(requests).toHaveLength(0);
  });
});

describe('options given as undefined', () => {
  it('take their defaults', async () => {
    let calls = 0;
    const fetch = async () => {
      calls += 1;
      return new Response('busy', { status: 503 });
    };
    const captain = createCaptainClient({
      baseUrl: 'https://storage.example.net',
      auth: { apiKey: 'k' },
      fetch,
      timeout: undefined,
      totalTimeout: undefined,
      headers: undefined,
      onRetry: undefined,
      retry: { attempts: undefined, baseDelay: 1, maxDelay: undefined },
    });
    await captain.listBuckets({ projectId: 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6', search: undefined }, { signal: undefined, retry: undefined, timeout: undefined });
    expect(calls).toBe(3);
  });
});
