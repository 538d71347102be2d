import { createInterface } from 'node:readline/promises';
import { CliError, exitCodes } from './exit.js';

/** Asks before a destructive command acts, unless `--yes`. With no terminal to ask on, it
 * refuses rather than guess. */
export async function confirm(question: string, { yes, dryRun }: { yes?: boolean; dryRun?: boolean }): Promise<void> {
  if (yes || dryRun) return;
  if (!process.stdin.isTTY) throw new CliError(`${question} Refusing without --yes: there is no terminal to ask on.`, exitCodes.usage);
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(`${question} [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) throw new CliError('Cancelled; nothing was sent.', exitCodes.usage, 'cancelled');
  } finally {
    prompt.close();
  }
}
