// The clients the tools call through: made from the environment as the CLI's are, on
// first use, and paced: every tool and every job shares one pacer per credential, so an
// agent calling in a loop is paced like a job.
import { captainTable } from '../../generated/captain/table.js';
import { katapultTable } from '../../generated/katapult/table.js';
import type { CaptainClient } from '../captain/client.js';
import type { AnyError } from '../core/errors.js';
import type { OperationSpec } from '../core/operation.js';
import type { Result } from '../core/result.js';
import { retryAfter } from '../core/retry.js';
import type { ApiTable } from '../core/table.js';
import { captainFromEnvironment, katapultFromEnvironment } from '../environment.js';
import { createPacer, type Pacer } from '../jobs/pace.js';
import type { KatapultClient } from '../katapult/client.js';
import type { Clients, RateLimited } from './tool.js';

type Method = (input: unknown, options?: unknown) => Promise<Result<unknown, AnyError>>;

/**
 * The client with each operation run by the pacer, with the client's own retries off so
 * they do not multiply. The pacer re-sends a call whose request may have landed only where
 * sending it twice does no harm (the operation is idempotent, by the table), and never
 * holds a call past `maxWaitMs`: a call the rate limit would hold longer is not sent, and
 * the agent hears when to try again instead of waiting on a silent call.
 */
function paced<C extends object>(client: C, table: ApiTable, pacer: Pacer, maxWaitMs: number): C {
  const wrapped: Record<string, Method> = {};
  // When the server's last 429 said to come back (its Retry-After), as a time.
  let retryAt = 0;
  for (const { operation } of table.rows) {
    const call = (client as Record<string, Method>)[operation.id]!;
    wrapped[operation.id] = async (input, options) => {
      const result = await pacer.run<unknown, AnyError>(
        async () => {
          const answer = await call.call(client, input, { ...(options as object), retry: false });
          const asked = answer.ok ? undefined : retryAfter(answer.response?.headers.get('retry-after') ?? null);
          if (asked !== undefined) retryAt = Math.max(retryAt, Date.now() + asked);
          return answer;
        },
        { idempotent: operation.idempotent, deadline: Date.now() + maxWaitMs },
      );
      const error = result.ok ? undefined : (result.error as AnyError & { scope?: string; waitMs?: number });
      // The pacer's "not sent: the deadline passed while the rate limit held it back".
      if (error?.kind === 'timeout' && error.scope === 'total' && !result.response) return notSent(Math.max(error.waitMs ?? 0, retryAt - Date.now()), maxWaitMs);
      return result;
    };
  }
  return { ...client, ...wrapped } as C;
}

/** A call the rate limit would hold past `maxWaitMs`, as the 429 it stands for: with the
 * pacer's predicted wait, or the server's last Retry-After if that is longer. */
function notSent(waitMs: number, maxWaitMs: number): Result<never, RateLimited> {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const message = `Not sent: the rate limit would hold this call for more than ${Math.ceil(maxWaitMs / 1000)} s. Try again in about ${seconds} s.`;
  return { ok: false, error: { kind: 'rate_limited', status: 429, code: 'rate_limit_reached', message, retryAfterSeconds: seconds }, response: undefined };
}

export interface Pacing {
  /** Attempts per request, the first included, while the server answers 429 or 503. */
  readonly attempts: number;
  readonly concurrency: number;
  /** The longest a call waits for the rate limit, in milliseconds. */
  readonly maxWaitMs: number;
}

/** What the server's operator set besides the environment. */
export interface Settings {
  /** Send credentials to an `http:` base URL whose host is not loopback (`--allow-http`). */
  readonly allowHttp?: boolean | undefined;
}

/** Clients from the environment, made when a tool first needs one; a missing setting
 * throws the environment's `SettingError`, which names the variable to set. A job gets
 * the same credential's client unwrapped, with the same pacer, so its calls are paced
 * (and retried) once. */
export function clientsFrom(env: NodeJS.ProcessEnv, pacing: Pacing, settings: Settings = {}): Clients {
  // A refusal of an http: base URL names the server's flag, the way its operator opts in.
  const given = { allowHttp: settings.allowHttp };
  const alternatives = { allowHttp: '--allow-http' };
  const made: { katapult?: { client: KatapultClient; paced: KatapultClient; pacer: Pacer }; captain?: { client: CaptainClient; paced: CaptainClient; pacer: Pacer } } = {};
  const katapult = () => {
    if (made.katapult) return made.katapult;
    const client = katapultFromEnvironment(env, given, alternatives);
    const pacer = createPacer(pacing);
    return (made.katapult = { client, pacer, paced: paced(client, katapultTable, pacer, pacing.maxWaitMs) });
  };
  const captain = () => {
    if (made.captain) return made.captain;
    const client = captainFromEnvironment(env, given, alternatives);
    const pacer = createPacer(pacing);
    return (made.captain = { client, pacer, paced: paced(client, captainTable, pacer, pacing.maxWaitMs) });
  };
  return {
    call: (api: 'katapult' | 'captain', operation: OperationSpec, input: unknown) => {
      const client = (api === 'katapult' ? katapult().paced : captain().paced) as unknown as Record<string, Method>;
      return client[operation.id]!(input);
    },
    katapult: () => katapult().paced,
    captain: () => captain().paced,
    forJob: ((api: 'katapult' | 'captain') => {
      const { client, pacer } = api === 'katapult' ? katapult() : captain();
      return { client, pacer, deadline: Date.now() + pacing.maxWaitMs };
    }) as Clients['forJob'],
  };
}
