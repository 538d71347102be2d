// The Katapult jobs' commands: revoking across buckets, and rotating an access key's credentials.
import { Command, Option } from 'commander';
import type { KatapultClient } from '../../katapult/client.js';
import { revokePresignedUrlsAcrossBuckets, rotateAccessKeyCredentials } from '../../jobs/katapult.js';
import { confirm } from '../confirm.js';
import type { Group } from '../operations.js';
import { deadlineOption, finishJob, integer, namesFrom, outputOf } from '../run.js';

export function katapultJobs(group: Group): Command[] {
  return [
    new Command('revoke-across-buckets')
      .description('Job: revoke the presigned URLs of many buckets, at the rate the server allows. Katapult cannot list buckets: name them.')
      .argument('[buckets...]', 'bucket names')
      .option('--file <path>', 'bucket names, one a line; - reads stdin')
      .option('--region <region>', "the cluster's region", 'uk-lon-1')
      .addOption(new Option('--concurrency <n>', 'requests in flight at once').argParser(integer).default(8))
      .addOption(deadlineOption())
      .option('--dry-run', 'look each bucket up, revoke nothing')
      .option('-y, --yes', 'do not ask first')
      .addHelpText('after', `\n${group.environment}\nExamples:\n  $ object-storage katapult revoke-across-buckets backups logs --yes\n  $ cat leaked-buckets.txt | object-storage katapult revoke-across-buckets --file - --yes`)
      .action(async (args: string[], flags: { file?: string; region: string; concurrency: number; deadline?: number; dryRun?: boolean; yes?: boolean }, self: Command) => {
        const buckets = namesFrom(args, flags.file);
        const client = group.client(self) as KatapultClient;
        await confirm(`Revoke every presigned URL of ${buckets.length} bucket(s) in ${flags.region}?`, flags);
        process.exitCode = await finishJob(
          outputOf(self),
          'revoking',
          (options) => revokePresignedUrlsAcrossBuckets(client, { region: flags.region, buckets }, options),
          (name) => name,
          flags,
          { table: group.table, order: buckets, hint: group.hint!(self) },
        );
      }),

    new Command('rotate-credentials')
      .description("Job: replace an access key's S3 credentials; with --replacing, only while it still uses those")
      .requiredOption('--access-key <id>', "the access key's ID")
      .option('--replacing <s3_access_key_id>', 'the S3 access key ID to replace: a second run then does nothing')
      .option('--dry-run', 'check the key, change nothing')
      .option('-y, --yes', 'do not ask first')
      .addOption(deadlineOption())
      .addHelpText('after', `\n${group.environment}\nExample:\n  $ object-storage katapult rotate-credentials --access-key objkey_000000000000001a --replacing 0000000000000000000000000000001a --yes --json`)
      .action(async (flags: { accessKey: string; replacing?: string; deadline?: number; dryRun?: boolean; yes?: boolean }, self: Command) => {
        const client = group.client(self) as KatapultClient;
        await confirm(`Replace the S3 credentials of access key ${flags.accessKey}? The old ones stop working.`, flags);
        const output = outputOf(self);
        process.exitCode = await finishJob(
          output,
          'rotating',
          async (options) => {
            const report = await rotateAccessKeyCredentials(client, { accessKey: { id: flags.accessKey }, replacing: flags.replacing }, options);
            if (report.accessKey && !output.json) {
              process.stderr.write('New credentials (shown once; store them now):\n');
              process.stdout.write(`s3_access_key_id      ${report.accessKey.s3_access_key_id}\ns3_secret_access_key  ${report.accessKey.s3_secret_access_key}\n`);
            }
            return report;
          },
          (id) => id,
          flags,
          { table: group.table, hint: group.hint!(self) },
        );
      }),
  ];
}
