// ServerLimit, the pacer's picture of a server's rate limit, rule by rule on a simulated
// clock: every time is a plain number passed as `now`, so nothing waits and each row's
// figures are worked out by hand from the rule it names. Each row gives the scenario, the
// answers fed in, and what the picture should then say: its fields and the waits it predicts.
import { describe, expect, it } from 'vitest';
import { ServerLimit } from '../src/jobs/limit.js';

type Counts = { readonly permitted: number; readonly remaining: number };
type Step =
  /** An answer that passed, with its rate headers (or none: a silent server). `sent` defaults to `at`. */
  | { readonly at: number; readonly answer: Counts | undefined; readonly sent?: number; readonly inFlight?: number }
  /** A 429, with `total_permitted` and `Retry-After` (ms) when the server sent them. */
  | { readonly at: number; readonly throttled: { readonly permitted?: number; readonly retryAfter?: number }; readonly sent?: number }
  /** Requests sent: a token each. */
  | { readonly take: number }
  /** A look at the limit at `at` (what the pacer does before sending): refill up to then. */
  | { readonly at: number; readonly look: true };

interface Expected {
  readonly tokens?: number;
  readonly rate?: number | undefined;
  readonly share?: number;
  readonly capacity?: number;
  readonly pausedUntil?: number;
  readonly smallBurst?: boolean;
  readonly window?: { readonly next: number; readonly length: number } | undefined;
  /** Waits predicted, in order: `[at, ms]`. Asked after the fields, as each ask refills. */
  readonly waits?: readonly (readonly [number, number])[];
  /** In-flight caps: `[in flight now, the most that may be]`. */
  readonly caps?: readonly (readonly [number, number])[];
}

interface Row {
  readonly scenario: string;
  readonly steps: readonly Step[];
  readonly expected: Expected;
  /** The pacer's concurrency, which the picture allows as slack in counts. */
  readonly slack?: number;
}

const perMinute = (n: number) => n / 60_000;
/** `count` steps made by `step(n)`, n from 0. */
const times = <T>(count: number, step: (n: number) => T): T[] => Array.from({ length: count }, (_, n) => step(n));
const answer = (at: number, permitted: number, remaining: number, more: { sent?: number; inFlight?: number } = {}): Step => ({ at, answer: { permitted, remaining }, ...more });
/** A burst: `n` tokens taken at once. */
const take = (n: number): Step => ({ take: n });

function play({ steps, slack = 8 }: Row): ServerLimit {
  const limit = new ServerLimit(slack, 0);
  for (const step of steps) {
    if ('take' in step) for (let n = 0; n < step.take; n++) limit.take();
    else if ('look' in step) limit.refill(step.at);
    else if ('throttled' in step) limit.throttled(step.throttled.permitted, step.throttled.retryAfter, step.sent ?? step.at, step.at);
    else limit.answered(step.answer, step.sent ?? step.at, step.at, step.inFlight ?? 0);
  }
  return limit;
}

function check(row: Row): void {
  const limit = play(row);
  const { waits, window, caps, ...fields } = row.expected;
  for (const [name, value] of Object.entries(fields)) {
    const actual = limit[name as keyof typeof fields];
    if (value === undefined) expect(actual, name).toBeUndefined();
    else if (typeof value === 'boolean') expect(actual, name).toBe(value);
    else expect(actual, name).toBeCloseTo(value, 9);
  }
  if ('window' in row.expected) {
    if (window === undefined) expect(limit.window).toBeUndefined();
    else expect(limit.window).toMatchObject(window);
  }
  for (const [at, ms] of waits ?? []) expect(limit.wait(at), `wait at ${at}`).toBe(ms);
  for (const [inFlight, most] of caps ?? []) expect(limit.inFlightCap(inFlight), `cap with ${inFlight} in flight`).toBe(most);
}

