// A job's AbortSignal under faults: however many calls wait to be sent or sent again at
// once, the signal holds a bounded number of abort listeners, none is left when the job
// ends, and Node never warns of a listener leak (MaxListenersExceededWarning, past 10).
// On a simulated clock, so the backoffs of hundreds of retries take no real time.
import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCaptainClient, createKatapultClient } from '../src/index.js';
import { pruneVersions, revokePresignedUrlsAcrossBuckets } from '../src/jobs/index.js';
import { createFake, type Fake } from '../src/testing/index.js';

const projectId = 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6';
const region = 'uk-lon-1';

type Fault = 'lost after acting' | 'dropped before acting' | '503' | '500' | 'stalled';

/** Every other request meets the fault, from the second (a prune's listing gets through);
 * the rest reach the fake. */
function faulty(fake: Fake, fault: Fault) {
  let count = 0;
  const socket = () => new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
  return async (request: Request): Promise<Response> => {
    const hit = count++ % 2 === 1;
    if (!hit) return fake.fetch(request);
    switch (fault) {
      case 'lost after acting':
        await fake.fetch(request);
        throw socket();
      case 'dropped before acting':
        throw socket();
      case '503':
      case '500':
        return new Response('busy', { status: Number(fault), headers: { 'content-type': 'text/plain' } });
      case 'stalled':
        // Never answers: the attempt's timeout ends it.
        return new Promise((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true }));
    }
  };
}

/** Counts the abort listeners on `signal` as they come and go. */
function watched(signal: AbortSignal) {
  const live = new Set<unknown>();
  const seen = { added: 0, most: 0, live: () => live.size };
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((type: string, listener: unknown, options?: unknown) => {
    if (type === 'abort') {
      live.add(listener);
      seen.added += 1;
      seen.most = Math.max(seen.most, live.size);
    }
    return add(type, listener as EventListener, options as AddEventListenerOptions);
  }) as AbortSignal['addEventListener'];
  signal.removeEventListener = ((type: string, listener: unknown, options?: unknown) => {
    if (type === 'abort') live.delete(listener);
    return remove(type, listener as EventListener, options as EventListenerOptions);
  }) as AbortSignal['removeEventListener'];
  return seen;
}

/** Runs `work` to the end on the simulated clock. */
async function simulated<T>(work: () => Promise<T>): Promise<T> {
  let settled = false;
  const running = work().finally(() => (settled = true));
  while (!settled) await vi.advanceTimersToNextTimerAsync();
  return running;
}

