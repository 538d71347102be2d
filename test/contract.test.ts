import { describe, expect, inject, it } from 'vitest';
import { createCaptainClient, createKatapultClient, type CaptainAuth } from '../src/index.js';
import { preferring, type Seen } from './support/prefer.js';
import { documentedCases, loadSpec, operationIds, type DocumentedCase } from './support/specs.js';

const katapultSpec = loadSpec('katapult');
const captainSpec = loadSpec('captain');

const revokeBody = { object_storage_cluster: { region: 'uk-lon-01' }, bucket: { name: 'backups' } };
const object = { projectId: 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6', bucket: 'holiday-photos', key: 'photos/2021/a b+ü?#%.jpg' };

type Call = (fetch: (request: Request) => Promise<Response>, auth: CaptainAuth) => Promise<any>;

/** How each operation is called through the client. */
const calls: Record<string, Call> = {
  revokePresignedUrls: (fetch) =>
    createKatapultClient({ token: 'contract-token', baseUrl: inject('katapultMockUrl'), fetch }).revokePresignedUrls(revokeBody),
  listObjectVersions: (fetch, auth) =>
    createCaptainClient({ baseUrl: inject('captainMockUrl'), auth, fetch }).listObjectVersions({ ...object, maxKeys: 50, keyMarker: 'photos/2021/a b+ü?#%.jpg', versionIdMarker: 'v0' }),
  restoreObjectVersion: (fetch, auth) =>
    createCaptainClient({ baseUrl: inject('captainMockUrl'), auth, fetch }).restoreObjectVersion({ ...object, versionId: 'v1' }),
  deleteObjectVersion: (fetch, auth) =>
    createCaptainClient({ baseUrl: inject('captainMockUrl'), auth, fetch }).deleteObjectVersion({ ...object, versionId: 'v1' }),
};

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

  it('documents one success and all 13 error codes', () => {
    expect(cases.filter((c) => c.status === 200)).toHaveLength(1);
    expect(new Set(cases.filter((c) => c.status >= 400).map((c) => c.example)).size).toBe(13);
  });

  it.each(cases)('$operationId $status $example', async ({ operationId, status, example, value }: DocumentedCase) => {
    const seen: Seen[] = [];
    const result = await calls[operationId]!(preferring(status, example, seen), { bearer: 'unused' });
    expectValidRequests(seen, status);
    if (status === 200) {
      expect(result).toMatchObject({ ok: true, status, data: value });
      return;
    }
    expect(result.ok).toBe(false);
    expect(result.error).toEqual({
      kind: 'api',
      status,
      code: example,
      description: value.description,
      detail: value.detail,
      message: `Request failed (status ${status} ${example}): POST /object_storage/object_storage_cluster/buckets/bucket/revoke_presigned_urls`,
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
      expect.arrayContaining(['listObjectVersions 200', 'listObjectVersions 404', 'restoreObjectVersion 400', 'deleteObjectVersion 401']),
    );
    expect(cases).toHaveLength(14);
  });

  it.each(cases)('$operationId $status $example', async ({ operationId, status, example, value }: DocumentedCase) => {
    const seen: Seen[] = [];
    const result = await calls[operationId]!(preferring(status, example, seen), auth);
    expectValidRequests(seen, status);
    if (status === 200) {
      expect(result).toMatchObject({ ok: true, status, data: value });
      return;
    }
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ kind: 'api', status, errors: value.errors, messages: value.messages });
    expect(result.error.message).toMatch(new RegExp(`^Request failed \\(status ${status}, .+\\): [A-Z]+ /api/v\\{version\\}/`));
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
