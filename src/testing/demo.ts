// The small world the demo, `object-storage fake` and `npm run mock` share: the
// credentials they know, as the servers know theirs, and what the fake is seeded with.
import type { CaptainFake } from './captain.js';
import { allKatapultScopes, type KatapultFake, type KatapultScope } from './katapult.js';

/** The project the demo's Captain buckets live in. */
export const demoProjectId = 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6';

/**
 * The credentials the demo servers accept: a Katapult token with every scope and one with
 * `object_storage:read` only, and a Captain API key and bearer token. Any other is refused
 * as the servers refuse it.
 */
export const demoCredentials = {
  katapultTokens: { 'fake-token': allKatapultScopes, 'fake-read-token': ['object_storage:read'] } as Readonly<Record<string, readonly KatapultScope[]>>,
  captainCredentials: { apiKeys: ['fake-key'], bearerTokens: ['fake-bearer-token'] },
} as const;

/**
 * Seeds a fake with the demo's world: on Katapult, an organization `acme` with buckets
 * (`backups`, `logs`, `media`, `site`) and an access key `deploy`; on Captain, a project
 * whose buckets hold objects with versions and a delete marker.
 */
export function seedDemo(fake: { readonly katapult: KatapultFake; readonly captain: CaptainFake }) {
  const organization = fake.katapult.addOrganization('acme');
  for (const name of ['backups', 'logs', 'media', 'site']) fake.katapult.addBucket(name, { objects: { 'db/latest.sql.gz': 7_516_192_768 } });
  const accessKey = fake.katapult.addAccessKey(organization, 'deploy');
  fake.captain.addBucket(demoProjectId, 'holiday-photos');
  fake.captain.addBucket(demoProjectId, 'app-logs');
  const day = (n: number) => new Date(Date.UTC(2026, 10, n, 9));
  for (let n = 1; n <= 6; n++) fake.captain.putVersion(demoProjectId, 'holiday-photos', 'photos/2021/beach.jpg', { size: 480_000 + n, at: day(n) });
  fake.captain.putVersion(demoProjectId, 'holiday-photos', 'photos/2021/beach.jpg', { deleted: true, at: day(7) });
  fake.captain.putVersion(demoProjectId, 'holiday-photos', 'readme.txt', { size: 1204, at: day(2) });
  for (const file of ['api', 'worker', 'cron']) {
    for (let n = 1; n <= 12; n++) fake.captain.putVersion(demoProjectId, 'app-logs', `2026/${file}.log`, { size: 1000 * n, at: day(n) });
  }
  return { organization, accessKey };
}
