// A tool for every job. Each is two-step: the plan is the job's dry run, and the apply
// step runs it for real only while a new dry run finds the same work.
import type { AnyError } from '../core/errors.js';
import { pruneVersions, restoreObjectToInstant, undeleteObject, type VersionRef } from '../jobs/captain.js';
import { JobInputError } from '../jobs/input-error.js';
import { revokePresignedUrlsAcrossBuckets, rotateAccessKeyCredentials } from '../jobs/katapult.js';
import type { CaptainClient } from '../captain/client.js';
import type { Pacer } from '../jobs/pace.js';
import type { JobOptions, JobReport } from '../jobs/run.js';
import type { KatapultClient } from '../katapult/client.js';
import { inputChecker } from './job-input.js';
import { errorSchema } from './results.js';
import type { Json, Schema } from './json.js';
import { invalidArgument, outcomeOf, type Clients, type Outcome, type Plan, type Tool } from './tool.js';

type Refused = Extract<Outcome, { ok: false }>;
type Report = JobReport<unknown, AnyError> & { readonly accessKey?: unknown };

const annotations = (idempotent: boolean) => ({ readOnlyHint: false, destructiveHint: true, idempotentHint: idempotent, openWorldHint: true });

/** A job's report, as a schema: what was done (or would be, in a dry run), skipped, failed. */
function reportSchema(item: Schema, extra: Record<string, Schema> = {}): Schema {
  return {
    type: 'object',
    properties: {
      dryRun: { type: 'boolean' },
      aborted: { type: 'boolean' },
      done: { type: 'array', items: item },
      skipped: { type: 'array', items: { type: 'object', properties: { item, reason: { type: 'string' } }, required: ['item', 'reason'] } },
      failed: { type: 'array', items: { type: 'object', properties: { item, error: errorSchema }, required: ['item', 'error'] } },
      uncertain: { type: 'array', items: { type: 'object', properties: { item, reason: { type: 'string' }, error: errorSchema }, required: ['item', 'reason', 'error'] } },
      remaining: { type: 'array', items: item },
      counts: {
        type: 'object',
        description: 'How many items are in each list: whole even when a long result shows only some of done.',
        properties: Object.fromEntries(['done', 'skipped', 'failed', 'uncertain', 'remaining'].map((name) => [name, { type: 'integer' }])),
      },
      requests: { type: 'integer' },
      throttled: { type: 'integer' },
      ...extra,
    },
    required: ['dryRun', 'aborted', 'done', 'skipped', 'failed', 'remaining', 'requests', 'throttled'],
  };
}

const versionRef = { type: 'object', properties: { key: { type: 'string' }, versionId: { type: 'string' } }, required: ['key', 'versionId'] };

const invalid = (parameter: string, rule: string): Refused => ({ ok: false, error: invalidArgument(parameter, rule) });

/** What a dry run found, as a plan; its items are the state the apply step compares. */
function planOf(action: string, report: Report, extraState: unknown = null, heldMs = 0): Plan {
  return {
    action,
    counts: { would_do: report.done.length, skipped: report.skipped.length, failed: report.failed.length, not_done: report.remaining.length },
    sample: report.done.slice(0, 10),
    failed: report.failed.map(({ item, error }) => ({ item, ...errorWords(error) })),
    ...(report.remaining.length > 0 ? { notDone: { items: report.remaining, retryAfterSeconds: secondsOf(heldMs) } } : {}),
    state: {
      done: report.done,
      skipped: report.skipped.map(({ item, reason }) => [item, reason]),
      failed: report.failed.map(({ item, error }) => [item, error.kind, (error as { status?: number }).status ?? null]),
      extra: extraState,
    },
  };
}

/** An error member in the few words a plan or a cut report keeps of it. */
function errorWords(error: AnyError): { kind: string; code?: string; message: string } {
  const { code } = error as { code?: unknown };
  return { kind: error.kind, ...(typeof code === 'string' ? { code } : {}), message: error.message };
}

/** A dry run that found nothing to do and something that failed is the failure, not a plan. */
function failure(report: Report): Refused {
  const [first] = report.failed;
  const error = first!.error;
  const more = report.failed.length > 1 ? report.failed.map(({ item, error: each }) => `${typeof item === 'string' ? item : JSON.stringify(item)}: ${each.message}`) : [];
  const combined: AnyError & { readonly errors?: readonly string[] } = more.length > 0 ? { ...error, errors: more } : error;
  return { ok: false, error: combined, ...retryOf(error) };
}

/** A dry run that the rate limit held back whole: nothing was read, so there is no plan. */
function heldBack(report: Report, heldMs: number): Refused {
  const retryAfterSeconds = secondsOf(heldMs);
  const message = `Not planned: the rate limit held back all ${report.remaining.length} items longer than --max-wait allows, and nothing was sent for them. Try again in about ${retryAfterSeconds} s.`;
  return { ok: false, error: { kind: 'rate_limited', status: 429, code: 'rate_limit_reached', message, retryAfterSeconds }, retryAfterSeconds };
}

