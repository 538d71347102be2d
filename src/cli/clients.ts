import { createCaptainClient, type CaptainClient } from '../captain/client.js';
import type { AnyError } from '../core/errors.js';
import { parseBaseUrl } from '../core/url.js';
import { createKatapultClient, katapultBaseUrl, type KatapultClient } from '../katapult/client.js';
import { CliError, exitCodes } from './exit.js';
import { verboseFetch } from './verbose.js';

export interface ConnectionFlags {
  readonly token?: string;
  readonly apiKey?: string;
  readonly baseUrl?: string;
  /** --verbose: each request and response on stderr, credentials redacted. */
  readonly verbose?: boolean;
}

const logged = (flags: ConnectionFlags) => (flags.verbose ? { fetch: verboseFetch((line) => process.stderr.write(`${line}\n`)) } : {});

/** The Katapult base URL the CLI uses: --base-url, KATAPULT_BASE_URL, or Krystal's own. */
export const katapultUrlOf = (flags: ConnectionFlags, env: NodeJS.ProcessEnv): string => flags.baseUrl ?? env.KATAPULT_BASE_URL ?? katapultBaseUrl;

/** A Katapult client from `KATAPULT_API_TOKEN` (or --token) and `KATAPULT_BASE_URL`. */
export function katapultFrom(flags: ConnectionFlags, env: NodeJS.ProcessEnv): KatapultClient {
  const token = flags.token ?? env.KATAPULT_API_TOKEN;
  if (!token) throw new CliError('No Katapult token: set KATAPULT_API_TOKEN (or pass --token).', exitCodes.credential, 'credential');
  // Checked here, so that a bad one is named as the user gave it, not as the client's `baseUrl`.
  parseBaseUrl(katapultUrlOf(flags, env), flags.baseUrl === undefined ? 'KATAPULT_BASE_URL' : '--base-url');
  return createKatapultClient({ token, baseUrl: katapultUrlOf(flags, env), ...logged(flags) });
}

/**
 * A hint for a Katapult answer that is not in the API's form, from a base URL that does
 * not end in `/core/v1`: whatever its status (a 404 for a path that does not exist, a 401
 * from a server that checks the token first), it is not the API speaking.
 */
export function katapultHint(baseUrl: string): (error: AnyError) => string | undefined {
  return (error) => {
    if (error.kind !== 'unexpected_response') return undefined;
    if (new URL(baseUrl).pathname.replace(/\/+$/, '').endsWith('/core/v1')) return undefined;
    return `the Katapult base URL ${baseUrl} does not end in /core/v1; try ${baseUrl.replace(/\/+$/, '')}/core/v1 (KATAPULT_BASE_URL or --base-url).`;
  };
}

/** A Captain client from `CAPTAIN_API_KEY` or `CAPTAIN_TOKEN` (or the flags) and `CAPTAIN_BASE_URL`. */
export function captainFrom(flags: ConnectionFlags, env: NodeJS.ProcessEnv): CaptainClient {
  const baseUrl = flags.baseUrl ?? env.CAPTAIN_BASE_URL;
  if (!baseUrl) throw new CliError('No Captain base URL: set CAPTAIN_BASE_URL (or pass --base-url); the vendor publishes none.', exitCodes.usage, 'usage');
  const apiKey = flags.apiKey ?? env.CAPTAIN_API_KEY;
  const bearer = flags.token ?? env.CAPTAIN_TOKEN;
  if (!apiKey && !bearer) throw new CliError('No Captain credential: set CAPTAIN_API_KEY or CAPTAIN_TOKEN (or pass --api-key or --token).', exitCodes.credential, 'credential');
  parseBaseUrl(baseUrl, flags.baseUrl === undefined ? 'CAPTAIN_BASE_URL' : '--base-url');
  return createCaptainClient({ baseUrl, auth: apiKey ? { apiKey } : { bearer: bearer! }, ...logged(flags) });
}
