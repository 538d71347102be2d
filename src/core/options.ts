import type { AnyError } from './errors.js';
import type { HeadersOption } from './headers.js';

export type { HeadersOption };

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
  readonly attempts?: number | undefined;
  /**
   * The backoff's base delay in milliseconds: before retry n the client waits a random
   * time between 0 and `baseDelay * 2 ** (n - 1)` (full jitter), capped by `maxDelay`.
   * @default 200
   */
  readonly baseDelay?: number | undefined;
  /**
   * The longest wait between attempts, in milliseconds. A `Retry-After` asking for more
   * ends the retries and returns the response as it is.
   * @default 30000
   */
  readonly maxDelay?: number | undefined;
}

/** Options for one call. Each overrides the client's option of the same name. */
export interface CallOptions {
  /** Aborts the call, pending retries included. The result is then the `aborted` member. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Time limit of each attempt, in milliseconds, until the whole body has arrived.
   * `Infinity` sets no limit.
   * @default 10000
   */
  readonly timeout?: number | undefined;
  /**
   * Time limit of the whole call, retries and waits included, in milliseconds.
   * `Infinity` sets no limit.
   * @default 30000
   */
  readonly totalTimeout?: number | undefined;
  /**
   * Retry policy for this call, or `false` for none. GET, PUT, PATCH and DELETE are retried by
   * default; a POST only when the call passes `retry: true` or a policy.
   *
   * @example
   * await katapult.revokePresignedUrls(body, { retry: true });
   */
  readonly retry?: boolean | RetryOptions | undefined;
  /**
   * Headers to add to this request, over the client's. Credential headers
   * (`Authorization`, `x-api-key`, `Cookie`) are refused: the credential has its own
   * option. In a browser, any header but `Content-Type` makes the request preflighted.
   *
   * @example
   * await katapult.getBucket(lookup, { headers: { 'X-Trace-Id': traceId } });
   */
  readonly headers?: HeadersOption | undefined;
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
  readonly fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** Default per-attempt time limit in milliseconds. @default 10000 */
  readonly timeout?: number | undefined;
  /** Default whole-call time limit in milliseconds. @default 30000 */
  readonly totalTimeout?: number | undefined;
  /** Default retry policy for GET, PUT, PATCH and DELETE, or `false` for none. */
  readonly retry?: false | RetryOptions | undefined;
  /**
   * Headers to add to every request. Credential headers are refused, with a `TypeError`.
   * @example
   * headers: { 'User-Agent': 'backup-tool/1.4' }
   */
  readonly headers?: HeadersOption | undefined;
  /** Called before each retry, with the attempt, the delay and the reason. */
  readonly onRetry?: ((event: RetryEvent<E>) => void) | undefined;
}
