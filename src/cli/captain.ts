import { Command, Option } from 'commander';
import * as operations from '../../generated/captain.operations.js';
import type { CaptainClient } from '../captain/client.js';
import { pruneVersions, restoreObjectToInstant, undeleteObject, type VersionRef } from '../jobs/captain.js';
import { captainFrom, type ConnectionFlags } from './clients.js';
import { confirm } from './confirm.js';
import { captainVariables, environmentHelp } from './environment.js';
import { collectAll, deadlineOption, dryRunCall, finishCall, finishJob, instant, integer, outputOf } from './run.js';
import { shellQuote } from './values.js';

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

/** The flag that sets a parameter, as the client names it in a refusal. */
function flagOf(parameter: string): string | undefined {
  const first = parameter.split('.')[0] ?? '';
  const flags: Record<string, string> = {
    projectId: '--project',
    bucket: '--bucket',
    key: '--key',
    search: '--search',
    maxKeys: '--max-keys',
    continuationToken: '--continuation-token',
    keyMarker: '--key-marker',
    versionIdMarker: '--version-id-marker',
    versionId: '--version-id',
  };
  return flags[first];
}

const finishOf = (operation: keyof typeof operations) => ({ method: operations[operation].method, path: operations[operation].path, flagOf });

/** What the jobs send, for their reports: a refused item names its flag and template. */
const jobContext = { operations: [operations.listObjects, operations.listObjectVersions, operations.restoreObjectVersion, operations.deleteObjectVersion], flagOf };

interface Page {
  readonly resultInfo?: { readonly hasNextPage?: boolean } | null;
}

/** For a page of objects: the flags that get the rest, when there are more. */
const moreObjects = ({ resultInfo, result }: Page & { result?: { objectListModel?: { key: string }[] } }) => {
  const last = result?.objectListModel?.at(-1)?.key;
  return resultInfo?.hasNextPage === true && last !== undefined ? `--continuation-token ${shellQuote(last)} for the next page, or --all for every page.` : undefined;
};

/** For a page of versions: the flags that get the rest, when there are more. */
const moreVersions = ({ resultInfo, result }: Page & { result?: { key: string; versionId: string }[] }) => {
  const last = result?.at(-1);
  return resultInfo?.hasNextPage === true && last ? `--key-marker ${shellQuote(last.key)} --version-id-marker ${shellQuote(last.versionId)} for the next page, or --all for every page.` : undefined;
};

const destructive = (command: Command) => command.option('--dry-run', 'show what would be done, and do nothing').option('-y, --yes', 'do not ask first');

