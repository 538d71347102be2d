// `npm run bench:bulk`: the bulk jobs against the fake's limiters, each case done three
// ways side by side — Promise.all over the bare client, a fixed concurrency of 8, and this
// package's jobs — and compared with the best the limit allows:
//
//   best = max(the same calls by hand, 8 at a time, with no limit, the time the limit forces)
//
// The unlimited half is plain calls (the "concurrency 8" strategy against a limit that never
// binds), not the paced job, so the pacer's own overhead is never in the denominator.
//
// Every answer takes BULK_LATENCY_MS (20 ms by default) to come back: the live API answers
// in tens of milliseconds, and without a round trip the unlimited run is all CPU in one
// process, where a job's bookkeeping looks like a tenth of the time although against a
// server it is a fraction of a percent. Eight in flight then send at most about 300-400 a
// second, so time is scaled for the limit to bind as it does live: one of the limit's
// minutes lasts BULK_MINUTE_MS (5,000 ms by default), and "1,000 a minute with a burst of
// 1,000", the live server's shape, is a bucket of 1,000 refilling at 200 a second (the
// headers say 12,000 a minute). Jobs are sized against the burst as they would be live.
import { readFileSync, writeFileSync } from 'node:fs';
import PQueue from 'p-queue';
import { createCaptainClient, createKatapultClient, type AnyError, type CaptainClient, type KatapultClient, type Result } from '../src/index.js';
import { pruneVersions, revokePresignedUrlsAcrossBuckets } from '../src/jobs/index.js';
import { createFake, type RateLimitOptions } from '../src/testing/index.js';
import { closedPort } from '../test/support/fault-server.js';
import { role, playRole, runInProcesses } from './bulk-processes.js';
import { renderTable, verdict, type BulkResults, type BulkRun } from './bulk-table.js';
import { machine } from './machine.js';

const minuteMs = Number(process.env.BULK_MINUTE_MS ?? 5_000);
const latencyMs = Number(process.env.BULK_LATENCY_MS ?? 20);
const perSecond = (perMinute: number) => (perMinute * 1000) / minuteMs;
const liveLike = { perSecond: perSecond(1_000), burst: 1_000 } as const satisfies RateLimitOptions;
const small = { perSecond: perSecond(300), burst: 300 } as const satisfies RateLimitOptions;
/** 300 a minute with a burst of 20: a burst smaller than what two processes keep in flight. */
const smallBurst = { perSecond: perSecond(300), burst: 20 } as const satisfies RateLimitOptions;
const dropped = { perSecond: perSecond(500), burst: 500 } as const satisfies RateLimitOptions;
const window = { kind: 'fixed-window', limit: 1_000, windowMs: minuteMs } as const satisfies RateLimitOptions;
/** The server's other recorded limit, 200 a minute, as a fixed window: few requests a window. */
const smallWindow = { kind: 'fixed-window', limit: 200, windowMs: minuteMs } as const satisfies RateLimitOptions;
/** A limit that never binds: the fake does the same work per request (the headers), so the
 * unlimited run differs from the limited ones only in the limit. */
const unbound = { perSecond: 1e9, burst: 1e9 } as const satisfies RateLimitOptions;
const targets = { ratio: 1.1, throttledShare: 0.02, deadHostSeconds: 5 };
/** Processes that share a token see each other only through the server's count: their 429s are held to 5%. */
const processesThrottledShare = 0.05;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const projectId = 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6';
const region = 'uk-lon-1';
/** A prune's work: `objects` objects in each of `buckets` buckets, each with `versions` versions. */
interface PruneWork {
  readonly buckets: number;
  readonly objects: number;
  readonly versions: number;
}
const pruneRequests = ({ buckets, objects, versions }: PruneWork) => buckets * (1 + objects * versions);

type Strategy = BulkRun['strategy'];
const strategies: readonly Strategy[] = ['Promise.all', 'concurrency 8', 'job (paced)'];

type Work = { buckets?: number; groups?: number; prune?: PruneWork };

/** A fake with `buckets` Katapult buckets (in `groups` lists of names) or the prune's
 * Captain buckets (`logs-0`, …), reached through a round trip of `latencyMs`. */
