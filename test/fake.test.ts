// The stateful fake: it behaves like both APIs, and every answer it gives to a documented
// operation fits the bundled specs, checked by the generated validators themselves.
import { describe, expect, it } from 'vitest';
import { createCaptainClient, createKatapultClient, type CaptainError, type KatapultError, type Result } from '../src/index.js';
import { createFake, type Fake } from '../src/testing/index.js';
import { fits, operationFor } from './support/fits.js';

const projectId = 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6';

interface Checked {
  readonly operation: string;
  readonly status: number;
  readonly fits: boolean;
}

/** Wraps the fake's fetch: every answer is checked against its operation's validators. */
function checking(fake: Fake) {
  const checked: Checked[] = [];
  const fetch = async (request: Request) => {
    const operation = operationFor(request);
    const response = await fake.fetch(request);
    if (!operation) throw new Error(`no operation for ${request.method} ${request.url}`);
    checked.push({ operation: `${operation.method} ${operation.path}`, status: response.status, fits: fits(operation, response.status, await response.clone().json()) });
    return response;
  };
  return { fetch, checked };
}

function setUp() {
  const fake = createFake();
  const { fetch, checked } = checking(fake);
  const organization = fake.katapult.addOrganization('acme');
  fake.katapult.addBucket('backups', { objects: { 'db/latest.sql.gz': 4096 } });
  fake.captain.addBucket(projectId, 'holiday-photos');
  fake.captain.putVersion(projectId, 'holiday-photos', 'photos/a.jpg', { size: 10, at: new Date('2026-01-01T00:00:00Z') });
  fake.captain.putVersion(projectId, 'holiday-photos', 'photos/a.jpg', { size: 12, at: new Date('2026-02-01T00:00:00Z') });
  fake.captain.putVersion(projectId, 'holiday-photos', 'readme.txt', { size: 3 });
  const katapult = createKatapultClient({ token: 't', baseUrl: fake.katapultBaseUrl, fetch, retry: false });
  const captain = createCaptainClient({ baseUrl: fake.captainBaseUrl, auth: { apiKey: 'k' }, fetch, retry: false });
  return { fake, checked, organization, katapult, captain };
}

