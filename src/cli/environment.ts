// The environment variables the CLI reads, described once for every help screen.
import { katapultBaseUrl } from '../katapult/client.js';

export type Variable = 'KATAPULT_API_TOKEN' | 'KATAPULT_BASE_URL' | 'CAPTAIN_BASE_URL' | 'CAPTAIN_API_KEY' | 'CAPTAIN_TOKEN';

const variables: Record<Variable, string> = {
  KATAPULT_API_TOKEN: 'Katapult API token (or --token; a flag lands in shell history)',
  KATAPULT_BASE_URL: `Katapult API base URL, ending in /core/v1 (default ${katapultBaseUrl})`,
  CAPTAIN_BASE_URL: 'Captain API origin, required: the vendor publishes none',
  CAPTAIN_API_KEY: 'Captain API key, sent as x-api-key',
  CAPTAIN_TOKEN: 'or a Captain bearer token',
};

/** An "Environment:" section for a help screen, naming these variables. */
export function environmentHelp(names: readonly Variable[]): string {
  const width = Math.max(...names.map((name) => name.length));
  return `Environment:\n${names.map((name) => `  ${name.padEnd(width)}  ${variables[name]}`).join('\n')}\n`;
}

export const katapultVariables: readonly Variable[] = ['KATAPULT_API_TOKEN', 'KATAPULT_BASE_URL'];
export const captainVariables: readonly Variable[] = ['CAPTAIN_BASE_URL', 'CAPTAIN_API_KEY', 'CAPTAIN_TOKEN'];
