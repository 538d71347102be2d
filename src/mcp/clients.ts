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

/**
 * The client with each operation run by the pacer. A call that is not idempotent (a POST
 * that creates) is not sent twice after a network failure or a timeout: the first may
 * have landed. A 429 is safe to send again: the server did nothing.
 */
function paced<C extends object>(client: C, operations: Record<string, { method: string }>, pacer: Pacer): C {
  const wrapped: Record<string, unknown> = {};
  for (const [name, { method }] of Object.entries(operations)) {
    const call = (client as Record<string, (input: unknown, options?: unknown) => Promise<Result<unknown, AnyError>>>)[name];
    if (!call) continue;
    const once = !annotationsOf(name, method).idempotentHint;
    wrapped[name] = async (input: unknown, options?: unknown) => {
      const result = await pacer.run<unknown, AnyError>(async () => {
        const answer = await call.call(client, input, { ...(options as object), retry: false });
        if (once && !answer.ok && (answer.error.kind === 'network' || answer.error.kind === 'timeout')) {
          const held: Held = { kind: 'held', message: answer.error.message, held: answer.error };
          return Object.defineProperty({ ...answer, error: held }, 'response', { value: answer.response, enumerable: false });
        }
        return answer;
      });
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
}

/** Clients from the environment, made when a tool first needs one; a missing credential
 * throws the CLI's error, which names the variable to set. */
export function clientsFrom(env: NodeJS.ProcessEnv, pacing: Pacing): Clients {
  let katapult: KatapultClient | undefined;
  let captain: CaptainClient | undefined;
  return {
    katapult: () => (katapult ??= paced(katapultFrom({}, env), katapultOperations, createPacer(pacing))),
    captain: () => (captain ??= paced(captainFrom({}, env), captainOperations, createPacer(pacing))),
  };
}
