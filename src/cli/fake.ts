// `object-storage fake`: the stateful fake of both APIs, served on a loopback port and
// seeded with the demo's world, to try the CLI and the client without an account.
import { Command, Option } from 'commander';
import { createFake, demoCredentials, demoProjectId, seedDemo } from '../testing/index.js';
import { integer } from './run.js';

/** Stops `stop` when the process is told to, or when the process that started it goes away. */
function stopOnExit(stop: () => void): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
  // `npm run` starts a script through sh, which does not pass on a signal sent to npm:
  // when the parent goes away, stop too rather than stay bound to the port.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && stop(), 500).unref();
}

export function fakeCommand(): Command {
  return new Command('fake')
    .description('Serve the stateful fake of both APIs on a loopback port, seeded with a small world, to try things without an account')
    .addOption(new Option('--port <n>', 'the port to listen on (default: a free one)').argParser(integer))
    .addOption(new Option('--rate <n>', "limit each API to n requests a second, with a minute's burst, as Katapult allows").argParser(integer))
    .addHelpText('after', '\nExample:\n  $ object-storage fake\n  (then, in another terminal, the export lines it prints, and)\n  $ object-storage katapult get-bucket --bucket backups')
    .action(async (flags: { port?: number; rate?: number }) => {
      const fake = createFake({ ...demoCredentials, ...(flags.rate ? { rateLimit: { perSecond: flags.rate, burst: flags.rate * 60 } } : {}) });
      const { accessKey } = seedDemo(fake);
      const server = await fake.listen(flags.port ?? 0);
      process.stdout.write(`Fake Katapult and Captain on ${server.url}${flags.rate ? `, limited to ${flags.rate} requests a second` : ''}.

export KATAPULT_BASE_URL=${fake.katapultBaseUrl} KATAPULT_API_TOKEN=fake-token
export CAPTAIN_BASE_URL=${fake.captainBaseUrl} CAPTAIN_API_KEY=fake-key

Credentials it knows: Katapult tokens fake-token (every scope) and fake-read-token
(object_storage:read only); Captain's API key fake-key and bearer token fake-bearer-token.
Any other is refused as the servers refuse it.

Katapult: organization acme; buckets backups, logs, media, site in uk-lon-1; access key ${accessKey.id} (S3 ${accessKey.s3AccessKeyId}).
Captain: project ${demoProjectId}; buckets holiday-photos (photos/2021/beach.jpg is deleted) and app-logs (12 versions of 2026/*.log).
Ctrl-C stops it.
`);
      await new Promise<void>((resolve) => {
        let stopping = false;
        stopOnExit(() => {
          if (stopping) return;
          stopping = true;
          // Open keep-alive connections would hold close() up: they are closed with it.
          void server.close().then(resolve);
        });
      });
    });
}
