import type { RetryOptions } from './options.js';

export const defaultRetry = { attempts: 3, baseDelay: 200, maxDelay: 30_000 } as const satisfies RetryOptions;

export type RetryPolicy = { readonly [K in keyof RetryOptions]-?: number };

/** The statuses worth another attempt: the server said "later". */
export const retryableStatuses: ReadonlySet<number> = new Set([429, 503, 504]);

/** The members that are set: an option given as `undefined` keeps its default. */
const defined = (options: RetryOptions) =>
  Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<RetryPolicy>;

/** The policy of one call. A POST is retried only when the call itself opts in. */
export function callPolicy(
  method: string,
  clientRetry: false | RetryOptions | undefined,
  callRetry: boolean | RetryOptions | undefined,
): RetryPolicy {
  if (callRetry === false || (callRetry === undefined && (method === 'POST' || clientRetry === false))) {
    return { ...defaultRetry, attempts: 1 };
  }
  return { ...defaultRetry, ...defined(clientRetry || {}), ...defined(typeof callRetry === 'object' ? callRetry : {}) };
}

/** Full-jitter exponential backoff before retry `attempt` (1 for the first retry). */
export function backoff(attempt: number, { baseDelay, maxDelay }: Pick<RetryPolicy, 'baseDelay' | 'maxDelay'>): number {
  return Math.round(Math.random() * Math.min(maxDelay, baseDelay * 2 ** (attempt - 1)));
}

/** The three HTTP date forms all begin with a day name and hold hh:mm:ss. `Date.parse`
 * alone would read `1.5` or `-1` as dates in 2001, that is as "retry now". */
const httpDate = /^[a-z]{3,9},? .*\b\d\d:\d\d:\d\d\b/i;

/**
 * `Retry-After` in milliseconds, from seconds or an HTTP date; undefined when absent or
 * unreadable. A date in the past means now.
 */
export function retryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  if (!httpDate.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
