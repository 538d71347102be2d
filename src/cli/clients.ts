// The CLI's clients: made from the environment as the MCP server's are, with the CLI's
// own flags winning over it, and --verbose's logging fetch.
import type { CaptainClient } from '../captain/client.js';
import type { AnyError } from '../core/errors.js';
import { captainFromEnvironment, katapultFromEnvironment, katapultUrl, SettingError, type Given } from '../environment.js';
import type { KatapultClient } from '../katapult/client.js';
import { CliError, exitCodes } from './exit.js';
import { verboseFetch } from './verbose.js';

export interface ConnectionFlags extends Given {
  /** --verbose: each request and response on stderr, credentials redacted. */
  readonly verbose?: boolean;
}

const logged = (flags: ConnectionFlags) => (flags.verbose ? { fetch: verboseFetch((line) => process.stderr.write(`${line}\n`)) } : {});

/** The flags that give a setting beside its variable. */
const alternatives = { token: '--token', apiKey: '--api-key', baseUrl: '--base-url', allowHttp: '--allow-http' } as const;

/** The environment's setting errors as the CLI reports them, with their exit codes. */
function cli<C>(make: () => C): C {
  try {
    return make();
  } catch (error) {
    if (error instanceof SettingError) throw new CliError(error.message, error.kind === 'credential' ? exitCodes.credential : exitCodes.usage, error.kind);
    throw error;
  }
}

/** A Katapult client from `KATAPULT_API_TOKEN` (or --token) and `KATAPULT_BASE_URL`. */
export const katapultFrom = (flags: ConnectionFlags, env: NodeJS.ProcessEnv): KatapultClient =>
  cli(() => katapultFromEnvironment(env, flags, alternatives, logged(flags)));

/** A Captain client from `CAPTAIN_API_KEY` or `CAPTAIN_TOKEN` (or the flags) and `CAPTAIN_BASE_URL`. */
export const captainFrom = (flags: ConnectionFlags, env: NodeJS.ProcessEnv): CaptainClient =>
  cli(() => captainFromEnvironment(env, flags, alternatives, logged(flags)));

/**
 * A hint for a Katapult answer that is not in the API's form, from a base URL that does
 * not end in `/core/v1`: whatever its status (a 404 for a path that does not exist, a 401
 * from a server that checks the token first), it is not the API speaking.
 */
export function katapultHint(flags: ConnectionFlags, env: NodeJS.ProcessEnv): (error: AnyError) => string | undefined {
  const baseUrl = katapultUrl(env, flags);
  return (error) => {
    if (error.kind !== 'unexpected_response') return undefined;
    if (new URL(baseUrl).pathname.replace(/\/+$/, '').endsWith('/core/v1')) return undefined;
    return `the Katapult base URL ${baseUrl} does not end in /core/v1; try ${baseUrl.replace(/\/+$/, '')}/core/v1 (KATAPULT_BASE_URL or --base-url).`;
  };
}
