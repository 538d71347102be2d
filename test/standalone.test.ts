// The standalone functions as a program imports them from the installed package (the
// entries `object-storage-openapi/<api>/operations`): one call each, against the fake,
// typed as the client's method is.
import { createCaptainBase, listAllObjectVersions, listObjectVersions } from 'object-storage-openapi/captain/operations';
import { createKatapultBase, getBucket } from 'object-storage-openapi/katapult/operations';
import type { GetBucketData, GetBucketError, ListObjectVersionsData, Result } from 'object-storage-openapi';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createFake, demoCredentials, demoProjectId, seedDemo } from '../src/testing/index.js';

const fake = createFake(demoCredentials);
seedDemo(fake);

describe('the standalone functions, from the package', () => {
  it('getBucket: a base, one call, the typed result', async () => {
    const katapult = createKatapultBase({ token: 'fake-token', baseUrl: fake.katapultBaseUrl, fetch: fake.fetch });
    const result = await getBucket(katapult, { object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'backups' } });
    expectTypeOf(result).toEqualTypeOf<Result<GetBucketData, GetBucketError>>();
    expect(result).toMatchObject({ ok: true, status: 200, data: { object_storage_bucket: { name: 'backups' } } });
    const missing = await getBucket(katapult, { object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'nope' } });
    expect(!missing.ok && missing.error).toMatchObject({ kind: 'api', status: 404, code: 'object_storage_bucket_not_found', operationId: 'getBucket' });
  });

  it('listObjectVersions and its walker', async () => {
    const captain = createCaptainBase({ baseUrl: fake.captainBaseUrl, auth: { apiKey: 'fake-key' }, fetch: fake.fetch });
    const object = { projectId: demoProjectId, bucket: 'app-logs', key: '2026/api.log' };
    const page = await listObjectVersions(captain, { ...object, maxKeys: 5 });
    expectTypeOf(page).toMatchTypeOf<Result<ListObjectVersionsData, unknown>>();
    expect(page.ok && page.data.result).toHaveLength(5);
    const all = [];
    for await (const version of listAllObjectVersions(captain, { ...object, pageSize: 5 })) all.push(version.versionId);
    expect(all).toHaveLength(12);
  });
});
