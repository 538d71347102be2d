/**
 * The pacer's picture of a server's rate limit, built only from the server's answers:
 * `X-Ratelimit-Permitted` (a minute's rate), `X-Ratelimit-Remaining`, and 429s. Times are
 * milliseconds from `Date.now()`; nothing here waits or sends.
 *
 * Two shapes are told apart without being told. A token bucket refills continuously, so
 * between answers the picture refills at the permitted rate. A fixed window refills all
 * at once: an answer whose remaining count rose by more than the rate could have added
 * shows a reset, and from then on nothing is added between resets, one request goes at
 * each predicted reset, and its answer says how many more may follow.
 *
 * When 429s repeat the refill rate is cut in half, and each answer that passes raises it
 * by a small step (additive increase, multiplicative decrease, as TCP does), so that
 * processes sharing one token each settle on a share of the limit without talking. A count
 * of half the burst or more shows tokens nobody is using: the whole rate is taken again.
 *
 * Processes on one token cannot see each other's requests in flight, and a count is a round
 * trip old when it arrives. Where the burst is small (no more than four times the pacer's
 * concurrency), that is enough to overdraw it, so there the requests in flight are capped
 * by the count: see {@link ServerLimit.inFlightCap}.
 *
 * A server that never says its limit (Captain sends no rate headers) is sent to freely
 * until its first 429: that spends whatever burst it offers. From then on the pacer keeps
 * a rate of its own, starting at half of what the server let through so far, halved again
 * on a 429 when something passed since the last cut (never below nine tenths of what
 * passed between the two cuts, nor above what passed since the last when that is little),
 * and raised by a 512th of itself on each answer that passes. A 429 when nothing passed
 * since the last one shows the server still empty (a window not reset): the rate stays and
 * the wait before the next probe doubles. Requests go one at a time at the rate, and
 * `Retry-After` is obeyed.
 */
export class ServerLimit {
  /** Requests a millisecond the server refills at; undefined until an answer says. */
  rate: number | undefined;
  /** The fraction of `rate` this process takes: 1 until 429s show it is sharing. */
  share = 1;
  /** What may be sent now: the server's count less what is in flight, plus refill since. */
  tokens = 0;
  /** The most the server has been seen to hold: its burst, or a window's count. */
  capacity = 1;
  /** No request goes before this (after a 429: `Retry-After`, or the time to probe). */
  pausedUntil = 0;
  /** A fixed window, once an answer showed one reset: the next predicted reset, the
   * window's length, and whether a request since the last reset has passed. */
  window: { next: number; length: number; since: number; confirmed: boolean } | undefined;
  #at: number;
  #lastCut = -Infinity;
  #last: { at: number; remaining: number } | undefined;
  /** Whether any answer said the limit in its headers; until one does, `rate` is a guess. */
  #told = false;
  readonly #start: number;
  /** Answers that passed, for the first guess at a silent server's rate. */
  #passed = 0;
  #passedAtCut = 0;
  #firstCut: { at: number; passed: number } | undefined;
  /** A silent server's wait before probing again after a 429. */
  #probe = 0;
  /** A silent server's additive increase: what each answer that passes adds to `rate`. */
  #step = 0;
  /** The longest round trip seen lately, in milliseconds: how old a count is when it arrives. */
  #rtt = 0;
  /** Where the burst is small, how many may be in flight: one more for each answer that
   * passes, halved on a 429 (TCP's slow start), so that processes starting together find
   * each other in the counts before they have spent the burst. */
  #allowance = 1;
  /** When the newest request whose answer was counted was sent. */
  #newest = -Infinity;

  constructor(
    /** Answers that may cross on the way back, so that counts may seem to move by this much. */
    private readonly slack: number,
    now: number,
  ) {
    this.#at = now;
    this.#start = now;
  }

  /** How long one refill of the whole capacity takes at the permitted rate: a window's
   * length, or the time a bucket takes to fill. */
  get period(): number {
    return this.rate ? this.capacity / this.rate : 60_000;
  }

