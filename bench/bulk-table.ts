// Renders bench/bulk-results.json as docs/performance.md's table, so its figures come from
// the bench's output only (a test checks they agree).

export interface BulkRun {
  /** Which limiter and job: `live-like, 300 revokes`. */
  readonly case: string;
  readonly strategy: 'Promise.all' | 'concurrency 8' | 'job (paced)';
  /** Items the work has (buckets, versions). */
  readonly items: number;
  readonly failed: number;
  /** Items reported not done (an unreachable host). */
  readonly notDone: number;
  readonly requests: number;
  readonly throttled: number;
  readonly seconds: number;
  /** The best possible for this case, shared by its strategies; null where none applies. */
  readonly bestSeconds: number | null;
  /** The share of 429s this case is held to, where it is not the targets' own. */
  readonly throttledShareTarget?: number;
}

export interface BulkTargets {
  readonly ratio: number;
  readonly throttledShare: number;
  readonly deadHostSeconds: number;
}

export interface BulkResults {
  /** Real milliseconds that stand for one of the limit's minutes. */
  readonly minuteMs: number;
  /** Real milliseconds each request spends on the way (half there, half back). */
  readonly latencyMs: number;
  readonly targets: BulkTargets;
  readonly machine: Record<string, unknown>;
  readonly runs: readonly BulkRun[];
}

const share = (run: BulkRun) => (run.requests === 0 ? 0 : run.throttled / run.requests);

/** Whether a paced run meets the targets; `null` for the other strategies. */
export function verdict(run: BulkRun, targets: BulkTargets): string | null {
  if (run.strategy !== 'job (paced)') return null;
  const misses: string[] = [];
  if (run.bestSeconds === null) {
    if (run.seconds > targets.deadHostSeconds) misses.push(`reported after ${run.seconds.toFixed(1)} s`);
    if (run.notDone !== run.items) misses.push(`${run.items - run.notDone} items not reported not done`);
  } else {
    if (run.seconds / run.bestSeconds > targets.ratio) misses.push(`wall ÷ best ${(run.seconds / run.bestSeconds).toFixed(2)}`);
    if (share(run) > (run.throttledShareTarget ?? targets.throttledShare)) misses.push(`${(share(run) * 100).toFixed(1)}% 429s`);
    if (run.failed > 0) misses.push(`${run.failed} failed`);
  }
  return misses.length === 0 ? 'met' : `missed: ${misses.join(', ')}`;
}

export function renderTable({ runs, targets }: BulkResults): string {
  const lines = [
    '| case | strategy | items | failed | not done | requests | 429s | 429 % | wall s | best s | wall ÷ best | targets |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const run of runs) {
    const ratio = run.bestSeconds === null ? '—' : (run.seconds / run.bestSeconds).toFixed(2);
    const best = run.bestSeconds === null ? '—' : run.bestSeconds.toFixed(2);
    lines.push(
      `| ${run.case} | ${run.strategy} | ${run.items} | ${run.failed} | ${run.notDone} | ${run.requests} | ${run.throttled} | ${(share(run) * 100).toFixed(1)} | ${run.seconds.toFixed(2)} | ${best} | ${ratio} | ${verdict(run, targets) ?? ''} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
