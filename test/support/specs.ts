import { readFileSync } from 'node:fs';
import { resolve } from '../../scripts/refs.js';

type Json = Record<string, any>;

export const loadSpec = (api: 'katapult' | 'captain'): Json =>
  JSON.parse(readFileSync(new URL(`../../generated/${api}.json`, import.meta.url), 'utf8'));

export interface DocumentedCase {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly example: string;
  readonly value: any;
}


/** Every named example of every response of every operation in a bundled spec. */
export function documentedCases(spec: Json): DocumentedCase[] {
  const cases: DocumentedCase[] = [];
  for (const [path, item] of Object.entries<Json>(spec.paths)) {
    for (const [method, operation] of Object.entries<Json>(item)) {
      if (method === 'parameters') continue;
      for (const [status, response] of Object.entries<Json>(operation.responses)) {
        const examples = resolve(spec, response).content['application/json'].examples as Json;
        for (const [example, { value }] of Object.entries<Json>(examples)) {
          cases.push({ operationId: operation.operationId, method: method.toUpperCase(), path, status: Number(status), example, value });
        }
      }
    }
  }
  return cases;
}

export const operationIds = (spec: Json): string[] =>
  Object.values<Json>(spec.paths).flatMap((item) =>
    Object.entries<Json>(item).filter(([key]) => key !== 'parameters').map(([, operation]) => operation.operationId as string),
  );
