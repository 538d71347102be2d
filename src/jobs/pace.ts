import PQueue from 'p-queue';
import type { AnyError, NetworkFailure, Timeout } from '../core/errors.js';
import type { Result } from '../core/result.js';
import { backoff, retryAfter } from '../core/retry.js';
import { onAbort } from '../core/abort.js';
import { sleep } from '../core/wait.js';
import { ServerLimit } from './limit.js';
import { mayHaveHappened, unreachable } from './transient.js';

export interface PaceOptions {
  /**
   * Requests in flight at once.
   * @default 8
   */
  readonly concurrency?: number;
  /**
   * Attempts per call, the first included, when the network fails, the server answers
   * 503 or 504, or an attempt times out. A 429 spends none: throttling is waited out
   * (until `deadline`). A refused connection or an unknown host gets at most 3, within a
   * second: see {@link Pacer.unreachable}.
   * @default 5
   */
  readonly attempts?: number;
  /**
   * When to stop waiting out throttling (a `Date`, or milliseconds since the epoch as
   * `Date.now()` gives). A call still held back by the rate limit then resolves to its
   * last 429, or to a `timeout` member (scope `total`, with `waitMs`) when it was never sent. Without
   * one, throttling is waited out however long it lasts. {@link RunOptions.deadline}
   * sets it for one call.
   */
  readonly deadline?: Date | number | undefined;
  /** Stops waiting and retrying: a call not sent yet, or waiting to be sent again,
   * resolves to the `aborted` member; calls in flight finish. */
  readonly signal?: AbortSignal | undefined;
}

/** Options for one call through {@link Pacer.run}. */
export interface RunOptions {
  /**
   * Whether sending the call twice does no more than sending it once. When it is not, a
   * call whose request may have reached the server (the connection dropped after
   * sending, the attempt timed out, a gateway answered 504) is not sent again: its result
   * comes back for the caller to check the state.
   * @default true
   */
  readonly idempotent?: boolean;
  /** This call's deadline, in place of the pacer's {@link PaceOptions.deadline}. */
  readonly deadline?: Date | number | undefined;
}

export interface PaceStats {
  /** Requests sent, retries included. */
  requests: number;
  /** Answers of 429. */
  throttled: number;
}

/** Runs calls at the rate the server allows: see {@link createPacer}. */
export interface Pacer {
  /**
   * Sends `call` when the limit allows, again after a 429 (until the deadline) or a
   * transient failure (up to `attempts`), and resolves to its last result. Never rejects.
   * Pass calls with the client's retries off (`{ retry: false }`), so retries do not multiply.
   */
  run<T, E extends AnyError>(call: () => Promise<Result<T, E>>, options?: RunOptions): Promise<Result<T, E>>;
  readonly stats: Readonly<PaceStats>;
  /**
   * Set once the host proved unreachable: the first calls all failed to connect (refused,
   * or no such host) and no answer ever came. Every call for the next 10 s resolves at once
   * to this member without being sent; after that the next call tries the host again.
   */
  readonly unreachable: NetworkFailure | undefined;
}

const statusOf = (error: AnyError) => (error as { status?: number }).status;
/** Error kinds the client gives before sending anything. */
const unsent = new Set(['invalid_input', 'credential']);
/** Whether the client refused the call by its own checks (input, credential): nothing left the process. */
export const sentNothing = (result: Result<unknown, AnyError>): boolean => !result.ok && result.response === undefined && unsent.has(result.error.kind);

/** The errors of calls a pacer held back until the deadline and never sent. */
const heldBack = new WeakSet<object>();
/** Whether `error` is a pacer's "not sent: the deadline passed while the rate limit held it back". */
export const neverSent = (error: AnyError): boolean => heldBack.has(error);
/** How long a host that proved unreachable is given up on before it is tried again. */
const retryUnreachableAfter = 10_000;
const deadlineOf = (value: Date | number | undefined) => (value === undefined ? Infinity : typeof value === 'number' ? value : value.getTime());

type Verdict = 'done' | 'throttled' | 'unreachable' | 'transient';