describe('a token bucket: the count trusted, refill between answers', () => {
  // 60 a minute: one token a second, 0.001 a millisecond.
  it.each<Row>([
    {
      scenario: 'the count is what may go; the limit is the permitted rate; the burst at least the count and one',
      steps: [answer(0, 60, 5)],
      expected: { tokens: 5, rate: perMinute(60), capacity: 6, waits: [[0, 0]] },
    },
    {
      scenario: 'what is in flight is taken off the count',
      steps: [answer(0, 60, 5, { inFlight: 2 })],
      expected: { tokens: 3 },
    },
    {
      scenario: 'between answers it refills at the permitted rate: 3 s, 3 tokens',
      steps: [answer(0, 60, 50), take(40), { at: 3_000, look: true }],
      expected: { tokens: 13 },
    },
    {
      scenario: 'refill stops at the burst seen',
      steps: [answer(0, 60, 5), { at: 60_000, look: true }],
      expected: { tokens: 6 },
    },
    {
      scenario: 'spent, it predicts the next token at the rate',
      steps: [answer(0, 60, 5), take(5)],
      expected: { tokens: 0, waits: [[0, 1_000], [400, 600], [1_000, 0]] },
    },
    {
      scenario: 'a wait is rounded up to a whole millisecond: 7 a minute, 8,571.4 ms to the next token',
      steps: [answer(0, 7, 0)],
      expected: { tokens: 0, waits: [[0, 8_572]] },
    },
    {
      scenario: 'the fraction earned is kept while the count agrees with it (0 whole remain, 0.5 earned)',
      steps: [answer(0, 60, 5), take(5), answer(500, 60, 0)],
      expected: { tokens: 0.5, waits: [[500, 500]] },
    },
    {
      scenario: 'a count below the picture wins: 0 remain, though 1.7 were expected',
      steps: [answer(0, 60, 5), take(5), { at: 1_700, look: true }, answer(1_700, 60, 0)],
      expected: { tokens: 1 - 1e-9, waits: [[1_700, 1]] },
    },
    {
      scenario: 'a higher count than the picture wins, less what is in flight',
      steps: [answer(0, 60, 5), take(5), answer(100, 60, 4, { inFlight: 1 })],
      expected: { tokens: 3 },
    },
    {
      scenario: 'a new permitted rate is followed, the burst learned again from the count, and what may go is the count and its fraction',
      steps: [answer(0, 60, 50), answer(100, 30, 3)],
      expected: { rate: perMinute(30), capacity: 4, tokens: 4 - 1e-9 },
    },
  ])('$scenario', check);
});

describe('a fixed window: learned from a reset, then one request at each predicted reset', () => {
  // 60 a minute, counts of a 60-request window: a rise from 2 to 59 in 1 s is no refill at 1 a second.
  const reset = [answer(0, 60, 59), answer(1_000, 60, 2), answer(2_000, 60, 59, { sent: 1_990 })];
  it.each<Row>([
    {
      scenario: 'a count that rises by more than the rate could refill shows a reset before the request: a window from then',
      steps: reset,
      expected: { window: { next: 1_990 + 60_000, length: 60_000 }, tokens: 59 },
    },
    {
      scenario: 'a rise the rate explains is a bucket refilling, no window (2 to 59 in 58 s)',
      steps: [answer(0, 60, 59), answer(1_000, 60, 2), answer(59_000, 60, 59)],
      expected: { window: undefined },
    },
    {
      scenario: 'a rise from a count that was not low is no reset either (30 to 59)',
      steps: [answer(0, 60, 59), answer(1_000, 60, 30), answer(2_000, 60, 59)],
      expected: { window: undefined },
    },
    {
      scenario: 'nothing is added between resets: spent, it waits for the predicted reset',
      steps: [...reset, take(59), { at: 61_000, look: true }],
      expected: { tokens: 0, waits: [[2_000, 59_990], [61_000, 990]] },
    },
    {
      scenario: 'at the reset one request may go, and then none until the next reset',
      steps: [...reset, take(59), { at: 61_990, look: true }, take(1)],
      expected: { tokens: 0, window: { next: 121_990, length: 60_000 }, waits: [[61_990, 60_000]] },
    },
    {
      scenario: 'resets missed while idle: the next is predicted from the window length',
      steps: [...reset, take(59), { at: 200_000, look: true }],
      expected: { tokens: 1, window: { next: 241_990, length: 60_000 } },
    },
    {
      scenario: 'the answer to the request at a reset says how many more may follow',
      steps: [...reset, take(59), { at: 61_990, look: true }, take(1), answer(62_000, 60, 59, { sent: 61_990 })],
      expected: { tokens: 59 },
    },
    {
      scenario: 'a 429 within the window: nothing goes until the reset, and no cut',
      steps: [...reset, { at: 3_000, throttled: { permitted: 60 } }],
      expected: { tokens: 0, share: 1, window: { next: 61_990, length: 60_000 }, waits: [[3_000, 58_990]] },
    },
    {
      scenario: 'the request at a predicted reset refused: the window was a wrong guess, dropped',
      steps: [...reset, take(59), { at: 61_990, look: true }, take(1), { at: 62_000, throttled: { permitted: 60 }, sent: 61_990 }],
      expected: { window: undefined, share: 0.5 },
    },
  ])('$scenario', check);
});

