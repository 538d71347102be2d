/**
 * How the fake limits requests. Either a token bucket that refills continuously (the
 * default shape) or a fixed window whose count resets all at once. Both report the limit
 * per minute in `X-Ratelimit-Permitted` and a 429's `total_permitted`, as Katapult does.
 * The live server's first answer after a quiet spell says 999 of 1,000 remain, so a
 * bucket with `burst` equal to a minute's rate is the shape closest to it.
 */
export type RateLimitOptions = TokenBucketOptions | FixedWindowOptions;

export interface TokenBucketOptions {
  readonly kind?: 'token-bucket';
  /** Requests a second the bucket refills at. */
  readonly perSecond: number;
  /** The most requests that may arrive at once after a quiet spell. @default perSecond */
  readonly burst?: number;
  /** Send `Retry-After` (whole seconds) with a 429. Katapult has never been seen to.
   * @default false */
  readonly retryAfter?: boolean;
}

export interface FixedWindowOptions {
  readonly kind: 'fixed-window';
  /** Requests admitted in each window. */
  readonly limit: number;
  /** The window's length; windows follow one another from the limiter's creation.
   * @default 60000 */
  readonly windowMs?: number;
  /** Send `Retry-After` (whole seconds, to the window's end) with a 429. @default false */
  readonly retryAfter?: boolean;
}

export interface Admission {
  readonly allowed: boolean;
  readonly permitted: number;
  readonly remaining: number;
  /** Milliseconds until a request would be admitted again. */
  readonly waitMs: number;
}

export interface Limiter {
  take(): Admission;
  /** Changes the limit in place, as a server's operator might while a job runs: a bucket
   * keeps what it holds (at most the new burst), a window keeps its count. */
  set(options: RateLimitOptions): void;
  readonly options: RateLimitOptions;
}

export function createLimiter(options: RateLimitOptions, now: () => number = Date.now): Limiter {
  const limiter = options.kind === 'fixed-window' ? new FixedWindow(options, now) : new TokenBucket(options, now);
  let current: Limiter = limiter;
  return {
    take: () => current.take(),
    set(next) {
      if ((next.kind ?? 'token-bucket') === (current.options.kind ?? 'token-bucket')) current.set(next);
      else current = next.kind === 'fixed-window' ? new FixedWindow(next, now) : new TokenBucket(next, now);
    },
    get options() {
      return current.options;
    },
  };
}

export class TokenBucket implements Limiter {
  #rate = 0;
  #burst = 0;
  #tokens: number;
  #at: number;
  #options!: TokenBucketOptions;

  constructor(
    options: TokenBucketOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.set(options);
    this.#tokens = this.#burst;
    this.#at = now();
  }

  get options(): TokenBucketOptions {
    return this.#options;
  }

  set(options: RateLimitOptions): void {
    if (options.kind === 'fixed-window') throw new TypeError('a token bucket cannot become a fixed window in place');
    if (this.#at !== undefined) this.#refill();
    this.#options = options;
    this.#rate = options.perSecond / 1000;
    this.#burst = options.burst ?? options.perSecond;
    if (this.#tokens !== undefined) this.#tokens = Math.min(this.#tokens, this.#burst);
  }

  #refill(): number {
    const now = this.now();
    this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#at) * this.#rate);
    this.#at = now;
    return now;
  }

  take(): Admission {
    this.#refill();
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

export class FixedWindow implements Limiter {
  #limit = 0;
  #windowMs = 60_000;
  #count = 0;
  #window = 0;
  readonly #start: number;
  #options!: FixedWindowOptions;

  constructor(
    options: FixedWindowOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.#start = now();
    this.set(options);
  }

  get options(): FixedWindowOptions {
    return this.#options;
  }

  set(options: RateLimitOptions): void {
    if (options.kind !== 'fixed-window') throw new TypeError('a fixed window cannot become a token bucket in place');
    this.#options = options;
    this.#limit = options.limit;
    this.#windowMs = options.windowMs ?? 60_000;
  }

  take(): Admission {
    const now = this.now();
    const window = Math.floor((now - this.#start) / this.#windowMs);
    if (window !== this.#window) {
      this.#window = window;
      this.#count = 0;
    }
    const allowed = this.#count < this.#limit;
    if (allowed) this.#count += 1;
    return {
      allowed,
      permitted: Math.round((this.#limit * 60_000) / this.#windowMs),
      remaining: this.#limit - this.#count,
      waitMs: allowed ? 0 : this.#start + (window + 1) * this.#windowMs - now,
    };
  }
}
