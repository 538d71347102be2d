// The pacer's behaviours against the fake's limiters and loopback servers that refuse or
// drop connections. The limiter cases run on a simulated clock (vitest's fake timers fake
// Date and setTimeout; the fake answers in-process), so "how long the job took" is an
// exact count of simulated milliseconds, the same on a loaded machine as on an idle one.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderTable, type BulkResults } from '../bench/bulk-table.js';
import { createCaptainClient, createKatapultClient } from '../src/index.js';
import { createPacer, pruneVersions, restoreObjectToInstant, revokePresignedUrlsAcrossBuckets, rotateAccessKeyCredentials } from '../src/jobs/index.js';
import { createFake, type Fake, type RateLimitOptions } from '../src/testing/index.js';
import { closedPort, startFaultServer, type FaultServer } from './support/fault-server.js';

const projectId = 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6';
const region = 'uk-lon-1';
const perMinute = (n: number) => n / 60;

function world(rateLimit?: RateLimitOptions, buckets = 0) {
  const fake = createFake(rateLimit ? { rateLimit } : {});
  const names = Array.from({ length: buckets }, (_, n) => `bucket-${n}`);
  for (const name of names) fake.katapult.addBucket(name);
  // Counts what is in flight at the fake at once.
  const flight = { now: 0, most: 0 };
  const fetch = async (request: Request) => {
    flight.most = Math.max(flight.most, ++flight.now);
    try {
      return await fake.fetch(request);
    } finally {
      flight.now -= 1;
    }
  };
  const katapult = createKatapultClient({ token: 't', baseUrl: fake.katapultBaseUrl, fetch });
  const captain = createCaptainClient({ baseUrl: fake.captainBaseUrl, auth: { apiKey: 'k' }, fetch });
  return { fake, names, katapult, captain, flight };
}

const revocations = (fake: Fake, names: readonly string[]) => names.map((name) => fake.katapult.buckets.get(`${region}/${name}`)!.revocations);

/** Runs `work` to the end on the simulated clock; gives its value and the simulated seconds it took. */
async function simulated<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = Date.now();
  let settled = false;
  const running = work().finally(() => (settled = true));
  while (!settled) await vi.advanceTimersToNextTimerAsync();
  return { value: await running, seconds: (Date.now() - start) / 1000 };
}

