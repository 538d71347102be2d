import { Command, Option } from 'commander';
import * as operations from '../../generated/katapult.operations.js';
import type { KatapultClient } from '../katapult/client.js';
import { revokePresignedUrlsAcrossBuckets, rotateAccessKeyCredentials } from '../jobs/katapult.js';
import { katapultFrom, katapultHint, katapultUrlOf, type ConnectionFlags } from './clients.js';
import { confirm } from './confirm.js';
import { environmentHelp, katapultVariables } from './environment.js';
import { collectAll, deadlineOption, dryRunCall, finishCall, finishJob, integer, jsonObject, namesFrom, outputOf } from './run.js';

type Uses = 'organization' | 'region' | 'bucket' | 'accessKey' | 'path' | 'paging' | 'properties';

interface OperationCommand {
  readonly name: string;
  readonly operation: keyof typeof operations & keyof KatapultClient;
  readonly uses: readonly Uses[];
  /** Asked before it acts, unless --yes; `--dry-run` shows what would be sent. */
  readonly asks?: (flags: Flags) => string;
  readonly example: string;
}

interface Flags extends ConnectionFlags {
  readonly org?: string;
  readonly orgId?: string;
  readonly region: string;
  readonly bucket?: string;
  readonly accessKey?: string;
  readonly path?: string;
  readonly page?: number;
  readonly perPage?: number;
  readonly all?: boolean;
  readonly properties?: Record<string, unknown>;
  readonly name?: string;
  readonly label?: string;
  readonly expiry?: number;
  readonly dryRun?: boolean;
  readonly yes?: boolean;
}

/** One command per operation of the spec, named after its operationId. */
const commands: readonly OperationCommand[] = [
  { name: 'create-account', operation: 'createAccount', uses: ['organization', 'region'], example: 'katapult create-account --org acme' },
  { name: 'get-account', operation: 'getAccount', uses: ['organization', 'region'], example: 'katapult get-account --org acme' },
  {
    name: 'move-account-to-trash',
    operation: 'moveAccountToTrash',
    uses: ['organization', 'region'],
    asks: (f) => `Move the object storage account of ${f.org ?? f.orgId} in ${f.region} to the trash?`,
    example: 'katapult move-account-to-trash --org acme --yes',
  },
  { name: 'list-access-keys', operation: 'listAccessKeys', uses: ['organization', 'paging'], example: 'katapult list-access-keys --org acme --all' },
  { name: 'create-access-key', operation: 'createAccessKey', uses: ['organization', 'region', 'properties'], example: 'katapult create-access-key --org acme --name backup-writer' },
  { name: 'get-access-key', operation: 'getAccessKey', uses: ['accessKey'], example: 'katapult get-access-key --access-key objkey_000000000000001a' },
  { name: 'update-access-key', operation: 'updateAccessKey', uses: ['accessKey', 'properties'], example: 'katapult update-access-key --access-key objkey_000000000000001a --name reader' },
  {
    name: 'delete-access-key',
    operation: 'deleteAccessKey',
    uses: ['accessKey'],
    asks: (f) => `Delete access key ${f.accessKey}?`,
    example: 'katapult delete-access-key --access-key objkey_000000000000001a --yes',
  },
  {
    name: 'generate-access-key-credentials',
    operation: 'generateAccessKeyCredentials',
    uses: ['accessKey'],
    asks: (f) => `Replace the S3 credentials of access key ${f.accessKey}? The old ones stop working.`,
    example: 'katapult generate-access-key-credentials --access-key objkey_000000000000001a --yes --json',
  },
  { name: 'create-bucket', operation: 'createBucket', uses: ['organization', 'region', 'properties'], example: 'katapult create-bucket --org acme --name backups --label Nightly' },
  { name: 'get-bucket', operation: 'getBucket', uses: ['region', 'bucket'], example: 'katapult get-bucket --bucket backups' },
  { name: 'update-bucket', operation: 'updateBucket', uses: ['region', 'bucket', 'properties'], example: 'katapult update-bucket --bucket backups --label "Nightly backups"' },
  {
    name: 'delete-bucket',
    operation: 'deleteBucket',
    uses: ['region', 'bucket'],
    asks: (f) => `Delete bucket ${f.bucket} in ${f.region}?`,
    example: 'katapult delete-bucket --bucket old-logs --yes',
  },
  {
    name: 'revoke-presigned-urls',
    operation: 'revokePresignedUrls',
    uses: ['region', 'bucket'],
    asks: (f) => `Revoke every presigned URL of bucket ${f.bucket} in ${f.region}?`,
    example: 'katapult revoke-presigned-urls --bucket backups --yes',
  },
  { name: 'get-object', operation: 'getObject', uses: ['region', 'bucket', 'path'], example: 'katapult get-object --bucket backups --path db/latest.sql.gz' },
  { name: 'create-presigned-url', operation: 'createPresignedUrl', uses: ['region', 'bucket', 'path', 'properties'], example: 'katapult create-presigned-url --bucket backups --path db/latest.sql.gz --expiry 600' },
];

