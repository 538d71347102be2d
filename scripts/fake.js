// Serves the stateful fake of both APIs on a loopback port, seeded with a small world,
// and prints the environment that points the CLI at it. Stop it with Ctrl-C.
// `npm run fake` (it compiles first); FAKE_RATE=50 limits it to 50 requests a second, with
// a burst of a whole minute's budget, as the live Katapult server allows.
// It knows its credentials, as a server does: any other token or key is refused (403
// invalid_api_token, Captain's 401), and the read-only token gets scope_not_granted on writes.
import { allKatapultScopes, createFake } from '../dist/src/testing/index.js';
import { projectId, seed } from './fake-seed.js';

const rate = Number(process.env.FAKE_RATE ?? 0);
const fake = createFake({
  katapultTokens: { 'fake-token': allKatapultScopes, 'fake-read-token': ['object_storage:read'] },
  captainCredentials: { apiKeys: ['fake-key'], bearerTokens: ['fake-bearer-token'] },
  ...(rate > 0 ? { rateLimit: { perSecond: rate, burst: rate * 60 } } : {}),
});
const { accessKey } = seed(fake);
const server = await fake.listen(Number(process.env.PORT ?? 0));
console.log(`Fake Katapult and Captain on ${server.url}${rate > 0 ? `, limited to ${rate} requests a second` : ''}.

export KATAPULT_BASE_URL=${fake.katapultBaseUrl} KATAPULT_API_TOKEN=fake-token
export CAPTAIN_BASE_URL=${fake.captainBaseUrl} CAPTAIN_API_KEY=fake-key

Other credentials are refused as the servers refuse them; KATAPULT_API_TOKEN=fake-read-token
holds only the object_storage:read scope.

Katapult: organization acme; buckets backups, logs, media, site in uk-lon-1; access key ${accessKey.id} (S3 ${accessKey.s3AccessKeyId}).
Captain: project ${projectId}; buckets holiday-photos (photos/2021/beach.jpg is deleted) and app-logs (12 versions of 2026/*.log).`);
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  // Open keep-alive connections would hold close() up: stop at once, as the mock does.
  server.close().then(() => process.exit(0));
  setTimeout(() => process.exit(0), 500).unref();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('SIGHUP', stop);
// `npm run fake` starts this through sh, which does not pass on a signal sent to npm: when
// the process that started this one goes away, stop too rather than stay bound.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && stop(), 500).unref();