describe('repeated 429s: the refill share halves once a round, and creeps back', () => {
  // 60 a minute, a count of 10: a burst of 11, refilled in 11 s.
  const told = answer(0, 60, 10);
  it.each<Row>([
    {
      scenario: 'a 429 halves the share; one request goes at the next token or a sixteenth of the refill time, whichever is sooner',
      steps: [told, { at: 100, throttled: { permitted: 60 }, sent: 50 }],
      // min(11 s / 16, 1 / (0.001 × 0.5)) = 687.5 ms
      expected: { share: 0.5, tokens: 1, pausedUntil: 787.5, waits: [[100, 688], [787.5, 0]] },
    },
    {
      scenario: 'several 429s to requests of one round cut once',
      steps: [told, { at: 100, throttled: {}, sent: 50 }, { at: 110, throttled: {}, sent: 60 }, { at: 120, throttled: {}, sent: 100 }],
      expected: { share: 0.5 },
    },
    {
      scenario: 'a 429 to a request sent after the last cut halves again',
      steps: [told, { at: 100, throttled: {}, sent: 50 }, { at: 900, throttled: {}, sent: 800 }],
      expected: { share: 0.25 },
    },
    {
      scenario: 'the share stops at 1/64',
      steps: [told, ...times(8, (n) => ({ at: (n + 1) * 1_000, throttled: {}, sent: (n + 1) * 1_000 - 1 }))],
      expected: { share: 1 / 64 },
    },
    {
      scenario: 'after a cut, refill goes at the share: 0.5 × 1 a second',
      steps: [told, { at: 100, throttled: {}, sent: 50 }, { at: 787.5, look: true }, take(1), { at: 1_787.5, look: true }],
      expected: { tokens: 0.5, waits: [[1_787.5, 1_000]] },
    },
    {
      scenario: 'and the count is trusted at the share: half of 5 remaining, rounded down',
      steps: [told, { at: 100, throttled: {}, sent: 50 }, answer(900, 60, 5)],
      expected: { tokens: 2, window: undefined },
    },
    {
      scenario: 'each answer that passes adds back 1 ÷ the burst (here 1/1000)',
      steps: [answer(0, 60, 999), { at: 100, throttled: {}, sent: 50 }, ...times(3, (n) => answer(1_000 + n, 60, 0))],
      expected: { share: 0.5 + 3 / 1_000 },
    },
    {
      scenario: 'a small burst creeps back no faster than 1/256 an answer (here 1/11)',
      steps: [told, { at: 100, throttled: {}, sent: 50 }, ...times(3, (n) => answer(1_000 + n, 60, 0))],
      expected: { share: 0.5 + 3 / 256 },
    },
    {
      scenario: 'the creep stops at the whole rate',
      steps: [told, { at: 100, throttled: {}, sent: 50 }, ...times(128, (n) => answer(1_000 + n, 60, 0))],
      expected: { share: 1 },
    },
    {
      scenario: 'a count of half the burst or more: tokens nobody uses, the whole rate again (6 of 11)',
      steps: [told, { at: 100, throttled: {}, sent: 50 }, answer(5_000, 60, 6)],
      expected: { share: 1, window: undefined },
    },
    {
      scenario: 'a count under half the burst: only the creep (5 of 11)',
      steps: [told, { at: 100, throttled: {}, sent: 50 }, answer(5_000, 60, 5)],
      expected: { share: 0.5 + 1 / 256 },
    },
    {
      scenario: "a 429's total_permitted is the rate from then on",
      steps: [told, { at: 100, throttled: { permitted: 120 }, sent: 50 }],
      expected: { rate: perMinute(120) },
    },
  ])('$scenario', check);
});

