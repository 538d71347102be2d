// The clients a program started from a shell makes from its environment: the CLI and the
// MCP server both read their credentials and base URLs here, so the two agree on every
// variable and every message about one.
import { createCaptainClient, type CaptainClient, type CaptainClientOptions } from './captain/client.js';
import type { BaseClientOptions } from './core/options.js';
import { parseBaseUrl } from './core/url.js';
import { createKatapultClient, katapultBaseUrl, type KatapultClient } from './katapult/client.js';

/** Settings given another way than the environment (the CLI's flags), which win over it. */
export interface Given {
  readonly token?: string | undefined;
  readonly apiKey?: string | undefined;
  readonly baseUrl?: string | undefined;
  /** Send credentials to an `http:` base URL whose host is not loopback. */
  readonly allowHttp?: boolean | undefined;
}

/** How the caller names the ways it takes a setting besides the environment (`--token`):
 * a message that asks for a setting names them too. */
export type Alternatives = { readonly [K in keyof Given]?: string };

/** How a refusal names the opt-in for cleartext: the caller's flag, or the option. */
const optIn = (alternatives: Alternatives) => alternatives.allowHttp ?? 'allowHttp';

/** A setting the environment lacks or holds badly. Nothing was sent. */
export class SettingError extends Error {
  override readonly name = 'SettingError';

  constructor(
    /** `credential` for a missing credential, `usage` for a missing or bad base URL. */
    readonly kind: 'credential' | 'usage',
    /** The variables that would give it. */
    readonly variables: readonly string[],
    message: string,
  ) {
    super(message);
  }
}

const or = (alternatives: readonly (string | undefined)[]) => {
  const named = alternatives.filter((name) => name !== undefined);
  return named.length === 0 ? '' : ` (or pass ${named.join(' or ')})`;
};

/** A base URL as given, checked, named by where it came from in a refusal. */
function checkedUrl(url: string, given: Given, variable: string, alternatives: Alternatives): string {
  try {
    parseBaseUrl(url, given.baseUrl === undefined ? variable : (alternatives.baseUrl ?? 'baseUrl'), { allowHttp: given.allowHttp, optIn: optIn(alternatives) });
  } catch (error) {
    throw new SettingError('usage', [variable], (error as Error).message);
  }
  return url;
}

/** The Katapult base URL: as given, `KATAPULT_BASE_URL`, or Krystal's own. */
export const katapultUrl = (env: NodeJS.ProcessEnv, given: Given = {}): string => given.baseUrl ?? env.KATAPULT_BASE_URL ?? katapultBaseUrl;

/** A Katapult client from `KATAPULT_API_TOKEN` and `KATAPULT_BASE_URL` (or what is given). */
export function katapultFromEnvironment(env: NodeJS.ProcessEnv, given: Given = {}, alternatives: Alternatives = {}, options: BaseClientOptions = {}): KatapultClient {
  const token = given.token ?? env.KATAPULT_API_TOKEN;
  if (!token) throw new SettingError('credential', ['KATAPULT_API_TOKEN'], `No Katapult token: set KATAPULT_API_TOKEN${or([alternatives.token])}.`);
  const baseUrl = checkedUrl(katapultUrl(env, given), given, 'KATAPULT_BASE_URL', alternatives);
  return createKatapultClient({ ...options, token, baseUrl, allowHttp: given.allowHttp });
}

/** A Captain client from `CAPTAIN_API_KEY` or `CAPTAIN_TOKEN` and `CAPTAIN_BASE_URL` (or what is given). */
export function captainFromEnvironment(env: NodeJS.ProcessEnv, given: Given = {}, alternatives: Alternatives = {}, options: BaseClientOptions = {}): CaptainClient {
  const url = given.baseUrl ?? env.CAPTAIN_BASE_URL;
  if (!url) throw new SettingError('usage', ['CAPTAIN_BASE_URL'], `No Captain base URL: set CAPTAIN_BASE_URL${or([alternatives.baseUrl])}; the vendor publishes none.`);
  const apiKey = given.apiKey ?? env.CAPTAIN_API_KEY;
  const bearer = given.token ?? env.CAPTAIN_TOKEN;
  if (!apiKey && !bearer) {
    throw new SettingError('credential', ['CAPTAIN_API_KEY', 'CAPTAIN_TOKEN'], `No Captain credential: set CAPTAIN_API_KEY or CAPTAIN_TOKEN${or([alternatives.apiKey, alternatives.token])}.`);
  }
  const baseUrl = checkedUrl(url, given, 'CAPTAIN_BASE_URL', alternatives);
  const auth: CaptainClientOptions['auth'] = apiKey ? { apiKey } : { bearer: bearer! };
  return createCaptainClient({ ...options, baseUrl, auth, allowHttp: given.allowHttp });
}
