// The examples/ folder, run as a user would: against the Prism mocks, from a project where
// the package resolves by its name. ESM and CommonJS on Node, Deno, Bun, and a browser bundle.
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { browserAvailable, launchChromium, servePage } from './support/browser.js';
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
    const page = await servePage({
      '/': readFileSync(join(root, 'examples/browser/index.html'), 'utf8'),
      '/main.js': readFileSync(join(dir, 'examples/browser/main.js'), 'utf8'),
    });
    const browser = await launchChromium();
    try {
      const tab = await browser.newPage();
      const query = new URLSearchParams({ baseUrl: inject('captainMockUrl'), apiKey: 'example-key' });
      await tab.goto(`http://localhost:${page.port}/?${query}`);
      await expect.poll(() => tab.locator('#out').innerText()).toBe('photos/\nreadme.txt');
    } finally {
      await browser.close();
      await page.close();
    }
  }, 60_000);
});
