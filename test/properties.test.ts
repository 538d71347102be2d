// Property tests: bodies that break a response's schema, by a wrong type, a missing
// required member, a member where none is allowed, or a code of another status, never
// come back `ok` or as a typed `api` member. The judge of "breaks the schema" is
// @exodus/schemasafe compiling the bundled spec, a second implementation beside the ajv
// code the client runs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolve } from '../scripts/codegen/spec.js';
import { callOperation } from './support/inputs.js';
import { documentedCases, judge, loadSpec, type DocumentedCase } from './support/specs.js';

type Json = any;
type Kind = 'delete' | 'retype' | 'extra' | 'foreign code';

/** Every place in a JSON value: the path to it, and its container. */
function places(value: Json, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [path];
  const children = Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value);
  return [path, ...children.flatMap((key) => places(value[key], [...path, key]))];
}

const typeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

function mutate(body: Json, kind: Kind, at: number, value: Json, foreign: Json): Json {
  if (kind === 'foreign code') return foreign;
  const copy = structuredClone(body);
  const all = places(copy);
  const containers = all.filter((path) => typeOf(path.reduce((node: Json, key) => node[key], copy)) === 'object');
  const pick = (list: (string | number)[][]) => list[at % list.length]!;
  if (kind === 'extra') {
    const path = pick(containers);
    path.reduce((node: Json, key) => node[key], copy).unexpected_member = value;
    return copy;
  }
  const members = all.filter((path) => path.length > 0);
  if (members.length === 0) return value;
  const path = pick(members);
  const parent = path.slice(0, -1).reduce((node: Json, key) => node[key], copy);
  const key = path.at(-1)!;
  if (kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else {
    parent[key] = typeOf(value) === typeOf(parent[key]) ? [value] : value;
  }
  return copy;
}

const groups = (api: 'katapult' | 'captain') => {
  const spec = loadSpec(api);
  const cases = documentedCases(spec);
  const byStatus = new Map<string, DocumentedCase[]>();
  for (const c of cases) byStatus.set(`${c.operationId} ${c.status}`, [...(byStatus.get(`${c.operationId} ${c.status}`) ?? []), c]);
  return [...byStatus.values()].map((examples) => {
    const { operationId, path, method, status } = examples[0]!;
    const response = resolve(spec, spec.paths[path][method.toLowerCase()].responses[status]);
    const foreign = cases.filter((c) => c.status !== status && c.status >= 400 && !examples.some((e) => e.example === c.example)).map((c) => c.value);
    return { api, operationId, status, examples: examples.map((e) => e.value), foreign, valid: judge(spec, response.content['application/json'].schema) };
  });
};

const tried: Record<Kind, number> = { delete: 0, retype: 0, extra: 0, 'foreign code': 0 };

describe('bodies that break their schema are never ok, nor a typed api member', () => {
  const all = [...groups('katapult'), ...groups('captain')];

  it.each(all)('$operationId $status', async ({ operationId, status, examples, foreign, valid }) => {
    const kinds: Kind[] = foreign.length > 0 ? ['delete', 'retype', 'extra', 'foreign code'] : ['delete', 'retype', 'extra'];
    await fc.assert(
      fc.asyncProperty(
        fc.nat(examples.length - 1),
        fc.constantFrom(...kinds),
        fc.nat(),
        fc.jsonValue({ maxDepth: 2 }),
        fc.nat(),
        async (example, kind, at, value, other) => {
          const body = mutate(examples[example], kind, at, value, foreign[other % Math.max(foreign.length, 1)]);
          fc.pre(!valid(body));
          tried[kind]++;
          const result = await callOperation(operationId, {
            baseUrl: 'https://api.example.net',
            fetch: async () => Response.json(body, { status }),
            options: { retry: false },
          });
          expect(result.ok).toBe(false);
          expect(result.error.kind).toBe('unexpected_response');
        },
      ),
      { numRuns: 25, seed: 20261122 },
    );
  });

  it('tried every kind of breakage', () => {
    for (const kind of Object.keys(tried) as Kind[]) expect(tried[kind], kind).toBeGreaterThan(50);
  });
});
