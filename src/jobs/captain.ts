import type { DeleteObjectVersionError, ListObjectsError, ListObjectVersionsError, RestoreObjectVersionError } from '../../generated/captain.methods.js';
import type { BucketLocation, CaptainClient, ObjectLocation, ObjectSummary, ObjectVersion } from '../captain/client.js';
import { listObjectsOperation, listObjectVersionsOperation } from '../../generated/captain/index.js';
import { pagesOf } from '../core/paging.js';
import { isApiRequestError, type AnyError } from '../core/errors.js';
import type { Result } from '../core/result.js';
import { backoff } from '../core/retry.js';
import { sleep } from '../core/wait.js';
import { jobContext, notDone, outcomeOf, runItems, type JobContext, type JobOptions, type JobReport, type Outcome } from './run.js';
import { JobInputError } from './input-error.js';
import { mayHaveHappened } from './transient.js';

/** One version of one object. */
export interface VersionRef {
  readonly key: string;
  readonly versionId: string;
}

const pageSize = 1000;
/** The wait before a delete whose answer was lost is sent again: the pacer's for a transient failure. */
const lostAnswerBackoff = { baseDelay: 250, maxDelay: 8_000 } as const;

/** Collects a paged listing, each page through the job's pacer. A failed page is the error member. */
async function collect<T>(pages: AsyncGenerator<T>): Promise<T[] | { error: AnyError }> {
  const items: T[] = [];
  try {
    for await (const item of pages) items.push(item);
    return items;
  } catch (thrown) {
    if (isApiRequestError(thrown)) return { error: thrown.error };
    throw thrown;
  }
}

function versions(captain: CaptainClient, object: ObjectLocation, context: JobContext) {
  const call = { retry: false } as const;
  return collect(pagesOf<ObjectVersion>(listObjectVersionsOperation, (markers) => context.pacer.run(() => captain.listObjectVersions({ ...object, ...markers, maxKeys: pageSize }, call))));
}

const refOf = ({ key, versionId }: ObjectVersion): VersionRef => ({ key, versionId });
const labelOf = ({ key, versionId }: VersionRef) => `${key} ${versionId}`;
const time = (version: ObjectVersion) => Date.parse(version.lastModified);

/** The report of a job decided before any write: one item, skipped or failed. The
 * runner reports it like any other, progress event included. */
const decided = <E extends AnyError>(item: VersionRef, outcome: Outcome<E>, context: JobContext, options: JobOptions) =>
  runItems<VersionRef, E>([item], async () => outcome, labelOf, context, options);

export interface RestoreToInstantInput extends ObjectLocation {
  /** The instant whose current version is wanted back. */
  readonly at: Date;
}

export type RestoreToInstantError = ListObjectVersionsError | RestoreObjectVersionError;

/**
 * Brings an object back to the version that was current at an instant: the newest
 * version written at or before it. Nothing to do when that version is current already;
 * skipped when the object had no version then, or was deleted then.
 *
 * @example
 * await restoreObjectToInstant(captain, { projectId, bucket: 'site', key: 'index.html', at: new Date('2026-11-20T09:00:00Z') });
 */
