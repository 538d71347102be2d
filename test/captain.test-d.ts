import { describe, expectTypeOf, it } from 'vitest';
import {
  createCaptainClient,
  type DeleteObjectVersionError,
  type ObjectVersion,
  type ObjectVersionList,
  type RestoreObjectVersionError,
  type VersionDeleted,
  type VersionRestored,
} from '../src/index.js';

const captain = createCaptainClient({ baseUrl: 'https://storage.example.net', auth: { apiKey: 'k' } });
const object = { projectId: 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6', bucket: 'photos', key: 'a/b.jpg' };

describe('Captain types', () => {
  it('types each success', async () => {
    const list = await captain.listObjectVersions(object);
    if (list.ok) {
      expectTypeOf(list.data).toEqualTypeOf<ObjectVersionList>();
      expectTypeOf(list.data.result).toEqualTypeOf<ObjectVersion[]>();
      expectTypeOf(list.data.result[0]!.isDeleteMarker).toBeBoolean();
    }
    const restored = await captain.restoreObjectVersion({ ...object, versionId: 'v' });
    if (restored.ok) expectTypeOf(restored.data).toEqualTypeOf<VersionRestored>();
    const deleted = await captain.deleteObjectVersion({ ...object, versionId: 'v' });
    if (deleted.ok) expectTypeOf(deleted.data.result).toEqualTypeOf<boolean>();
    if (deleted.ok) expectTypeOf(deleted.data).toEqualTypeOf<VersionDeleted>();
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

  it('yields versions from the iterator', () => {
    expectTypeOf(captain.listAllObjectVersions({ ...object, pageSize: 10 })).toEqualTypeOf<AsyncGenerator<ObjectVersion, void, undefined>>();
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
  });

  it('requires a base URL and one auth scheme', () => {
    // @ts-expect-error baseUrl is required: the vendor publishes none
    createCaptainClient({ auth: { apiKey: 'k' } });
    // @ts-expect-error auth is bearer or apiKey
    createCaptainClient({ baseUrl: 'https://storage.example.net', auth: { password: 'p' } });
  });
});
