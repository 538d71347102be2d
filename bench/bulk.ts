// `npm run bench:bulk`: two bulk jobs against the fake limited to R requests a second,
// each done three ways, side by side: Promise.all over the bare client, a fixed
// concurrency of 8, and this package's jobs, which pace themselves by the rate-limit
// headers. Wall time is compared with N / R, the least time N requests can take.
import { writeFileSync } from 'node:fs';
import PQueue from 'p-queue';
import { createCaptainClient, createKatapultClient, type AnyError, type CaptainClient, type KatapultClient, type Result } from '../src/index.js';
import { pruneVersions, revokePresignedUrlsAcrossBuckets } from '../src/jobs/index.js';
import { createFake, type Fake } from '../src/testing/index.js';
import { machine } from './machine.js';

const perSecond = Number(process.env.BULK_RATE ?? 50);
const burst = Math.max(1, Math.round(perSecond / 5));
const projectId = 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6';
const objects = 20;
const versionsEach = 101;
const buckets = 200;

interface Run {
  readonly job: string;
  readonly strategy: string;
  readonly operations: number;
  readonly failed: number;
  readonly requests: number;
  readonly throttled: number;
  readonly seconds: number;
  /** wall time ÷ (N / R), N the requests the work takes at the least */
  readonly ratio: number;
}

function world() {
  const fake = createFake({ rateLimit: { perSecond, burst } });
  fake.captain.addBucket(projectId, 'logs');
  for (let o = 0; o < objects; o++) for (let v = 0; v < versionsEach; v++) fake.captain.putVersion(projectId, 'logs', `app/${o}.log`, { size: v, at: new Date(Date.UTC(2026, 0, 1, 0, v)) });
  const names = Array.from({ length: buckets }, (_, n) => `bucket-${n}`);
  for (const name of names) fake.katapult.addBucket(name);
  const katapult = createKatapultClient({ token: 't', baseUrl: fake.katapultBaseUrl, fetch: fake.fetch });
  const captain = createCaptainClient({ baseUrl: fake.captainBaseUrl, auth: { apiKey: 'k' }, fetch: fake.fetch });
  return { fake, katapult, captain, names };
}

type Runner = <T>(calls: readonly (() => Promise<Result<T, AnyError>>)[]) => Promise<Result<T, AnyError>[]>;
const allAtOnce: Runner = (calls) => Promise.all(calls.map((call) => call()));
const eightAtATime: Runner = (calls) => {
  const queue = new PQueue({ concurrency: 8 });
  return Promise.all(calls.map((call) => queue.add(call) as Promise<Result<never, AnyError>>));
};

/** The prune by hand: list every object's versions, then delete all but the latest. */
async function pruneByHand(captain: CaptainClient, run: Runner): Promise<{ operations: number; failed: number }> {
  const keys = Array.from({ length: objects }, (_, o) => `app/${o}.log`);
  const doomed: { key: string; versionId: string }[] = [];
  let failed = 0;
  for (const result of await run(keys.map((key) => () => captain.listObjectVersions({ projectId, bucket: 'logs', key, maxKeys: 1000 })))) {
    if (result.ok) doomed.push(...result.data.result.slice(1));
    else failed += versionsEach - 1;
  }
  const deleted = await run(doomed.map(({ key, versionId }) => () => captain.deleteObjectVersion({ projectId, bucket: 'logs', key, versionId })));
  return { operations: objects * (versionsEach - 1), failed: failed + deleted.filter((result) => !result.ok).length };
}

async function revokeByHand(katapult: KatapultClient, names: readonly string[], run: Runner) {
  const results = await run(names.map((name) => () => katapult.revokePresignedUrls({ object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name } })));
  return { operations: names.length, failed: results.filter((result) => !result.ok).length };
}

async function measure(job: string, strategy: string, fake: Fake, work: () => Promise<{ operations: number; failed: number }>): Promise<Run> {
  const start = performance.now();
  const { operations, failed } = await work();
  const seconds = (performance.now() - start) / 1000;
  const api = job === 'prune' ? fake.stats.captain : fake.stats.katapult;
  // N: the requests the work takes at the least, one listing of the folder, one of each
  // object's versions and one delete per version; or one revoke per bucket.
  const needed = job === 'prune' ? 1 + objects + objects * (versionsEach - 1) : buckets;
  const ideal = needed / perSecond;
  return { job, strategy, operations, failed, requests: api.requests, throttled: api.throttled, seconds, ratio: seconds / ideal };
}

const runs: Run[] = [];
for (const strategy of ['Promise.all', 'concurrency 8', 'jobs (paced)'] as const) {
  {
    const { fake, captain } = world();
    runs.push(
      await measure('prune', strategy, fake, async () => {
        if (strategy === 'Promise.all') return pruneByHand(captain, allAtOnce);
        if (strategy === 'concurrency 8') return pruneByHand(captain, eightAtATime);
        const report = await pruneVersions(captain, { projectId, bucket: 'logs', prefix: 'app/' });
        return { operations: report.done.length + report.failed.length, failed: report.failed.length };
      }),
    );
  }
  {
    const { fake, katapult, names } = world();
    runs.push(
      await measure('revoke', strategy, fake, async () => {
        if (strategy === 'Promise.all') return revokeByHand(katapult, names, allAtOnce);
        if (strategy === 'concurrency 8') return revokeByHand(katapult, names, eightAtATime);
        const report = await revokePresignedUrlsAcrossBuckets(katapult, { region: 'uk-lon-1', buckets: names });
        return { operations: report.done.length + report.failed.length, failed: report.failed.length };
      }),
    );
  }
}

console.log(`R = ${perSecond} requests a second (burst ${burst}); ${JSON.stringify(machine())}\n`);
console.log('| job | strategy | operations | failed | requests sent | 429s | 429s ÷ requests | wall s | wall ÷ (N ÷ R) |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const run of runs) {
  console.log(
    `| ${run.job} | ${run.strategy} | ${run.operations} | ${run.failed} | ${run.requests} | ${run.throttled} | ${((run.throttled / run.requests) * 100).toFixed(1)}% | ${run.seconds.toFixed(1)} | ${run.ratio.toFixed(3)} |`,
  );
}
const paced = runs.filter((run) => run.strategy === 'jobs (paced)');
const met = paced.every((run) => run.ratio <= 1.05 && run.failed === 0 && run.throttled / run.requests <= 0.01);
console.log(`\ntarget (jobs): wall ÷ (N / R) ≤ 1.05, 0 failed, 429s ≤ 1% of requests: ${met ? 'met' : 'missed'}`);
writeFileSync(process.argv[2] ?? 'bench/bulk-results.json', `${JSON.stringify({ perSecond, burst, machine: machine(), runs }, null, 2)}\n`);