function world(limit: RateLimitOptions | undefined, work: Work) {
  const createdAt = Date.now();
  const fake = createFake(limit ? { rateLimit: limit } : {});
  const groups = Array.from({ length: work.groups ?? 1 }, (_, g) => Array.from({ length: work.buckets ?? 0 }, (_, n) => `bucket-${g}-${n}`));
  for (const name of groups.flat()) fake.katapult.addBucket(name);
  const prune = work.prune;
  for (let b = 0; b < (prune?.buckets ?? 0); b++) {
    fake.captain.addBucket(projectId, `logs-${b}`);
    for (let o = 0; o < prune!.objects; o++) for (let v = 0; v < prune!.versions; v++) fake.captain.putVersion(projectId, `logs-${b}`, `app/${o}.log`, { size: v, at: new Date(Date.UTC(2026, 0, 1, 0, v)) });
  }
  // The round trip, after the server answers: one timer a request, not two, so that a
  // loaded event loop stretches it less.
  const fetch = async (request: Request) => {
    const response = await fake.fetch(request);
    await pause(latencyMs);
    return response;
  };
  const katapult = createKatapultClient({ token: 't', baseUrl: fake.katapultBaseUrl, fetch });
  const captain = createCaptainClient({ baseUrl: fake.captainBaseUrl, auth: { apiKey: 'k' }, fetch });
  return { fake, katapult, captain, groups, createdAt };
}

type Runner = <T>(calls: readonly (() => Promise<Result<T, AnyError>>)[]) => Promise<Result<T, AnyError>[]>;
const allAtOnce: Runner = (calls) => Promise.all(calls.map((call) => call()));
const eightAtATime: Runner = (calls) => {
  const queue = new PQueue({ concurrency: 8 });
  return Promise.all(calls.map((call) => queue.add(call) as Promise<Result<never, AnyError>>));
};

interface Tally {
  readonly items: number;
  readonly failed: number;
  readonly notDone: number;
}

async function revoke(katapult: KatapultClient, names: readonly string[], strategy: Strategy): Promise<Tally> {
  if (strategy === 'job (paced)') {
    const report = await revokePresignedUrlsAcrossBuckets(katapult, { region, buckets: names });
    return { items: names.length, failed: report.failed.length + report.uncertain.length, notDone: report.remaining.length };
  }
  const run = strategy === 'Promise.all' ? allAtOnce : eightAtATime;
  const results = await run(names.map((name) => () => katapult.revokePresignedUrls({ object_storage_cluster: { region }, bucket: { name } })));
  return { items: names.length, failed: results.filter((result) => !result.ok).length, notDone: 0 };
}

/** The prune of one bucket; by hand: list every object's versions, then delete all but the latest. */
async function prune(captain: CaptainClient, bucket: string, work: PruneWork, strategy: Strategy): Promise<Tally> {
  const items = work.objects * (work.versions - 1);
  if (strategy === 'job (paced)') {
    const report = await pruneVersions(captain, { projectId, bucket, prefix: 'app/' });
    return { items, failed: report.failed.length + report.uncertain.length, notDone: report.remaining.length };
  }
  const run = strategy === 'Promise.all' ? allAtOnce : eightAtATime;
  const keys = Array.from({ length: work.objects }, (_, o) => `app/${o}.log`);
  const doomed: { key: string; versionId: string }[] = [];
  let failed = 0;
  // The job lists the folder first; so does this, so both send the same requests.
  await run([() => captain.listObjects({ projectId, bucket, key: 'app/', maxKeys: 1000 })]);
  for (const result of await run(keys.map((key) => () => captain.listObjectVersions({ projectId, bucket, key, maxKeys: 1000 })))) {
    if (result.ok) doomed.push(...result.data.result.slice(1));
    else failed += work.versions - 1;
  }
  const deleted = await run(doomed.map(({ key, versionId }) => () => captain.deleteObjectVersion({ projectId, bucket, key, versionId })));
  return { items, failed: failed + deleted.filter((result) => !result.ok).length, notDone: 0 };
}

/** The least time a token bucket lets `requests` through: the burst at once, the rest at its rate. */
const bucketForces = (requests: number, { perSecond: rate, burst }: { perSecond: number; burst: number }) => Math.max(0, (requests - burst) / rate);

interface Case {
  readonly name: string;
  readonly limit: RateLimitOptions | undefined;
  readonly work: Work;
  /** Seconds the limit forces, given when the fake was made and when the job started. */
  readonly forces: (createdAt: number, startedAt: number, unlimited: number) => number;
  /** Runs of each strategy, the median kept: sub-second cases are noisy on a shared machine. */
  readonly repeats?: number;
  /** Called as the job starts; may change the limit later. */
  readonly during?: (fake: ReturnType<typeof world>['fake']) => () => void;
  /** Each group of buckets in its own OS process, against a server process: see bulk-processes.ts. */
  readonly processes?: boolean;
}

/** A fixed window: until the last of the windows the work needs opens, then that
 * window's share of the unlimited time. */
const windowForces =
  (requests: number, { limit, windowMs }: { limit: number; windowMs: number }) =>
  (createdAt: number, startedAt: number, unlimited: number) => {
    const windows = Math.ceil(requests / limit);
    const first = Math.floor((startedAt - createdAt) / windowMs);
    const opens = createdAt + (first + windows - 1) * windowMs;
    const last = requests - (windows - 1) * limit;
    return Math.max(0, (opens - startedAt) / 1000) + (unlimited * last) / requests;
  };