describe('against the fake limiters, on a simulated clock', () => {
  beforeAll(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterAll(() => void vi.useRealTimers());

  it("the fake's fixed window counts down, refuses with total_permitted, and resets at the window's end", async () => {
    const { fake, katapult } = world({ kind: 'fixed-window', limit: 3, windowMs: 60_000 }, 1);
    const revoke = () => katapult.revokePresignedUrls({ object_storage_cluster: { region }, bucket: { name: 'bucket-0' } }, { retry: false });
    const answers = [];
    for (let n = 0; n < 4; n++) answers.push(await revoke());
    expect(answers.map((answer) => answer.rateLimit)).toEqual([3, 2, 1, 0].map((left) => ({ permitted: 3, remaining: Math.max(0, left - 1) })));
    expect(answers[3]).toMatchObject({ ok: false, error: { status: 429, code: 'rate_limit_reached', detail: { total_permitted: 3 } } });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await revoke()).toMatchObject({ ok: true, rateLimit: { permitted: 3, remaining: 2 } });
    fake.setRateLimit({ kind: 'fixed-window', limit: 10, windowMs: 60_000 });
    expect(await revoke()).toMatchObject({ ok: true, rateLimit: { permitted: 10, remaining: 8 } });
  });

  it('the fake says its limit as each server does: Katapult always (the live limit by default), Captain never', async () => {
    for (const rateLimit of [undefined, { perSecond: 1, burst: 1 }]) {
      const { fake, katapult, captain } = world(rateLimit, 1);
      fake.captain.addBucket(projectId, 'logs');
      const first = await katapult.getBucket({ object_storage_cluster: { region }, bucket: { name: 'bucket-0' } }, { retry: false });
      expect(first.rateLimit).toEqual(rateLimit ? { permitted: 60, remaining: 0 } : { permitted: 1_000, remaining: 999 });
      const listed = await captain.listObjects({ projectId, bucket: 'logs' }, { retry: false });
      expect(listed.ok).toBe(true);
      expect(listed.response?.headers.get('x-ratelimit-permitted')).toBeNull();
      expect(listed.response?.headers.get('x-ratelimit-remaining')).toBeNull();
      const again = await captain.listObjects({ projectId, bucket: 'logs' }, { retry: false });
      expect(again.ok).toBe(!rateLimit);
      expect(again.response?.headers.get('x-ratelimit-remaining')).toBeNull();
      expect(again.response?.headers.get('retry-after')).toBeNull();
    }
  });

  it('a server that never says its limit (Captain): the burst, then AIMD from the 429s alone', async () => {
    const { fake, captain } = world({ perSecond: 5, burst: 300 });
    fake.captain.addBucket(projectId, 'logs');
    for (let o = 0; o < 10; o++) for (let v = 0; v < 51; v++) fake.captain.putVersion(projectId, 'logs', `app/${o}.log`, { size: v, at: new Date(Date.UTC(2026, 0, 1, 0, v)) });
    const { value: report, seconds } = await simulated(() => pruneVersions(captain, { projectId, bucket: 'logs', prefix: 'app/' }));
    expect(report).toMatchObject({ failed: [], remaining: [], uncertain: [] });
    expect(report.done).toHaveLength(500);
    // 511 requests: 300 at once, the rest at 5 a second.
    const forced = (511 - 300) / 5;
    expect(seconds / forced).toBeLessThan(1.1);
    // The first 429s find the rate (halving from what the burst let through), then about one a cut.
    expect(report.throttled / report.requests).toBeLessThanOrEqual(0.03);
  });

  it('a silent server with a fixed window: probes back off while it is empty, and the rate survives to the next window', async () => {
    const { fake, captain } = world({ kind: 'fixed-window', limit: 50, windowMs: 60_000 });
    fake.captain.addBucket(projectId, 'logs');
    for (let o = 0; o < 3; o++) for (let v = 0; v < 51; v++) fake.captain.putVersion(projectId, 'logs', `app/${o}.log`, { size: v, at: new Date(Date.UTC(2026, 0, 1, 0, v)) });
    const { value: report, seconds } = await simulated(() => pruneVersions(captain, { projectId, bucket: 'logs', prefix: 'app/' }));
    expect(report).toMatchObject({ failed: [], remaining: [], uncertain: [] });
    expect(report.done).toHaveLength(150);
    // 154 requests: the fourth window opens at 180 s. Halving on every 429 to an empty
    // window took the rate down to about a request a minute: 24 × as long.
    expect(seconds).toBeGreaterThanOrEqual(180);
    expect(seconds / 180).toBeLessThan(1.1);
    // Probes double their wait while the window is empty: some 9 429s for each of its three
    // empty spells, a high share of a job this small (15%), a small one of a large job.
    expect(report.throttled).toBeLessThanOrEqual(30);
  });

  it("a silent server's Retry-After is obeyed: nothing goes before it", async () => {
    const fake = createFake({ rateLimit: { kind: 'fixed-window', limit: 5, windowMs: 20_000, retryAfter: true } });
    fake.captain.addBucket(projectId, 'logs');
    const sent: number[] = [];
    let holdUntil = 0;
    const fetch = async (request: Request) => {
      expect(Date.now()).toBeGreaterThanOrEqual(holdUntil);
      sent.push(Date.now());
      const answer = await fake.fetch(request);
      const wait = answer.headers.get('retry-after');
      if (wait) holdUntil = Math.max(holdUntil, Date.now() + Number(wait) * 1000);
      return answer;
    };
    const captain = createCaptainClient({ baseUrl: fake.captainBaseUrl, auth: { apiKey: 'k' }, fetch });
    const pacer = createPacer();
    const { value: results, seconds } = await simulated(() =>
      Promise.all(Array.from({ length: 12 }, () => pacer.run(() => captain.listObjects({ projectId, bucket: 'logs' }, { retry: false })))),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect(pacer.stats.throttled).toBeGreaterThan(0);
    // Three windows' worth: done in the third, after the first two 20 s windows.
    expect(seconds).toBeGreaterThanOrEqual(40);
    expect(seconds).toBeLessThan(60);
  });

  it('a pacer that lives on gives an unreachable host up for 10 s, then tries it again', async () => {
    const { fake } = world(undefined, 1);
    let down = true;
    const refused = () => Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }) }));
    const katapult = createKatapultClient({ token: 't', baseUrl: fake.katapultBaseUrl, fetch: (request) => (down ? refused() : fake.fetch(request)) });
    const pacer = createPacer();
    const revoke = () => pacer.run(() => katapult.revokePresignedUrls({ object_storage_cluster: { region }, bucket: { name: 'bucket-0' } }, { retry: false }));
    const { value: first } = await simulated(revoke);
    expect(first).toMatchObject({ ok: false, error: { kind: 'network', code: 'ECONNREFUSED' } });
    expect(pacer.unreachable?.code).toBe('ECONNREFUSED');
    expect(pacer.stats.requests).toBe(3);
    down = false;
    const { value: soon } = await simulated(revoke);
    expect(soon).toMatchObject({ ok: false, error: { code: 'ECONNREFUSED' } });
    expect(pacer.stats.requests).toBe(3);
    await vi.advanceTimersByTimeAsync(10_000);
    const { value: later } = await simulated(revoke);
    expect(later.ok).toBe(true);
    expect(pacer.stats.requests).toBe(4);
  });

  it('uses the burst the server offers: a job smaller than it goes at full concurrency, with no 429', async () => {
    const { fake, names, katapult, flight } = world({ perSecond: perMinute(1_000), burst: 1_000 }, 300);
    const { value: report, seconds } = await simulated(() => revokePresignedUrlsAcrossBuckets(katapult, { region, buckets: names }));
    expect(report.done).toHaveLength(300);
    expect(report).toMatchObject({ requests: 300, throttled: 0, failed: [] });
    expect(flight.most).toBe(8);
    // No wait at all: the burst covers the job (one token would take 60 ms).
    expect(seconds).toBeLessThan(0.06);
    expect(revocations(fake, names).every((n) => n === 1)).toBe(true);
  });

  it('refills at the permitted rate without losing refill: four bursts take the time the limit forces', async () => {
    const { names, katapult } = world({ perSecond: perMinute(1_000), burst: 1_000 }, 4_000);
    const { value: report, seconds } = await simulated(() => revokePresignedUrlsAcrossBuckets(katapult, { region, buckets: names }));
    expect(report).toMatchObject({ requests: 4_000, throttled: 0, failed: [] });
    const forced = (4_000 - 1_000) / perMinute(1_000);
    expect(seconds).toBeGreaterThanOrEqual(forced - 1);
    expect(seconds / forced).toBeLessThan(1.02);
  });

  it('learns a fixed window from its reset, and then waits for resets instead of probing', async () => {
    const { names, katapult } = world({ kind: 'fixed-window', limit: 100, windowMs: 60_000 }, 350);
    const { value: report, seconds } = await simulated(() => revokePresignedUrlsAcrossBuckets(katapult, { region, buckets: names }));
    expect(report.done).toHaveLength(350);
    expect(report.failed).toEqual([]);
    // The fourth window opens at 180 s; the first window's 429s find its reset.
    expect(seconds).toBeGreaterThanOrEqual(180);
    expect(seconds / 180).toBeLessThan(1.1);
    expect(report.throttled / report.requests).toBeLessThanOrEqual(0.05);
  });

  it('follows a limit that halves mid-job', async () => {
    const { fake, names, katapult } = world({ perSecond: 10, burst: 100 }, 400);
    setTimeout(() => fake.setRateLimit({ perSecond: 5, burst: 50 }), 10_000);
    const { value: report, seconds } = await simulated(() => revokePresignedUrlsAcrossBuckets(katapult, { region, buckets: names }));
    expect(report.done).toHaveLength(400);
    expect(report.failed).toEqual([]);
    // 100 at once and 10 a second for 10 s, then 200 at 5 a second.
    const forced = 10 + 200 / 5;
    expect(seconds / forced).toBeLessThan(1.1);
    expect(report.throttled / report.requests).toBeLessThanOrEqual(0.02);
  });

  it('two jobs sharing one limit converge: few 429s, no item failed, the time the limit forces', async () => {
    const { fake, names, katapult } = world({ perSecond: perMinute(300), burst: 300 }, 900);
    const halves = [names.slice(0, 450), names.slice(450)];
    const { value: reports, seconds } = await simulated(() => Promise.all(halves.map((buckets) => revokePresignedUrlsAcrossBuckets(katapult, { region, buckets }))));
    for (const report of reports) expect(report).toMatchObject({ failed: [], remaining: [] });
    expect(revocations(fake, names).every((n) => n === 1)).toBe(true);
    const requests = reports[0]!.requests + reports[1]!.requests;
    expect(requests - 900).toBe(fake.stats.katapult.throttled);
    expect(fake.stats.katapult.throttled / requests).toBeLessThanOrEqual(0.02);
    const forced = (900 - 300) / perMinute(300);
    expect(seconds / forced).toBeLessThan(1.1);
  });

  /** The fake behind a round trip of `ms`, counting each job's requests in flight and the counts they were answered with. */
  function roundTrip(fake: Fake, ms: number) {
    const seen = { inFlight: 0, most: 0, remaining: undefined as number | undefined, sends: [] as { inFlight: number; remaining: number | undefined }[] };
    const fetch = async (request: Request) => {
      seen.sends.push({ inFlight: seen.inFlight, remaining: seen.remaining });
      seen.most = Math.max(seen.most, ++seen.inFlight);
      const answer = await fake.fetch(request);
      await new Promise((resolve) => setTimeout(resolve, ms));
      seen.inFlight -= 1;
      seen.remaining = Number(answer.headers.get('x-ratelimit-remaining'));
      return answer;
    };
    return { seen, katapult: createKatapultClient({ token: 't', baseUrl: fake.katapultBaseUrl, fetch }) };
  }

  it('where the burst is small, a job keeps in flight at most half of what the last count said remains, less what is in flight', async () => {
    // 300 a minute with a burst of 20, answered after 50 ms: a round trip refills a quarter
    // of a token, so the cap's floor is 2 (a token a round trip, and one more).
    const fake = createFake({ rateLimit: { perSecond: 5, burst: 20 } });
    const names = Array.from({ length: 60 }, (_, n) => `bucket-${n}`);
    for (const name of names) fake.katapult.addBucket(name);
    const { seen, katapult } = roundTrip(fake, 50);
    const { value: report } = await simulated(() => revokePresignedUrlsAcrossBuckets(katapult, { region, buckets: names }));
    expect(report).toMatchObject({ failed: [], remaining: [], throttled: 0 });
    // The first request alone, before any count.
    expect(seen.sends[0]).toEqual({ inFlight: 0, remaining: undefined });
    for (const { inFlight, remaining } of seen.sends.slice(1)) expect(inFlight).toBeLessThan(Math.max(2, Math.floor((remaining! - inFlight) / 2)));
    // The cap binds, and below the concurrency of 8: half of the 19 the first answer left is 9, and slow start keeps it lower.
    expect(seen.most).toBeGreaterThan(2);
    expect(seen.most).toBeLessThan(8);
  });

  it('a count of 0 or 1 never stalls a job: one goes, and its answer brings the next count', async () => {
    const fake = createFake({ rateLimit: { kind: 'fixed-window', limit: 1, windowMs: 60_000 } });
    const names = ['a', 'b', 'c'];
    for (const name of names) fake.katapult.addBucket(name);
    const { seen, katapult } = roundTrip(fake, 50);
    const { value: report, seconds } = await simulated(() => revokePresignedUrlsAcrossBuckets(katapult, { region, buckets: names }));
    expect(report).toMatchObject({ failed: [], remaining: [] });
    expect(report.done).toHaveLength(3);
    expect(seen.most).toBe(1);
    // One a window: the third opens at 120 s.
    expect(seconds).toBeGreaterThanOrEqual(120);
    expect(seconds).toBeLessThan(121);
  });

  it.each([2, 3])('%i jobs, each with its own pacer, sharing 300 a minute with a burst of 20: 429s at most 5 per cent of requests, no item lost, within 1.10 of the time the limit forces', async (jobs) => {
    // Each job has its own pacer, as each process on one token does; only the counts connect them.
    const fake = createFake({ rateLimit: { perSecond: 5, burst: 20 } });
    const groups = Array.from({ length: jobs }, (_, j) => Array.from({ length: 100 }, (_, n) => `bucket-${j}-${n}`));
    for (const name of groups.flat()) fake.katapult.addBucket(name);
    const clients = groups.map(() => roundTrip(fake, 50).katapult);
    const { value: reports, seconds } = await simulated(() => Promise.all(groups.map((buckets, j) => revokePresignedUrlsAcrossBuckets(clients[j]!, { region, buckets }))));
    for (const report of reports) expect(report).toMatchObject({ failed: [], remaining: [], uncertain: [] });
    expect(revocations(fake, groups.flat()).every((n) => n === 1)).toBe(true);
    const { requests, throttled } = fake.stats.katapult;
    expect(requests - throttled).toBe(jobs * 100);
    expect(throttled / requests).toBeLessThanOrEqual(0.05);
    const forced = (jobs * 100 - 20) / 5;
    expect(seconds / forced).toBeLessThan(1.1);
  });

  it('a 429 spends no attempt: a pacer allowed one attempt still gets every call through', async () => {
    const { katapult } = world({ kind: 'fixed-window', limit: 2, windowMs: 60_000 }, 6);
    const pacer = createPacer({ attempts: 1 });
    const { value: results } = await simulated(() =>
      Promise.all(Array.from({ length: 6 }, (_, n) => pacer.run(() => katapult.revokePresignedUrls({ object_storage_cluster: { region }, bucket: { name: `bucket-${n}` } }, { retry: false })))),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect(pacer.stats.throttled).toBeGreaterThan(0);
    expect(pacer.stats.requests).toBe(6 + pacer.stats.throttled);
  });

  it('throttling is waited out only until the deadline: then the items left are not done, none failed', async () => {
    const { fake, names, katapult } = world({ perSecond: 1, burst: 10 }, 100);
    const { value: report, seconds } = await simulated(() => revokePresignedUrlsAcrossBuckets(katapult, { region, buckets: names }, { deadline: Date.now() + 30_000 }));
    expect(seconds).toBeLessThanOrEqual(31);
    expect(report).toMatchObject({ failed: [], uncertain: [], aborted: false });
    expect(report.done.length + report.remaining.length).toBe(100);
    expect(report.done.length).toBeGreaterThanOrEqual(35);
    expect(report.done.length).toBeLessThanOrEqual(41);
    // Nothing was done to the items left: a second run does them.
    expect(revocations(fake, names).filter((n) => n > 0)).toHaveLength(report.done.length);
    expect(revocations(fake, [...report.remaining]).every((n) => n === 0)).toBe(true);
  });

  it('an unknown host (undici: fetch failed, getaddrinfo ENOTFOUND): 3 tries, then every item not done', async () => {
    let sent = 0;
    const notFound = () => {
      sent += 1;
      const cause = Object.assign(new Error('getaddrinfo ENOTFOUND api.object-storage.invalid'), { code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname: 'api.object-storage.invalid' });
      return Promise.reject(new TypeError('fetch failed', { cause }));
    };
    const katapult = createKatapultClient({ token: 't', baseUrl: 'https://api.object-storage.invalid/core/v1', fetch: notFound });
    const names = Array.from({ length: 20 }, (_, n) => `bucket-${n}`);
    const { value: report, seconds } = await simulated(() => revokePresignedUrlsAcrossBuckets(katapult, { region, buckets: names }));
    expect(report.unreachable).toMatchObject({ kind: 'network', code: 'ENOTFOUND' });
    expect([...report.remaining].sort()).toEqual([...names].sort());
    expect(report).toMatchObject({ done: [], failed: [], uncertain: [], requests: 3 });
    expect(sent).toBe(3);
    expect(seconds).toBeLessThan(5);
  });

  it('deleting a version whose answer is lost three times: uncertain, not failed, with a backoff between the sends', async () => {
    const fake = createFake();
    fake.captain.addBucket(projectId, 'logs');
    for (let n = 1; n <= 2; n++) fake.captain.putVersion(projectId, 'logs', 'app.log', { size: n });
    const deletes: number[] = [];
    // The server acts, and the answer is lost on the way back, every time.
    const fetch = async (request: Request) => {
      const answer = await fake.fetch(request);
      if (request.method !== 'DELETE') return answer;
      deletes.push(Date.now());
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    };
    const captain = createCaptainClient({ baseUrl: fake.captainBaseUrl, auth: { apiKey: 'k' }, fetch });
    const { value: report } = await simulated(() => pruneVersions(captain, { projectId, bucket: 'logs', key: 'app.log' }));
    expect(report).toMatchObject({ done: [], failed: [], remaining: [] });
    expect(report.uncertain).toEqual([{ item: expect.objectContaining({ key: 'app.log' }), reason: expect.stringMatching(/may have happened.*lost 3 time/), error: expect.objectContaining({ kind: 'network' }) }]);
    expect(deletes).toHaveLength(3);
    expect(deletes[2]! - deletes[0]!).toBeGreaterThan(0);
    // It had happened, the first time: the state says so, which is why the job does not say "failed".
    expect(fake.captain.versions(projectId, 'logs', 'app.log')).toHaveLength(1);
  });

  it('an abort half-way under a fixed window, then a second run does the rest and a third finds nothing', async () => {
    const { fake, captain } = world({ kind: 'fixed-window', limit: 20, windowMs: 60_000 });
    fake.captain.addBucket(projectId, 'logs');
    for (let n = 1; n <= 60; n++) fake.captain.putVersion(projectId, 'logs', 'big.log', { size: n, at: new Date(Date.UTC(2026, 0, 1, 0, n)) });
    const controller = new AbortController();
    const policy = { projectId, bucket: 'logs', key: 'big.log' };
    const { value: first } = await simulated(() =>
      pruneVersions(captain, policy, { signal: controller.signal, onProgress: ({ done }) => done === 25 && controller.abort('enough') }),
    );
    expect(first.aborted).toBe(true);
    expect(first.done.length + first.remaining.length).toBe(59);
    expect(first.remaining.length).toBeGreaterThan(0);
    expect(fake.captain.versions(projectId, 'logs', 'big.log')).toHaveLength(60 - first.done.length);
    const { value: second } = await simulated(() => pruneVersions(captain, policy));
    expect(second).toMatchObject({ failed: [], remaining: [] });
    expect(second.done).toHaveLength(first.remaining.length);
    const { value: third } = await simulated(() => pruneVersions(captain, policy));
    expect(third).toMatchObject({ done: [], failed: [], remaining: [], requests: 1 });
    expect(fake.captain.versions(projectId, 'logs', 'big.log')).toHaveLength(1);
  });
});

