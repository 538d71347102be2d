import type { AnyError, NetworkFailure } from '../core/errors.js';
import type { Result } from '../core/result.js';
import { createPacer, neverSent, sentNothing, type Pacer, type PaceStats } from './pace.js';
import { unreachable } from './transient.js';

/** Options every job takes. */
export interface JobOptions {
  /** Reads what it must and reports what it would do, but sends no write. */
  readonly dryRun?: boolean | undefined;
  /** Stops the job: nothing new is sent, what is in flight finishes, and the report says
   * what was done and what was left. */
  readonly signal?: AbortSignal | undefined;
  /** Called after each item, and once when the work is known. */
  readonly onProgress?: ((progress: JobProgress) => void) | undefined;
  /**
   * Requests in flight at once; the pace is set by the server's rate limit.
   * @default 8
   */
  readonly concurrency?: number | undefined;
  /**
   * When to stop waiting out the server's rate limit (a `Date`, or milliseconds since the
   * epoch): items still held back then are reported not done (`remaining`), with nothing
   * done to them. Without one, throttling is waited out however long it lasts.
   */
  readonly deadline?: Date | number | undefined;
  /**
   * A pacer to run the calls on, shared with other work on the same credential (a server
   * that serves many callers has one per credential), in place of a new one: its attempts
   * and concurrency then hold, `deadline` still bounds each call, and the report counts
   * only this job's requests. Pass the client unwrapped, so calls are not paced twice.
   */
  readonly pacer?: Pacer | undefined;
}

export interface JobProgress {
  /** Items to do, once known. */
  readonly total: number;
  readonly done: number;
  readonly skipped: number;
  readonly failed: number;
  /** The item just finished, as text. */
  readonly last?: string;
}

export interface Skipped<I> {
  readonly item: I;
  /** Why nothing had to be done, such as `already current`. */
  readonly reason: string;
}

export interface Failed<I, E> {
  readonly item: I;
  /** The error member of the call that failed. */
  readonly error: E;
}

/** An item whose write may or may not have happened: its answer was lost, and sending it
 * again would not be harmless, or the state could not tell. Check it by hand. */
export interface Uncertain<I, E> {
  readonly item: I;
  /** What is known, such as `new credentials were generated, but their answer was lost`. */
  readonly reason: string;
  /** The error member of the call whose answer was lost. */
  readonly error: E;
}

/** What a job did. In a dry run, `done` is what it would have done. */
export interface JobReport<I, E> {
  readonly dryRun: boolean;
  readonly aborted: boolean;
  readonly done: readonly I[];
  readonly skipped: readonly Skipped<I>[];
  readonly failed: readonly Failed<I, E>[];
  readonly uncertain: readonly Uncertain<I, E>[];
  /** Items not done because the job was aborted, the host was unreachable, or the
   * deadline passed while the rate limit held them back: nothing was done to them. */
  readonly remaining: readonly I[];
  /** Set when the host could not be reached at all (every first connection refused, or no
   * such host): the job stopped, and every item not done is in `remaining`. */
  readonly unreachable?: NetworkFailure;
  /** Requests sent, retries included, and how many the server answered with 429. */
  readonly requests: number;
  readonly throttled: number;
}

export type Outcome<E> = { readonly done: true } | { readonly skipped: string } | { readonly error: E } | { readonly uncertain: string; readonly error: E };

/** A job's pacer and options, handed to each step. */
export interface JobContext {
  readonly pacer: Pacer;
  readonly dryRun: boolean;
  readonly signal: AbortSignal | undefined;
}

export function jobContext(options: JobOptions = {}): JobContext {
  return {
    pacer: options.pacer
      ? sharedPacer(options.pacer, options)
      : createPacer({ concurrency: options.concurrency ?? 8, signal: options.signal, deadline: options.deadline }),
    dryRun: options.dryRun === true,
    signal: options.signal,
  };
}

/** A job's view of a shared pacer: its deadline on every call, nothing sent once its
 * signal aborts, and its own count of requests. */
function sharedPacer(shared: Pacer, { deadline, signal }: JobOptions): Pacer {
  const stats: PaceStats = { requests: 0, throttled: 0 };
  return {
    stats,
    get unreachable() {
      return shared.unreachable;
    },
    run(call, options = {}) {
      return shared.run(async () => {
        if (signal?.aborted) return { ok: false, error: { kind: 'aborted', reason: signal.reason, message: 'Request not sent (aborted)' } as never, response: undefined };
        const result = await call();
        // As the pacer counts: what the client refused before sending is no request.
        if (!sentNothing(result)) stats.requests += 1;
        if (!result.ok && (result.error as { status?: number }).status === 429) stats.throttled += 1;
        return result;
      }, { deadline, ...options });
    },
  };
}

/** The outcome of one call: done, or failed with its error member. */
export const outcomeOf = <E extends AnyError>(result: Result<unknown, E>): Outcome<E> => (result.ok ? { done: true } : { error: result.error });

/**
 * Runs `act` on every item, all of them queued at once and paced by the context's
 * pacer, and gathers the report. An item whose call was aborted is `remaining`.
 */
export async function runItems<I, E extends AnyError>(
  items: readonly I[],
  act: (item: I) => Promise<Outcome<E>>,
  label: (item: I) => string,
  context: JobContext,
  options: JobOptions = {},
): Promise<JobReport<I, E>> {
  const done: I[] = [];
  const skipped: Skipped<I>[] = [];
  const failed: Failed<I, E>[] = [];
  const uncertain: Uncertain<I, E>[] = [];
  const remaining: I[] = [];
  const progress = (last?: string) =>
    options.onProgress?.({ total: items.length, done: done.length, skipped: skipped.length, failed: failed.length, ...(last ? { last } : {}) });
  progress();
  await Promise.all(
    items.map(async (item) => {
      if (context.signal?.aborted) return void remaining.push(item);
      const outcome = await act(item);
      if ('done' in outcome) done.push(item);
      else if ('skipped' in outcome) skipped.push({ item, reason: outcome.skipped });
      else if ('uncertain' in outcome) uncertain.push({ item, reason: outcome.uncertain, error: outcome.error });
      else if (notDone(outcome.error, context)) return void remaining.push(item);
      else failed.push({ item, error: outcome.error });
      progress(label(item));
    }),
  );
  return {
    dryRun: context.dryRun,
    aborted: context.signal?.aborted === true,
    done,
    skipped,
    failed,
    uncertain,
    remaining,
    ...(context.pacer.unreachable ? { unreachable: context.pacer.unreachable } : {}),
    requests: context.pacer.stats.requests,
    throttled: context.pacer.stats.throttled,
  };
}

/** An error that leaves its item plainly not done: the job was aborted before sending it,
 * the host proved unreachable, so nothing was sent (or nothing got through), or the
 * deadline passed while the rate limit held it back (never sent, or refused with a 429,
 * which the server acts on no more than on a request it never saw). */
export const notDone = (error: AnyError, context: JobContext): boolean =>
  error.kind === 'aborted' || neverSent(error) || (error as { status?: number }).status === 429 || (context.pacer.unreachable !== undefined && unreachable(error));
