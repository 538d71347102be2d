// A smaller `npm run load`: the same runner and server, through the source entry point.
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as client from '../src/index.js';
import { runLoad } from '../scripts/load-run.js';
import { startLoadServer, type LoadServer } from '../scripts/load-server.js';

let server: LoadServer;
beforeAll(async () => {
  server = await startLoadServer();
});
afterAll(async () => {
  await server?.close();
});

it('1,000 requests at 50 concurrent: no failures, every answer as expected', async () => {
  const report = await runLoad({ client, baseUrl: server.url, requests: 1_000, concurrency: 50, timeLimitMs: 15_000 });
  expect(report.firstFailures).toEqual([]);
  expect(report).toMatchObject({ requests: 1_000, failures: 0, notSent: 0, retries: 0, timedOut: false });
  // Each call reached the server exactly once.
  expect(server.stats).toEqual({ list: 500, revoke: 500, rejected: 0 });
});

it('the runner counts wrong answers as failures (control)', async () => {
  const before = { ...server.stats };
  // No route under this prefix: every call gets a 404 from the server.
  const report = await runLoad({ client, baseUrl: `${server.url}/elsewhere`, requests: 20, concurrency: 5, timeLimitMs: 5_000 });
  expect(report).toMatchObject({ requests: 20, failures: 20 });
  expect(server.stats.rejected - before.rejected).toBe(20);
});

it('the runner stops at its time limit and counts what was not sent (control)', async () => {
  const report = await runLoad({ client, baseUrl: server.url, requests: 1_000_000, concurrency: 10, timeLimitMs: 200 });
  expect(report.timedOut).toBe(true);
  expect(report.notSent).toBeGreaterThan(0);
  expect(report.failures).toBeGreaterThanOrEqual(report.notSent);
  expect(report.durationMs).toBeLessThan(2_000);
});