const revokes = (n: number) => ({ buckets: n });
const bigPrune: PruneWork = { buckets: 1, objects: 20, versions: 101 };
const smallPrune: PruneWork = { buckets: 1, objects: 10, versions: 51 };
const twoPrunes: PruneWork = { buckets: 2, objects: 5, versions: 51 };
const cases: Case[] = [
  { name: 'live-like bucket, 300 revokes (the issue’s case)', limit: liveLike, work: revokes(300), forces: () => bucketForces(300, liveLike), repeats: 3 },
  { name: 'live-like bucket, 900 revokes (< burst)', limit: liveLike, work: revokes(900), forces: () => bucketForces(900, liveLike) },
  { name: 'live-like bucket, 3,000 revokes (3 × burst)', limit: liveLike, work: revokes(3_000), forces: () => bucketForces(3_000, liveLike) },
  { name: 'fixed window 1,000 a minute, 3,000 revokes', limit: window, work: revokes(3_000), forces: windowForces(3_000, window) },
  { name: 'fixed window 200 a minute, 600 revokes', limit: smallWindow, work: revokes(600), forces: windowForces(600, smallWindow) },
  { name: 'two jobs sharing one live-like limit, 2 × 1,500 revokes', limit: liveLike, work: { buckets: 1_500, groups: 2 }, forces: () => bucketForces(3_000, liveLike) },
  { name: 'two jobs sharing 300 a minute (burst 300), 2 × 400 revokes', limit: small, work: { buckets: 400, groups: 2 }, forces: () => bucketForces(800, small) },
  // Separate OS processes on one token, a burst smaller than what they keep in flight.
  { name: 'two processes sharing 300 a minute (burst 20), 2 × 100 revokes', limit: smallBurst, work: { buckets: 100, groups: 2 }, forces: () => bucketForces(200, smallBurst), processes: true, repeats: 3 },
  { name: 'three processes sharing 300 a minute (burst 20), 3 × 100 revokes', limit: smallBurst, work: { buckets: 100, groups: 3 }, forces: () => bucketForces(300, smallBurst), processes: true, repeats: 3 },
  {
    name: 'limit halves after one minute, 2,500 revokes',
    limit: liveLike,
    work: revokes(2_500),
    forces: () => {
      const before = liveLike.burst + (liveLike.perSecond * minuteMs) / 1000;
      return 2_500 <= before ? bucketForces(2_500, liveLike) : minuteMs / 1000 + (2_500 - before) / dropped.perSecond;
    },
    during: (fake) => {
      const timer = setTimeout(() => fake.setRateLimit(dropped), minuteMs);
      return () => clearTimeout(timer);
    },
  },
  // Captain sends no rate headers: the pacer finds the limit from its 429s alone.
  { name: 'Captain (no rate headers), live-like bucket, prune 2,000 versions', limit: liveLike, work: { prune: bigPrune }, forces: () => bucketForces(pruneRequests(bigPrune), liveLike) },
  { name: 'Captain (no rate headers), 300 a minute (burst 300), prune 500 versions', limit: small, work: { prune: smallPrune }, forces: () => bucketForces(pruneRequests(smallPrune), small) },
  {
    name: 'Captain (no rate headers), fixed window 200 a minute, prune 500 versions',
    limit: smallWindow,
    work: { prune: smallPrune },
    forces: windowForces(pruneRequests(smallPrune), smallWindow),
  },
  { name: 'Captain (no rate headers), two prunes sharing 300 a minute, 2 × 250 versions', limit: small, work: { prune: twoPrunes }, forces: () => bucketForces(pruneRequests(twoPrunes), small) },
];

async function runCase(spec: Case, strategy: Strategy, limit: RateLimitOptions | undefined) {
  if (spec.processes) {
    const groups = Array.from({ length: spec.work.groups ?? 1 }, (_, g) => Array.from({ length: spec.work.buckets ?? 0 }, (_, n) => `bucket-${g}-${n}`));
    return runInProcesses(groups, strategy, limit!, latencyMs);
  }
  const { fake, katapult, captain, groups, createdAt } = world(limit, spec.work);
  // Each run starts on a collected heap (npm run bench:bulk passes --expose-gc), so that
  // one run's garbage is not another's pause.
  (globalThis as { gc?: () => void }).gc?.();
  const startedAt = Date.now();
  const start = performance.now();
  const stop = limit === spec.limit ? spec.during?.(fake) : undefined;
  const work = spec.work.prune;
  const tallies = work
    ? await Promise.all(Array.from({ length: work.buckets }, (_, b) => prune(captain, `logs-${b}`, work, strategy)))
    : await Promise.all(groups.map((names) => revoke(katapult, names, strategy)));
  const seconds = (performance.now() - start) / 1000;
  stop?.();
  const stats = work ? fake.stats.captain : fake.stats.katapult;
  const sum = (key: keyof Tally) => tallies.reduce((total, tally) => total + tally[key], 0);
  return { createdAt, startedAt, seconds, items: sum('items'), failed: sum('failed'), notDone: sum('notDone'), requests: stats.requests, throttled: stats.throttled };
}

