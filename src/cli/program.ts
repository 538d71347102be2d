// The `object-storage` command: every operation and every job of both APIs.
import { Command, CommanderError } from 'commander';
import { captainCommand } from './captain.js';
import { CliError, exitCodes } from './exit.js';
import { katapultCommand } from './katapult.js';
import { mcpCommand } from './mcp.js';

const exitHelp = `
Credentials come from the environment: KATAPULT_API_TOKEN; CAPTAIN_API_KEY or
CAPTAIN_TOKEN, with CAPTAIN_BASE_URL. A token is never printed.

Exit codes:
  0    success
  1    a job finished, but some items failed
  2    usage: bad flags, input the API would refuse, or no --yes where needed
  3    the API answered with a documented error
  4    network failure or timeout
  5    an answer the spec does not describe
  6    no credential, or one that cannot be sent
  130  interrupted (Ctrl-C); what was in flight finished

Examples:
  $ object-storage katapult get-bucket --bucket backups
  $ object-storage katapult revoke-across-buckets --file leaked.txt --yes
  $ object-storage captain prune --project <guid> --bucket logs --prefix 2025/ --keep 3 --dry-run`;

export function program(): Command {
  const root = new Command('object-storage')
    .description('Katapult and Captain object storage, from the terminal: every operation, and the jobs around them.')
    .option('--json', 'machine output: JSON on stdout')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .addHelpText('after', exitHelp);
  const groups = [katapultCommand(), captainCommand(), mcpCommand()];
  for (const group of groups) {
    root.addCommand(group);
    // Commands added whole do not inherit these: usage errors must reach main() to exit 2.
    for (const command of [group, ...group.commands]) command.exitOverride().showHelpAfterError('(add --help for usage)');
  }
  const all = groups.flatMap((group) => group.commands.map((command) => [`${group.name()} ${command.name()}`, command.description().replace(/ \(.*\)$/, '')] as const));
  const width = Math.max(...all.map(([name]) => name.length));
  root.addHelpText('afterAll', `\nAll commands (object-storage <api> <command> --help for each):\n${all.map(([name, about]) => `  ${name.padEnd(width)}  ${about}`).join('\n')}`);
  return root;
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    await program().parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? exitCodes.ok);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? exitCodes.ok : exitCodes.usage;
    }
    if (error instanceof CliError) {
      process.stderr.write(`error: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof TypeError || error instanceof RangeError) {
      process.stderr.write(`error: ${error.message}\n`);
      return exitCodes.usage;
    }
    throw error;
  }
}
