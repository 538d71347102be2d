import { createCaptainClient, type CaptainClient } from '../captain/client.js';
import { createKatapultClient, katapultBaseUrl, type KatapultClient } from '../katapult/client.js';
import { CliError, exitCodes } from './exit.js';

export interface ConnectionFlags {
  readonly token?: string;
  readonly apiKey?: string;
  readonly baseUrl?: string;
}

/** A Katapult client from `KATAPULT_API_TOKEN` (or --token) and `KATAPULT_BASE_URL`. */
export function katapultFrom(flags: ConnectionFlags, env: NodeJS.ProcessEnv): KatapultClient {
  const token = flags.token ?? env.KATAPULT_API_TOKEN;
  if (!token) throw new CliError('No Katapult token: set KATAPULT_API_TOKEN (or pass --token).', exitCodes.credential);
  return createKatapultClient({ token, baseUrl: flags.baseUrl ?? env.KATAPULT_BASE_URL ?? katapultBaseUrl });
}

/** A Captain client from `CAPTAIN_API_KEY` or `CAPTAIN_TOKEN` (or the flags) and `CAPTAIN_BASE_URL`. */
export function captainFrom(flags: ConnectionFlags, env: NodeJS.ProcessEnv): CaptainClient {
  const baseUrl = flags.baseUrl ?? env.CAPTAIN_BASE_URL;
  if (!baseUrl) throw new CliError('No Captain base URL: set CAPTAIN_BASE_URL (or pass --base-url); the vendor publishes none.', exitCodes.usage);
  const apiKey = flags.apiKey ?? env.CAPTAIN_API_KEY;
  const bearer = flags.token ?? env.CAPTAIN_TOKEN;
  if (!apiKey && !bearer) throw new CliError('No Captain credential: set CAPTAIN_API_KEY or CAPTAIN_TOKEN (or pass --api-key or --token).', exitCodes.credential);
  return createCaptainClient({ baseUrl, auth: apiKey ? { apiKey } : { bearer: bearer! } });
}
