// Calls every operation of both APIs through the client against local Prism mocks, and
// prints the typed results: no account needed. Run with `npm run demo` (it compiles first).
import { inspect } from 'node:util';
import { startMock } from './prism.js';
import { createCaptainClient, createKatapultClient } from '../dist/src/index.js';

/** A fetch that asks Prism for one documented case, by status and example name. */
const preferring = (prefer) => (request) => {
  if (prefer) request.headers.set('Prefer', prefer);
  return fetch(request);
};

const show = (title, result) => {
  const { requestId, rateLimit } = result;
  const meta = { ...(requestId ? { requestId } : {}), ...(rateLimit ? { rateLimit } : {}) };
  const shown = result.ok ? { ok: true, status: result.status, ...meta, data: result.data } : { ok: false, ...meta, error: result.error };
  console.log(`\n▸ ${title}\n${inspect(shown, { depth: 6, colors: process.stdout.isTTY })}`);
};

const mocks = await Promise.all([startMock('katapult'), startMock('captain')]);
try {
  const [katapultMock, captainMock] = mocks;
  console.log(`Katapult mock: ${katapultMock.url}\nCaptain mock:  ${captainMock.url}`);

  const bucket = { object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'backups' } };
  const katapult = (prefer) => createKatapultClient({ token: 'demo-token', baseUrl: katapultMock.url, fetch: preferring(prefer) });
  show('Katapult getBucket → 200', await katapult().getBucket(bucket));
  show('Katapult revokePresignedUrls → 200', await katapult().revokePresignedUrls(bucket));
  show('Katapult revokePresignedUrls → 403 scope_not_granted', await katapult('code=403, example=scope_not_granted').revokePresignedUrls(bucket));
  show('Katapult createBucket → 422 validation_error', await katapult('code=422, example=validation_error').createBucket({ organization: { sub_domain: 'acme' }, object_storage_cluster: bucket.object_storage_cluster, properties: { name: 'backups' } }));
  show('Katapult getAccount with two organization lookups → refused, nothing sent', await katapult().getAccount({ organization: { id: 'org_1', sub_domain: 'acme' }, object_storage_cluster: bucket.object_storage_cluster }));

  const captain = (prefer) => createCaptainClient({ baseUrl: captainMock.url, auth: { apiKey: 'demo-key' }, fetch: preferring(prefer) });
  const object = { projectId: 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6', bucket: 'holiday-photos', key: 'photos/2021/beach.jpg' };
  show('Captain listBuckets → 200', await captain().listBuckets({ projectId: object.projectId, search: 'photos' }));
  show('Captain listObjects → 200', await captain().listObjects({ projectId: object.projectId, bucket: object.bucket, key: 'photos/', maxKeys: 100 }));
  show('Captain listObjectVersions → 200', await captain().listObjectVersions({ ...object, maxKeys: 100 }));
  show('Captain restoreObjectVersion → 200', await captain().restoreObjectVersion({ ...object, versionId: '3HL4kqtJlcpXroDTDmJ-rmSpXd3dIbrHY' }));
  show('Captain deleteObjectVersion → 200', await captain().deleteObjectVersion({ ...object, versionId: '3HL4kqtJlcpXroDTDmJ-rmSpXd3dIbrHY' }));
  show('Captain deleteObjectVersion → 404', await captain('code=404').deleteObjectVersion({ ...object, versionId: 'gone' }));
  show('Captain listObjectVersions with an IPv4-shaped bucket → refused, nothing sent', await captain().listObjectVersions({ ...object, bucket: '192.168.5.4' }));
} finally {
  await Promise.all(mocks.map((mock) => mock.stop()));
}