function verdictOf(result: Result<unknown, AnyError>): Verdict {
  if (result.ok) return 'done';
  const { error } = result;
  const status = statusOf(error);
  if (status === 429) return 'throttled';
  if (unreachable(error)) return 'unreachable';
  if (error.kind === 'network' || status === 503 || status === 504 || (error.kind === 'timeout' && (error as Timeout).scope === 'attempt')) return 'transient';
  return 'done';
}

/** The backoff of a host that refused (quick: it is there or not) and of a transient failure. */
const refusedBackoff = { baseDelay: 200, maxDelay: 1_000 } as const;
const transientBackoff = { baseDelay: 250, maxDelay: 8_000 } as const;

/**
 * Paces calls to what the server permits, and retries what is worth retrying: the one
 * retry policy of a job, so jobs send their calls with the client's retries off.
 *
 * A queue (p-queue) bounds how many are in flight. The first call goes alone, so that its
 * answer tells the limit. From then on the server's `X-Ratelimit-Remaining`, less what is
 * in flight, is what may go at once (the live server offers a whole minute's budget after
 * a quiet spell), and between answers the pacer refills at `X-Ratelimit-Permitted` a
 * minute without losing refill already earned. A fixed window is recognized when an
 * answer shows its reset, and then used: see {@link ServerLimit}. Where the burst is small,
 * the requests in flight are capped by the count too, as other processes on the same token
 * may have as many in flight unseen. A 429 is waited out,
 * never counted as an attempt; when 429s repeat the refill rate halves and creeps back
 * (AIMD), so that processes sharing one token converge on shares of it. Transient
 * failures retry with backoff up to `attempts`; a host that refuses every first
 * connection is given up on within about a second.
 *
 * @example
 * const pacer = createPacer({ concurrency: 8, deadline: Date.now() + 10 * 60_000 });
 * const lookup = (name: string) => ({ object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name } });
 * // The client's own retries off: the pacer is the one retry policy.
 * const results = await Promise.all(names.map((name) => pacer.run(() => katapult.getBucket(lookup(name), { retry: false }))));
 */
