import { validator } from '@exodus/schemasafe';
import { readFileSync } from 'node:fs';
import { resolve } from '../../scripts/codegen/spec.js';

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

/** A copy without the formats OpenAPI adds for numbers (`int32`, `int64`): annotations
 * that schemasafe does not know. The string formats the specs use (`uuid` on
 * `X-Request-Id`, `date-time`, `uri`) stay, and are checked. */
const numberFormats = new Set(['int32', 'int64']);
const withoutNumberFormats = (node: Json): Json =>
  Array.isArray(node)
    ? node.map(withoutNumberFormats)
    : typeof node === 'object' && node !== null
      ? Object.fromEntries(
          Object.entries(node)
            .filter(([key, value]) => !(key === 'format' && numberFormats.has(value)))
            .map(([key, value]) => [key, withoutNumberFormats(value)]),
        )
      : node;

/** A validator for `schema` of a bundled spec, compiled by @exodus/schemasafe: a second
 * implementation beside the ajv code the client runs. */
export const judge = (spec: Json, schema: Json) =>
  validator(withoutNumberFormats({ ...schema, components: { schemas: spec.components.schemas } }), {
    mode: 'lax',
    allowUnusedKeywords: true,
    requireValidation: false,
    $schemaDefault: 'https://json-schema.org/draft/2020-12/schema',
  });
