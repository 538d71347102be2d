import type { ClientName } from './clients.js';
import type { ShapeName } from './shapes.js';
import { spread, type Spread } from './stats.js';

export type Mode = 'in-memory' | 'loopback';

/** One sample: microseconds per request, wall-clock and this process's CPU time. */
export interface Sample {
  readonly wall: number;
  readonly cpu: number;
}

export interface CaseKey {
  readonly mode: Mode;
  readonly concurrency: number;
  readonly shape: ShapeName;
  readonly client: ClientName;
}

export const caseId = ({ mode, concurrency, shape, client }: CaseKey) => `${mode}|${concurrency}|${shape}|${client}`;

export interface Row extends CaseKey {
  readonly microsPerRequest: Spread;
  readonly vsRawFetch: Spread;
  readonly vsOpenapiFetch: Spread;
  /** Against bare openapi-fetch with a per-request timeout: the like-for-like pair of ours. */
  readonly vsTimedOpenapiFetch: Spread;
  readonly cpuMicrosPerRequest: Spread;
  readonly cpuVsOpenapiFetch: Spread;
}

/** Ratios are paired round by round: each round sampled every case once, interleaved. */
export function rowsOf(cases: readonly CaseKey[], samples: ReadonlyMap<string, readonly Sample[]>): Row[] {
  const paired = (key: CaseKey, against: ClientName, measure: keyof Sample): Spread => {
    const mine = samples.get(caseId(key))!;
    const theirs = samples.get(caseId({ ...key, client: against }))!;
    return spread(mine.map((value, round) => value[measure] / theirs[round]![measure]));
  };
  return cases.map((key) => ({
    mode: key.mode,
    concurrency: key.concurrency,
    shape: key.shape,
    client: key.client,
    microsPerRequest: spread(samples.get(caseId(key))!.map(({ wall }) => wall)),
    vsRawFetch: paired(key, 'raw fetch', 'wall'),
    vsOpenapiFetch: paired(key, 'openapi-fetch', 'wall'),
    vsTimedOpenapiFetch: paired(key, 'openapi-fetch+timeout', 'wall'),
    cpuMicrosPerRequest: spread(samples.get(caseId(key))!.map(({ cpu }) => cpu)),
    cpuVsOpenapiFetch: paired(key, 'openapi-fetch', 'cpu'),
  }));
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);
const ratioText = ({ median, min, max }: Spread) => `${fixed(median, 2)} (${fixed(min, 2)}–${fixed(max, 2)})`;

export function table(rows: readonly Row[]): string {
  const header = ['mode', 'conc', 'shape', 'client', 'µs/req median', 'min–max', '× raw fetch (min–max)', '× openapi-fetch (min–max)', '× openapi-fetch+timeout (min–max)', 'CPU µs/req', 'CPU × openapi-fetch'];
  const cells = rows.map((r) => [
    r.mode,
    String(r.concurrency),
    r.shape,
    r.client,
    fixed(r.microsPerRequest.median),
    `${fixed(r.microsPerRequest.min)}–${fixed(r.microsPerRequest.max)}`,
    ratioText(r.vsRawFetch),
    ratioText(r.vsOpenapiFetch),
    ratioText(r.vsTimedOpenapiFetch),
    fixed(r.cpuMicrosPerRequest.median),
    fixed(r.cpuVsOpenapiFetch.median, 2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)));
  const line = (row: readonly string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** Each of our configurations against its like-for-like bare openapi-fetch. */
const pairs = [
  { ours: 'ours', bare: 'openapi-fetch+timeout', ratio: (r: Row) => r.vsTimedOpenapiFetch },
  { ours: 'ours, no limits', bare: 'openapi-fetch', ratio: (r: Row) => r.vsOpenapiFetch },
] as const;

/** Cases where ours is slower than `target` × its bare pair (median wall-clock ratio). */
export const misses = (rows: readonly Row[], target: number) =>
  pairs.flatMap(({ ours, ratio }) => rows.filter((r) => r.client === ours && ratio(r).median > target));

export function verdict(rows: readonly Row[], target: number): string {
  return pairs
    .map(({ ours, bare, ratio }) => {
      const mine = rows.filter((r) => r.client === ours);
      const missed = mine.filter((r) => ratio(r).median > target);
      const heading = `${ours} vs ${bare}, target ≤ ${target}×`;
      if (missed.length === 0) return `${heading}: met in all ${mine.length} cases.`;
      return `${heading}: missed in ${missed.length} of ${mine.length}: ${missed.map((r) => `${r.mode}/${r.concurrency}/${r.shape} ${fixed(ratio(r).median, 2)}×`).join(', ')}`;
    })
    .join('\n');
}
