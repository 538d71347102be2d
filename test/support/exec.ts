import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/** A dev tool's CLI entry file, to run with this node, so no shell or PATH lookup is
 * involved: from the root's node_modules, or from the gates' (gates/). */
export function binOf(name: string, bin = name.split('/').at(-1)!): string {
  const own = join(root, 'node_modules', name);
  const directory = existsSync(own) ? own : join(root, 'gates/node_modules', name);
  const { bin: bins } = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { bin: string | Record<string, string> };
  const file = typeof bins === 'string' ? bins : bins[bin];
  if (!file) throw new Error(`${name} has no bin named ${bin}`);
  return join(directory, file);
}

export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to completion; never rejects on a non-zero exit, so callers can assert on it.
 * With `timeoutMs`, a run that outlives it is killed and rejects with an error naming it
 * (`name`, or the file), so a hung tool fails its own test and says which tool it was.
 * `signal` stops it early (the run rejects with an AbortError). */
export function run(
  file: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; name?: string; signal?: AbortSignal } = {},
): Promise<Ran> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { cwd: options.cwd ?? root, env: options.env ?? process.env, maxBuffer: 64 * 2 ** 20, timeout: options.timeoutMs ?? 0, killSignal: 'SIGKILL', signal: options.signal },
      (error, stdout, stderr) => {
        if (error?.killed && options.timeoutMs) {
          return reject(new Error(`${options.name ?? file} did not finish within ${options.timeoutMs / 1000} s, and was stopped\n${stdout}\n${stderr}`.trim()));
        }
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      },
    );
  });
}

/** Runs a node script (a CLI's entry file) with the current node. */
export const runNode = (script: string, args: readonly string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv }) =>
  run(process.execPath, [script, ...args], options);