  /** Adds what the server has refilled since the last look. */
  refill(now: number): void {
    const window = this.window;
    if (this.rate === undefined) {
      // Nothing is known to refill yet.
    } else if (window) {
      if (now >= window.next) {
        // One request goes at the reset; its answer says how many more may.
        this.tokens = Math.max(this.tokens, 1);
        window.since = window.next;
        window.next += window.length * Math.max(1, Math.ceil((now - window.next) / window.length));
        window.confirmed = false;
      }
    } else {
      // Past a 429's pause only: `#at` may lie ahead, where the probe's token waits.
      if (now > this.#at) this.tokens = Math.min(this.capacity, this.tokens + (now - this.#at) * this.rate * this.share);
    }
    this.#at = Math.max(this.#at, now);
  }

  /** Milliseconds until a request may go, or 0 when one may go now. */
  wait(now: number): number {
    this.refill(now);
    if (now < this.pausedUntil) return Math.ceil(this.pausedUntil - now);
    if (this.rate === undefined || this.tokens >= 1) return 0;
    if (this.window) return Math.max(1, Math.ceil(this.window.next - now));
    return Math.max(1, Math.ceil((1 - this.tokens) / (this.rate * this.share)));
  }

  take(): void {
    if (this.rate !== undefined) this.tokens -= 1;
  }

  /** Whether the burst is small enough for processes on one token to overdraw it with what
   * they keep in flight: at most four times the pacer's concurrency. */
  get smallBurst(): boolean {
    return this.capacity <= 4 * this.slack;
  }

  /**
   * How many requests this process may have in flight now, `inFlight` of them already.
   * Where the burst is small: half of what the latest count says remains, less what is in
   * flight since (rounded down), so that two processes seeing the same count cannot spend
   * more than it, and no more than the slow-start allowance. Never below what the refill
   * spends in a round trip (plus one, as answers come unevenly), so that a job alone is not
   * held below the rate, nor below one, so that a count of 0 or 1 never stalls it: one goes,
   * and its answer brings the next count. No cap before the first count, for a large burst
   * (the live server's 1,000 a minute), or for a server that never says its limit.
   */
  inFlightCap(inFlight: number): number {
    if (!this.#told || this.rate === undefined || !this.#last || !this.smallBurst) return Infinity;
    const half = Math.floor((this.#last.remaining - inFlight) / 2);
    const roundTrip = Math.ceil(this.rate * this.share * this.#rtt) + 1;
    return Math.max(1, Math.min(this.#allowance, Math.max(half, roundTrip)));
  }

  /** An answer that passed the limiter, with what its headers said. */
  answered(limit: { permitted: number; remaining: number } | undefined, sent: number, now: number, inFlight: number): void {
    this.refill(now);
    if (!limit) {
      if (this.#told) return;
      // A silent server: the guess creeps up until a 429 says it went too far.
      this.#passed += 1;
      if (this.rate === undefined) return;
      this.rate += this.#step;
      // Long without a 429, the guess is well under the limit: the step doubles (every 64
      // answers), so a rate cut too far, or a limit that rose, is found again soon.
      if ((this.#passed - this.#passedAtCut) % 64 === 0) this.#step *= 2;
      return;
    }
    this.#told = true;
    this.#rtt = Math.max(now - sent, 0.9 * this.#rtt);
    this.#allowance += 1;
    // Answers cross on the way back: one to a request sent before the newest counted one
    // holds an older count (higher, as others spent since), which would hand out tokens
    // already gone, or pass for a window's reset.
    if (sent < this.#newest) return;
    this.#newest = sent;
    const { permitted, remaining } = limit;
    const rate = permitted / 60_000;
    if (this.rate !== undefined && rate !== this.rate && !this.window) this.capacity = remaining + 1;
    this.rate = rate;
    this.capacity = Math.max(this.capacity, remaining + 1);
    const last = this.#last;
    const window = this.window;
    if (window) {
      if (sent >= window.since) window.confirmed = true;
      // Counts that rise within one window are a bucket refilling after all.
      if (last && last.at >= window.since && remaining > last.remaining + this.slack) this.window = undefined;
    } else if (last && last.remaining <= this.capacity / 4 && remaining >= this.capacity / 2 && remaining - last.remaining > (now - last.at) * rate + Math.min(this.slack, this.capacity / 4)) {
      // More came back than the rate could have refilled: a window reset, before `sent`.
      const length = this.capacity / rate;
      this.window = { next: sent + length, length, since: sent, confirmed: true };
    }
    // Trust the server's count: what it holds now, less what is still on its way to it.
    // Between its whole number and the next the fraction is not said, so refill already
    // earned is kept while it agrees with the count.
    const share = this.window ? 1 : this.share;
    const low = Math.floor(share * remaining) - inFlight;
    const high = remaining + 1 - inFlight - 1e-9;
    this.tokens = Math.max(low, Math.min(this.tokens, high));
    this.#last = { at: now, remaining };
    // Half the burst or more left: nobody is short of tokens, the whole rate is this
    // process's again. Else creep back by 1 ÷ the burst an answer, but at least 256 answers
    // from nothing: a small burst crept back at 1/8 an answer, and processes sharing it drew
    // a 429 every few answers.
    if (!this.window && this.share < 1) this.share = remaining >= this.capacity / 2 ? 1 : Math.min(1, this.share + 1 / Math.max(this.capacity, 256));
  }

  /** A 429 to a request sent at `sent`. `permitted` from its body, `retryAfter` from its header. */
  throttled(permitted: number | undefined, retryAfter: number | undefined, sent: number, now: number): void {
    this.refill(now);
    if (!this.#told && permitted === undefined) return this.#throttledSilently(retryAfter, sent, now);
    if (permitted !== undefined) this.rate = permitted / 60_000;
    this.#last = { at: now, remaining: 0 };
    this.#newest = Math.max(this.#newest, sent);
    this.#allowance = Math.max(1, Math.floor(this.#allowance / 2));
    const window = this.window;
    if (window && !(sent >= window.since && !window.confirmed)) {
      // The window is spent; the next reset brings more.
      this.tokens = Math.min(this.tokens, 0);
      if (retryAfter !== undefined) this.pausedUntil = Math.max(this.pausedUntil, now + retryAfter);
      return;
    }
    // No window, or the request at its predicted reset was refused: the guess was wrong.
    this.window = undefined;
    if (sent > this.#lastCut) {
      this.share = Math.max(1 / 64, this.share / 2);
      this.#lastCut = now;
    }
    const rate = this.rate ?? 1 / 1000;
    // One request goes when the pause ends: at the reduced rate's next token, but at
    // least every sixteenth of a period, so a window's reset is found soon after it.
    const probe = Math.min(this.period / 16, 1 / (rate * this.share));
    this.pausedUntil = Math.max(this.pausedUntil, now + (retryAfter ?? probe));
    this.tokens = 1;
    this.#at = this.pausedUntil;
  }

  /** A 429 from a server that never said its limit: halve the guess, once per round. */
  #throttledSilently(retryAfter: number | undefined, sent: number, now: number): void {
    if (sent > this.#lastCut && this.rate !== undefined && this.#passed === this.#passedAtCut) {
      // Nothing passed since the last cut: the server is still empty (a window not reset
      // yet, a bucket not refilled). Going slower would not tell more; probing less often
      // does: the rate stays, and the wait before the next probe doubles.
      this.#probe = Math.min(2 * this.#probe, 60_000);
      this.#lastCut = now;
    } else if (sent > this.#lastCut) {
      // The first guess: what passed so far, over at least a second (a burst at once says little of the rate).
      const before = this.rate ?? this.#passed / Math.max(now - this.#start, 1_000);
      let rate = before / 2;
      // Between two 429s the server's bucket went from empty to empty again, so what passed
      // in between is what it refilled: its rate (this process's share of it, when shared).
      // Cut to just under that rather than to half, when enough passed to tell.
      // Too few since the last cut (as the first 429s come), count from the first cut instead.
      const since = this.#passed - this.#passedAtCut >= 16 ? { at: this.#lastCut, passed: this.#passedAtCut } : this.#firstCut;
      if (since && this.#passed - since.passed >= 16) rate = Math.max(rate, (0.9 * (this.#passed - since.passed)) / (now - since.at));
      // A few passed after probes that found it empty: it refills about that fast, or slower.
      else if (Number.isFinite(this.#lastCut) && this.#passed > this.#passedAtCut) rate = Math.min(rate, (this.#passed - this.#passedAtCut) / (now - this.#lastCut));
      this.rate = Math.max(1 / 60_000, rate);
      this.#step = this.rate / 512;
      this.#lastCut = now;
      this.#passedAtCut = this.#passed;
      this.#firstCut ??= { at: now, passed: this.#passed };
      this.#probe = 1 / this.rate;
    }
    // One at a time from here: a silent server's bucket may hold nothing more.
    this.capacity = 1;
    this.pausedUntil = Math.max(this.pausedUntil, now + (retryAfter ?? this.#probe));
    this.tokens = 1;
    this.#at = this.pausedUntil;
  }
}
