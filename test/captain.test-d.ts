import { describe, expectTypeOf, it } from 'vitest';
import {
  createCaptainClient,
  type Bucket,
  type DeleteObjectVersionData,
  type DeleteObjectVersionError,
  type ListBucketsData,
  type ListBucketsError,
  type ListObjectsData,
  type ListObjectsError,
  type ListObjectVersionsData,
  type ObjectSummary,
  type ObjectVersion,
  type RestoreObjectVersionData,
  type RestoreObjectVersionError,
  type Result,
} from '../src/index.js';

const captain = createCaptainClient({ baseUrl: 'https://storage.example.net', auth: { apiKey: 'k' } });
const object = { projectId: 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6', bucket: 'photos', key: 'a/b.jpg' };

describe('Captain types', () => {
  it('types each success', async () => {
    const list = await captain.listObjectVersions(object);
    if (list.ok) {
      expectTypeOf(list.data).toEqualTypeOf<ListObjectVersionsData>();
      expectTypeOf(list.data.result).toEqualTypeOf<ObjectVersion[]>();
      expectTypeOf(list.data.result[0]!.isDeleteMarker).toBeBoolean();
    }
    const restored = await captain.restoreObjectVersion({ ...object, versionId: 'v' });
    if (restored.ok) expectTypeOf(restored.data).toEqualTypeOf<RestoreObjectVersionData>();
    const deleted = await captain.deleteObjectVersion({ ...object, versionId: 'v' });
    if (deleted.ok) expectTypeOf(deleted.data.result).toEqualTypeOf<boolean>();
    if (deleted.ok) expectTypeOf(deleted.data).toEqualTypeOf<DeleteObjectVersionData>();
    const buckets = await captain.listBuckets({ projectId: object.projectId });
    if (buckets.ok) expectTypeOf(buckets.data).toEqualTypeOf<ListBucketsData>();
    if (buckets.ok) expectTypeOf(buckets.data.result).toEqualTypeOf<Bucket[]>();
    if (buckets.ok) expectTypeOf(buckets.data.result[0]!.processingType).toEqualTypeOf<string | null>();
    if (!buckets.ok) expectTypeOf(buckets.error).toEqualTypeOf<ListBucketsError>();
    const objects = await captain.listObjects({ projectId: object.projectId, bucket: 'photos' });
    if (objects.ok) expectTypeOf(objects.data).toEqualTypeOf<ListObjectsData>();
    if (objects.ok) expectTypeOf(objects.data.result.objectListModel).toEqualTypeOf<ObjectSummary[]>();
    if (!objects.ok) expectTypeOf(objects.error).toEqualTypeOf<ListObjectsError>();
    if (!objects.ok && objects.error.kind === 'api') expectTypeOf(objects.error.status).toEqualTypeOf<200 | 400 | 401 | 403 | 404>();
  });

  it('narrows errors on status and carries the envelope', async () => {
    const result = await captain.restoreObjectVersion({ ...object, versionId: 'v' });
    if (result.ok) return;
    expectTypeOf(result.error).toEqualTypeOf<RestoreObjectVersionError>();
    if (result.error.kind === 'api') {
      expectTypeOf(result.error.status).toEqualTypeOf<200 | 400 | 401 | 403 | 404>();
      expectTypeOf(result.error.errors).toEqualTypeOf<readonly string[]>();
      expectTypeOf(result.error.messages).toEqualTypeOf<readonly string[]>();
    }
    if (result.error.kind === 'unexpected_response') expectTypeOf(result.error.text).toBeString();
  });

  it('has no 400 where the API documents none', async () => {
    const result = await captain.deleteObjectVersion({ ...object, versionId: 'v' });
    if (result.ok || result.error.kind !== 'api') return;
    expectTypeOf(result.error).toEqualTypeOf<Extract<DeleteObjectVersionError, { kind: 'api' }>>();
    // @ts-expect-error DELETE documents 401, 403 and 404, not 400
    if (result.error.status === 400) return;
  });

  it('yields versions and objects from the iterators', () => {
    expectTypeOf(captain.listAllObjectVersions({ ...object, pageSize: 10 })).toEqualTypeOf<AsyncGenerator<ObjectVersion, void, undefined>>();
    expectTypeOf(captain.listAllObjects({ projectId: object.projectId, bucket: 'photos', key: 'a/' })).toEqualTypeOf<AsyncGenerator<ObjectSummary, void, undefined>>();
  });

  it('requires every path parameter and the version id', () => {
    // @ts-expect-error projectId is required
    void captain.listObjectVersions({ bucket: 'photos', key: 'a' });
    // @ts-expect-error key is required
    void captain.deleteObjectVersion({ projectId: object.projectId, bucket: 'photos', versionId: 'v' });
    // @ts-expect-error versionId is required
    void captain.deleteObjectVersion(object);
    // @ts-expect-error maxKeys is a number
    void captain.listObjectVersions({ ...object, maxKeys: '10' });
    // @ts-expect-error listObjects needs the bucket
    void captain.listObjects({ projectId: object.projectId });
    // @ts-expect-error search is text
    void captain.listBuckets({ projectId: object.projectId, search: 1 });
  });

  it('requires a base URL and one auth scheme', () => {
    // @ts-expect-error baseUrl is required: the vendor publishes none
    createCaptainClient({ auth: { apiKey: 'k' } });
    // @ts-expect-error auth is bearer or apiKey
    createCaptainClient({ baseUrl: 'https://storage.example.net', auth: { password: 'p' } });
  });
});

describe('the standalone functions (object-storage-openapi/captain/operations)', () => {
  it('take a base and the same input, and give the same typed result, as the client methods', async () => {
    const operations = await import('../src/captain/operations.js');
    const base = operations.createCaptainBase({ baseUrl: 'https://storage.example.net', auth: { apiKey: 'k' } });
    expectTypeOf(operations.listObjectVersions(base, object)).toEqualTypeOf<ReturnType<typeof captain.listObjectVersions>>();
    expectTypeOf(operations.deleteObjectVersion(base, { ...object, versionId: 'v' })).toEqualTypeOf<Promise<Result<DeleteObjectVersionData, DeleteObjectVersionError>>>();
    expectTypeOf(operations.listAllObjectVersions(base, object)).toEqualTypeOf<AsyncGenerator<ObjectVersion, void, undefined>>();
  });
});
