import { describe, expect, inject, it } from 'vitest';
import { createCaptainClient, type CaptainAuth } from '../src/index.js';
import { captainInputs, callOperation, katapultInputs, object } from './support/inputs.js';
import { preferring, type Seen } from './support/prefer.js';
import { documentedCases, loadSpec, operationIds, type DocumentedCase } from './support/specs.js';

const katapultSpec = loadSpec('katapult');
const captainSpec = loadSpec('captain');

type Call = (fetch: (request: Request) => Promise<Response>, auth: CaptainAuth) => Promise<any>;

const mockOf = (operationId: string) => inject(operationId in katapultInputs ? 'katapultMockUrl' : 'captainMockUrl');

/** How each operation is called through the client. */
const calls: Record<string, Call> = Object.fromEntries(
  [...Object.keys(katapultInputs), ...Object.keys(captainInputs)].map((operationId) => [
    operationId,
    (fetch, auth) => callOperation(operationId, { baseUrl: mockOf(operationId), fetch, auth }),
  ]),
);

/** Prism's verdict on every request: a 422 or a reported violation fails the test. */
function expectValidRequests(seen: Seen[], status: number) {
  expect(seen.length).toBeGreaterThan(0);
  for (const response of seen) {
    expect(response.violations).toBeNull();
    expect(response.status).toBe(status);
  }
}

describe('every operation of the specs has a client method', () => {
  it('maps each operationId to a call', () => {
    expect([...operationIds(katapultSpec), ...operationIds(captainSpec)].sort()).toEqual(Object.keys(calls).sort());
  });
});

describe('Katapult against its Prism mock', () => {
  const cases = documentedCases(katapultSpec);

  it('documents a success for each of the 16 operations and every error code', () => {
    expect(new Set(cases.filter((c) => c.status < 300).map((c) => c.operationId)).size).toBe(16);
    expect(new Set(cases.filter((c) => c.status >= 400).map((c) => c.example)).size).toBe(29);
  });

  it.each(cases)('$operationId $status $example', async ({ operationId, method, path, status, example, value }: DocumentedCase) => {
    const seen: Seen[] = [];
    const result = await calls[operationId]!(preferring(status, example, seen), { bearer: 'unused' });
    expectValidRequests(seen, status);
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.rateLimit).toEqual({ permitted: expect.any(Number), remaining: expect.any(Number) });
    if (status < 300) {
      expect(result).toMatchObject({ ok: true, status, data: value });
      return;
    }
    expect(result.ok).toBe(false);
    expect(result.error).toEqual({
      kind: 'api',
      status,
      code: example,
      description: value.error.description,
      detail: value.error.detail,
      requestId: result.requestId,
      operationId,
      message: `Request failed (status ${status} ${example}): ${method} ${inject('katapultMockUrl')}${path} (request ID ${result.requestId})`,
    });
  });
});

describe.each<[string, CaptainAuth]>([
  ['an API key', { apiKey: 'contract-key' }],
  ['a bearer token', { bearer: 'contract-token' }],
])('Captain against its Prism mock, with %s', (_, auth) => {
  const cases = documentedCases(captainSpec);

  it('documents every operation with a success and its error statuses', () => {
    expect(cases.map((c) => `${c.operationId} ${c.status}`)).toEqual(
      expect.arrayContaining(['listBuckets 200', 'listObjects 200', 'listObjectVersions 200', 'listObjectVersions 404', 'restoreObjectVersion 400', 'deleteObjectVersion 401']),
    );
    expect(new Set(cases.map((c) => c.operationId)).size).toBe(5);
  });

  it.each(cases)('$operationId $status $example', async ({ operationId, status, example, value }: DocumentedCase) => {
    const seen: Seen[] = [];
    const result = await calls[operationId]!(preferring(status, example, seen), auth);
    expectValidRequests(seen, status);
    if (value.success) {
      expect(result).toMatchObject({ ok: true, status, data: value });
      return;
    }
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ kind: 'api', status, errors: value.errors, messages: value.messages });
    expect(result.error.message).toMatch(new RegExp(`^Request failed \\(status ${status}, .+\\): [A-Z]+ http://127\\.0\\.0\\.1:\\d+/api/v1/projects/${object.projectId}/`));
  });
});

describe('the contract check itself', () => {
  it('sees Prism refuse a request that breaks the spec', async () => {
    const seen: Seen[] = [];
    const raw = createCaptainClient({ baseUrl: inject('captainMockUrl'), auth: { apiKey: 'k' }, fetch: preferring(200, 'deleted', seen) }).raw;
    // The raw client checks nothing: a DELETE without the required versionId.
    const { response } = await raw.DELETE('/api/v{version}/projects/{projectId}/buckets/{name}/objects/{key}', {
      params: { path: { version: '1', projectId: object.projectId, name: object.bucket, key: 'k' } } as never,
    });
    expect(response.status).toBe(422);
    expect(() => expectValidRequests(seen, 200)).toThrow();
  });
});
