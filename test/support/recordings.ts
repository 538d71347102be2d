// The traffic Krystal's Terraform provider recorded against api.katapult.io
// (test/fixtures/recordings/, converted by scripts/recordings.ts), and what the tests need
// to replay it: which operation each call was, and the client input it implies.
import { readFileSync } from 'node:fs';
import { resolve } from '../../scripts/codegen/spec.js';
import { loadSpec } from './specs.js';

export interface Recording {
  readonly cassette: string;
  readonly index: number;
  readonly request: { readonly method: string; readonly path: string; readonly query: [string, string][]; readonly body: any };
  readonly response: { readonly status: number; readonly headers: Record<string, string>; readonly body: any };
}

export const recordings: Recording[] = JSON.parse(readFileSync(new URL('../fixtures/recordings/katapult.json', import.meta.url), 'utf8')).interactions;

const spec = loadSpec('katapult');

/** Where a recording came from, for messages: `Bucket_minimal #3`. */
export const label = (recording: Recording) => `${recording.cassette} #${recording.index}`;

/** The spec's operation for a recorded method and path. */
export function operationOf({ request }: Recording): { operationId: string; operation: any } {
  const operation = spec.paths[request.path]?.[request.method.toLowerCase()];
  if (!operation) throw new Error(`No operation in the spec for ${request.method} ${request.path}`);
  return { operationId: operation.operationId, operation };
}

/** `bucket[name]=backups` pairs as nested objects; members typed as the spec's parameter says. */
function queryInput(pairs: [string, string][], operation: any): Record<string, unknown> {
  const types = new Map<string, string>();
  for (const parameter of (operation.parameters ?? []).map((node: any) => resolve(spec, node))) types.set(parameter.name, resolve(spec, parameter.schema)?.type);
  const input: Record<string, any> = {};
  for (const [name, value] of pairs) {
    const nested = /^([^[\]]+)\[([^[\]]+)\]$/.exec(name);
    if (nested) (input[nested[1]!] ??= {})[nested[2]!] = value;
    else input[name] = types.get(name) === 'integer' ? Number(value) : value;
  }
  return input;
}

/** What a caller hands the client method to make the recorded request: a GET's query,
 * the others' JSON body. */
export function inputOf(recording: Recording): unknown {
  const { operation } = operationOf(recording);
  return recording.request.method === 'GET' ? queryInput(recording.request.query, operation) : recording.request.body;
}

/** Query pairs in a stable order, for comparing two queries as parsed. */
export const sortedPairs = (pairs: Iterable<[string, string]>) => [...pairs].sort(([a, x], [b, y]) => (a === b ? x.localeCompare(y) : a.localeCompare(b)));

/** Every member path of a JSON value: `a.b`, and `a.list[].c` for array items. */
export function memberPaths(value: unknown, prefix = '', found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) memberPaths(item, `${prefix}[]`, found);
  } else if (typeof value === 'object' && value !== null) {
    for (const [name, child] of Object.entries(value)) {
      const path = prefix === '' ? name : `${prefix}.${name}`;
      found.add(path);
      memberPaths(child, path, found);
    }
  }
  return found;
}