/** The operation's input, as the spec names it, from the flags. */
function inputOf({ operation, uses }: OperationCommand, flags: Flags): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  if (uses.includes('organization')) input.organization = flags.orgId !== undefined ? { id: flags.orgId } : flags.org !== undefined ? { sub_domain: flags.org } : undefined;
  if (uses.includes('region')) input.object_storage_cluster = { region: flags.region };
  // createBucket names its new bucket in its properties; the others look one up.
  if (uses.includes('bucket')) input.bucket = flags.bucket === undefined ? undefined : { name: flags.bucket };
  if (uses.includes('accessKey')) input.access_key = flags.accessKey === undefined ? undefined : { id: flags.accessKey };
  if (uses.includes('path')) input.path = flags.path;
  if (uses.includes('paging')) Object.assign(input, { page: flags.page, per_page: flags.perPage });
  if (uses.includes('properties')) {
    const named = operation === 'createBucket' ? (flags.name ?? flags.bucket) : flags.name;
    input.properties = {
      ...flags.properties,
      ...(named === undefined ? {} : { name: named }),
      ...(flags.label === undefined ? {} : { label: flags.label }),
      ...(flags.expiry === undefined ? {} : { expiry_seconds: flags.expiry }),
    };
  }
  return JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
}

/** The flag that sets a parameter, as the client names it in a refusal. */
function flagOf(parameter: string): string | undefined {
  const [first, second] = parameter.split('.');
  const flags: Record<string, string> = {
    organization: '--org (or --org-id)',
    object_storage_cluster: '--region',
    bucket: '--bucket',
    access_key: '--access-key',
    path: '--path',
    page: '--page',
    per_page: '--per-page',
  };
  if (first === 'properties') return { name: '--name', label: '--label', expiry_seconds: '--expiry' }[second ?? ''] ?? `--properties (${parameter})`;
  return first === undefined ? undefined : flags[first];
}

/** For a page of access keys: the flags that get the rest, when there are more. */
function morePages(data: { pagination?: { current_page: number; total_pages: number | null; per_page: number }; object_storage_access_keys?: unknown[] }): string | undefined {
  const { pagination, object_storage_access_keys: items = [] } = data;
  if (!pagination) return undefined;
  const { current_page: page, total_pages: pages, per_page: perPage } = pagination;
  const more = pages === null ? items.length >= perPage && items.length > 0 : page < pages;
  return more ? `this is page ${page}${pages === null ? '' : ` of ${pages}`}; --page ${page + 1} for the next, or --all for every page.` : undefined;
}

const example = (text: string) => `\n${environmentHelp(katapultVariables)}\nExample:\n  $ object-storage ${text}`;

function addFlags(command: Command, uses: readonly Uses[]): Command {
  if (uses.includes('organization')) command.option('--org <sub_domain>', "the organization's sub-domain").option('--org-id <id>', "or the organization's ID");
  if (uses.includes('region')) command.option('--region <region>', "the cluster's region", 'uk-lon-1');
  if (uses.includes('bucket')) command.option('--bucket <name>', "the bucket's name");
  if (uses.includes('accessKey')) command.option('--access-key <id>', "the access key's ID");
  if (uses.includes('path')) command.option('--path <path>', "the object's path in the bucket");
  if (uses.includes('paging')) {
    command
      .option('--page <n>', 'the page, from 1', integer)
      .option('--per-page <n>', 'items a page', integer)
      .addOption(new Option('--all', 'every page, one after the other').conflicts('page'));
  }
  if (uses.includes('properties')) {
    command
      .option('--name <name>', 'the name to give it')
      .option('--label <label>', "the bucket's label")
      .option('--expiry <seconds>', "the presigned URL's lifetime in seconds", integer)
      .option('--properties <json>', 'any other properties, as JSON', jsonObject);
  }
  return command;
}

