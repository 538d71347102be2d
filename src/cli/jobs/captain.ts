// The Captain jobs' commands: restoring to an instant, undeleting, and pruning versions.
import { Command, Option } from 'commander';
import type { CaptainClient } from '../../captain/client.js';
import { pruneVersions, restoreObjectToInstant, undeleteObject, type VersionRef } from '../../jobs/captain.js';
import { confirm } from '../confirm.js';
import { CliError, exitCodes } from '../exit.js';
import type { Group } from '../operations.js';
import { deadlineOption, finishJob, instant, integer, outputOf } from '../run.js';

interface Location {
  readonly project: string;
  readonly bucket: string;
  readonly key: string;
}

const label = ({ key, versionId }: VersionRef) => (versionId ? `${key} (${versionId})` : key);

/**
 * A client that notes the order a job finds its items in, for its report: keys as the
 * listings gave them (folder by folder), and each key's versions as listed, newest first.
 * The job runs its items concurrently, so the order they finish in says nothing.
 */
function noting(client: CaptainClient): { client: CaptainClient; order(): string[] } {
  const keys = new Map<string, number>();
  const found = new Map<string, VersionRef>();
  const seen = (key: string) => void (keys.has(key) || keys.set(key, keys.size));
  return {
    client: {
      ...client,
      async listObjects(input, call) {
        const result = await client.listObjects(input, call);
        if (result.ok) for (const { key } of result.data.result?.objectListModel ?? []) seen(key);
        return result;
      },
      async listObjectVersions(input, call) {
        const result = await client.listObjectVersions(input, call);
        if (!result.ok) return result;
        for (const { key, versionId } of result.data.result ?? []) {
          seen(key);
          // A version listed again (restoring reads them back) keeps its first place.
          if (!found.has(label({ key, versionId }))) found.set(label({ key, versionId }), { key, versionId });
        }
        return result;
      },
    },
    // A key's own row (a listing that failed) before its versions; the sort is stable.
    order() {
      const refs = [...[...keys.keys()].map((key) => ({ key, versionId: '' })), ...found.values()];
      return refs.sort((a, b) => keys.get(a.key)! - keys.get(b.key)! || Number(b.versionId === '') - Number(a.versionId === '')).map(label);
    },
  };
}

const withLocation = (command: Command, key: 'required' | 'optional' | 'none' = 'required') => {
  command.requiredOption('--project <id>', "the project's GUID").requiredOption('--bucket <name>', "the bucket's name");
  if (key === 'required') command.requiredOption('--key <key>', "the object's key");
  if (key === 'optional') command.option('--key <key>', 'the folder key, such as photos/2021/');
  return command;
};

const destructive = (command: Command) => command.option('--dry-run', 'show what would be done, and do nothing').option('-y, --yes', 'do not ask first');

export function captainJobs(group: Group): Command[] {
  const client = (command: Command): CaptainClient => group.client(command) as CaptainClient;
  const example = (text: string) => `\n${group.environment}\nExample:\n  $ object-storage captain ${text}`;
  // What the jobs send, for their reports: a refused item names its flag and template.
  const jobContext = { table: group.table };
  return [
    destructive(withLocation(new Command('restore-to-instant')))
      .description('Job: bring an object back to the version that was current at an instant')
      .requiredOption('--at <instant>', 'a date or date-time, such as 2026-11-20T09:00:00Z', instant)
      .addOption(deadlineOption())
      .addHelpText('after', example('restore-to-instant --project f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6 --bucket site --key index.html --at 2026-11-20T09:00:00Z --yes'))
      .action(async (flags: Location & { at: Date; deadline?: number; dryRun?: boolean; yes?: boolean }, self: Command) => {
        const { client: captainClient, order } = noting(client(self));
        await confirm(`Make ${flags.key} as it was at ${flags.at.toISOString()} current again?`, flags);
        const object = { projectId: flags.project, bucket: flags.bucket, key: flags.key };
        process.exitCode = await finishJob(outputOf(self), 'restoring', (options) => restoreObjectToInstant(captainClient, { ...object, at: flags.at }, options), label, flags, { ...jobContext, order });
      }),
    destructive(withLocation(new Command('undelete')))
      .description('Job: undelete an object by removing the delete markers on top of it')
      .addOption(deadlineOption())
      .addHelpText('after', example('undelete --project f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6 --bucket photos --key 2021/a.jpg --yes'))
      .action(async (flags: Location & { deadline?: number; dryRun?: boolean; yes?: boolean }, self: Command) => {
        const { client: captainClient, order } = noting(client(self));
        await confirm(`Undelete ${flags.key}?`, flags);
        const object = { projectId: flags.project, bucket: flags.bucket, key: flags.key };
        process.exitCode = await finishJob(outputOf(self), 'undeleting', (options) => undeleteObject(captainClient, object, options), label, flags, { ...jobContext, order });
      }),
    destructive(withLocation(new Command('prune'), 'none'))
      .description('Job: delete old versions of one object (--key) or of every object under a folder (--prefix), by policy')
      .addOption(new Option('--key <key>', "one object's key").conflicts(['prefix', 'all']))
      .addOption(new Option('--prefix <folder>', 'every object under this folder key').conflicts('all'))
      .option('--all', 'every object in the bucket (as --prefix "")')
      .addOption(new Option('--keep <n>', 'versions to keep of each object, newest first (at least 1)').argParser(integer).makeOptionMandatory())
      .option('--older-than <instant>', 'delete only versions written before this', instant)
      .option('--keep-delete-markers', 'leave old delete markers alone')
      .addOption(new Option('--concurrency <n>', 'requests in flight at once').argParser(integer).default(8))
      .addOption(deadlineOption())
      .addHelpText('after', example('prune --project f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6 --bucket logs --prefix 2025/ --keep 3 --older-than 2026-06-01 --dry-run'))
      .action(
        async (
          flags: Omit<Location, 'key'> & { key?: string; prefix?: string; all?: boolean; keep: number; olderThan?: Date; keepDeleteMarkers?: boolean; concurrency: number; deadline?: number; dryRun?: boolean; yes?: boolean },
          self: Command,
        ) => {
          // Leaving out what to prune must not widen it to the whole bucket: that is said.
          if (flags.key === undefined && flags.prefix === undefined && !flags.all) {
            throw new CliError('prune needs --key <key> or --prefix <folder> (or --all, or --prefix "", for every object in the bucket); nothing was sent.', exitCodes.usage);
          }
          const prefix = flags.all ? '' : flags.prefix;
          const { client: captainClient, order } = noting(client(self));
          const scope = flags.key !== undefined ? flags.key : prefix === '' ? 'every object' : `every object under "${prefix}"`;
          await confirm(`Delete old versions of ${scope} in ${flags.bucket}, keeping the latest ${flags.keep} of each?`, flags);
          const policy = {
            projectId: flags.project,
            bucket: flags.bucket,
            key: flags.key,
            prefix: flags.key === undefined ? prefix : undefined,
            keepLatest: flags.keep,
            olderThan: flags.olderThan,
            deleteMarkers: !flags.keepDeleteMarkers,
          };
          // A listing that failed as a whole is the bucket's or the folder's, not an object's.
          const whole = ({ key, versionId }: VersionRef) =>
            versionId === '' && key === policy.prefix ? (key === '' ? `(bucket ${flags.bucket})` : `(prefix ${JSON.stringify(key)})`) : label({ key, versionId });
          process.exitCode = await finishJob(outputOf(self), 'pruning', (options) => pruneVersions(captainClient, policy, options), whole, flags, { ...jobContext, order });
        },
      ),
  ];
}
