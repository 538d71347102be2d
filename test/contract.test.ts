import { describe, expect, inject, it } from 'vitest';
import { createCaptainClient, createKatapultClient, type CaptainAuth } from '../src/index.js';
import { preferring, type Seen } from './support/prefer.js';
import { documentedCases, loadSpec, operationIds, type DocumentedCase } from './support/specs.js';

const katapultSpec = loadSpec('katapult');
const captainSpec = loadSpec('captain');

const cluster = { region: 'uk-lon-1' };
const organization = { sub_domain: 'acme' };
const bucket = { name: 'backups' };
const accessKey = { id: 'key_2cT7fPz0AbC1dEf4' };
const object = { projectId: 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6', bucket: 'holiday-photos', key: 'photos/2021/a b+ü?#%.jpg' };

type Call = (fetch: (request: Request) => Promise<Response>, auth: CaptainAuth) => Promise<any>;

const katapult = (fetch: (request: Request) => Promise<Response>) =>
  createKatapultClient({ token: 'contract-token', baseUrl: inject('katapultMockUrl'), fetch });
const captain = (fetch: (request: Request) => Promise<Response>, auth: CaptainAuth) =>
  createCaptainClient({ baseUrl: inject('captainMockUrl'), auth, fetch });

/** How each operation is called through the client. */
const calls: Record<string, Call> = {
  createAccount: (fetch) => katapult(fetch).createAccount({ organization, object_storage_cluster: cluster }),
  getAccount: (fetch) => katapult(fetch).getAccount({ organization, object_storage_cluster: cluster }),
  moveAccountToTrash: (fetch) => katapult(fetch).moveAccountToTrash({ organization: { id: 'org_Q1wE2rT3yU4iO5pA' }, object_storage_cluster: cluster }),
  listAccessKeys: (fetch) => katapult(fetch).listAccessKeys({ organization, page: 2, per_page: 20 }),
  createAccessKey: (fetch) =>
    katapult(fetch).createAccessKey({ organization, object_storage_cluster: cluster, properties: { name: 'backup-writer', all_objects_write: true } }),
  getAccessKey: (fetch) => katapult(fetch).getAccessKey({ access_key: accessKey }),
  updateAccessKey: (fetch) => katapult(fetch).updateAccessKey({ access_key: accessKey, properties: { name: 'backup-reader' } }),
  deleteAccessKey: (fetch) => katapult(fetch).deleteAccessKey({ access_key: accessKey }),
  generateAccessKeyCredentials: (fetch) => katapult(fetch).generateAccessKeyCredentials({ access_key: accessKey }),
  createBucket: (fetch) => katapult(fetch).createBucket({ organization, object_storage_cluster: cluster, properties: { name: 'backups', label: 'Nightly' } }),
  getBucket: (fetch) => katapult(fetch).getBucket({ object_storage_cluster: cluster, bucket }),
  updateBucket: (fetch) => katapult(fetch).updateBucket({ object_storage_cluster: cluster, bucket, properties: { label: 'Nightly backups' } }),
  deleteBucket: (fetch) => katapult(fetch).deleteBucket({ object_storage_cluster: cluster, bucket }),
  revokePresignedUrls: (fetch) => katapult(fetch).revokePresignedUrls({ object_storage_cluster: cluster, bucket }),
  getObject: (fetch) => katapult(fetch).getObject({ object_storage_cluster: cluster, bucket, path: 'db/2026-11-21 dump?.sql.gz' }),
  createPresignedUrl: (fetch) =>
    katapult(fetch).createPresignedUrl({ object_storage_cluster: cluster, bucket, path: 'db/latest.sql.gz', properties: { expiry_seconds: 600 } }),
  listBuckets: (fetch, auth) => captain(fetch, auth).listBuckets({ projectId: object.projectId, search: 'photos' }),
  listObjects: (fetch, auth) =>
    captain(fetch, auth).listObjects({ projectId: object.projectId, bucket: object.bucket, key: 'photos/', maxKeys: 100, continuationToken: 'photos/a.jpg' }),
  listObjectVersions: (fetch, auth) =>
    captain(fetch, auth).listObjectVersions({ ...object, maxKeys: 50, keyMarker: 'photos/2021/a b+ü?#%.jpg', versionIdMarker: 'v0' }),
  restoreObjectVersion: (fetch, auth) => captain(fetch, auth).restoreObjectVersion({ ...object, versionId: 'v1' }),
  deleteObjectVersion: (fetch, auth) => captain(fetch, auth).deleteObjectVersion({ ...object, versionId: 'v1' }),
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
      message: `Request failed (status ${status} ${example}): ${method} ${path} (request ID ${result.requestId})`,
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
