import { fork } from 'node:child_process';

/** Starts server.js (built next to this file) in a child process; resolves once it listens. */
export function startLoopbackServer(): Promise<{ origin: string; stop: () => void }> {
  const child = fork(new URL('./server.js', import.meta.url), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the loopback server exited with ${code}`)));
    child.once('message', (message) => {
      const { port } = message as { port: number };
      resolve({ origin: `http://127.0.0.1:${port}`, stop: () => child.kill() });
    });
  });
}
