// Every job against the stateful fake: what it does, that a second run finds nothing to
// do, that an abort half-way still reports what was done, and that a dry run writes nothing.
import { describe, expect, it } from 'vitest';
import { createCaptainClient, createKatapultClient } from '../src/index.js';
import { createPacer, pruneVersions, restoreObjectToInstant, revokePresignedUrlsAcrossBuckets, rotateAccessKeyCredentials, undeleteObject, type JobProgress } from '../src/jobs/index.js';
import { createFake, type Fake, type RateLimitOptions } from '../src/testing/index.js';

const projectId = 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6';
const bucket = 'site';
const day = (n: number) => new Date(Date.UTC(2026, 0, n));

function world(rateLimit?: RateLimitOptions) {
  const fake = createFake(rateLimit ? { rateLimit } : {});
  const katapult = createKatapultClient({ token: 't', baseUrl: fake.katapultBaseUrl, fetch: fake.fetch });
  const captain = createCaptainClient({ baseUrl: fake.captainBaseUrl, auth: { apiKey: 'k' }, fetch: fake.fetch });
  fake.captain.addBucket(projectId, bucket);
  return { fake, katapult, captain };
}

const history = (fake: Fake, key: string) => fake.captain.versions(projectId, bucket, key).map((v) => (v.isDeleteMarker ? `x@${v.lastModified.slice(8, 10)}` : v.lastModified.slice(8, 10)));

describe('revoking presigned URLs across buckets', () => {
  it('revokes each named bucket once, reports the unknown one, and paces itself under a rate limit', async () => {
    const { fake, katapult } = world({ perSecond: 40, burst: 5 });
    const names = Array.from({ length: 30 }, (_, n) => `bucket-${n}`);
    for (const name of names) fake.katapult.addBucket(name);
    const seen: JobProgress[] = [];
    const report = await revokePresignedUrlsAcrossBuckets(katapult, { region: 'uk-lon-1', buckets: [...names, 'bucket-0', 'missing'] }, { onProgress: (p) => seen.push(p) });
    expect([...report.done].sort()).toEqual([...names].sort());
    expect(report.failed).toEqual([{ item: 'missing', error: expect.objectContaining({ kind: 'api', status: 404, code: 'object_storage_bucket_not_found' }) }]);
    expect(names.every((name) => fake.katapult.buckets.get(`uk-lon-1/${name}`)!.revocations === 1)).toBe(true);
    expect(seen.at(-1)).toMatchObject({ total: 31, done: 30, failed: 1 });
    expect(report.throttled).toBeLessThanOrEqual(1);
  });

  it("runs on a pacer it is given: the deadline bounds each call, what was held back says how long it would have waited, and the report counts only the job's requests", async () => {
    const { fake, katapult } = world({ kind: 'fixed-window', limit: 3, windowMs: 60_000 });
    const names = ['a-1', 'a-2', 'a-3', 'a-4', 'a-5'];
    for (const name of names) fake.katapult.addBucket(name);
    const shared = createPacer({ attempts: 2 });
    // Other work on the same credential first.
    await shared.run(() => katapult.getBucket({ object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'a-1' } }, { retry: false }));
    const report = await revokePresignedUrlsAcrossBuckets(katapult, { region: 'uk-lon-1', buckets: names }, { pacer: shared, deadline: Date.now() + 500 });
    expect(fake.stats.katapult.requests).toBe(3);
    expect(report.done).toHaveLength(2);
    expect(report.requests).toBe(2);
    expect(shared.stats.requests).toBe(3);
    // Held back past the deadline, never sent: not done, not failed.
    expect(report.failed).toEqual([]);
    expect(report.remaining).toHaveLength(3);
    expect([...report.done, ...report.remaining].sort()).toEqual(names);
    // A call the pacer did not send says how long the limit would have held it.
    const held = await shared.run(() => katapult.getBucket({ object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'a-1' } }, { retry: false }), { deadline: Date.now() + 500 });
    expect(held.ok).toBe(false);
    expect(held.ok ? undefined : held.error).toMatchObject({ kind: 'timeout', scope: 'total', waitMs: expect.any(Number) });
    expect((held.ok ? {} : held.error) as { waitMs?: number }).toHaveProperty('waitMs', expect.toSatisfy((ms: number) => ms > 500));
    expect(fake.stats.katapult.requests).toBe(3);
  });

  it('a dry run looks the buckets up and revokes nothing', async () => {
    const { fake, katapult } = world();
    fake.katapult.addBucket('backups');
    const report = await revokePresignedUrlsAcrossBuckets(katapult, { region: 'uk-lon-1', buckets: ['backups', 'gone'] }, { dryRun: true });
    expect(report).toMatchObject({ dryRun: true, done: ['backups'], failed: [{ item: 'gone' }] });
    expect(fake.stats.katapult.writes).toBe(0);
  });

  it('an abort half-way reports what was revoked and what was left', async () => {
    const { fake, katapult } = world({ perSecond: 20, burst: 2 });
    const names = Array.from({ length: 20 }, (_, n) => `b-${n}`);
    for (const name of names) fake.katapult.addBucket(name);
    const controller = new AbortController();
    const report = await revokePresignedUrlsAcrossBuckets(katapult, { region: 'uk-lon-1', buckets: names }, {
      signal: controller.signal,
      onProgress: ({ done }) => done === 5 && controller.abort('enough'),
    });
    expect(report.aborted).toBe(true);
    expect(report.done.length).toBeGreaterThanOrEqual(5);
    expect(report.remaining.length).toBeGreaterThan(0);
    expect(report.done.length + report.remaining.length).toBe(20);
    expect(report.failed).toEqual([]);
    const revoked = names.filter((name) => fake.katapult.buckets.get(`uk-lon-1/${name}`)!.revocations > 0);
    expect(revoked.sort()).toEqual([...report.done].sort());
  });
});

