// Prism in dynamic mode invents random bodies that fit the bundled specs. Every one of
// them, for every documented status of every operation, must come back as the typed
// member of that status: the client's checks and the spec agree.
import { describe, expect, inject, it } from 'vitest';
import { callOperation, captainInputs, katapultInputs } from './support/inputs.js';
import { surfaces } from './support/standalone.js';
import { loadSpec } from './support/specs.js';

// Most responses are shared: the 160 documented statuses hold 49 distinct responses (the
// same 401, 403 and 429 under every Katapult operation, say). Prism's bodies for a
// response depend on it alone, so each distinct one gets 30 bodies, where it first
// appears, and each later appearance 6, enough to show that operation reads it.
const bodiesPerResponse = 30;
const bodiesPerRepeat = 6;

const statuses = (api: 'katapult' | 'captain') =>
  Object.values<any>(loadSpec(api).paths).flatMap((item) =>
    Object.values<any>(item)
      .filter((operation) => operation.operationId)
      .flatMap((operation) =>
        Object.entries<unknown>(operation.responses).map(([status, response]) => ({ operationId: operation.operationId as string, status: Number(status), response: `${api} ${status} ${JSON.stringify(response)}` })),
      ),
  );

const seen = new Set<string>();
const cases = [...statuses('katapult'), ...statuses('captain')].map(({ operationId, status, response }) => {
  const bodies = seen.has(response) ? bodiesPerRepeat : bodiesPerResponse;
  seen.add(response);
  return { operationId, status, bodies };
});

describe('random schema-valid bodies from Prism come back as their typed member', () => {
  it('covers every documented status of all 21 operations', () => {
    expect(new Set(cases.map((c) => c.operationId))).toEqual(new Set([...Object.keys(katapultInputs), ...Object.keys(captainInputs)]));
    expect(cases.length).toBeGreaterThan(150);
  });

  it.concurrent.each(cases)('$operationId $status ($bodies bodies)', async ({ operationId, status, bodies: count }) => {
    const baseUrl = inject(operationId in katapultInputs ? 'katapultMockUrl' : 'captainMockUrl');
    const bodies: string[] = [];
    const fetch = async (request: Request) => {
      request.headers.set('Prefer', `code=${status}, dynamic=true`);
      const response = await fetch_(request);
      bodies.push(await response.clone().text());
      return response;
    };
    for (let n = 0; n < count; n++) {
      // Through the client and through the standalone functions, in turn.
      const result = await callOperation(operationId, { baseUrl, fetch, options: { retry: false } }, Object.values(surfaces)[n % 2]);
      const body = bodies.at(-1);
      if (result.ok) {
        expect(result.status, body).toBe(status);
      } else {
        expect(result.error.kind, `${JSON.stringify(result.error)}\n${body}`).toBe('api');
        expect(result.error.status).toBe(status);
      }
    }
    expect(bodies).toHaveLength(count);
    // Random bodies, not one example served again and again.
    expect(new Set(bodies).size).toBeGreaterThan(1);
  }, 60_000);
});

const fetch_ = globalThis.fetch;
