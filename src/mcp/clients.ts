// The clients the tools call through: made from the environment as the CLI's are, on
// first use, and paced: every tool and every job shares one pacer per credential, so an
// agent calling in a loop is paced like a job.
import * as captainOperations from '../../generated/captain.operations.js';
import * as katapultOperations from '../../generated/katapult.operations.js';
import type { CaptainClient } from '../captain/client.js';
import { captainFrom, katapultFrom } from '../cli/clients.js';
import type { AnyError } from '../core/errors.js';
import type { Result } from '../core/result.js';
import { createPacer, type Pacer } from '../jobs/pace.js';
import type { KatapultClient } from '../katapult/client.js';
import { annotationsOf } from './hints.js';
import type { Clients } from './tool.js';

/** A failure that must not be sent again: the pacer sees it as final. */
interface Held {
  readonly kind: 'held';
  readonly message: string;
  readonly held: AnyError;
}

/** The wait a 429 asks for, in milliseconds: its `Retry-After`, or a minute over the
 * limit it reports. */
function askedWait(answer: Result<unknown, AnyError>): number | undefined {
  if (answer.ok || (answer.error as { status?: number }).status !== 429) return undefined;
  const header = answer.response?.headers.get('retry-after');
  if (header && /^\d+$/.test(header.trim())) return Number(header) * 1000;
  const permitted = (answer.error as { detail?: { total_permitted?: unknown } }).detail?.total_permitted;
  return typeof permitted === 'number' && permitted > 0 ? 60_000 / permitted : undefined;
}

const hold = (answer: Result<unknown, AnyError>) => {
  const held: Held = { kind: 'held', message: answer.ok ? '' : answer.error.message, held: (answer as { error: AnyError }).error };
  return Object.defineProperty({ ...answer, error: held }, 'response', { value: answer.response, enumerable: false }) as Result<unknown, AnyError>;
};

/**
 * The client with each operation run by the pacer. A call that is not idempotent (a POST
 * that creates) is not sent twice after a network failure or a timeout: the first may
 * have landed. A 429 is sent again, unless it asks for a longer wait than `maxWaitMs`;
 * and a call the pacer would hold back for longer than that is not sent at all: the
 * agent hears when to try again instead of waiting on a silent call.
 */
function paced<C extends object>(client: C, operations: Record<string, { method: string }>, pacer: Pacer, maxWaitMs: number): C {
  const wrapped: Record<string, unknown> = {};
  let permitted: number | undefined;
  for (const [name, { method }] of Object.entries(operations)) {
    const call = (client as Record<string, (input: unknown, options?: unknown) => Promise<Result<unknown, AnyError>>>)[name];
    if (!call) continue;
    const once = !annotationsOf(name, method).idempotentHint;
    wrapped[name] = async (input: unknown, options?: unknown) => {
      let started = false;
      let gaveUp = false;
      const running = pacer.run<unknown, AnyError>(async () => {
        if (gaveUp) return hold({ ok: false, error: { kind: 'not_sent', message: 'not sent' }, response: undefined });
        started = true;
        const answer = await call.call(client, input, { ...(options as object), retry: false });
        if (answer.rateLimit) permitted = answer.rateLimit.permitted;
        if (once && !answer.ok && (answer.error.kind === 'network' || answer.error.kind === 'timeout')) return hold(answer);
        if ((askedWait(answer) ?? 0) > maxWaitMs) return hold(answer);
        return answer;
      });
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<'waited'>((resolve) => {
        timer = setTimeout(() => {
          if (started) return;
          gaveUp = true;
          resolve('waited');
        }, maxWaitMs);
      });
      const result = await Promise.race([running, waited]);
      clearTimeout(timer);
      if (result === 'waited') {
        const seconds = permitted ? Math.ceil(60 / permitted) : Math.ceil(maxWaitMs / 1000);
        const message = `Not sent: the rate limit would hold this call for more than ${Math.ceil(maxWaitMs / 1000)} s. Try again in about ${seconds} s.`;
        return { ok: false, error: { kind: 'rate_limited', status: 429, code: 'rate_limit_reached', message, retryAfterSeconds: seconds }, response: undefined };
      }
      if (!result.ok && result.error.kind === 'held') {
        return Object.defineProperty({ ...result, error: (result.error as Held).held }, 'response', { value: result.response, enumerable: false });
      }
      return result;
    };
  }
  return { ...client, ...wrapped } as C;
}

export interface Pacing {
  /** Attempts per request, the first included, while the server answers 429 or 503. */
  readonly attempts: number;
  readonly concurrency: number;
  /** The longest a call waits for the rate limit, in milliseconds. */
  readonly maxWaitMs: number;
}

/** Clients from the environment, made when a tool first needs one; a missing credential
 * throws the CLI's error, which names the variable to set. */
export function clientsFrom(env: NodeJS.ProcessEnv, pacing: Pacing): Clients {
  let katapult: KatapultClient | undefined;
  let captain: CaptainClient | undefined;
  return {
    katapult: () => (katapult ??= paced(katapultFrom({}, env), katapultOperations, createPacer(pacing), pacing.maxWaitMs)),
    captain: () => (captain ??= paced(captainFrom({}, env), captainOperations, createPacer(pacing), pacing.maxWaitMs)),
  };
}