describe('against loopback servers that refuse or drop connections', () => {
  let server: FaultServer;
  beforeAll(async () => void (server = await startFaultServer()));
  afterAll(() => server?.close());
  afterEach(() => server.handle(() => {}));

  it('a host that refuses connections: the job stops after 3 tries and reports every item not done', async () => {
    const port = await closedPort();
    let sent = 0;
    const katapult = createKatapultClient({ token: 't', baseUrl: `http://127.0.0.1:${port}/core/v1`, fetch: (request) => (sent++, fetch(request)) });
    const names = Array.from({ length: 50 }, (_, n) => `bucket-${n}`);
    const report = await revokePresignedUrlsAcrossBuckets(katapult, { region, buckets: names });
    expect(report.unreachable).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
    expect([...report.remaining].sort()).toEqual([...names].sort());
    expect(report).toMatchObject({ done: [], failed: [], uncertain: [], requests: 3 });
    expect(sent).toBe(3);
  });

  it('one retry policy: a server answering 503 sees 5 attempts per call, not 5 × the client’s 3', async () => {
    server.handle(({ res }) => res.writeHead(503, { 'content-type': 'text/plain' }).end('busy'));
    const katapult = createKatapultClient({ token: 't', baseUrl: `${server.url}/core/v1`, retry: { attempts: 3, baseDelay: 1, maxDelay: 5 } });
    const report = await revokePresignedUrlsAcrossBuckets(katapult, { region, buckets: ['backups'] });
    expect(report.failed).toEqual([{ item: 'backups', error: expect.objectContaining({ status: 503 }) }]);
    expect(server.requests).toHaveLength(5);
    expect(report.unreachable).toBeUndefined();
  });

  /** Serves the fake through the fault server; `drop` says which requests lose their
   * connection, and whether before or after the fake acted on them. */
  function dropping(fake: Fake, drop: (index: number, request: Request) => 'before' | 'after' | undefined) {
    server.handle(async ({ req, res, request, index }) => {
      const url = new URL(request.url, 'http://fake.object-storage.test');
      const forwarded = new Request(url, { method: request.method, headers: request.headers as Record<string, string>, ...(request.body ? { body: request.body } : {}) });
      const when = drop(index, forwarded);
      if (when === 'before') return void req.socket.destroy();
      const answer = await fake.fetch(forwarded);
      if (when === 'after') return void req.socket.destroy();
      res.writeHead(answer.status, Object.fromEntries(answer.headers)).end(await answer.text());
    });
    return {
      katapult: createKatapultClient({ token: 't', baseUrl: `${server.url}/core/v1` }),
      captain: createCaptainClient({ baseUrl: server.url, auth: { apiKey: 'k' } }),
    };
  }

  it('an idempotent write whose answer was lost is sent again: a revoke lands twice, harmlessly', async () => {
    const fake = createFake();
    fake.katapult.addBucket('backups');
    const { katapult } = dropping(fake, (index) => (index === 1 ? 'after' : undefined));
    const report = await revokePresignedUrlsAcrossBuckets(katapult, { region, buckets: ['backups'] });
    expect(report).toMatchObject({ done: ['backups'], failed: [], uncertain: [] });
    expect(fake.katapult.buckets.get(`${region}/backups`)!.revocations).toBe(2);
  });

  it('rotating credentials: a lost answer is checked before anything is sent again', async () => {
    const fake = createFake();
    const organization = fake.katapult.addOrganization('acme');
    const generate = (request: Request) => request.method === 'POST' && request.url.endsWith('/generate_credentials');

    // Dropped before the server acted: the key still uses the old ID, so it is sent again.
    const early = fake.katapult.addAccessKey(organization, 'early');
    let generates = 0;
    const first = dropping(fake, (_, request) => (generate(request) && ++generates === 1 ? 'before' : undefined));
    const sent = await rotateAccessKeyCredentials(first.katapult, { accessKey: { id: early.id }, replacing: early.s3AccessKeyId! });
    expect(sent).toMatchObject({ done: [early.id], uncertain: [] });
    expect(sent.accessKey?.s3_secret_access_key).toMatch(/^\w{40}$/);
    expect(generates).toBe(2);

    // Dropped after the server acted: generated, but the secret is lost. Not sent again.
    const late = fake.katapult.addAccessKey(organization, 'late');
    const before = fake.stats.katapult.writes;
    generates = 0;
    const second = dropping(fake, (_, request) => (generate(request) && ++generates === 1 ? 'after' : undefined));
    const lost = await rotateAccessKeyCredentials(second.katapult, { accessKey: { id: late.id }, replacing: late.s3AccessKeyId! });
    expect(lost).toMatchObject({ done: [], failed: [], uncertain: [{ item: late.id, reason: expect.stringMatching(/^new credentials were generated .* rotate again$/) }] });
    expect(lost.accessKey).toBeUndefined();
    expect(fake.stats.katapult.writes - before).toBe(1);
  });

  it('deleting a version: a lost answer is sent again, and the 404 that follows counts as done', async () => {
    const fake = createFake();
    fake.captain.addBucket(projectId, 'logs');
    for (let n = 1; n <= 3; n++) fake.captain.putVersion(projectId, 'logs', 'app.log', { size: n });
    let deletes = 0;
    const { captain } = dropping(fake, (_, request) => (request.method === 'DELETE' && ++deletes === 1 ? 'after' : undefined));
    const report = await pruneVersions(captain, { projectId, bucket: 'logs', key: 'app.log' });
    expect(report).toMatchObject({ skipped: [], failed: [], uncertain: [] });
    expect(report.done).toHaveLength(2);
    expect(deletes).toBe(3);
    expect(fake.captain.versions(projectId, 'logs', 'app.log')).toHaveLength(1);
  });

  it('restoring a version: a lost answer is checked, and a restore that happened is not made twice', async () => {
    const fake = createFake();
    fake.captain.addBucket(projectId, 'site');
    for (const day of [1, 5, 9]) fake.captain.putVersion(projectId, 'site', 'index.html', { size: day, at: new Date(Date.UTC(2026, 0, day)) });
    const restoring = (request: Request) => request.method === 'PUT';
    let restores = 0;
    const { captain } = dropping(fake, (_, request) => (restoring(request) && ++restores === 1 ? 'after' : undefined));
    const report = await restoreObjectToInstant(captain, { projectId, bucket: 'site', key: 'index.html', at: new Date(Date.UTC(2026, 0, 6)) });
    expect(report).toMatchObject({ failed: [], uncertain: [] });
    expect(report.done).toHaveLength(1);
    expect(restores).toBe(1);
    expect(fake.captain.versions(projectId, 'site', 'index.html').map((version) => version.size)).toEqual([5, 9, 1]);
  });
});

it("docs/performance.md's bulk-bench table is bench/bulk-results.json's, as the bench wrote it", () => {
  const results = JSON.parse(readFileSync(new URL('../bench/bulk-results.json', import.meta.url), 'utf8')) as BulkResults;
  const page = readFileSync(new URL('../docs/performance.md', import.meta.url), 'utf8');
  const block = /<!-- bench:bulk:start -->\n([\s\S]*?)<!-- bench:bulk:end -->/.exec(page)?.[1];
  expect(block).toBe(renderTable(results));
});