export function createPacer({ concurrency = 8, attempts = 5, deadline, signal }: PaceOptions = {}): Pacer {
  const queue = new PQueue({ concurrency });
  const stats: PaceStats = { requests: 0, throttled: 0 };
  const limit = new ServerLimit(concurrency, Date.now());
  let inFlight = 0;
  let reached = false;
  let dead: NetworkFailure | undefined;
  let deadAt = 0;
  // The first request goes alone: its answer tells the limit before the others go.
  let heard: Promise<void> | undefined;
  let hear = () => {};
  let leader: object | undefined;
  // Wakes the calls waiting for tokens when an answer changes what may go.
  let woken = new Set<() => void>();
  const wake = () => {
    const waiting = woken;
    woken = new Set();
    for (const resume of waiting) resume();
  };
  /** Sleeps `ms`, or until the next answer; resolves true if the signal aborts. */
  const nap = (ms: number) =>
    new Promise<boolean>((resolve) => {
      if (signal?.aborted) return resolve(true);
      const done = (aborted: boolean) => {
        clearTimeout(timer);
        woken.delete(resume);
        stop();
        resolve(aborted);
      };
      const resume = () => done(false);
      const timer = setTimeout(resume, ms);
      woken.add(resume);
      const stop = signal ? onAbort(signal, () => done(true)) : () => {};
    });

  /** Waits for a token; `call` is the caller's identity, so the first call's own retries need not wait for its answer. */
  async function admit(until: number, call: object): Promise<'go' | 'aborted' | 'unreachable' | { readonly waitMs: number }> {
    if (!heard) {
      heard = new Promise<void>((resolve) => (hear = resolve));
      leader = call;
    } else if (leader !== call) await heard;
    for (;;) {
      if (dead) {
        // A pacer that lives on (one per credential in a server) tries the host again later.
        if (Date.now() - deadAt < retryUnreachableAfter) return 'unreachable';
        dead = undefined;
      }
      if (signal?.aborted) return 'aborted';
      const now = Date.now();
      const wait = limit.wait(now);
      if (wait === 0 && inFlight < limit.inFlightCap(inFlight)) {
        limit.take();
        // Counted here, not after the caller resumes: the next call admitted in the same tick must see it.
        inFlight += 1;
        return 'go';
      }
      // Held by the cap: requests are in flight, and the next answer brings the count.
      if (wait === 0) {
        if (await nap(1_000)) return 'aborted';
        continue;
      }
      // Not sent: the caller hears how long the limit would have held it.
      if (now + wait > until) return { waitMs: wait };
      // Waits for the token, or less: an answer that lands meanwhile may free one sooner.
      if (await nap(wait)) return 'aborted';
    }
  }

  function notSent<E>(why: 'aborted' | 'unreachable' | { readonly waitMs: number }, until: number, started: number): Result<never, E> {
    const error =
      why === 'unreachable'
        ? dead
        : why === 'aborted'
          ? { kind: 'aborted', reason: signal?.reason, message: 'Request not sent (aborted)' }
          : ({ kind: 'timeout', scope: 'total', ms: Math.max(0, until - started), waitMs: why.waitMs, message: 'Request not sent: the deadline passed while the rate limit held it back' } satisfies Timeout);
    if (typeof why === 'object') heldBack.add(error!);
    return { ok: false, error: error as E, response: undefined };
  }

  return {
    stats,
    get unreachable() {
      return dead;
    },
    run<T, E extends AnyError>(call: () => Promise<Result<T, E>>, options: RunOptions = {}): Promise<Result<T, E>> {
      const until = options.deadline === undefined ? deadlineOf(deadline) : deadlineOf(options.deadline);
      const idempotent = options.idempotent !== false;
      const started = Date.now();
      return queue.add(async () => {
        try {
          return await attempt();
        } finally {
          hear();
        }
      }) as Promise<Result<T, E>>;

      async function attempt(): Promise<Result<T, E>> {
        const self = {};
        let last: Result<T, E> | undefined;
        let transient = 0;
        let refused = 0;
        for (;;) {
          const admitted = await admit(until, self);
          if (admitted !== 'go') {
            // A call held back by throttling ends with its last 429; any other, not sent.
            return typeof admitted === 'object' && last ? last : notSent<E>(admitted, until, started);
          }
          stats.requests += 1;
          const sent = Date.now();
          let result: Result<T, E>;
          try {
            result = await call();
          } finally {
            inFlight -= 1;
          }
          last = result;
          if (sentNothing(result)) {
            stats.requests -= 1;
            hear();
            return result;
          }
          const verdict = verdictOf(result);
          if (result.ok || (result.response !== undefined && verdict !== 'unreachable')) reached = true;
          const now = Date.now();
          if (verdict === 'throttled') {
            stats.throttled += 1;
            const permitted = (result.ok ? undefined : (result.error as { detail?: { total_permitted?: unknown } }).detail?.total_permitted) ?? result.rateLimit?.permitted;
            const header = result.response?.headers.get('retry-after') ?? null;
            limit.throttled(typeof permitted === 'number' && permitted > 0 ? permitted : undefined, retryAfter(header, now), sent, now);
          } else if (result.response !== undefined) {
            // Only an answer says anything of the limit; a lost one says nothing.
            limit.answered(result.rateLimit, sent, now, inFlight);
          }
          wake();
          // A refused first call keeps the others back until the host is known to be there.
          if (verdict !== 'unreachable' || reached) hear();
          if (verdict === 'done') return result;
          if (verdict === 'throttled') continue;
          if (verdict === 'unreachable' && !reached) {
            // Nothing was sent: retry a few times within a second, then give the host up.
            refused += 1;
            if (refused >= Math.min(3, attempts)) {
              if (!result.ok && !dead) {
                dead = result.error as unknown as NetworkFailure;
                deadAt = Date.now();
              }
              return result;
            }
            if (await sleep(backoff(refused, refusedBackoff), signal)) return result;
            continue;
          }
          // A request that may have reached the server is sent again only when that is harmless.
          if (!idempotent && !result.ok && mayHaveHappened(result.error)) return result;
          transient += 1;
          if (transient >= attempts) return result;
          if (await sleep(backoff(transient, transientBackoff), signal)) return result;
        }
      }
    },
  };
}
