import { expect, vi } from 'vitest';
import { main } from '../../src/cli/program.js';

/** What a run of the CLI printed, and its exit code. */
export interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the CLI's main() in this process, its stdout and stderr caught: for what needs no
 * terminal, signal or stdin, at a fraction of a child process's cost. `environment` is
 * set for the run (a name given `undefined` is unset) and restored after; no `secrets`
 * may reach the output. `stdout` may throw on write, as a broken stream would.
 */
export async function runInProcess(
  args: readonly string[],
  { environment, secrets, stdout: write }: { environment: Record<string, string | undefined>; secrets: readonly string[]; stdout?: () => never },
): Promise<Ran> {
  const saved = { ...process.env };
  for (const [name, value] of Object.entries(environment)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (write ? write() : ((stdout += String(chunk)), true)));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const code = await main(args);
    for (const secret of secrets) expect(stdout + stderr, 'a credential reached the output').not.toContain(secret);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = undefined;
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  }
}
