// Starts Prism mock servers from the bundled specs: node runs Prism's entry file
// directly, so the process we stop is exactly the one we started.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './codegen/paths.js';
import type { Api } from './codegen/paths.js';
import { forPrism } from './prism-spec.js';

const prismBin = createRequire(import.meta.url).resolve('@stoplight/prism-cli/dist/index.js');

/** Resolves when `port` can be bound on 127.0.0.1, rejects with EADDRINUSE when not. */
export function portFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/** A free loopback port, as the OS hands it out. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts a connection on 127.0.0.1:`port`, false when not. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts one Prism mock for `api` and resolves once it listens.
 * `--errors` makes every request that breaks the spec answer 422, never an example.
 */
export interface Mock {
  readonly api: Api;
  readonly url: string;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

export interface MockOptions {
  readonly port?: number | undefined;
  readonly timeoutMs?: number;
  /** Each line Prism logs, one per request it answers among them. */
  readonly onLine?: (line: string) => void;
  /** Only Prism's warnings and errors: a line per request costs Prism a third of its time
   * under the tests' load. Not with `onLine`. */
  readonly quiet?: boolean;
  readonly spec?: string;
}

export async function startMock(api: Api, { port, timeoutMs = 30_000, onLine, quiet = false, spec: bundled = join(root, 'generated', `${api}.json`) }: MockOptions = {}): Promise<Mock> {
  // A port in use would answer the readiness poll below for someone else.
  if (port !== undefined) await portFree(port);
  const chosen = port ?? (await freePort());
  // Prism reads its own copy of the bundle (scripts/prism-spec.js), removed when it stops.
  const folder = mkdtempSync(join(tmpdir(), `prism-${api}-`));
  const spec = join(folder, `${api}.json`);
  writeFileSync(spec, JSON.stringify(forPrism(JSON.parse(readFileSync(bundled, 'utf8')))));
  const cleanUp = () => rmSync(folder, { recursive: true, force: true });
  const level = quiet && !onLine ? ['--verboseLevel', 'warn'] : [];
  const child = spawn(process.execPath, [prismBin, 'mock', spec, '--host', '127.0.0.1', '--port', String(chosen), '--errors', ...level], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // What Prism said while starting, for the error when it does not; a bounded tail, since
  // Prism goes on logging once it listens.
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const url = `http://127.0.0.1:${chosen}`;
  try {
    await new Promise<void>((resolve, reject) => {
      const deadline = Date.now() + timeoutMs;
      const onExit = (code: number | null) => reject(new Error(`Prism (${api}) exited with ${code}:\n${log}`));
      child.once('exit', onExit);
      // Prism prints "listening" only at its info level: the port answering says it at any.
      const poll = async () => {
        if (child.exitCode !== null) return;
        if (await accepts(chosen)) return (child.off('exit', onExit), resolve());
        if (Date.now() > deadline) return reject(new Error(`Prism (${api}) did not start within ${timeoutMs} ms:\n${log}`));
        setTimeout(poll, 100);
      };
      void poll();
    });
  } catch (error) {
    child.kill();
    cleanUp();
    throw error;
  } finally {
    child.stdout.off('data', keep);
    child.stderr.off('data', keep);
    log = '';
  }
  if (onLine) {
    let pending = '';
    const split = (chunk: Buffer) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    };
    child.stdout.on('data', split);
    child.stderr.on('data', split);
  }
  child.stdout.resume();
  child.stderr.resume();
  // If this process ends without stopping the mock (a crash, an exit), take it along.
  const orphaned = () => (child.kill(), cleanUp());
  process.once('exit', orphaned);
  return {
    api,
    url,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        process.off('exit', orphaned);
        if (child.exitCode !== null || child.signalCode !== null) return (cleanUp(), resolve());
        child.once('exit', () => (cleanUp(), resolve()));
        child.kill('SIGTERM');
      }),
  };
}