describe("a job's signal under faults keeps a bounded number of abort listeners", () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  /** Node's warnings of a listener leak since the row began (emitted on the next tick). */
  const leaks = async (since: number) => {
    await new Promise((resolve) => process.nextTick(resolve));
    return warnings.slice(since).filter((warning) => warning.name === 'MaxListenersExceededWarning').map((warning) => warning.message);
  };
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    process.on('warning', onWarning);
  });
  afterAll(() => {
    vi.useRealTimers();
    process.off('warning', onWarning);
  });

  const faults: Fault[] = ['lost after acting', 'dropped before acting', '503', '500', 'stalled'];
  const rows = faults.flatMap((fault) => [20, 80].map((items) => ({ fault, items })));

  it.each(rows)('pruning $items versions, every other answer $fault', async ({ fault, items }) => {
    const fake = createFake();
    fake.captain.addBucket(projectId, 'logs');
    for (let n = 0; n <= items; n++) fake.captain.putVersion(projectId, 'logs', 'app.log', { size: n, at: new Date(Date.UTC(2026, 0, 1, 0, n)) });
    const captain = createCaptainClient({ baseUrl: fake.captainBaseUrl, auth: { apiKey: 'k' }, fetch: faulty(fake, fault), timeout: 100 });
    const controller = new AbortController();
    const seen = watched(controller.signal);
    const since = warnings.length;
    const report = await simulated(() => pruneVersions(captain, { projectId, bucket: 'logs', key: 'app.log' }, { signal: controller.signal }));
    // Every version accounted for, and the faults were met: calls waited and were sent again.
    expect(report.done.length + report.skipped.length + report.failed.length + report.uncertain.length + report.remaining.length).toBe(items);
    if (fault !== '500') expect(report.requests).toBeGreaterThan(items);
    // One listener at a time at most, whatever the number of waits; none left at the end.
    expect(seen.most).toBeLessThanOrEqual(1);
    expect(seen.live()).toBe(0);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(await leaks(since)).toEqual([]);
  });

  it.each(rows)('revoking $items buckets, every other answer $fault', async ({ fault, items }) => {
    const fake = createFake();
    const names = Array.from({ length: items }, (_, n) => `bucket-${n}`);
    for (const name of names) fake.katapult.addBucket(name);
    const katapult = createKatapultClient({ token: 't', baseUrl: fake.katapultBaseUrl, fetch: faulty(fake, fault), timeout: 100 });
    const controller = new AbortController();
    const seen = watched(controller.signal);
    const since = warnings.length;
    const report = await simulated(() => revokePresignedUrlsAcrossBuckets(katapult, { region, buckets: names }, { signal: controller.signal }));
    expect(report.done.length + report.failed.length + report.uncertain.length).toBe(items);
    if (fault !== '500') expect(report.requests).toBeGreaterThan(items);
    expect(seen.most).toBeLessThanOrEqual(1);
    expect(seen.live()).toBe(0);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(await leaks(since)).toEqual([]);
  });

  it("twenty calls of a client sharing the caller's signal, each retried after a 503: one listener on it at a time", async () => {
    const fake = createFake();
    fake.captain.addBucket(projectId, 'logs');
    fake.captain.putVersion(projectId, 'logs', 'app.log', { size: 1 });
    const captain = createCaptainClient({ baseUrl: fake.captainBaseUrl, auth: { apiKey: 'k' }, fetch: faulty(fake, '503'), retry: { attempts: 20, baseDelay: 100, maxDelay: 400 } });
    const controller = new AbortController();
    const seen = watched(controller.signal);
    const since = warnings.length;
    const results = await simulated(() => Promise.all(Array.from({ length: 20 }, () => captain.listObjectVersions({ projectId, bucket: 'logs', key: 'app.log' }, { signal: controller.signal }))));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(seen.added).toBeGreaterThan(0);
    expect(seen.most).toBe(1);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(await leaks(since)).toEqual([]);
  });

  it('an abort still reaches every wait: a job aborted while its calls wait to be sent again stops at once', async () => {
    const fake = createFake();
    fake.captain.addBucket(projectId, 'logs');
    for (let n = 0; n <= 40; n++) fake.captain.putVersion(projectId, 'logs', 'app.log', { size: n, at: new Date(Date.UTC(2026, 0, 1, 0, n)) });
    const captain = createCaptainClient({ baseUrl: fake.captainBaseUrl, auth: { apiKey: 'k' }, fetch: faulty(fake, 'lost after acting'), timeout: 100 });
    const controller = new AbortController();
    const seen = watched(controller.signal);
    const job = pruneVersions(captain, { projectId, bucket: 'logs', key: 'app.log' }, { signal: controller.signal });
    // Let the first deletes go out and their answers be lost, so that calls wait on backoffs.
    for (let n = 0; n < 20 && seen.live() === 0; n++) await vi.advanceTimersToNextTimerAsync();
    expect(seen.live()).toBe(1);
    const before = Date.now();
    controller.abort('enough');
    const report = await simulated(() => job);
    expect(report.aborted).toBe(true);
    // Nothing waited out its backoff (up to 8 s) after the abort.
    expect(Date.now() - before).toBeLessThan(100);
    // (A listener added with { once: true } goes as it fires, without a removeEventListener call to count.)
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
