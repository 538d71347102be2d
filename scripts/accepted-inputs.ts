// What a spec's request validators accept, sampled: one valid request per operation from
// the spec's examples, and that request with each place in it (every member and item) set
// to each value of a catalogue of the values the rules turn on. The breaking-change gate
// (scripts/breaking.ts) holds a new spec to accepting every sample the last release
// accepted; test/rules-kept.test.ts holds it to refusing what the release refused too.
import { requestValidators } from './codegen/requests.js';
import { resolve, type Json, type Parameter } from './codegen/spec.js';

/** Where a value sits in a request: member names and item indexes, from the top. */
export type Place = readonly (string | number)[];

/** A request as the client hands it to the validators: its parameters by where they go
 * (`path`, `query`, …) and name, and its JSON body. */
export type SampleRequest = { [where in Parameter['in']]?: Record<string, unknown> } & { body?: unknown };

/** A request's validator: whether the spec accepts it. */
type Validators = Record<string, (request: unknown) => boolean>;

/** A parameter or body as a bundled spec gives it, with its named examples. */
interface WithExamples {
  readonly examples?: Record<string, { readonly value: unknown }>;
}

// The values each rule turns on: lengths around 3, 40 and 63, case, the bucket name's first
// and last character, IPv4 shapes, GUIDs and near-GUIDs, digits and letters, numbers
// around the usual bounds, empty values and wrong types, and lookups of each form.
const guid = 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6';
export const catalogue: readonly unknown[] = [
  '', 'a', 'ab', 'abc', 'a'.repeat(41), 'a'.repeat(63), 'a'.repeat(64), 'Photos', 'my.bucket-1', '-abc', 'abc-', '.abc', 'abc.', 'a_b', 'a/b/c', 'a b',
  '192.168.5.4', '1.2.3.4', '192.168.5.4a', '1.2.3', '999.999.999.999', guid, guid.toUpperCase(), guid.slice(0, -1), `${guid}0`, `../${guid}`,
  '00000000-0000-0000-0000-000000000000', 'not-a-guid', 'photos/2021/beach.jpg', '.', '..', '1', '0', 0, 1, 2, 5, 9, 10, 100, 999, 1000, 1001, -1, 2.5, 2 ** 31,
  true, null, [], {}, { id: 'org_1' }, { sub_domain: 'acme' }, { id: 'org_1', sub_domain: 'acme' }, { id: '' }, { sub_domain: '' }, { name: 'backups' },
  { region: 'uk-lon-1' }, { id: 'org_1', other: 'x' }, undefined,
];

/** One valid request per operation, `{ path, query, body }` as the client hands it to the
 * validators, from the first example of each parameter (of `spec`) and of the body (of
 * `bodies`). With `every`, one request per example of each parameter and body instead,
 * the others at their first: `{ [operationId]: [request, …] }`. */
export function exampleRequests(spec: Json, bodies?: Json, options?: { readonly every?: false }): Record<string, SampleRequest>;
export function exampleRequests(spec: Json, bodies: Json, options: { readonly every: true }): Record<string, SampleRequest[]>;
export function exampleRequests(spec: Json, bodies: Json = spec, { every = false }: { readonly every?: boolean } = {}): Record<string, SampleRequest | SampleRequest[]> {
  const requests: Record<string, [SampleRequest, ...SampleRequest[]]> = {};
  const firstOf = (examples: WithExamples['examples']) => Object.values(examples ?? {})[0]?.value;
  for (const item of Object.values<Json>(spec.paths)) {
    for (const [method, operation] of Object.entries<Json>(item)) {
      if (method === 'parameters') continue;
      const parameters: (Parameter & WithExamples)[] = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((node) => resolve(spec, node));
      const request: SampleRequest = {};
      for (const parameter of parameters) (request[parameter.in] ??= {})[parameter.name] = firstOf(parameter.examples);
      const variants: [SampleRequest, ...SampleRequest[]] = [request];
      if (every) {
        for (const parameter of parameters) {
          for (const example of Object.values(parameter.examples ?? {}).slice(1)) {
            variants.push({ ...request, [parameter.in]: { ...request[parameter.in], [parameter.name]: example.value } });
          }
        }
      }
      requests[operation.operationId] = variants;
    }
  }
  for (const item of Object.values<Json>(bodies.paths)) {
    for (const [method, operation] of Object.entries<Json>(item)) {
      const body = method === 'parameters' ? undefined : resolve(bodies, operation.requestBody);
      const variants = requests[operation.operationId];
      if (!body || !variants) continue;
      const examples = Object.values<{ value: unknown }>(body.content['application/json'].examples ?? {}).map((example) => example.value);
      for (const request of variants) request.body = examples[0];
      if (every) for (const value of examples.slice(1)) variants.push({ ...variants[0], body: value });
    }
  }
  return every ? requests : Object.fromEntries(Object.entries(requests).map(([id, [request]]) => [id, request]));
}

