// The runtime matrix: the built package's smoke (test/runtimes/smoke.mjs: an operation, a
// documented error, a retry, an abort and paging) on Node 20, 22 and 24, Bun, Deno,
// workerd and Chromium, each against one loopback server. Every runtime comes from the
// npm registry, pinned in gates/package.json; nothing is downloaded from anywhere else.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../scripts/prism.js';
import { createFake } from '../src/testing/index.js';
import { serve } from '../src/testing/serve.js';
import { browserAvailable, launchChromium, servePage } from './support/browser.js';
import { consumerDir, runtimeBinaries } from './support/consumer-dir.js';
import { root, run } from './support/exec.js';

const allChecks = { operation: true, documentedError: true, retry: true, abort: true, paging: true };
const smokeDir = join(root, 'test/runtimes');

/** Each command line that runs `run.mjs <base URL> <run>` in the consumer folder. */
const runtimes: Record<string, readonly string[]> = {
  'Node 20': [process.execPath],
  'Node 22': [runtimeBinaries.node22],
  'Node 24': [runtimeBinaries.node24],
  Bun: [runtimeBinaries.bun],
  Deno: [runtimeBinaries.deno, 'run', '--allow-net', '--allow-read', '--allow-env'],
};

let api: { url: string; close(): Promise<void> };
let consumer: string;

/** The smoke server: the fake, plus a bucket that fails once per run and one that never answers. */
async function startApi() {
  const fake = createFake();
  const organization = fake.katapult.addOrganization('acme');
  for (let n = 0; n < 5; n++) fake.katapult.addAccessKey(organization, `key ${n}`);
  for (const name of ['backups', 'flaky']) fake.katapult.addBucket(name);
  const failedOnce = new Set<string>();
  const cors = {
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'authorization, content-type, x-smoke-run',
    'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'access-control-expose-headers': 'x-request-id, x-ratelimit-permitted, x-ratelimit-remaining',
  };
  return serve(async (request) => {
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: cors });
    const bucket = new URL(request.url).searchParams.get('bucket[name]');
    const runName = request.headers.get('x-smoke-run') ?? '';
    let response: Response;
    if (bucket === 'slow') {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      response = new Response('too late', { status: 504 });
    } else if (bucket === 'flaky' && !failedOnce.has(runName)) {
      failedOnce.add(runName);
      response = new Response('busy', { status: 503, headers: { 'content-type': 'text/plain' } });
    } else {
      response = await fake.fetch(request);
    }
    for (const [name, value] of Object.entries(cors)) response.headers.set(name, value);
    return response;
  }, 0);
}

/** The package's entry, bundled with a smoke entry for a runtime that takes one file. */
async function bundle(entry: string, outfile: string, platform: 'browser' | 'neutral') {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform,
    mainFields: ['module', 'main'],
    alias: { 'object-storage-openapi': join(root, 'dist/src/index.js') },
    logLevel: 'silent',
  });
}

beforeAll(async () => {
  api = await startApi();
  consumer = consumerDir('runtimes-');
  for (const file of ['smoke.mjs', 'run.mjs']) copyFileSync(join(smokeDir, file), join(consumer, file));
});

afterAll(async () => {
  await api?.close();
  if (consumer) rmSync(consumer, { recursive: true, force: true });
});

describe('the runtime matrix', () => {
  // Each Node is the one it says: the pinned ones live apart, in gates/, so none of them can
  // shadow the machine's Node through node_modules/.bin/node.
  it.each([
    ['Node 20', 20],
    ['Node 22', 22],
    ['Node 24', 24],
  ] as const)('%s is that Node', async (name, major) => {
    const [command] = runtimes[name]!;
    const ran = await run(command!, ['-p', 'process.versions.node']);
    expect(Number(ran.stdout.split('.')[0]), `${name} is ${ran.stdout.trim()} (${command}); is node_modules/.bin/node shadowing the machine's Node?`).toBe(major);
  });

  it.concurrent.each(Object.keys(runtimes))('%s', async (name) => {
    const [command, ...args] = runtimes[name]!;
    const ran = await run(command!, [...args, 'run.mjs', `${api.url}/core/v1`, name], { cwd: consumer, env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' } });
    expect(ran.code, ran.stderr).toBe(0);
    expect(JSON.parse(ran.stdout.trim().split('\n').at(-1)!)).toEqual(allChecks);
  }, 60_000);

  it('workerd', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'workerd-'));
    const port = await freePort();
    await bundle(join(smokeDir, 'worker.mjs'), join(dir, 'worker.js'), 'neutral');
    writeFileSync(
      join(dir, 'config.capnp'),
      `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "loopback", network = (allow = ["local", "private", "public"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [ (name = "worker", esModule = embed "worker.js") ],
  compatibilityDate = "2026-11-01",
  globalOutbound = "loopback",
);
`,
    );
    const child = spawn(runtimeBinaries.workerd, ['serve', join(dir, 'config.capnp')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (chunk) => (log += chunk));
    child.stderr.on('data', (chunk) => (log += chunk));
    try {
      const url = `http://127.0.0.1:${port}/?base=${encodeURIComponent(`${api.url}/core/v1`)}&run=workerd`;
      let answer: Response | undefined;
      for (let tries = 0; !answer && tries < 100; tries++) {
        answer = await fetch(url).catch(() => new Promise<undefined>((resolve) => setTimeout(resolve, 100)));
      }
      expect(answer?.status, log).toBe(200);
      expect(await answer!.json()).toEqual(allChecks);
    } finally {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  const available = browserAvailable();
  it.skipIf(!available)('Chromium, from a page on another origin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chromium-smoke-'));
    const entry = join(dir, 'entry.mjs');
    writeFileSync(entry, `import { smoke } from ${JSON.stringify(join(smokeDir, 'smoke.mjs'))};\nglobalThis.smoke = smoke;\n`);
    await bundle(entry, join(dir, 'smoke.js'), 'browser');
    const page = await servePage({ '/': '<!doctype html><script type="module" src="/smoke.js"></script>', '/smoke.js': readFileSync(join(dir, 'smoke.js'), 'utf8') });
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const tab = await browser.newPage();
      // "localhost" is another origin than 127.0.0.1: every call is a CORS request.
      await tab.goto(`http://localhost:${page.port}/`);
      await tab.waitForFunction(() => typeof (globalThis as { smoke?: unknown }).smoke === 'function');
      const checks = await tab.evaluate(
        ([base, name]) => (globalThis as unknown as { smoke: (base: string, run: string) => Promise<unknown> }).smoke(base!, name!),
        [`${api.url}/core/v1`, 'chromium'],
      );
      expect(checks).toEqual(allChecks);
    } finally {
      await browser?.close();
      await page.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
