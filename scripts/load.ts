// `npm run load`: 10,000 requests at 100 concurrent through the compiled client against the
// load server in a child process on 127.0.0.1. Exits non-zero on any failure.
// Options: --requests N, --concurrency N, --time-limit MS. Run with --expose-gc to measure
// memory after a collection.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { root } from './codegen/paths.js';
import { runLoad } from './load-run.js';
import type { LoadServer } from './load-server.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '100' },
    'time-limit': { type: 'string', default: '120000' },
  },
});
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
const timeLimitMs = Number(values['time-limit']);

const client = await import('../dist/src/index.js');

/** Starts the server process and resolves with it and its URL, its first stdout line. The
 * server is TypeScript: Node loads it with tsx's loader (`node --import tsx`). */
async function startServer() {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const child = spawn(process.execPath, ['--import', tsx, join(root, 'scripts/load-server.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the load server did not start within 10 s')), 10_000);
    lines.once('line', (line) => (clearTimeout(timer), resolve(line.trim())));
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`the load server exited with ${code}`))));
  });
  lines.close();
  return { child, url };
}

function memory(): { rss: number; heapUsed: number } {
  globalThis.gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

const { child, url } = await startServer();
let exitCode = 1;
try {
  const before = memory();
  const report = await runLoad({ client, baseUrl: url, requests, concurrency, timeLimitMs });
  const after = memory();
  const stats = (await (await fetch(`${url}/__stats`)).json()) as LoadServer['stats'];
  // Every completed call reached the server exactly once, and nothing else did.
  const expected = { list: Math.ceil(report.requests / 2), revoke: Math.floor(report.requests / 2), rejected: 0 };
  const serverAgrees = stats.list === expected.list && stats.revoke === expected.revoke && stats.rejected === 0;

  console.log(`requests:    ${report.requests} of ${requests}, ${concurrency} concurrent`);
  console.log(`failures:    ${report.failures} (not sent ${report.notSent}, retries ${report.retries})`);
  console.log(`duration:    ${(report.durationMs / 1000).toFixed(2)} s${report.timedOut ? ` (stopped by the ${timeLimitMs} ms limit)` : ''}`);
  console.log(`throughput:  ${report.perSecond.toFixed(0)} req/s`);
  console.log(`server saw:  ${stats.list} listings, ${stats.revoke} revokes, ${stats.rejected} refused`);
  console.log(`memory:      before rss ${mb(before.rss)}, heapUsed ${mb(before.heapUsed)}`);
  console.log(`             after  rss ${mb(after.rss)}, heapUsed ${mb(after.heapUsed)}${globalThis.gc ? ' (after GC)' : ' (no --expose-gc: not collected)'}`);
  for (const { index, failure } of report.firstFailures) console.log(`  request ${index}: ${failure}`);
  if (!serverAgrees) console.log(`server counts differ from the expected ${JSON.stringify(expected)}`);
  exitCode = report.failures === 0 && report.requests === requests && serverAgrees ? 0 : 1;
} finally {
  child.kill('SIGTERM');
}
process.exitCode = exitCode;
