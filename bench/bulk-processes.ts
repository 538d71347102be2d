// Jobs in separate OS processes sharing one API token, for `npm run bench:bulk`: one
// process serves the fake, with the case's limit, on loopback; each job process runs one
// job (or the same calls by hand) against it. They share nothing but the server's answers,
// as processes on one token do live.
//
// The bench's bundle is the only script: each child is the same file forked again, told
// its part by BULK_ROLE, so that nothing else needs building and every part runs the code
// being measured.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import PQueue from 'p-queue';
import { createKatapultClient, type AnyError, type Result } from '../src/index.js';
import { revokePresignedUrlsAcrossBuckets } from '../src/jobs/index.js';
import { createFake, type FakeStats, type RateLimitOptions } from '../src/testing/index.js';

type Strategy = 'Promise.all' | 'concurrency 8' | 'job (paced)';

/** What the parent asks of a child, and what it answers. */
type ToServer = { readonly serve: { readonly limit: RateLimitOptions; readonly buckets: readonly string[] } } | { readonly stats: true };
type FromServer = { readonly url: string } | { readonly stats: FakeStats };
type ToJob = { readonly setup: { readonly url: string; readonly buckets: readonly string[]; readonly strategy: Strategy; readonly latencyMs: number } } | { readonly go: true };
type FromJob = { readonly ready: true } | { readonly tally: Tally };

export interface Tally {
  readonly items: number;
  readonly failed: number;
  readonly notDone: number;
}

const region = 'uk-lon-1';
/** Calls each job process makes to the server before it is timed. */
const warmCalls = 4;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Set in the children: which part this process plays. */
export const role = process.env.BULK_ROLE as 'server' | 'job' | undefined;

/** Runs this process as its part, until the parent goes away. */
export async function playRole(): Promise<void> {
  const send = (message: FromServer | FromJob) => process.send!(message);
  process.on('disconnect', () => process.exit(0));
  if (role === 'server') {
    let fake: ReturnType<typeof createFake> | undefined;
    process.on('message', async (message: ToServer) => {
      if ('serve' in message) {
        fake = createFake({ rateLimit: message.serve.limit });
        for (const name of message.serve.buckets) fake.katapult.addBucket(name);
        const { url } = await fake.listen();
        send({ url: `${url}/core/v1` });
      } else send({ stats: fake!.stats.katapult });
    });
    return;
  }
  let run: (() => Promise<Tally>) | undefined;
  process.on('message', async (message: ToJob) => {
    if ('setup' in message) {
      const { url, buckets, strategy, latencyMs } = message.setup;
      // The round trip, as in the bench's other cases: the answer comes back `latencyMs` after the server gave it.
      const katapult = createKatapultClient({
        token: 't',
        baseUrl: url,
        fetch: async (request) => {
          const response = await fetch(request);
          await pause(latencyMs);
          return response;
        },
      });
      run = () => revoke(katapult, buckets, strategy);
      await warmUp(strategy);
      // A few calls over loopback too, so that the connection is open and the server's
      // path warm, as a live server's is; the parent lets the limit refill after them.
      for (let n = 0; n < warmCalls; n++) await katapult.getBucket({ object_storage_cluster: { region }, bucket: { name: buckets[0]! } }, { retry: false });
      send({ ready: true });
    } else send({ tally: await run!() });
  });
}

async function revoke(katapult: ReturnType<typeof createKatapultClient>, names: readonly string[], strategy: Strategy): Promise<Tally> {
  if (strategy === 'job (paced)') {
    const report = await revokePresignedUrlsAcrossBuckets(katapult, { region, buckets: names });
    return { items: names.length, failed: report.failed.length + report.uncertain.length, notDone: report.remaining.length };
  }
  const call = (name: string) => () => katapult.revokePresignedUrls({ object_storage_cluster: { region }, bucket: { name } });
  const queue = new PQueue({ concurrency: 8 });
  const results = await Promise.all(names.map((name) => (strategy === 'Promise.all' ? call(name)() : (queue.add(call(name)) as Promise<Result<unknown, AnyError>>))));
  return { items: names.length, failed: results.filter((result) => !result.ok).length, notDone: 0 };
}

/** Runs the strategy once against an in-process fake, as the bench warms its own process
 * first: the processes are timed on warm code, like the bench's other cases. */
async function warmUp(strategy: Strategy): Promise<void> {
  const fake = createFake();
  const names = Array.from({ length: 100 }, (_, n) => `warm-${n}`);
  for (const name of names) fake.katapult.addBucket(name);
  await revoke(createKatapultClient({ token: 't', baseUrl: fake.katapultBaseUrl, fetch: fake.fetch }), names, strategy);
}

function child(part: 'server' | 'job'): ChildProcess {
  return fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, BULK_ROLE: part }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** The next message from a child. */
const next = <T>(process: ChildProcess) =>
  new Promise<T>((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`a bench child exited with ${code}`));
    process.once('exit', exited);
    process.once('message', (message) => {
      process.off('exit', exited);
      resolve(message as T);
    });
  });

/** The server's counts so far. */
async function statsOf(server: ChildProcess): Promise<FakeStats> {
  const asked = next<{ stats: FakeStats }>(server);
  server.send({ stats: true } satisfies ToServer);
  return (await asked).stats;
}

/** How long the limit takes to refill from empty, and a little more. */
function refillMs(limit: RateLimitOptions): number {
  const ms = limit.kind === 'fixed-window' ? (limit.windowMs ?? 60_000) : (1000 * (limit.burst ?? limit.perSecond)) / limit.perSecond;
  return Math.min(ms, 10_000) + 100;
}

/**
 * Runs each group of bucket names as one job (or by hand) in its own process, all against
 * one server process with `limit`; times from the moment all are told to start until the
 * last has finished.
 */
export async function runInProcesses(groups: readonly (readonly string[])[], strategy: Strategy, limit: RateLimitOptions, latencyMs: number) {
  const server = child('server');
  const jobs = groups.map(() => child('job'));
  try {
    server.send({ serve: { limit, buckets: groups.flat() } } satisfies ToServer);
    const { url } = await next<{ url: string }>(server);
    await Promise.all(
      jobs.map((job, n) => {
        const ready = next<FromJob>(job);
        job.send({ setup: { url, buckets: groups[n]!, strategy, latencyMs } } satisfies ToJob);
        return ready;
      }),
    );
    // The warm-up calls spent some of the limit: the work starts on a full one, as after a
    // quiet spell, and the server's counts are taken from here.
    await pause(refillMs(limit));
    const before = await statsOf(server);
    const startedAt = Date.now();
    const start = performance.now();
    const tallies = jobs.map((job) => next<{ tally: Tally }>(job));
    for (const job of jobs) job.send({ go: true } satisfies ToJob);
    const done = await Promise.all(tallies);
    const seconds = (performance.now() - start) / 1000;
    const after = await statsOf(server);
    const sum = (key: keyof Tally) => done.reduce((total, { tally }) => total + tally[key], 0);
    return { createdAt: startedAt, startedAt, seconds, items: sum('items'), failed: sum('failed'), notDone: sum('notDone'), requests: after.requests - before.requests, throttled: after.throttled - before.throttled };
  } finally {
    for (const process of [server, ...jobs]) process.kill();
  }
}