describe('a silent server (Captain): no rate headers, the rate learned from 429s alone', () => {
  const passed = (count: number, from: number, every: number) => times(count, (n): Step => ({ at: from + n * every, answer: undefined }));
  /** 100 pass within half a second, then a 429 at 500: the first guess is 0.05 a millisecond. */
  const firstCut = [...passed(100, 0, 5), { at: 500, throttled: {} } satisfies Step];
  it.each<Row>([
    {
      scenario: 'until the first 429 it is sent to freely: no rate, no wait',
      steps: passed(100, 0, 5),
      expected: { rate: undefined, waits: [[500, 0]] },
    },
    {
      scenario: 'the first guess is half of what passed, over at least a second (100 in 0.5 s: 0.05/ms); one at a time, the next after 1 ÷ rate',
      steps: firstCut,
      expected: { rate: 0.05, capacity: 1, tokens: 1, pausedUntil: 520, waits: [[500, 20], [520, 0]] },
    },
    {
      scenario: 'over more than a second, the time it took (100 in 4 s: 0.0125/ms)',
      steps: [...passed(100, 0, 40), { at: 4_000, throttled: {} }],
      expected: { rate: 0.0125, pausedUntil: 4_080 },
    },
    {
      scenario: 'nothing passed before the first 429: the floor, a request a minute',
      steps: [{ at: 5_000, throttled: {} }],
      expected: { rate: 1 / 60_000, pausedUntil: 65_000 },
    },
    {
      scenario: 'each answer that passes adds a 512th of the rate',
      steps: [...firstCut, ...passed(1, 600, 1)],
      expected: { rate: 0.05 * (1 + 1 / 512) },
    },
    {
      scenario: 'the step doubles every 64 answers without a 429',
      steps: [...firstCut, ...passed(65, 600, 1)],
      expected: { rate: 0.05 + (64 + 2) * (0.05 / 512) },
    },
    {
      scenario: 'a 429 after many passed: half the rate (20 in 10 s is less than half)',
      steps: [...firstCut, ...passed(20, 600, 100), { at: 10_500, throttled: {}, sent: 10_400 }],
      expected: { rate: (0.05 + 20 * (0.05 / 512)) / 2 },
    },
    {
      scenario: 'a 429 after many passed: never below 9/10 of what passed between the cuts (200 in 2 s)',
      // The creep took the rate to 0.1 (the step doubling at 64, 128 and 192); half is 0.05, 0.9 × 200 / 2000 = 0.09.
      steps: [...firstCut, ...passed(200, 600, 9), { at: 2_500, throttled: {}, sent: 2_400 }],
      expected: { rate: 0.09 },
    },
    {
      scenario: 'a 429 after few passed: no faster than they came (5 in 1 s)',
      steps: [...firstCut, ...passed(5, 600, 100), { at: 1_500, throttled: {}, sent: 1_400 }],
      expected: { rate: 0.005 },
    },
    {
      scenario: 'a 429 when nothing passed since the last: the rate stays and the wait before the next probe doubles',
      steps: [...firstCut, { at: 520, throttled: {}, sent: 520 }, { at: 560, throttled: {}, sent: 560 }],
      expected: { rate: 0.05, pausedUntil: 640, waits: [[560, 80]] },
    },
    {
      scenario: 'the probe wait doubles up to a minute (20 ms × 2^11 = 40.96 s, then 60 s, not 81.92)',
      steps: [...firstCut, ...times(11, (n): Step => ({ at: 1_000 * (n + 1), throttled: {}, sent: 1_000 * (n + 1) }))],
      expected: { rate: 0.05, pausedUntil: 11_000 + 40_960 },
    },
    {
      scenario: 'the probe wait doubles up to a minute, and stays there',
      steps: [...firstCut, ...times(13, (n): Step => ({ at: 1_000 * (n + 1), throttled: {}, sent: 1_000 * (n + 1) }))],
      expected: { rate: 0.05, pausedUntil: 13_000 + 60_000 },
    },
  ])('$scenario', check);
});

describe('Retry-After is obeyed', () => {
  it.each<Row>([
    {
      scenario: 'a bucket: nothing before it, though a token would come sooner',
      steps: [answer(0, 60, 10), { at: 100, throttled: { permitted: 60, retryAfter: 5_000 } }],
      expected: { pausedUntil: 5_100, waits: [[100, 5_000], [5_099, 1], [5_100, 0]] },
    },
    {
      scenario: 'a fixed window: nothing before it, though the reset comes sooner',
      steps: [answer(0, 60, 59), answer(1_000, 60, 2), answer(2_000, 60, 59, { sent: 1_990 }), { at: 3_000, throttled: { retryAfter: 90_000 } }],
      expected: { pausedUntil: 93_000, waits: [[61_990, 31_010]] },
    },
    {
      scenario: 'a silent server: it replaces the probe wait',
      steps: [...times(100, (n): Step => ({ at: n * 5, answer: undefined })), { at: 500, throttled: { retryAfter: 7_000 } }],
      expected: { rate: 0.05, pausedUntil: 7_500, waits: [[500, 7_000]] },
    },
    {
      scenario: 'a shorter Retry-After does not shorten a pause already set',
      steps: [answer(0, 60, 10), { at: 100, throttled: { retryAfter: 5_000 } }, { at: 200, throttled: { retryAfter: 1_000 } }],
      expected: { pausedUntil: 5_100 },
    },
  ])('$scenario', check);
});

