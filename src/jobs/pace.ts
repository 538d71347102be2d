import PQueue from 'p-queue';
import type { AnyError } from '../core/errors.js';
import type { Result } from '../core/result.js';
import { backoff, defaultRetry, retryAfter } from '../core/retry.js';
import { sleep } from '../core/wait.js';

export interface PaceOptions {
  /**
   * Requests in flight at once.
   * @default 8
   */
  readonly concurrency?: number;
  /**
   * Attempts per request, the first included, when the server answers 429 or 503/504 or
   * the network fails.
   * @default 10
   */
  readonly attempts?: number;
  /** Stops waiting and retrying: a call not sent yet, or waiting to be sent again,
   * resolves to the `aborted` member; calls in flight finish. */
  readonly signal?: AbortSignal;
}

export interface PaceStats {
  /** Requests sent, retries included. */
  requests: number;
  /** Answers of 429. */
  throttled: number;
}

/** Runs calls at the rate the server allows: see {@link createPacer}. */
export interface Pacer {
  run<T, E extends AnyError>(call: () => Promise<Result<T, E>>): Promise<Result<T, E>>;
  readonly stats: Readonly<PaceStats>;
}

const statusOf = (error: AnyError) => (error as { status?: number }).status;

/**
 * Paces calls to what the server permits. A queue (p-queue) bounds how many are in flight;
 * before each request the pacer takes a token from its copy of the server's bucket, which
 * it refills at `X-Ratelimit-Permitted` a minute and corrects down to
 * `X-Ratelimit-Remaining` (less what is still in flight) on every answer. A 429 sets the
 * rate from `total_permitted`, empties the bucket, waits for `Retry-After` or one token's
 * time, and sends the call again. The first call goes alone, so that its answer can say
 * the limit; where the server says none, only the concurrency bounds the calls.
 */
export function createPacer({ concurrency = 8, attempts = 10, signal }: PaceOptions = {}): Pacer {
  const queue = new PQueue({ concurrency });
  const stats: PaceStats = { requests: 0, throttled: 0 };
  let rate: number | undefined;
  let tokens = 0;
  let capacity = 1;
  let at = Date.now();
  let pausedUntil = 0;
  let inFlight = 0;
  // The first request goes alone: its answer tells the limit before the others go.
  let heard: Promise<void> | undefined;
  let hear = () => {};

  async function admit(): Promise<boolean> {
    if (heard) await heard;
    else heard = new Promise<void>((resolve) => (hear = resolve));
    for (;;) {
      if (signal?.aborted) return false;
      const now = Date.now();
      if (now < pausedUntil) {
        if (await sleep(pausedUntil - now, signal)) return false;
        continue;
      }
      if (rate === undefined) return true;
      tokens = Math.min(capacity, tokens + (now - at) * rate);
      at = now;
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      if (await sleep(Math.ceil((1 - tokens) / rate), signal)) return false;
    }
  }

  function observe(result: Result<unknown, AnyError>): 'throttled' | 'retry' | 'done' {
    const now = Date.now();
    if (result.rateLimit) {
      rate = result.rateLimit.permitted / 60_000;
      capacity = Math.max(capacity, result.rateLimit.remaining + 1);
      tokens = Math.min(tokens, result.rateLimit.remaining - inFlight);
      at = now;
    }
    if (result.ok) return 'done';
    const status = statusOf(result.error);
    if (status === 429) {
      const permitted = (result.error as { detail?: { total_permitted?: unknown } }).detail?.total_permitted;
      if (typeof permitted === 'number' && permitted > 0) rate = permitted / 60_000;
      tokens = 0;
      at = now;
      const wait = retryAfter(result.response?.headers.get('retry-after') ?? null) ?? (rate ? Math.ceil(1 / rate) : 1_000);
      pausedUntil = Math.max(pausedUntil, now + wait);
      return 'throttled';
    }
    const kind = result.error.kind;
    return kind === 'network' || status === 503 || status === 504 || (kind === 'timeout' && (result.error as { scope?: string }).scope === 'attempt') ? 'retry' : 'done';
  }

  return {
    stats,
    run<T, E extends AnyError>(call: () => Promise<Result<T, E>>): Promise<Result<T, E>> {
      return queue.add(async () => {
        let result: Result<T, E> | undefined;
        for (let attempt = 1; ; attempt++) {
          if (!(await admit())) {
            hear();
            return { ok: false, error: { kind: 'aborted', reason: signal?.reason, message: 'Request not sent (aborted)' } as unknown as E, response: undefined };
          }
          inFlight += 1;
          stats.requests += 1;
          try {
            result = await call();
          } finally {
            inFlight -= 1;
            hear();
          }
          const verdict = observe(result);
          if (verdict === 'throttled') stats.throttled += 1;
          if (verdict === 'done' || attempt >= attempts) return result;
          if (verdict === 'retry' && (await sleep(backoff(attempt, defaultRetry), signal))) return result;
        }
      }) as Promise<Result<T, E>>;
    },
  };
}