const secondsOf = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * The pacer a job runs on, seen through a wrapper that notes the longest wait the rate
 * limit would have held a call for, among the calls it did not send: the job's report
 * keeps only the items, and an agent needs to know when to come back for them.
 */
function heldBackBy(pacer: Pacer): { pacer: Pacer; longestMs: () => number } {
  let longest = 0;
  const seen: Pacer = {
    get stats() {
      return pacer.stats;
    },
    get unreachable() {
      return pacer.unreachable;
    },
    run: async (call, options) => {
      const result = await pacer.run(call, options);
      const { waitMs } = (result.ok ? {} : result.error) as { waitMs?: number };
      if (waitMs !== undefined) longest = Math.max(longest, waitMs);
      return result;
    },
  };
  return { pacer: seen, longestMs: () => longest };
}

/** When to try again, for an item the rate limit held back (the pacer's predicted wait). */
const retryOf = (error: AnyError): { retryAfterSeconds?: number } => {
  const { waitMs } = error as { waitMs?: number };
  return waitMs === undefined ? {} : { retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
};

interface JobTool {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly input: Schema;
  readonly item: Schema;
  readonly idempotent: boolean;
  readonly secrets?: readonly string[];
  readonly api: 'katapult' | 'captain';
  readonly run: (client: never, args: Json, options: JobOptions) => Promise<Report>;
  readonly action: string;
  /** How to make a report that is too long shorter; none for a job on one object. */
  readonly narrow?: string;
  /** More state than the dry run shows, read for the plan. */
  readonly state?: (clients: Clients, args: Json) => Promise<Outcome>;
}

const object = (properties: Record<string, Schema>, required: string[]): Schema => ({ type: 'object', properties, required, additionalProperties: false });
const prop = (tool: Tool | undefined, ...path: string[]): Schema =>
  (path.reduce<Schema | undefined>((at, name) => (at?.properties as Record<string, Schema> | undefined)?.[name], tool?.inputSchema) ?? { type: 'string' });
const described = (schema: Schema, description: string): Schema => ({ ...schema, description });
const date = (value: unknown) => (value === undefined ? undefined : new Date(value as string));

/** The job tools; their location members take their schemas from the operations' tools. */
export function jobTools(operationTools: readonly Tool[]): Tool[] {
  const named = (name: string) => operationTools.find((tool) => tool.name === name);
  const getBucket = named('katapult_get_bucket');
  const getAccessKey = named('katapult_get_access_key');
  const versions = named('captain_list_object_versions');
  const objects = named('captain_list_objects');
  const region = described(prop(getBucket, 'object_storage_cluster', 'region'), "The cluster's region, such as uk-lon-1.");
  const bucketName = prop(getBucket, 'bucket', 'name');
  const location = { projectId: prop(versions, 'projectId'), bucket: prop(versions, 'bucket') };
  const key = prop(versions, 'key');

  const jobs: JobTool[] = [
    {
      name: 'revoke_presigned_urls_across_buckets',
      title: 'Revoke the presigned URLs of many Katapult buckets',
      description: 'Job: revokes every presigned URL of each named bucket, at the rate the server allows. Katapult cannot list buckets: name them. The plan looks each bucket up.',
      input: object({ region, buckets: { type: 'array', items: bucketName, minItems: 1, description: 'Bucket names.' } }, ['region', 'buckets']),
      item: { type: 'string' },
      idempotent: true,
      api: 'katapult',
      run: (client: KatapultClient, args, options) => revokePresignedUrlsAcrossBuckets(client, args as { region: string; buckets: string[] }, options) as Promise<Report>,
      action: 'revoke every presigned URL issued so far of each bucket in done',
      narrow: 'name fewer buckets at once',
    },
    {
      name: 'rotate_access_key_credentials',
      title: "Replace a Katapult access key's S3 credentials",
      description: "Job: generates new S3 credentials for an access key; the old ones stop working. With replacing (the S3 access key ID in use now), a second run does nothing.",
      input: object(
        {
          access_key: described(prop(getAccessKey, 'access_key'), 'The access key, by its ID.'),
          replacing: { type: 'string', description: 'The S3 access key ID to replace: the job does nothing when the key uses another.' },
        },
        ['access_key'],
      ),
      item: { type: 'string' },
      idempotent: false,
      secrets: getAccessKey?.secrets ?? [],
      api: 'katapult',
      run: (client: KatapultClient, args, options) => rotateAccessKeyCredentials(client, { accessKey: args.access_key as { id: string }, replacing: args.replacing as string | undefined }, options) as Promise<Report>,
      action: "replace the S3 credentials of the access key in done; the old ones stop working",
      state: async (clients, args) => {
        const read = outcomeOf(await clients.katapult().getAccessKey({ access_key: args.access_key as { id: string } }));
        if (!read.ok) return read;
        return { ok: true, data: (read.data as { object_storage_access_key?: { s3_access_key_id?: unknown } }).object_storage_access_key?.s3_access_key_id ?? null };
      },
    },
    {
      name: 'restore_object_to_instant',
      title: 'Bring a Captain object back to how it was at an instant',
      description: 'Job: makes the version that was current at an instant the current version again. Nothing to do when it is current already.',
      input: object({ ...location, key, at: { type: 'string', format: 'date-time', description: 'The instant, such as 2026-11-20T09:00:00Z.' } }, ['projectId', 'bucket', 'key', 'at']),
      item: versionRef,
      idempotent: true,
      api: 'captain',
      run: (client: CaptainClient, args, options) => restoreObjectToInstant(client, { ...(args as { projectId: string; bucket: string; key: string }), at: new Date(args.at as string) }, options) as Promise<Report>,
      action: 'make the version in done the current version of the object again',
    },
    {
      name: 'undelete_object',
      title: 'Undelete a Captain object',
      description: 'Job: removes the delete markers on top of an object, so its newest real version is current again.',
      input: object({ ...location, key }, ['projectId', 'bucket', 'key']),
      item: versionRef,
      idempotent: true,
      api: 'captain',
      run: (client: CaptainClient, args, options) => undeleteObject(client, args as { projectId: string; bucket: string; key: string }, options) as Promise<Report>,
      action: 'delete the delete markers in done',
    },
    {
      name: 'prune_versions',
      title: 'Delete old versions of Captain objects, by policy',
      description: 'Job: deletes the old versions of one object (key) or of every object under a folder (prefix): keep the latest keepLatest, only those older than olderThan, delete markers too unless keepDeleteMarkers.',
      input: object(
        {
          ...location,
          key: described(key, "One object's key; or give prefix."),
          prefix: described(prop(objects, 'key'), 'Every object under this folder key ("" for the whole bucket); or give key.'),
          keepLatest: { type: 'integer', minimum: 1, description: 'Versions to keep of each object, newest first (at least 1: the current version is always kept).' },
          olderThan: { type: 'string', format: 'date-time', description: 'Delete only versions written before this instant.' },
          keepDeleteMarkers: { type: 'boolean', description: 'Leave old delete markers alone.' },
        },
        // keepLatest has no default: leaving it out must not choose how much is deleted.
        ['projectId', 'bucket', 'keepLatest'],
      ),
      item: versionRef,
      idempotent: true,
      api: 'captain',
      narrow: 'give a deeper prefix, or one key, or a later olderThan',
      run: (client: CaptainClient, args, options) => {
        return pruneVersions(
          client,
          {
            projectId: args.projectId as string,
            bucket: args.bucket as string,
            key: args.key as string | undefined,
            prefix: args.prefix as string | undefined,
            keepLatest: args.keepLatest as number,
            olderThan: date(args.olderThan),
            deleteMarkers: args.keepDeleteMarkers !== true,
          },
          options,
        ) as Promise<Report>;
      },
      action: 'delete for good each version in done',
    },
  ];

  return jobs.map((job): Tool => {
    const check = inputChecker(job.input);
    const run = async (clients: Clients, args: Json, dryRun: boolean): Promise<Refused | { ok: true; report: Report; heldMs: number }> => {
      const refused = await check(args);
      if (refused) return invalid(refused.parameter, refused.rule);
      try {
        // The job runs on the credential's shared pacer with the client unwrapped: paced
        // and retried once, and held by the rate limit no longer than any call.
        const { client, pacer, deadline } = job.api === 'katapult' ? clients.forJob('katapult') : clients.forJob('captain');
        const held = heldBackBy(pacer);
        return { ok: true, report: await job.run(client as never, args, { dryRun, pacer: held.pacer, deadline }), heldMs: held.longestMs() };
      } catch (thrown) {
        // A job names the argument it cannot act on, and the rule.
        if (thrown instanceof JobInputError) return invalid(thrown.parameter, thrown.rule);
        throw thrown;
      }
    };
    return {
      name: job.name,
      toolset: 'jobs',
      title: job.title,
      description: job.description,
      inputSchema: job.input,
      dataSchema: reportSchema(job.item, job.secrets ? { accessKey: { type: 'object' } } : {}),
      annotations: annotations(job.idempotent),
      secrets: job.secrets ?? [],
      plan: async (clients, args) => {
        const dry = await run(clients, args, true);
        if (!dry.ok) return dry;
        if (dry.report.done.length === 0 && dry.report.failed.length > 0) return failure(dry.report);
        if (dry.report.done.length === 0 && dry.report.remaining.length > 0) return heldBack(dry.report, dry.heldMs);
        const extra = job.state ? await job.state(clients, args) : undefined;
        if (extra && !extra.ok) return extra;
        return { ok: true, plan: planOf(job.action, dry.report, extra?.data ?? null, dry.heldMs) };
      },
      act: async (clients, args) => {
        const done = await run(clients, args, false);
        return done.ok ? { ok: true, data: withCounts(done.report) } : done;
      },
      cut: { items: (data) => data.done as unknown[] | undefined, of: 'done items', narrow: job.narrow, kept: 'The counts hold every total, and every failed, uncertain and remaining item is shown.' },
    };
  });
}

/** The report with how many items each list holds, so a cut `done` loses no count. */
const withCounts = (report: Report) => ({
  ...report,
  counts: { done: report.done.length, skipped: report.skipped.length, failed: report.failed.length, uncertain: report.uncertain.length, remaining: report.remaining.length },
});

export type { VersionRef };