/** Every place in a value where another value can go: the path to each member and item. */
export function places(value: unknown, path: Place = []): Place[] {
  if (typeof value !== 'object' || value === null) return [path];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value);
  return [path, ...keys.flatMap((key) => places((value as Record<string | number, unknown>)[key], [...path, key]))];
}

/** A copy of `value` with `replacement` at `path` (the member deleted when undefined);
 * only the objects along the path are copied. */
export function setAt(value: unknown, path: Place, replacement: unknown): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return replacement;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  if (rest.length === 0 && replacement === undefined) delete copy[key];
  else copy[key] = setAt((value as Record<string | number, unknown>)[key], rest, replacement);
  return copy;
}

// A release's validators, compiled once however many specs are compared with it.
const cache = new Map<string, Validators>();
function compiled(doc: Json): Validators {
  const key = JSON.stringify(doc);
  let validators = cache.get(key);
  if (!validators) {
    const oldest = cache.keys().next().value;
    if (cache.size >= 4 && oldest !== undefined) cache.delete(oldest);
    validators = requestValidators(doc);
    cache.set(key, validators);
  }
  return validators;
}

/**
 * The requests `baseline`'s validators accept and `current`'s refuse: a request constraint
 * tightened (a raised minimum, a lowered maxLength, a pattern added), which Optic does not
 * report. The samples are the baseline's examples, every one, and each place in them set
 * to each catalogue value. An operation gone from `current` is left to Optic. Returns one
 * line per operation and place: `getBucket: query.bucket.name = "aaa…", … accepted, refused now`.
 */
export function narrowedInputs(baseline: Json, current: Json): string[] {
  const before = compiled(baseline);
  const after = compiled(current);
  const operations = Object.fromEntries(
    Object.values<Json>(current.paths).flatMap((item) =>
      Object.entries<Json>(item)
        .filter(([method]) => method !== 'parameters')
        .map(([method, operation]) => [operation.operationId, `${method.toUpperCase()} ${Object.keys(current.paths).find((path) => current.paths[path] === item)}`]),
    ),
  );
  const found = new Map<string, Set<string>>();
  for (const [id, requests] of Object.entries(exampleRequests(baseline, baseline, { every: true }))) {
    const [accepted, acceptedNow] = [before[id], after[id]];
    if (!acceptedNow || !accepted) continue;
    for (const request of requests) {
      if (!accepted(request)) continue;
      if (!acceptedNow(request)) {
        found.set(`${operations[id]} (${id}): the example ${JSON.stringify(request)}`, new Set());
        continue;
      }
      for (const place of places(request).filter((path) => path.length > 0)) {
        for (const value of catalogue) {
          const input = setAt(request, place, value);
          if (!accepted(input) || acceptedNow(input)) continue;
          const key = `${operations[id]} (${id}): ${place.join('.')}`;
          const shown = value === undefined ? 'left out' : JSON.stringify(value).replace(/^"(a{8})a+"$/, (_, start) => `"${start}…" (${(value as string).length})`);
          found.set(key, new Set([...(found.get(key) ?? []), shown]));
        }
      }
    }
  }
  return [...found].map(([key, values]) => `${key}${values.size > 0 ? ` = ${[...values].join(', ')}` : ''}: accepted by ${baseline.info.version}, refused now`);
}
