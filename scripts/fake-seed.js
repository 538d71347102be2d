// Seeds a fake with a small world to try the client, the jobs and the CLI on: an
// organization `acme` with buckets and an access key on Katapult, and a Captain project
// whose buckets hold objects with versions and delete markers.
export const projectId = 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6';

export function seed(fake) {
  const organization = fake.katapult.addOrganization('acme');
  for (const name of ['backups', 'logs', 'media', 'site']) fake.katapult.addBucket(name, { objects: { 'db/latest.sql.gz': 7_516_192_768 } });
  const key = fake.katapult.addAccessKey(organization, 'deploy');
  fake.captain.addBucket(projectId, 'holiday-photos');
  fake.captain.addBucket(projectId, 'app-logs');
  const day = (n) => new Date(Date.UTC(2026, 10, n, 9));
  for (let n = 1; n <= 6; n++) fake.captain.putVersion(projectId, 'holiday-photos', 'photos/2021/beach.jpg', { size: 480_000 + n, at: day(n) });
  fake.captain.putVersion(projectId, 'holiday-photos', 'photos/2021/beach.jpg', { deleted: true, at: day(7) });
  fake.captain.putVersion(projectId, 'holiday-photos', 'readme.txt', { size: 1204, at: day(2) });
  for (const file of ['api', 'worker', 'cron']) {
    for (let n = 1; n <= 12; n++) fake.captain.putVersion(projectId, 'app-logs', `2026/${file}.log`, { size: 1000 * n, at: day(n) });
  }
  return { organization, accessKey: key };
}
