import type { AnyError } from './errors.js';

/**
 * A credential: the value itself, or a function called before every request (also
 * every retry), so rotated tokens are picked up. It may return a promise.
 *
 * @example
 * token: () => vault.read('katapult-token')
 */
export type Credential = string | (() => string | Promise<string>);

/** How failed attempts are retried. Only 429, 503, 504, network failures and attempt
 * timeouts are retried. */
export interface RetryOptions {
  /**
   * Attempts in all, the first one included. `1` turns retries off.
   * @default 3
   */
  readonly attempts?: number;
  /**
   * The backoff's base delay in milliseconds: before retry n the client waits a random
   * time between 0 and `baseDelay * 2 ** (n - 1)` (full jitter), capped by `maxDelay`.
   * @default 200
   */
  readonly baseDelay?: number;
  /**
   * The longest wait between attempts, in milliseconds. A `Retry-After` asking for more
   * ends the retries and returns the response as it is.
   * @default 30000
   */
  readonly maxDelay?: number;
}

/** Options for one call. Each overrides the client's option of the same name. */
export interface CallOptions {
  /** Aborts the call, pending retries included. The result is then the `aborted` member. */
  readonly signal?: AbortSignal;
  /**
   * Time limit of each attempt, in milliseconds, until the whole body has arrived.
   * `Infinity` sets no limit.
   * @default 10000
   */
  readonly timeout?: number;
  /**
   * Time limit of the whole call, retries and waits included, in milliseconds.
   * `Infinity` sets no limit.
   * @default 30000
   */
  readonly totalTimeout?: number;
  /**
   * Retry policy for this call, or `false` for none. GET, PUT and DELETE are retried by
   * default; a POST only when the call passes `retry: true` or a policy.
   *
   * @example
   * await katapult.revokePresignedUrls(body, { retry: true });
   */
  readonly retry?: boolean | RetryOptions;
}

/** What the client tells `onRetry` before it waits to retry. */
export interface RetryEvent<E extends AnyError = AnyError> {
  /** The attempt that failed, from 1. */
  readonly attempt: number;
  /** How long the client waits before the next attempt, in milliseconds. */
  readonly delay: number;
  /** The failed attempt's error member: a Katapult 429 carries `detail.total_permitted`. */
  readonly reason: E;
  readonly method: string;
  /** The operation's path template, such as `/api/v{version}/projects/{projectId}/...`. */
  readonly path: string;
}

/** Options both clients share; `E` is the union of the client's error members. */
export interface BaseClientOptions<E extends AnyError = AnyError> {
  /**
   * A `fetch` to use instead of the global one, for example to add a proxy agent or to
   * record requests in tests.
   * @default globalThis.fetch
   */
  readonly fetch?: (request: Request) => Promise<Response>;
  /** Default per-attempt time limit in milliseconds. @default 10000 */
  readonly timeout?: number;
  /** Default whole-call time limit in milliseconds. @default 30000 */
  readonly totalTimeout?: number;
  /** Default retry policy for GET, PUT and DELETE, or `false` for none. */
  readonly retry?: false | RetryOptions;
  /** Called before each retry, with the attempt, the delay and the reason. */
  readonly onRetry?: (event: RetryEvent<E>) => void;
}
