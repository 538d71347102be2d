/** How the fake limits requests: a token bucket that refills continuously. */
export interface RateLimitOptions {
  /** Requests a second the bucket refills at. The `X-Ratelimit-Permitted` header and a
   * 429's `total_permitted` report it per minute, as Katapult does. */
  readonly perSecond: number;
  /** The most requests that may arrive at once after a quiet spell. @default perSecond */
  readonly burst?: number;
  /** Send `Retry-After` (whole seconds) with a 429. Katapult has never been seen to.
   * @default false */
  readonly retryAfter?: boolean;
}

export interface Admission {
  readonly allowed: boolean;
  readonly permitted: number;
  readonly remaining: number;
  /** Milliseconds until a request would be admitted again. */
  readonly waitMs: number;
}

export class TokenBucket {
  readonly #rate: number;
  readonly #burst: number;
  #tokens: number;
  #at: number;

  constructor({ perSecond, burst = perSecond }: RateLimitOptions, private readonly now: () => number = Date.now) {
    this.#rate = perSecond / 1000;
    this.#burst = burst;
    this.#tokens = burst;
    this.#at = now();
  }

  take(): Admission {
    const now = this.now();
    this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#at) * this.#rate);
    this.#at = now;
    const allowed = this.#tokens >= 1;
    if (allowed) this.#tokens -= 1;
    return {
      allowed,
      permitted: Math.round(this.#rate * 60_000),
      remaining: Math.floor(this.#tokens),
      waitMs: allowed ? 0 : Math.ceil((1 - this.#tokens) / this.#rate),
    };
  }
}