describe('rotating an access key', () => {
  it('generates new credentials once, and a second run finds the key rotated', async () => {
    const { fake, katapult } = world();
    const organization = fake.katapult.addOrganization('acme');
    const key = fake.katapult.addAccessKey(organization, 'leaky');
    const leaked = key.s3AccessKeyId!;
    const dry = await rotateAccessKeyCredentials(katapult, { accessKey: { id: key.id }, replacing: leaked }, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, done: [key.id] });
    expect(fake.stats.katapult.writes).toBe(0);
    const first = await rotateAccessKeyCredentials(katapult, { accessKey: { id: key.id }, replacing: leaked });
    expect(first.done).toEqual([key.id]);
    expect(first.accessKey?.s3_access_key_id).not.toBe(leaked);
    expect(first.accessKey?.s3_secret_access_key).toMatch(/^\w{40}$/);
    const second = await rotateAccessKeyCredentials(katapult, { accessKey: { id: key.id }, replacing: leaked });
    expect(second).toMatchObject({ done: [], skipped: [{ item: key.id, reason: expect.stringMatching(/^already rotated/) }] });
    expect(fake.stats.katapult.writes).toBe(1);
  });
});

describe('restoring an object to an instant', () => {
  it('makes the version current at that instant current again, once', async () => {
    const { fake, captain } = world();
    for (const n of [1, 5, 9]) fake.captain.putVersion(projectId, bucket, 'index.html', { size: n, at: day(n) });
    const object = { projectId, bucket, key: 'index.html' };
    const dry = await restoreObjectToInstant(captain, { ...object, at: day(6) }, { dryRun: true });
    expect(dry.done.length).toBe(1);
    expect(fake.stats.captain.writes).toBe(0);
    const first = await restoreObjectToInstant(captain, { ...object, at: day(6) });
    expect(first.done).toEqual([{ key: 'index.html', versionId: fake.captain.versions(projectId, bucket, 'index.html')[0]!.versionId }]);
    expect(history(fake, 'index.html')).toEqual(['05', '09', '01']);
    const second = await restoreObjectToInstant(captain, { ...object, at: day(6) });
    expect(second).toMatchObject({ done: [], skipped: [{ reason: 'already current' }] });
    expect((await restoreObjectToInstant(captain, { ...object, at: new Date(Date.UTC(2025, 0, 1)) })).skipped[0]?.reason).toMatch(/no version at/);
  });
});

