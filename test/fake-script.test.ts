// `npm run fake` stops when npm is stopped. npm starts the script through sh, which does
// not pass a signal on, so the fake must notice on its own that its parent went away.
// The run is the real npm, the real script line from package.json and the real CLI
// (`object-storage fake`), in a folder of its own whose `compile` step does nothing: dist/ is
// compiled once for the whole run (test/support/compile-setup.ts), and compiling again
// here would race the other test files that read it.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it, onTestFinished } from 'vitest';
import { root } from './support/exec.js';

const dir = mkdtempSync(join(tmpdir(), 'fake-script-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

/** Whether something answers on the port. */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

it('npm run fake refuses credentials it does not know, and kill -TERM <npm> stops it: its port closes', async () => {
  symlinkSync(join(root, 'dist'), join(dir, 'dist'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'fake-script-check', private: true, type: 'module', scripts: { compile: 'true', fake: scripts.fake } }));

  const npm = spawn('npm', ['run', 'fake'], { cwd: dir, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  onTestFinished(() => void npm.kill('SIGKILL'));
  let out = '';
  npm.stdout.on('data', (chunk) => (out += chunk));
  await expect.poll(() => out, { timeout: 20_000, interval: 100 }).toMatch(/Fake Katapult and Captain on http:\/\/127\.0\.0\.1:\d+/);
  const port = Number(/127\.0\.0\.1:(\d+)/.exec(out)![1]);
  expect(await listening(port)).toBe(true);

  // It knows its credentials, as the server does: the printed token works, others do not.
  const bucketUrl = `http://127.0.0.1:${port}/core/v1/object_storage/object_storage_cluster/buckets/bucket`;
  const get = (token: string) => fetch(`${bucketUrl}?object_storage_cluster[region]=uk-lon-1&bucket[name]=backups`, { headers: { authorization: `Bearer ${token}` } });
  expect((await get('fake-token')).status).toBe(200);
  const wrong = await get('wrong-token');
  expect([wrong.status, ((await wrong.json()) as { error: { code: string } }).error.code]).toEqual([403, 'invalid_api_token']);
  const revoke = await fetch(`${bucketUrl}/revoke_presigned_urls`, {
    method: 'POST',
    headers: { authorization: 'Bearer fake-read-token', 'content-type': 'application/json' },
    body: JSON.stringify({ object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'backups' } }),
  });
  expect(((await revoke.json()) as { error: { code: string; detail: unknown } }).error).toMatchObject({ code: 'scope_not_granted', detail: { scopes: ['object_storage'] } });

  npm.kill('SIGTERM');
  await new Promise((resolve) => npm.once('exit', resolve));
  await expect.poll(() => listening(port), { timeout: 5_000, interval: 100 }).toBe(false);
}, 40_000);