export async function restoreObjectToInstant(
  captain: CaptainClient,
  { at, ...object }: RestoreToInstantInput,
  options: JobOptions = {},
): Promise<JobReport<VersionRef, RestoreToInstantError>> {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new JobInputError('at', 'must be a valid Date');
  const context = jobContext(options);
  const listed = await versions(captain, object, context);
  const whole = { key: object.key, versionId: '' };
  if (!Array.isArray(listed)) return decided(whole, { error: listed.error as RestoreToInstantError }, context, options);
  const then = listed.filter((version) => time(version) <= at.getTime()).reduce<ObjectVersion | undefined>((best, version) => (!best || time(version) > time(best) ? version : best), undefined);
  if (!then) return decided(whole, { skipped: `the object had no version at ${at.toISOString()}` }, context, options);
  if (then.isDeleteMarker) return decided(refOf(then), { skipped: `the object was deleted at ${at.toISOString()}` }, context, options);
  if (listed[0]?.versionId === then.versionId) return decided(refOf(then), { skipped: 'already current' }, context, options);
  const call = { retry: false } as const;
  const current = listed[0]?.versionId;
  // Restoring twice makes two copies: when an answer is lost, the versions are read back
  // first, and a new current version means the restore happened.
  const restore = async (versionId: string): Promise<Outcome<RestoreToInstantError>> => {
    for (let tries = 1; ; tries++) {
      const result = await context.pacer.run(() => captain.restoreObjectVersion({ ...object, versionId }, call), { idempotent: false });
      if (result.ok || !mayHaveHappened(result.error)) return outcomeOf(result);
      const now = await versions(captain, object, context);
      if (!Array.isArray(now)) return { uncertain: 'the answer to restoring was lost, and the versions could not be read back to tell whether it happened', error: result.error };
      if (now[0]?.versionId !== current) return { done: true };
      if (tries >= 2) return { uncertain: 'the answer to restoring was lost twice; no new version is current', error: result.error };
    }
  };
  return runItems<VersionRef, RestoreToInstantError>(
    [refOf(then)],
    async ({ versionId }) => (context.dryRun ? { done: true } : restore(versionId)),
    labelOf,
    context,
    options,
  );
}

export type UndeleteError = ListObjectVersionsError | DeleteObjectVersionError;

/**
 * Undeletes an object: removes the delete marker(s) on top of its versions, so the
 * newest real version is current again. Nothing to do when the object is not deleted.
 *
 * @example
 * await undeleteObject(captain, { projectId, bucket: 'photos', key: '2021/beach.jpg' });
 */
export async function undeleteObject(captain: CaptainClient, object: ObjectLocation, options: JobOptions = {}): Promise<JobReport<VersionRef, UndeleteError>> {
  const context = jobContext(options);
  const listed = await versions(captain, object, context);
  const whole = { key: object.key, versionId: '' };
  if (!Array.isArray(listed)) return decided(whole, { error: listed.error as UndeleteError }, context, options);
  const firstReal = listed.findIndex((version) => !version.isDeleteMarker);
  if (firstReal === 0) return decided(refOf(listed[0]!), { skipped: 'not deleted' }, context, options);
  if (firstReal < 0) return decided(whole, { skipped: 'no earlier version to bring back' }, context, options);
  return deleteVersions(captain, object, listed.slice(0, firstReal).map(refOf), context, options);
}

export interface PruneInput extends BucketLocation {
  /** One object's key; or give `prefix`. */
  readonly key?: string | undefined;
  /** Every object under this folder key (`''` for the whole bucket); or give `key`. */
  readonly prefix?: string | undefined;
  /**
   * Versions to keep, newest first; the current version is always kept.
   * @default 1
   */
  readonly keepLatest?: number | undefined;
  /** Delete only versions written before this instant. */
  readonly olderThan?: Date | undefined;
  /**
   * Delete old delete markers too.
   * @default true
   */
  readonly deleteMarkers?: boolean | undefined;
}

export type PruneError = ListObjectsError | ListObjectVersionsError | DeleteObjectVersionError;

/**
 * Deletes the old versions of one object, or of every object under a folder key, by
 * policy: keep the latest N, delete only those older than a date, delete markers or not.
 * Objects whose current version is a delete marker are not listed by the API, so a
 * prefix does not reach them; name them with `key`.
 *
 * @example
 * await pruneVersions(captain, { projectId, bucket: 'logs', prefix: '2025/', keepLatest: 3, olderThan: new Date('2026-06-01') });
 */
