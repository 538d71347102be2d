// Plan tokens: what lets the second call of a two-step tool act. A token is bound to the
// tool, to its arguments and to a digest of the state the plan was made from; it works
// once, and not after it expires.
import { createHash, randomBytes } from 'node:crypto';

/** JSON with the members of every object in a fixed order: the same value, the same text. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export const digest = (value: unknown): string => createHash('sha256').update(canonical(value)).digest('base64url');

export type Refusal = 'unknown' | 'used' | 'expired' | 'other_tool' | 'other_arguments';

interface Issued {
  readonly tool: string;
  readonly args: string;
  readonly state: string;
  readonly expires: number;
  used: boolean;
}

export interface Plans {
  issue(tool: string, args: unknown, state: unknown): { token: string; expiresAt: string };
  /** Spends the token (even when it then refuses) and gives the state digest it was made from. */
  redeem(token: string, tool: string, args: unknown): { ok: true; state: string } | { ok: false; refusal: Refusal };
}

export function createPlans(ttlMs: number, now: () => number = Date.now): Plans {
  const issued = new Map<string, Issued>();
  const sweep = () => {
    // A spent or long-expired token is kept a while, so a second use says "used" or "expired".
    for (const [token, plan] of issued) if (now() > plan.expires + 10 * ttlMs) issued.delete(token);
  };
  return {
    issue(tool, args, state) {
      sweep();
      const token = `plan_${randomBytes(18).toString('base64url')}`;
      const expires = now() + ttlMs;
      issued.set(token, { tool, args: digest(args), state: digest(state), expires, used: false });
      return { token, expiresAt: new Date(expires).toISOString() };
    },
    redeem(token, tool, args) {
      const plan = issued.get(token);
      if (!plan) return { ok: false, refusal: 'unknown' };
      if (plan.used) return { ok: false, refusal: 'used' };
      plan.used = true;
      if (now() > plan.expires) return { ok: false, refusal: 'expired' };
      if (plan.tool !== tool) return { ok: false, refusal: 'other_tool' };
      if (plan.args !== digest(args)) return { ok: false, refusal: 'other_arguments' };
      return { ok: true, state: plan.state };
    },
  };
}
