// The examples/ folder, run as a user would: against the Prism mocks, from a project where
// the package resolves by its name. ESM and CommonJS on Node, Deno, Bun, and a browser bundle.
import { copyFileSync, cpSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { browserAvailable, launchChromium } from './support/browser.js';
import { consumerDir, runtimeBinaries } from './support/consumer-dir.js';
import { root, run } from './support/exec.js';

let dir: string;
beforeAll(() => {
  dir = consumerDir('examples-');
  cpSync(join(root, 'examples'), join(dir, 'examples'), { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = () => ({
  ...process.env,
  NO_COLOR: '1',
  DENO_NO_UPDATE_CHECK: '1',
  KATAPULT_BASE_URL: inject('katapultMockUrl'),
  KATAPULT_API_TOKEN: 'example-token',
  CAPTAIN_BASE_URL: inject('captainMockUrl'),
  CAPTAIN_API_KEY: 'example-key',
});

describe('examples', () => {
  it.concurrent.each([
    ['ESM on Node', [process.execPath, 'examples/esm.mjs'], 'bucket backups: 1284 objects'],
    ['CommonJS on Node (require of the ESM package)', [process.execPath, 'examples/commonjs.cjs'], 'revoked: true'],
    ['Deno', [runtimeBinaries.deno, 'run', '--allow-net', '--allow-env', '--allow-read', 'examples/deno.ts'], '3 versions'],
    ['Bun', [runtimeBinaries.bun, 'examples/bun.ts'], 'buckets: holiday-photos, old-backups'],
  ] as const)('%s', async (_, [command, ...args], expected) => {
    const ran = await run(command, args, { cwd: dir, env: env() });
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout.trim()).toBe(expected);
  }, 60_000);

  it.skipIf(!browserAvailable())('a browser bundle, calling the mock across origins', async () => {
    await build({ entryPoints: [join(dir, 'examples/browser/main.mjs')], outfile: join(dir, 'examples/browser/main.js'), bundle: true, format: 'esm', logLevel: 'silent', absWorkingDir: dir });
    copyFileSync(join(root, 'examples/browser/index.html'), join(dir, 'examples/browser/index.html'));
    const files: Record<string, string> = { '/': 'index.html', '/main.js': 'main.js' };
    const server = createServer((request, response) => {
      const file = files[new URL(request.url ?? '/', 'http://x').pathname];
      if (!file) return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html' }).end(readFileSync(join(dir, 'examples/browser', file)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const query = new URLSearchParams({ baseUrl: inject('captainMockUrl'), apiKey: 'example-key' });
      await page.goto(`http://localhost:${(server.address() as AddressInfo).port}/?${query}`);
      await expect.poll(() => page.locator('#out').innerText()).toBe('photos/\nreadme.txt');
    } finally {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    }
  }, 60_000);
});