describe('the fake answers every operation as the specs describe', () => {
  it('every Katapult operation, successes and documented errors', async () => {
    const { checked, organization, katapult } = setUp();
    const cluster = { region: 'uk-lon-1' };
    const lookup = { object_storage_cluster: cluster, bucket: { name: 'backups' } };
    const results: Result<any, KatapultError>[] = [
      await katapult.getAccount({ organization: { sub_domain: 'acme' }, object_storage_cluster: cluster }),
      await katapult.createBucket({ organization: { id: organization }, object_storage_cluster: cluster, properties: { name: 'logs', label: 'Logs' } }),
      await katapult.createBucket({ organization: { id: organization }, object_storage_cluster: cluster, properties: { name: 'logs' } }),
      await katapult.getBucket(lookup),
      await katapult.getBucket({ ...lookup, bucket: { name: 'nope' } }),
      await katapult.getBucket({ object_storage_cluster: { region: 'us-nyc-1' }, bucket: { name: 'backups' } }),
      await katapult.updateBucket({ ...lookup, properties: { label: 'Nightly' } }),
      await katapult.getObject({ ...lookup, path: 'db/latest.sql.gz' }),
      await katapult.getObject({ ...lookup, path: 'db/missing' }),
      await katapult.createPresignedUrl({ ...lookup, path: 'db/latest.sql.gz', properties: { expiry_seconds: 60 } }),
      await katapult.revokePresignedUrls(lookup),
      await katapult.createAccessKey({ organization: { sub_domain: 'acme' }, object_storage_cluster: cluster, properties: { name: 'writer' } }),
    ];
    const created = results.at(-1)!;
    const id = created.ok ? created.data.object_storage_access_key.id : 'missing';
    results.push(
      await katapult.listAccessKeys({ organization: { sub_domain: 'acme' } }),
      await katapult.getAccessKey({ access_key: { id } }),
      await katapult.updateAccessKey({ access_key: { id }, properties: { name: 'reader', all_objects_read: true } }),
      await katapult.generateAccessKeyCredentials({ access_key: { id } }),
      await katapult.deleteAccessKey({ access_key: { id } }),
      await katapult.getAccessKey({ access_key: { id } }),
      await katapult.deleteBucket({ ...lookup, bucket: { name: 'logs' } }),
      await katapult.getAccount({ organization: { sub_domain: 'nobody' }, object_storage_cluster: cluster }),
      await katapult.moveAccountToTrash({ organization: { sub_domain: 'acme' }, object_storage_cluster: cluster }),
      await katapult.getAccount({ organization: { sub_domain: 'acme' }, object_storage_cluster: cluster }),
      await katapult.createAccount({ organization: { sub_domain: 'acme' }, object_storage_cluster: cluster }),
    );
    const kinds = results.map((result) => (result.ok ? result.status : `${result.error.kind} ${'code' in result.error ? result.error.code : ''}`));
    expect(kinds).toEqual([
      200, 201, 'api validation_error', 200, 'api object_storage_bucket_not_found', 'api object_storage_cluster_not_found', 200, 200,
      'api object_not_found', 200, 200, 201, 200, 200, 200, 200, 200, 'api object_storage_access_key_not_found', 200,
      'api organization_not_found', 200, 'api object_storage_account_not_found', 201,
    ]);
    expect(new Set(checked.map((c) => c.operation)).size).toBe(16);
    expect(checked.filter((c) => !c.fits)).toEqual([]);
  });

  it('every Captain operation, successes and documented failures', async () => {
    const { checked, captain } = setUp();
    const object = { projectId, bucket: 'holiday-photos', key: 'photos/a.jpg' };
    const versions = await captain.listObjectVersions(object);
    const older = versions.ok ? versions.data.result[1]!.versionId : 'missing';
    const results: Result<any, CaptainError>[] = [
      versions,
      await captain.listBuckets({ projectId, search: 'holiday' }),
      await captain.listObjects({ projectId, bucket: 'holiday-photos' }),
      await captain.listObjects({ projectId, bucket: 'holiday-photos', key: 'photos/' }),
      await captain.restoreObjectVersion({ ...object, versionId: older }),
      await captain.deleteObjectVersion({ ...object, versionId: older }),
      await captain.deleteObjectVersion({ ...object, versionId: older }),
      await captain.listObjectVersions({ ...object, key: 'photos/none.jpg' }),
    ];
    expect(results.map((result) => (result.ok ? result.status : `${result.error.kind} ${result.error.kind === 'api' ? result.error.status : ''}`))).toEqual([
      200, 200, 200, 200, 200, 200, 'api 404', 'api 404',
    ]);
    const root = results[2]!;
    expect(root.ok && root.data.result.objectListModel.map((item: { key: string; isFolder: boolean }) => [item.key, item.isFolder])).toEqual([['photos/', true], ['readme.txt', false]]);
    expect(new Set(checked.map((c) => c.operation)).size).toBe(5);
    expect(checked.filter((c) => !c.fits)).toEqual([]);
  });

  it('restoring a version makes it current; deleting the current one promotes the next', async () => {
    const { fake, captain } = setUp();
    const [newer, older] = fake.captain.versions(projectId, 'holiday-photos', 'photos/a.jpg');
    await captain.restoreObjectVersion({ projectId, bucket: 'holiday-photos', key: 'photos/a.jpg', versionId: older!.versionId });
    expect(fake.captain.versions(projectId, 'holiday-photos', 'photos/a.jpg').map((v) => v.versionId)).toEqual([older!.versionId, newer!.versionId]);
    await captain.deleteObjectVersion({ projectId, bucket: 'holiday-photos', key: 'photos/a.jpg', versionId: older!.versionId });
    expect(fake.captain.versions(projectId, 'holiday-photos', 'photos/a.jpg').map((v) => v.versionId)).toEqual([newer!.versionId]);
  });
});

describe('the fake can limit requests as the Katapult server does', () => {
  it('reports the limit in headers, then answers 429 rate_limit_reached with total_permitted', async () => {
    const fake = createFake({ rateLimit: { perSecond: 5, burst: 3 } });
    fake.katapult.addBucket('backups');
    const { fetch, checked } = checking(fake);
    const katapult = createKatapultClient({ token: 't', baseUrl: fake.katapultBaseUrl, fetch, retry: false });
    const lookup = { object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'backups' } };
    const results = [];
    for (let n = 0; n < 5; n++) results.push(await katapult.getBucket(lookup));
    expect(results.map((result) => result.rateLimit)).toEqual([
      { permitted: 300, remaining: 2 },
      { permitted: 300, remaining: 1 },
      { permitted: 300, remaining: 0 },
      { permitted: 300, remaining: 0 },
      { permitted: 300, remaining: 0 },
    ]);
    const limited = results[3]!;
    expect(!limited.ok && limited.error).toMatchObject({ kind: 'api', status: 429, code: 'rate_limit_reached', detail: { total_permitted: 300 } });
    expect(fake.stats.katapult).toEqual({ requests: 5, writes: 0, throttled: 2 });
    expect(checked.every((c) => c.fits)).toBe(true);
  });

  it('serves the same fake over loopback HTTP', async () => {
    const fake = createFake();
    fake.katapult.addBucket('backups');
    const server = await fake.listen();
    try {
      const katapult = createKatapultClient({ token: 't', baseUrl: fake.katapultBaseUrl });
      const result = await katapult.getBucket({ object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'backups' } });
      expect(fake.katapultBaseUrl).toBe(`${server.url}/core/v1`);
      expect(result).toMatchObject({ ok: true, status: 200, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    } finally {
      await server.close();
    }
  });
});