export function captainCommand(): Command {
  const captain = new Command('captain')
    .description("GjirafaTech's Captain Storage API: buckets, objects and object versions")
    .option('--api-key <key>', 'API key (prefer CAPTAIN_API_KEY: a flag lands in shell history)')
    .option('--token <token>', 'bearer token (prefer CAPTAIN_TOKEN)')
    .option('--base-url <url>', 'your API origin (CAPTAIN_BASE_URL); the vendor publishes none')
    .addHelpText('after', `\n${environmentHelp(captainVariables)}`);
  const client = (command: Command): CaptainClient => captainFrom(command.optsWithGlobals() as ConnectionFlags, process.env);
  const example = (text: string) => `\n${environmentHelp(captainVariables)}\nExample:\n  $ object-storage captain ${text}`;

  captain.addCommand(
    new Command('list-buckets')
      .description(`${operations.listBuckets.summary} (${operations.listBuckets.method} ${operations.listBuckets.path})`)
      .requiredOption('--project <id>', "the project's GUID")
      .option('--search <text>', 'only buckets whose name holds this')
      .option('--all', 'every bucket: the API answers with all of them in one page, so this is the default')
      .addHelpText('after', example('list-buckets --project f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6'))
      .action(async (flags: { project: string; search?: string }, self: Command) => {
        process.exitCode = await finishCall(outputOf(self), client(self).listBuckets({ projectId: flags.project, search: flags.search }), finishOf('listBuckets'));
      }),
  );

  captain.addCommand(
    withLocation(new Command('list-objects'), 'optional')
      .description(`${operations.listObjects.summary}, a read (${operations.listObjects.method} ${operations.listObjects.path})`)
      .option('--max-keys <n>', 'objects a page', integer)
      .option('--continuation-token <key>', 'start after this key')
      .addOption(new Option('--all', 'every page, one after the other').conflicts('continuationToken'))
      .addHelpText('after', example('list-objects --project f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6 --bucket photos --key 2021/ --all'))
      .action(async (flags: { project: string; bucket: string; key?: string; maxKeys?: number; continuationToken?: string; all?: boolean }, self: Command) => {
        const location = { projectId: flags.project, bucket: flags.bucket, key: flags.key };
        const captainClient = client(self);
        process.exitCode = await finishCall(
          outputOf(self),
          flags.all
            ? collectAll(captainClient.listAllObjects({ ...location, pageSize: flags.maxKeys }))
            : captainClient.listObjects({ ...location, maxKeys: flags.maxKeys, continuationToken: flags.continuationToken }),
          { ...finishOf('listObjects'), more: moreObjects },
        );
      }),
  );

  captain.addCommand(
    withLocation(new Command('list-object-versions'))
      .description(`${operations.listObjectVersions.summary} (${operations.listObjectVersions.method} ${operations.listObjectVersions.path})`)
      .option('--max-keys <n>', 'versions a page', integer)
      .option('--key-marker <key>', 'start after this key …')
      .option('--version-id-marker <id>', '… and this version')
      .addOption(new Option('--all', 'every page, one after the other').conflicts(['keyMarker', 'versionIdMarker']))
      .addHelpText('after', example('list-object-versions --project f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6 --bucket photos --key 2021/a.jpg --all'))
      .action(async (flags: Location & { maxKeys?: number; keyMarker?: string; versionIdMarker?: string; all?: boolean }, self: Command) => {
        const object = { projectId: flags.project, bucket: flags.bucket, key: flags.key };
        const captainClient = client(self);
        process.exitCode = await finishCall(
          outputOf(self),
          flags.all
            ? collectAll(captainClient.listAllObjectVersions({ ...object, pageSize: flags.maxKeys }))
            : captainClient.listObjectVersions({ ...object, maxKeys: flags.maxKeys, keyMarker: flags.keyMarker, versionIdMarker: flags.versionIdMarker }),
          { ...finishOf('listObjectVersions'), more: moreVersions },
        );
      }),
  );

  for (const [name, operation, question] of [
    ['restore-object-version', 'restoreObjectVersion', 'Make version {version} of {key} current again?'],
    ['delete-object-version', 'deleteObjectVersion', 'Delete version {version} of {key} for good?'],
  ] as const) {
    captain.addCommand(
      destructive(withLocation(new Command(name)))
        .description(`${operations[operation].summary} (${operations[operation].method} ${operations[operation].path})`)
        .requiredOption('--version-id <id>', "the version's ID")
        .addHelpText('after', example(`${name} --project f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6 --bucket photos --key 2021/a.jpg --version-id 3HL4kqtJ --yes`))
        .action(async (flags: Location & { versionId: string; dryRun?: boolean; yes?: boolean }, self: Command) => {
          const input = { projectId: flags.project, bucket: flags.bucket, key: flags.key, versionId: flags.versionId };
          const output = outputOf(self);
          if (flags.dryRun) {
            process.exitCode = dryRunCall(output, operations[operation].method, operations[operation].path, input);
            return;
          }
          const captainClient = client(self);
          await confirm(question.replace('{version}', flags.versionId).replace('{key}', flags.key), flags);
          process.exitCode = await finishCall(output, captainClient[operation](input), finishOf(operation));
        }),
    );
  }

  captain.addCommand(
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
  );

  captain.addCommand(
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
  );

  captain.addCommand(
    destructive(withLocation(new Command('prune'), 'none'))
      .description('Job: delete old versions of one object (--key) or of every object under a folder (--prefix), by policy')
      .addOption(new Option('--key <key>', "one object's key").conflicts('prefix'))
      .addOption(new Option('--prefix <folder>', 'every object under this folder key; "" for the whole bucket'))
      .addOption(new Option('--keep <n>', 'versions to keep, newest first (at least 1)').argParser(integer).default(1))
      .option('--older-than <instant>', 'delete only versions written before this', instant)
      .option('--keep-delete-markers', 'leave old delete markers alone')
      .addOption(new Option('--concurrency <n>', 'requests in flight at once').argParser(integer).default(8))
      .addOption(deadlineOption())
      .addHelpText('after', example('prune --project f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6 --bucket logs --prefix 2025/ --keep 3 --older-than 2026-06-01 --dry-run'))
      .action(
        async (
          flags: Omit<Location, 'key'> & { key?: string; prefix?: string; keep: number; olderThan?: Date; keepDeleteMarkers?: boolean; concurrency: number; deadline?: number; dryRun?: boolean; yes?: boolean },
          self: Command,
        ) => {
          const { client: captainClient, order } = noting(client(self));
          const scope = flags.key !== undefined ? flags.key : `everything under "${flags.prefix ?? ''}"`;
          await confirm(`Delete old versions of ${scope} in ${flags.bucket}, keeping the latest ${flags.keep}?`, flags);
          const policy = {
            projectId: flags.project,
            bucket: flags.bucket,
            key: flags.key,
            prefix: flags.key === undefined ? (flags.prefix ?? '') : undefined,
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
  );
  return captain;
}
