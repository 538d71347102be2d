// `object-storage katapult`: a command for every operation of the table, and the jobs.
import { Command } from 'commander';
import { katapultTable } from '../../generated/katapult/table.js';
import { katapultFrom, katapultHint, type ConnectionFlags } from './clients.js';
import { environmentHelp, katapultVariables } from './environment.js';
import { katapultJobs } from './jobs/katapult.js';
import { operationCommands, type Group } from './operations.js';

const flagsOf = (command: Command) => command.optsWithGlobals() as ConnectionFlags;

const group: Group = {
  table: katapultTable,
  client: (command) => katapultFrom(flagsOf(command), process.env),
  environment: environmentHelp(katapultVariables),
  hint: (command) => katapultHint(flagsOf(command), process.env),
};

export function katapultCommand(): Command {
  const katapult = new Command('katapult')
    .description("Krystal's Katapult Core API: object storage accounts, access keys, buckets and objects")
    .option('--token <token>', 'API token (prefer KATAPULT_API_TOKEN: a flag lands in shell history)')
    .option('--base-url <url>', 'API base URL, ending in /core/v1 (KATAPULT_BASE_URL)')
    .option('--allow-http', 'send the credential to an http:// base URL that is not loopback, in cleartext')
    .addHelpText('after', `\n${group.environment}`);
  for (const command of operationCommands(group)) katapult.addCommand(command);

  for (const command of katapultJobs(group)) katapult.addCommand(command);
  return katapult;
}
