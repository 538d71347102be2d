// `object-storage captain`: a command for every operation of the table, and the jobs.
import { Command } from 'commander';
import { captainTable } from '../../generated/captain/table.js';
import { captainFrom, type ConnectionFlags } from './clients.js';
import { captainVariables, environmentHelp } from './environment.js';
import { captainJobs } from './jobs/captain.js';
import { operationCommands, type Group } from './operations.js';

const group: Group = {
  table: captainTable,
  client: (command) => captainFrom(command.optsWithGlobals() as ConnectionFlags, process.env),
  environment: environmentHelp(captainVariables),
};

export function captainCommand(): Command {
  const captain = new Command('captain')
    .description("GjirafaTech's Captain Storage API: buckets, objects and object versions")
    .option('--api-key <key>', 'API key (prefer CAPTAIN_API_KEY: a flag lands in shell history)')
    .option('--token <token>', 'bearer token (prefer CAPTAIN_TOKEN)')
    .option('--base-url <url>', 'your API origin (CAPTAIN_BASE_URL); the vendor publishes none')
    .option('--allow-http', 'send the credential to an http:// base URL that is not loopback, in cleartext')
    .addHelpText('after', `\n${environmentHelp(captainVariables)}`);

  for (const command of operationCommands(group)) captain.addCommand(command);
  for (const command of captainJobs(group)) captain.addCommand(command);
  return captain;
}