describe('undeleting an object', () => {
  it('removes the delete markers on top, once', async () => {
    const { fake, captain } = world();
    fake.captain.putVersion(projectId, bucket, 'a.txt', { size: 1, at: day(1) });
    fake.captain.putVersion(projectId, bucket, 'a.txt', { deleted: true, at: day(2) });
    fake.captain.putVersion(projectId, bucket, 'a.txt', { deleted: true, at: day(3) });
    const object = { projectId, bucket, key: 'a.txt' };
    expect((await undeleteObject(captain, object, { dryRun: true })).done).toHaveLength(2);
    expect(fake.stats.captain.writes).toBe(0);
    const first = await undeleteObject(captain, object);
    expect(first.done).toHaveLength(2);
    expect(history(fake, 'a.txt')).toEqual(['01']);
    expect(await undeleteObject(captain, object)).toMatchObject({ done: [], skipped: [{ reason: 'not deleted' }] });
  });
});

describe('pruning versions', () => {
  function seed(fake: Fake, keys: readonly string[], count: number) {
    for (const key of keys) for (let n = 1; n <= count; n++) fake.captain.putVersion(projectId, bucket, key, { size: n, at: day(n), deleted: n === 3 });
  }

  it('keeps the latest N and deletes the older, markers included or not, once', async () => {
    const { fake, captain } = world();
    seed(fake, ['logs/a.log', 'logs/2026/b.log', 'other/c.log'], 6);
    const policy = { projectId, bucket, prefix: 'logs/', keepLatest: 2, olderThan: day(5), deleteMarkers: false };
    const dry = await pruneVersions(captain, policy, { dryRun: true });
    expect(dry.done.map((ref) => ref.key).sort()).toEqual(['logs/2026/b.log', 'logs/2026/b.log', 'logs/2026/b.log', 'logs/a.log', 'logs/a.log', 'logs/a.log']);
    expect(fake.stats.captain.writes).toBe(0);
    const first = await pruneVersions(captain, policy);
    expect(first.done).toHaveLength(6);
    expect(history(fake, 'logs/a.log')).toEqual(['06', '05', 'x@03']);
    expect(history(fake, 'other/c.log')).toHaveLength(6);
    const second = await pruneVersions(captain, policy);
    expect(second).toMatchObject({ done: [], skipped: [], failed: [] });
    const markers = await pruneVersions(captain, { ...policy, deleteMarkers: true });
    expect(markers.done).toHaveLength(2);
    expect(history(fake, 'logs/a.log')).toEqual(['06', '05']);
  });

  it('refuses a policy that would delete the current version, before sending anything', async () => {
    const { fake, captain } = world();
    await expect(pruneVersions(captain, { projectId, bucket, key: 'a', keepLatest: 0 })).rejects.toThrow('keepLatest must be an integer of at least 1');
    await expect(pruneVersions(captain, { projectId, bucket })).rejects.toThrow('give exactly one of key or prefix');
    expect(fake.stats.captain.requests).toBe(0);
  });

  it('an abort half-way reports what was deleted and what was left', async () => {
    const { fake, captain } = world({ perSecond: 100, burst: 10 });
    seed(fake, ['big.bin'], 60);
    const controller = new AbortController();
    const report = await pruneVersions(captain, { projectId, bucket, key: 'big.bin' }, {
      signal: controller.signal,
      onProgress: ({ done }) => done === 10 && controller.abort('enough'),
    });
    expect(report.aborted).toBe(true);
    expect(report.done.length).toBeGreaterThanOrEqual(10);
    expect(report.done.length + report.remaining.length).toBe(59);
    expect(fake.captain.versions(projectId, bucket, 'big.bin')).toHaveLength(60 - report.done.length);
  });
});