async function main() {
  const runs: BulkRun[] = [];
  // Warm the JIT first, so that the first case's unlimited run is not its slowest.
  for (const strategy of strategies) await runCase(cases[0]!, strategy, unbound);
  const median = <T>(values: readonly T[], by: (value: T) => number) => [...values].sort((a, b) => by(a) - by(b))[Math.floor(values.length / 2)]!;
  // BULK_CASES=<text> runs only the cases whose name holds it (pass an output path other
  // than bench/bulk-results.json, so that the committed figures stay whole).
  const only = process.env.BULK_CASES;
  for (const spec of cases.filter((spec) => !only || spec.name.includes(only))) {
    // Each round runs the same calls by hand, 8 at a time, with a limit that never binds: the
    // first half of "best"; then each strategy against the limit. Rounds interleave, so that
    // the machine's load falls alike on all of them.
    const rounds: { unlimited: number; runs: BulkRun[] }[] = [];
    for (let round = 0; round < (spec.repeats ?? 1); round++) {
      const unlimited = (await runCase(spec, 'concurrency 8', unbound)).seconds;
      const runs: BulkRun[] = [];
      for (const strategy of strategies) {
        const { createdAt, startedAt, seconds, ...counts } = await runCase(spec, strategy, spec.limit);
        runs.push({
          case: spec.name,
          strategy,
          ...counts,
          seconds,
          bestSeconds: spec.forces(createdAt, startedAt, unlimited),
          ...(spec.processes ? { throttledShareTarget: processesThrottledShare } : {}),
        });
      }
      rounds.push({ unlimited, runs });
    }
    const unlimited = median(rounds, (round) => round.unlimited).unlimited;
    for (const [n, strategy] of strategies.entries()) {
      const run = median(rounds.map((round) => round.runs[n]!), (run) => run.seconds);
      const bestSeconds = Math.max(unlimited, run.bestSeconds!);
      runs.push({ ...run, bestSeconds });
      console.error(`${spec.name} | ${strategy}: ${run.seconds.toFixed(2)} s, best ${bestSeconds.toFixed(2)} s, ${run.throttled}/${run.requests} 429s, ${run.failed} failed`);
    }
  }

  // A host that refuses connections: the time until the job reports every item not done.
  if (!only) {
    const port = await closedPort();
    const names = Array.from({ length: 200 }, (_, n) => `bucket-${n}`);
    for (const strategy of strategies) {
      let requests = 0;
      const fetchCounted = (request: Request) => (requests++, fetch(request));
      const katapult = createKatapultClient({ token: 't', baseUrl: `http://127.0.0.1:${port}/core/v1`, fetch: fetchCounted });
      const start = performance.now();
      const tally = await revoke(katapult, names, strategy);
      const seconds = (performance.now() - start) / 1000;
      runs.push({ case: 'host refusing connections, 200 revokes', strategy, ...tally, requests, throttled: 0, seconds, bestSeconds: null });
    }
  }

  const results: BulkResults = { minuteMs, latencyMs, targets, machine: machine(), runs };
  const table = renderTable(results);
  console.log(`One of the limit's minutes = ${minuteMs} ms, a round trip ${latencyMs} ms; ${JSON.stringify(results.machine)}\n`);
  console.log(table);
  const paced = runs.filter((run) => run.strategy === 'job (paced)');
  console.log(`targets (paced jobs): wall ÷ best ≤ ${targets.ratio}, 429s ≤ ${targets.throttledShare * 100}% of requests, 0 failed, a dead host reported within ${targets.deadHostSeconds} s`);
  for (const run of paced) console.log(`  ${run.case}: ${verdict(run, targets)}`);

  const output = process.argv[2] ?? 'bench/bulk-results.json';
  writeFileSync(output, `${JSON.stringify(results, null, 2)}\n`);
  // The performance page's table is this run's: replaced between its markers.
  if (output === 'bench/bulk-results.json') {
    const page = readFileSync('docs/performance.md', 'utf8');
    const marked = /(<!-- bench:bulk:start -->\n)[\s\S]*?(<!-- bench:bulk:end -->)/;
    if (marked.test(page)) writeFileSync('docs/performance.md', page.replace(marked, `$1${table}$2`));
  }
}

// A child process of a case run in several processes plays its part; the bench itself runs in the parent.
if (role) await playRole();
else await main();