export async function pruneVersions(captain: CaptainClient, input: PruneInput, options: JobOptions = {}): Promise<JobReport<VersionRef, PruneError>> {
  const { projectId, bucket, key, prefix, keepLatest = 1, olderThan, deleteMarkers = true } = input;
  if ((key === undefined) === (prefix === undefined)) throw new JobInputError('input', 'must hold exactly one of key or prefix', 'give exactly one of key or prefix');
  if (!Number.isInteger(keepLatest) || keepLatest < 1) throw new JobInputError('keepLatest', 'must be an integer of at least 1: the current version is always kept');
  if (olderThan !== undefined && (!(olderThan instanceof Date) || Number.isNaN(olderThan.getTime()))) throw new JobInputError('olderThan', 'must be a valid Date');
  const context = jobContext(options);
  const call = { retry: false } as const;

  const keys: string[] = [];
  const listingFailures: { item: VersionRef; error: PruneError }[] = [];
  if (key !== undefined) keys.push(key);
  else {
    const folders = [prefix!];
    while (folders.length > 0 && !context.signal?.aborted) {
      const folder = folders.shift()!;
      const listed = await collect(
        pagesOf<ObjectSummary>(listObjectsOperation, (next) => context.pacer.run(() => captain.listObjects({ projectId, bucket, key: folder, maxKeys: pageSize, ...next }, call))),
      );
      if (!Array.isArray(listed)) listingFailures.push({ item: { key: folder, versionId: '' }, error: listed.error as PruneError });
      else for (const entry of listed) (entry.isFolder ? folders : keys).push(entry.key);
    }
  }

  const doomed: VersionRef[] = [];
  await Promise.all(
    keys.map(async (objectKey) => {
      const listed = await versions(captain, { projectId, bucket, key: objectKey }, context);
      if (!Array.isArray(listed)) {
        if (listed.error.kind !== 'aborted') listingFailures.push({ item: { key: objectKey, versionId: '' }, error: listed.error as PruneError });
        return;
      }
      for (const version of listed.slice(keepLatest)) {
        if (olderThan && time(version) >= olderThan.getTime()) continue;
        if (!deleteMarkers && version.isDeleteMarker) continue;
        doomed.push(refOf(version));
      }
    }),
  );
  const report = await deleteVersions(captain, { projectId, bucket }, doomed, context, options);
  // A listing the host never answered leaves its folder or object not done, not failed.
  const unlisted = listingFailures.filter(({ error }) => notDone(error, context));
  const failed = listingFailures.filter((failure) => !unlisted.includes(failure));
  return { ...report, failed: [...failed, ...report.failed], remaining: [...unlisted.map(({ item }) => item), ...report.remaining] };
}

function deleteVersions(
  captain: CaptainClient,
  location: BucketLocation,
  refs: readonly VersionRef[],
  context: JobContext,
  options: JobOptions,
): Promise<JobReport<VersionRef, DeleteObjectVersionError>> {
  const call = { retry: false } as const;
  return runItems<VersionRef, DeleteObjectVersionError>(
    refs,
    async ({ key, versionId }): Promise<Outcome<DeleteObjectVersionError>> => {
      if (context.dryRun) return { done: true };
      // Deleting twice is harmless, so a lost answer is sent again here, where a 404 after
      // it tells that the first one landed.
      for (let tries = 1; ; tries++) {
        const result: Result<unknown, DeleteObjectVersionError> = await context.pacer.run(() => captain.deleteObjectVersion({ ...location, key, versionId }, call), { idempotent: false });
        // Gone already: this job's earlier try landed, or another run got there first.
        if (!result.ok && result.error.kind === 'api' && result.error.status === 404) return tries > 1 ? { done: true } : { skipped: 'already deleted' };
        if (result.ok || !mayHaveHappened(result.error)) return outcomeOf(result);
        // Any of the lost answers may have been a delete that landed: not failed, uncertain.
        const lost = { uncertain: `the delete may have happened: its answer was lost ${tries} time(s); list the versions to check`, error: result.error };
        if (tries >= 3) return lost;
        if (await sleep(backoff(tries, lostAnswerBackoff), context.signal)) return lost;
      }
    },
    labelOf,
    context,
    options,
  );
}
