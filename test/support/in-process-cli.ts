import { expect, vi } from 'vitest';
import type { Fake } from '../../src/testing/index.js';

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
    // Imported at the call, so a test that mocked modules first (vi.doMock) runs the CLI
    // built on them.
    const { main } = await import('../../src/cli/program.js');
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

/** The demo's credentials, as the CLI reads them: each API at the fake's own URL. */
const demoEnvironment = (fake: Fake) => ({
  KATAPULT_BASE_URL: fake.katapultBaseUrl,
  KATAPULT_API_TOKEN: 'fake-token',
  CAPTAIN_BASE_URL: fake.captainBaseUrl,
  CAPTAIN_API_KEY: 'fake-key',
});

/** Runs the CLI in this process against `fake` (seeded with the demo's credentials), with
 * no terminal on stdin; `sent` is how many requests reached the fake. */
export async function runAgainstFake(fake: Fake, args: readonly string[], environment: Record<string, string> = {}): Promise<Ran & { readonly sent: number }> {
  const requests = () => fake.stats.katapult.requests + fake.stats.captain.requests;
  const before = requests();
  const ran = await runInProcess(args, { environment: { ...demoEnvironment(fake), ...environment }, secrets: ['fake-token', 'fake-key'] });
  return { ...ran, sent: requests() - before };
}
