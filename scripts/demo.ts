// Tries the client and the jobs with no account, against the stateful fake of both APIs,
// and prints what comes back. Run with `npm run demo` (it compiles first).
// `npm run mock` serves the specs' own examples instead, with Prism.
import { inspect } from 'node:util';
import { createCaptainClient, createKatapultClient, type AnyError, type Result } from '../dist/src/index.js';
import { pruneVersions, revokePresignedUrlsAcrossBuckets, undeleteObject, type JobReport, type VersionRef } from '../dist/src/jobs/index.js';
import { createFake } from '../dist/src/testing/index.js';
import { demoProjectId as projectId, seedDemo as seed } from '../dist/src/testing/index.js';

const show = (title: string, value: unknown) => console.log(`\n▸ ${title}\n${inspect(value, { depth: 5, colors: process.stdout.isTTY, breakLength: 110 })}`);
const brief = <T, E>(result: Result<T, E>) => {
  const { requestId, rateLimit } = result;
  return result.ok ? { ok: true, status: result.status, requestId, rateLimit, data: result.data } : { ok: false, requestId, error: result.error };
};
const summary = <I extends string | VersionRef>({ dryRun, done, skipped, failed, requests }: JobReport<I, AnyError>) => ({
  dryRun,
  done: done.map((item) => (typeof item === 'string' ? item : `${item.key} ${item.versionId}`)),
  skipped,
  failed: failed.map(({ item, error }) => ({ item, error: error.message })),
  requests,
});

const fake = createFake({ rateLimit: { perSecond: 100, burst: 20 } });
seed(fake);
const katapult = createKatapultClient({ token: 'demo-token', baseUrl: fake.katapultBaseUrl, fetch: fake.fetch });
const captain = createCaptainClient({ baseUrl: fake.captainBaseUrl, auth: { apiKey: 'demo-key' }, fetch: fake.fetch });
const lookup = { object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'backups' } };

show('Katapult getBucket → 200', brief(await katapult.getBucket(lookup)));
show('Katapult getBucket of a bucket that is not there → 404, typed', brief(await katapult.getBucket({ ...lookup, bucket: { name: 'nope' } })));
show('Katapult getAccount with two organization lookups → refused, nothing sent', brief(await katapult.getAccount({ organization: { id: 'org_1', sub_domain: 'acme' }, object_storage_cluster: lookup.object_storage_cluster })));
show('Captain listObjects → 200', brief(await captain.listObjects({ projectId, bucket: 'app-logs', key: '2026/' })));

show('Job: revoke presigned URLs across buckets', summary(await revokePresignedUrlsAcrossBuckets(katapult, { region: 'uk-lon-1', buckets: ['backups', 'logs', 'media', 'nope'] })));
show('Job: prune app-logs to the latest 3 versions (dry run)', summary(await pruneVersions(captain, { projectId, bucket: 'app-logs', prefix: '2026/', keepLatest: 3 }, { dryRun: true })));
show('Job: undelete photos/2021/beach.jpg', summary(await undeleteObject(captain, { projectId, bucket: 'holiday-photos', key: 'photos/2021/beach.jpg' })));
show('… and again: nothing left to do', summary(await undeleteObject(captain, { projectId, bucket: 'holiday-photos', key: 'photos/2021/beach.jpg' })));
