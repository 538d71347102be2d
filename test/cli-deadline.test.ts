// The jobs' --deadline, in process: parsed, passed to the job as JobOptions.deadline, and
// the items the rate limit still held back then reported not done (exit 1). The CLI's
// fetch is the fake's and the clock is simulated, so a 30 s deadline costs nothing.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { main } from '../src/cli/program.js';
import { createFake } from '../src/testing/index.js';

let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  process.exitCode = undefined;
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  vi.useRealTimers();
  process.exitCode = undefined;
});

it('--deadline stops waiting out the rate limit: what was held back is not done, exit 1', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  const fake = createFake({ rateLimit: { perSecond: 1 / 10, burst: 2 } });
  const names = Array.from({ length: 6 }, (_, n) => `bucket-${n}`);
  for (const name of names) fake.katapult.addBucket(name);
  vi.stubGlobal('fetch', (input: Request) => fake.fetch(input));
  vi.stubEnv('KATAPULT_BASE_URL', fake.katapultBaseUrl);
  vi.stubEnv('KATAPULT_API_TOKEN', 't');
  const started = Date.now();
  let code: number | undefined;
  const running = main(['--json', 'katapult', 'revoke-across-buckets', ...names, '--deadline', '30s', '--yes']).then((value) => (code = value));
  while (code === undefined) await vi.advanceTimersToNextTimerAsync();
  await running;
  expect(code).toBe(1);
  // Two at once, then one each 10 s: the fifth would go at 30 s, past the deadline.
  expect(Date.now() - started).toBeLessThanOrEqual(30_000);
  const report = JSON.parse(out);
  expect(report).toMatchObject({ failed: [], uncertain: [], aborted: false });
  expect(report.done.length).toBeGreaterThanOrEqual(3);
  expect(report.done.length + report.remaining.length).toBe(6);
  expect(report.remaining.length).toBeGreaterThan(0);
});

it('--deadline is in each job\'s help, and a value that is not a duration is a usage error naming the flag and the rule', async () => {
  for (const job of [['katapult', 'revoke-across-buckets'], ['katapult', 'rotate-credentials'], ['captain', 'prune'], ['captain', 'restore-to-instant'], ['captain', 'undelete']]) {
    out = '';
    expect(await main([...job, '--help'])).toBe(0);
    // Help wraps at the terminal's width: compare the words.
    expect(out.replace(/\s+/g, ' ')).toMatch(/--deadline <duration> wait out the rate limit this long at most \(90s, 10m, 1h30m\)/);
  }
  vi.stubEnv('KATAPULT_API_TOKEN', 't');
  for (const bad of ['soon', '10x', '0s', '']) {
    err = '';
    expect(await main(['katapult', 'revoke-across-buckets', 'backups', '--deadline', bad, '--yes'])).toBe(2);
    expect(err).toMatch(/option '--deadline <duration>' argument '.*' is invalid\. must be (a duration such as 90s, 10m or 1h30m|longer than 0s)\./);
  }
});