describe('answers that cross on the way back', () => {
  it.each<Row>([
    {
      scenario: 'an answer to a request older than the newest counted says an older count: not counted (no tokens, no reset from it)',
      steps: [answer(100, 60, 2, { sent: 90 }), answer(110, 60, 15, { sent: 50 })],
      expected: { tokens: 2 + 10 * perMinute(60), window: undefined },
    },
    {
      scenario: 'nor one older than a 429',
      steps: [answer(0, 60, 10), { at: 100, throttled: {}, sent: 90 }, answer(110, 60, 4, { sent: 80 })],
      expected: { tokens: 1, share: 0.5 },
    },
  ])('$scenario', check);
});

describe('the requests in flight, where the burst is small: capped by the count', () => {
  // 3,600 a minute is 0.06 a millisecond; a count of 19 is a burst of 20, small for a concurrency of 8.
  const counted = (count: number, remaining: number, roundTrip = 0): Step[] => times(count, (n) => answer(1_000 + n, 3_600, remaining, { sent: 1_000 + n - roundTrip }));
  it.each<Row>([
    {
      scenario: 'no cap before any count',
      steps: [],
      expected: { caps: [[0, Infinity]] },
    },
    {
      scenario: 'no cap for a large burst (the live server: a count of 999)',
      steps: [answer(0, 3_600, 999), ...counted(20, 0)],
      expected: { caps: [[8, Infinity]] },
    },
    {
      scenario: 'no cap for a server that never says its limit',
      steps: [...times(10, (n): Step => ({ at: n, answer: undefined })), { at: 100, throttled: {} }],
      expected: { caps: [[8, Infinity]] },
    },
    {
      scenario: 'a burst is small up to four times the concurrency: 32 for 8, and not 33',
      steps: [answer(0, 3_600, 31)],
      expected: { smallBurst: true },
    },
    {
      scenario: 'a burst of 33 is not small for a concurrency of 8',
      steps: [answer(0, 3_600, 32)],
      expected: { smallBurst: false },
    },
    {
      scenario: 'slow start: after the first answer, two in flight',
      steps: [answer(0, 3_600, 19)],
      expected: { caps: [[0, 2]] },
    },
    {
      scenario: 'slow start: one more for each answer that passes (7 after 6)',
      steps: counted(6, 19),
      expected: { caps: [[0, 7]] },
    },
    {
      scenario: 'half of the count less what is in flight, rounded down: 15 → 7, 6 with 3 in flight, 4 with 7',
      steps: counted(20, 15),
      expected: { caps: [[0, 7], [3, 6], [7, 4]] },
    },
    {
      scenario: 'a count of 0 or 1: one may go, so the next answer brings the next count',
      steps: [...counted(20, 1)],
      expected: { caps: [[0, 1], [1, 1]] },
    },
    {
      scenario: 'never below what the refill spends in a round trip, and one: 0.06/ms × 50 ms = 3, so 4',
      steps: counted(20, 0, 50),
      expected: { caps: [[0, 4], [3, 4]] },
    },
    {
      scenario: 'the round trip is the longest seen lately: a 10th off it an answer',
      steps: [...counted(1, 0, 100), ...counted(20, 0, 0)],
      // 100 × 0.9^20 = 12.2 ms: 0.06 × 12.2 = 0.73, so 1, and 2
      expected: { caps: [[0, 2]] },
    },
    {
      scenario: 'a 429 halves the slow-start allowance (9 to 4), and the next answer adds one',
      steps: [...counted(8, 19), { at: 2_000, throttled: {} }, answer(3_000, 3_600, 19)],
      expected: { caps: [[0, 5]] },
    },
  ])('$scenario', check);
});