export function katapultCommand(): Command {
  const katapult = new Command('katapult')
    .description("Krystal's Katapult Core API: object storage accounts, access keys, buckets and objects")
    .option('--token <token>', 'API token (prefer KATAPULT_API_TOKEN: a flag lands in shell history)')
    .option('--base-url <url>', 'API base URL, ending in /core/v1 (KATAPULT_BASE_URL)')
    .addHelpText('after', `\n${environmentHelp(katapultVariables)}`);
  const client = (command: Command) => katapultFrom(command.optsWithGlobals() as ConnectionFlags, process.env);

  for (const spec of commands) {
    const { method, path } = operations[spec.operation];
    const command = addFlags(new Command(spec.name), spec.uses)
      .description(`${operations[spec.operation].summary} (${method} ${path})`)
      .addHelpText('after', example(spec.example));
    if (spec.asks) command.option('--dry-run', 'show what would be sent, and send nothing').option('-y, --yes', 'do not ask first');
    command.action(async (flags: Flags, self: Command) => {
      const output = outputOf(self);
      const input = inputOf(spec, flags);
      if (spec.asks && flags.dryRun) {
        process.exitCode = dryRunCall(output, method, path, input);
        return;
      }
      const katapult = client(self);
      if (spec.asks) await confirm(spec.asks(flags), flags);
      const finish = { method, path, flagOf, hint: katapultHint(katapultUrlOf(self.optsWithGlobals() as ConnectionFlags, process.env)) };
      if (spec.operation === 'listAccessKeys' && flags.all) {
        process.exitCode = await finishCall(output, collectAll(katapult.listAllAccessKeys(input as unknown as Parameters<KatapultClient['listAllAccessKeys']>[0])), finish);
        return;
      }
      const call = katapult[spec.operation] as (input: unknown) => ReturnType<KatapultClient['getBucket']>;
      process.exitCode = await finishCall(output, call(input), spec.operation === 'listAccessKeys' ? { ...finish, more: morePages } : finish);
    });
    katapult.addCommand(command);
  }

  katapult.addCommand(
    new Command('revoke-across-buckets')
      .description('Job: revoke the presigned URLs of many buckets, at the rate the server allows. Katapult cannot list buckets: name them.')
      .argument('[buckets...]', 'bucket names')
      .option('--file <path>', 'bucket names, one a line; - reads stdin')
      .option('--region <region>', "the cluster's region", 'uk-lon-1')
      .addOption(new Option('--concurrency <n>', 'requests in flight at once').argParser(integer).default(8))
      .addOption(deadlineOption())
      .option('--dry-run', 'look each bucket up, revoke nothing')
      .option('-y, --yes', 'do not ask first')
      .addHelpText('after', `\n${environmentHelp(katapultVariables)}\nExamples:\n  $ object-storage katapult revoke-across-buckets backups logs --yes\n  $ cat leaked-buckets.txt | object-storage katapult revoke-across-buckets --file - --yes`)
      .action(async (args: string[], flags: { file?: string; region: string; concurrency: number; deadline?: number; dryRun?: boolean; yes?: boolean }, self: Command) => {
        const buckets = namesFrom(args, flags.file);
        const katapult = client(self);
        await confirm(`Revoke every presigned URL of ${buckets.length} bucket(s) in ${flags.region}?`, flags);
        process.exitCode = await finishJob(
          outputOf(self),
          'revoking',
          (options) => revokePresignedUrlsAcrossBuckets(katapult, { region: flags.region, buckets }, options),
          (name) => name,
          flags,
          { order: buckets, operations: [operations.revokePresignedUrls, operations.getBucket], flagOf, hint: katapultHint(katapultUrlOf(self.optsWithGlobals() as ConnectionFlags, process.env)) },
        );
      }),
  );

  katapult.addCommand(
    new Command('rotate-credentials')
      .description("Job: replace an access key's S3 credentials; with --replacing, only while it still uses those")
      .requiredOption('--access-key <id>', "the access key's ID")
      .option('--replacing <s3_access_key_id>', 'the S3 access key ID to replace: a second run then does nothing')
      .option('--dry-run', 'check the key, change nothing')
      .option('-y, --yes', 'do not ask first')
      .addOption(deadlineOption())
      .addHelpText('after', example('katapult rotate-credentials --access-key objkey_000000000000001a --replacing 0000000000000000000000000000001a --yes --json'))
      .action(async (flags: { accessKey: string; replacing?: string; deadline?: number; dryRun?: boolean; yes?: boolean }, self: Command) => {
        const katapult = client(self);
        await confirm(`Replace the S3 credentials of access key ${flags.accessKey}? The old ones stop working.`, flags);
        const output = outputOf(self);
        process.exitCode = await finishJob(
          output,
          'rotating',
          async (options) => {
            const report = await rotateAccessKeyCredentials(katapult, { accessKey: { id: flags.accessKey }, replacing: flags.replacing }, options);
            if (report.accessKey && !output.json) {
              process.stderr.write('New credentials (shown once; store them now):\n');
              process.stdout.write(`s3_access_key_id      ${report.accessKey.s3_access_key_id}\ns3_secret_access_key  ${report.accessKey.s3_secret_access_key}\n`);
            }
            return report;
          },
          (id) => id,
          flags,
          { operations: [operations.getAccessKey, operations.generateAccessKeyCredentials], flagOf, hint: katapultHint(katapultUrlOf(self.optsWithGlobals() as ConnectionFlags, process.env)) },
        );
      }),
  );
  return katapult;
}
