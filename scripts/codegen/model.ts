// The model of an API the emitters write from: each operation of the bundled spec with its
// row of the hand-written table, checked against each other. Every mistake in a row (an
// operation the spec does not have, a plan that reads a write, a paging path the answer
// does not hold) stops the build here, with a message that names the row.
import type { Effect, Method, Where } from '../../src/core/operation.js';
import { ruleWords } from './rule-words.js';
import { inlined, stripped } from './schema.js';
import type { ApiSource, FlagSource, OperationSource, PagingSource } from './source.js';
import { isSuccess, memberNames, operationsOf, resolve, responseSchema, schemaAt, typesOf, type Json, type SpecOperation } from './spec.js';

/** A schema as the emitters take it: annotations dropped, `$ref`s to components kept. */
export type SchemaNode = unknown;

export interface FlagModel {
  readonly flag: string;
  /** The input path it sets. */
  readonly sets: readonly string[];
  readonly help: string;
  readonly default?: string;
  readonly type: 'string' | 'integer' | 'object';
}

export interface PlanModel {
  readonly read: string;
  readonly keys: readonly string[];
  readonly action: string;
  readonly find?: string;
}

export type PagingModel =
  | { readonly kind: 'single'; readonly items: readonly string[] }
  | { readonly kind: 'pagination'; readonly items: readonly string[]; readonly pagination: string; readonly page: string; readonly size: string }
  | { readonly kind: 'after'; readonly items: readonly string[]; readonly more: readonly string[]; readonly next: Readonly<Record<string, string>>; readonly size: string; readonly walkSize: string };

export interface InputMember {
  readonly name: string;
  readonly where: Where;
  /** Its name in the request, where that differs (Captain's `bucket` is the path's `name`). */
  readonly specName: string;
  readonly required: boolean;
  readonly schema: Json;
  readonly description?: string;
}

export interface OperationModel {
  readonly api: ApiSource['api'];
  readonly id: string;
  readonly method: Method;
  readonly path: string;
  readonly summary: string;
  /** The summary and the first paragraph of the description. */
  readonly description: string;
  /** The whole description, for the method's documentation. */
  readonly documentation: string;
  readonly effect: Effect;
  readonly idempotent: boolean;
  readonly confirm: boolean;
  readonly because?: string;
  readonly placement: 'query' | 'body' | Readonly<Record<string, readonly [Where, string]>>;
  readonly fixed?: Readonly<Record<string, string>>;
  /** The caller's input, member by member (flat input), or undefined for a mirrored one. */
  readonly members?: readonly InputMember[];
  /** The schema of the caller's input as a whole (`$ref`s resolved at the top), for flags. */
  readonly input: Json;
  readonly request: SchemaNode;
  readonly words: Readonly<Record<string, string>>;
  readonly secrets: readonly string[];
  readonly scopes: readonly string[];
  readonly required: readonly string[];
  /** A schema per status, or per error code where the body is a wrapped error. */
  readonly responses: Readonly<Record<string, SchemaNode | Readonly<Record<string, SchemaNode>>>>;
  /** The success status and its schema (`$ref` kept). */
  readonly success: { readonly status: string; readonly schema: Json };
  readonly paging?: PagingModel;
  readonly narrow?: string;
  readonly plan?: PlanModel;
  readonly lookups: Readonly<Record<string, { readonly set: string; readonly keys: readonly string[] }>>;
  readonly flags: readonly FlagModel[];
  readonly example: string;
  readonly command: string;
  readonly tool: string;
}

export interface ApiModel {
  readonly api: ApiSource['api'];
  readonly doc: Json;
  readonly operations: readonly OperationModel[];
}

/** What each method does, unless a row says otherwise and why. */
const methodEffect: Readonly<Record<Method, Effect>> = { GET: 'read', POST: 'create', PUT: 'overwrite', PATCH: 'overwrite', DELETE: 'delete' };

export const kebab = (id: string): string => id.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
export const snake = (id: string): string => id.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
const dotted = (path: string): string[] => (path === '' ? [] : path.split('.'));

class RowError extends Error {
  constructor(api: string, id: string, message: string) {
    super(`openapi/${api}/operations.ts, ${id}: ${message}`);
  }
}

/** The request as the client hands it to the validator: `{ path, query, body }`. */
function requestSchema(spec: SpecOperation, fixed: Readonly<Record<string, string>>): Json {
  const properties: Json = {};
  const required: string[] = [];
  for (const where of ['path', 'query'] as const) {
    const parameters = spec.parameters.filter((parameter) => parameter.in === where);
    if (parameters.length === 0) continue;
    properties[where] = {
      type: 'object',
      properties: Object.fromEntries(parameters.map((parameter) => [parameter.name, parameter.schema])),
      required: parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
      additionalProperties: false,
    };
    required.push(where);
  }
  if (spec.body) {
    properties.body = spec.body.schema;
    if (spec.body.required) required.push('body');
  }
  void fixed;
  return { type: 'object', properties, required };
}

/** The names of the members marked `x-secret: true` anywhere in a schema. */
function secretNames(doc: Json, schema: unknown, found = new Set<string>(), seen = new Set<unknown>()): Set<string> {
  const node = resolve(doc, schema);
  if (typeof node !== 'object' || node === null || seen.has(node)) return found;
  seen.add(node);
  for (const [name, child] of Object.entries<unknown>(node.properties ?? {})) {
    if (resolve(doc, child)?.['x-secret'] === true) found.add(name);
    secretNames(doc, child, found, seen);
  }
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) for (const child of node[keyword] ?? []) secretNames(doc, child, found, seen);
  if (node.items) secretNames(doc, node.items, found, seen);
  return found;
}

/** The error members of a wrapped error body, by `code`, or undefined for other bodies. */
function errorMembers(doc: Json, schema: Json): [string, Json][] | undefined {
  const inner = schema.properties?.error;
  if (!inner || !schema.required?.includes('error')) return undefined;
  const union = resolve(doc, inner);
  if (union.discriminator?.mapping) return Object.entries<string>(union.discriminator.mapping).map(([code, ref]) => [code, { $ref: ref }]);
  const code = union.properties?.code?.enum;
  return code?.length === 1 ? [[code[0], inner]] : undefined;
}

/** The OAuth2 scopes an operation asks for, by their short names (`object_storage:read`). */
function scopesOf(doc: Json, operation: Json): string[] {
  const scopes = new Set<string>();
  for (const requirement of operation.security ?? doc.security ?? []) {
    for (const [scheme, names] of Object.entries<string[]>(requirement)) {
      if (doc.components?.securitySchemes?.[scheme]?.type !== 'oauth2') continue;
      for (const name of names) scopes.add(name.slice(name.lastIndexOf('/') + 1));
    }
  }
  return [...scopes].sort();
}

/** The summary and the first paragraph of the description: enough to choose a tool by. */
function describe(operation: Json): string {
  const first = typeof operation.description === 'string' ? operation.description.split(/\n\s*\n/)[0]!.replace(/\s*\n\s*/g, ' ').trim() : '';
  return first ? `${operation.summary}. ${first}` : operation.summary;
}

/** The flat input's members: path and query parameters by their names (renamed where the
 * table says, the fixed ones left out), then the body's members. */
function flatMembers(doc: Json, spec: SpecOperation, source: ApiSource): InputMember[] {
  const members: InputMember[] = [];
  for (const parameter of spec.parameters) {
    if (parameter.in !== 'path' && parameter.in !== 'query') continue;
    if (source.fixed?.[parameter.name] !== undefined) continue;
    members.push({
      name: source.rename?.[parameter.name] ?? parameter.name,
      where: parameter.in,
      specName: parameter.name,
      required: parameter.required,
      schema: parameter.schema,
      ...(parameter.description ? { description: parameter.description } : {}),
    });
  }
  const body = resolve(doc, spec.body?.schema);
  for (const name of memberNames(body)) {
    const schema = body.properties?.[name] ?? {};
    const description = resolve(doc, schema)?.description;
    members.push({ name, where: 'body', specName: name, required: (body.required ?? []).includes(name), schema, ...(description ? { description } : {}) });
  }
  const seen = new Set<string>();
  for (const { name } of members) {
    if (seen.has(name)) throw new RowError(source.api, spec.id, `two inputs are both called ${name}: rename one in the table's rename`);
    seen.add(name);
  }
  return members;
}

/** The caller's input as one object schema, for flags and for the MCP tool. */
function inputSchema(doc: Json, spec: SpecOperation, members: readonly InputMember[] | undefined): Json {
  if (members) {
    return { type: 'object', properties: Object.fromEntries(members.map((member) => [member.name, member.schema])), required: members.filter((member) => member.required).map((member) => member.name) };
  }
  if (spec.method !== 'GET') return resolve(doc, spec.body?.schema) ?? { type: 'object', properties: {} };
  const query = spec.parameters.filter((parameter) => parameter.in === 'query');
  return { type: 'object', properties: Object.fromEntries(query.map((parameter) => [parameter.name, parameter.schema])), required: query.filter((parameter) => parameter.required).map((parameter) => parameter.name) };
}

function pagingOf(doc: Json, api: string, spec: SpecOperation, source: PagingSource, success: Json, input: Json): PagingModel {
  const fail = (message: string) => new RowError(api, spec.id, `paging: ${message}`);
  const items = dotted(source.items);
  const list = schemaAt(doc, success, items);
  if (!typesOf(list).includes('array')) throw fail(`${source.items} is not a list in the answer`);
  const inputs = memberNames(input);
  const isInput = (name: string) => {
    if (!inputs.includes(name)) throw fail(`${name} is not an input of ${spec.id}`);
  };
  if (source.kind === 'single') return { kind: 'single', items };
  if (source.kind === 'pagination') {
    const pagination = schemaAt(doc, success, [source.pagination]);
    for (const member of ['current_page', 'total_pages', 'per_page']) {
      if (!pagination?.properties?.[member]) throw fail(`${source.pagination} has no ${member}: it is not a Pagination`);
    }
    isInput(source.page);
    isInput(source.size);
    return { kind: 'pagination', items, pagination: source.pagination, page: source.page, size: source.size };
  }
  const more = dotted(source.more);
  if (!typesOf(schemaAt(doc, success, more)).includes('boolean')) throw fail(`${source.more} is not true or false in the answer`);
  const item = resolve(doc, list?.items);
  for (const [member, from] of Object.entries(source.next)) {
    isInput(member);
    if (!memberNames(item).includes(from)) throw fail(`the items have no ${from} to set ${member} from`);
  }
  isInput(source.size);
  return { kind: 'after', items, more, next: source.next, size: source.size, walkSize: source.walkSize ?? source.size };
}

/** A flag's type, from the schema of the member it sets. */
function flagType(schema: Json | undefined): FlagModel['type'] {
  const types = typesOf(schema);
  if (types.includes('integer')) return 'integer';
  if (types.includes('object') || (schema?.anyOf ?? schema?.oneOf)) return 'object';
  return 'string';
}

/** The API's flags that set a member this operation's input has. */
function flagsOf(doc: Json, flags: readonly FlagSource[], input: Json, row: OperationSource): FlagModel[] {
  const chosen: FlagModel[] = [];
  for (const flag of flags) {
    const sets = dotted(flag.sets);
    const schema = schemaAt(doc, input, sets);
    if (!schema) continue;
    const help = row.help?.[flag.sets] ?? flag.help;
    chosen.push({ flag: flag.flag, sets, help, ...(flag.default === undefined ? {} : { default: flag.default }), type: flagType(schema) });
  }
  return chosen;
}

/** Katapult's lookups: input members whose schema is a `<Name>Lookup` component. */
function lookupsOf(doc: Json, input: Json): Record<string, { set: string; keys: string[] }> {
  const lookups: Record<string, { set: string; keys: string[] }> = {};
  for (const [name, schema] of Object.entries<Json>(input.properties ?? {})) {
    const ref: unknown = schema?.$ref;
    if (typeof ref !== 'string' || !ref.endsWith('Lookup')) continue;
    lookups[name] = { set: ref.split('/').at(-1)!, keys: memberNames(resolve(doc, schema)) };
  }
  return lookups;
}

function operationModel(doc: Json, source: ApiSource, spec: SpecOperation, row: OperationSource): OperationModel {
  const { api } = source;
  const fail = (message: string) => new RowError(api, spec.id, message);
  const byMethod = methodEffect[spec.method];
  const idempotent = row.idempotent ?? row.effect !== 'create';
  if ((row.effect !== byMethod || idempotent !== (row.effect !== 'create')) && !row.because) {
    throw fail(`a ${spec.method} that is ${row.effect === byMethod ? '' : `${row.effect}, not ${byMethod}, `}${idempotent ? 'idempotent' : 'not idempotent'}: say why, in because`);
  }
  if (row.because && row.effect === byMethod && row.idempotent === undefined) throw fail('because explains nothing the method does not say: leave it out');
  const confirm = row.effect === 'overwrite' || row.effect === 'delete';
  if (confirm && !row.plan) throw fail(`${row.effect} is confirmed by a person first: give the plan (what it reads, and its action)`);
  if (!confirm && row.plan) throw fail(`only an operation that overwrites or deletes has a plan`);
  const members = source.input === 'flat' ? flatMembers(doc, spec, source) : undefined;
  if (source.input === 'mirror' && spec.parameters.some((parameter) => parameter.in === 'path')) throw fail('a mirrored input cannot fill path parameters: make the API flat');
  const placement = members ? Object.fromEntries(members.map((member) => [member.name, [member.where, member.specName] as const])) : spec.method === 'GET' ? ('query' as const) : ('body' as const);
  const fixedHere = Object.fromEntries(Object.entries(source.fixed ?? {}).filter(([name]) => spec.parameters.some((parameter) => parameter.in === 'path' && parameter.name === name)));
  const input = inputSchema(doc, spec, members);
  const request = requestSchema(spec, fixedHere);
  const full = inlined(doc, request) as Json;
  const statuses = Object.keys(spec.operation.responses);
  const successStatus = statuses.find(isSuccess);
  if (!successStatus) throw fail('the spec documents no success status');
  const success = responseSchema(doc, spec.operation.responses[successStatus]);
  if (!success) throw fail(`the ${successStatus} answer has no JSON body`);
  const responses: Record<string, SchemaNode | Record<string, SchemaNode>> = {};
  const secrets = new Set<string>();
  for (const [status, response] of Object.entries(spec.operation.responses)) {
    const schema = responseSchema(doc, response);
    if (!schema) continue;
    secretNames(doc, schema, secrets);
    const members_ = errorMembers(doc, schema);
    responses[status] = members_ ? Object.fromEntries(members_.map(([code, member]) => [code, stripped({ ...schema, properties: { ...schema.properties, error: member } })])) : stripped(schema);
  }
  const paging = row.paging ? pagingOf(doc, api, spec, row.paging, success, input) : undefined;
  if (paging && row.effect !== 'read') throw fail('only a read pages');
  return {
    api,
    id: spec.id,
    method: spec.method,
    path: spec.path,
    summary: spec.operation.summary,
    description: describe(spec.operation),
    documentation: String(spec.operation.description ?? '').trim(),
    effect: row.effect,
    idempotent,
    confirm,
    ...(row.because ? { because: row.because } : {}),
    placement,
    ...(Object.keys(fixedHere).length > 0 ? { fixed: fixedHere } : {}),
    ...(members ? { members } : {}),
    input,
    request: stripped(request),
    words: ruleWords(full),
    secrets: [...secrets].sort(),
    scopes: scopesOf(doc, spec.operation),
    required: ['path', 'query', 'body'].flatMap((where) => (full.properties?.[where]?.required ?? []) as string[]),
    responses,
    success: { status: successStatus, schema: success },
    ...(paging ? { paging } : {}),
    ...(row.paging ? { narrow: row.paging.narrow } : {}),
    ...(row.plan ? { plan: row.plan } : {}),
    lookups: source.input === 'mirror' ? lookupsOf(doc, input) : {},
    flags: flagsOf(doc, source.flags, input, row),
    example: row.example,
    command: kebab(spec.id),
    tool: `${api}_${snake(spec.id)}`,
  };
}

/** Checks a plan against the operations it reads. */
function checkPlan(api: string, operation: OperationModel, all: readonly OperationModel[]): void {
  const { plan } = operation;
  if (!plan) return;
  const fail = (message: string) => new RowError(api, operation.id, `plan: ${message}`);
  const read = all.find((candidate) => candidate.id === plan.read);
  if (!read) throw fail(`reads ${plan.read}, which the spec does not have`);
  if (read.effect !== 'read') throw fail(`reads ${plan.read}, which is no read`);
  for (const key of plan.keys) {
    if (!memberNames(operation.input).includes(key)) throw fail(`${key} is not an input of ${operation.id}`);
    if (!memberNames(read.input).includes(key)) throw fail(`${key} is not an input of ${plan.read}`);
  }
  if (plan.find !== undefined) {
    if (!read.paging) throw fail(`find needs a read that lists items, and ${plan.read} does not page`);
    if (!memberNames(operation.input).includes(plan.find)) throw fail(`find: ${plan.find} is not an input of ${operation.id}`);
  }
}

/** The model of one API: every operation of its bundled spec with its row, checked. */
export function apiModel(doc: Json, source: ApiSource): ApiModel {
  const specs = operationsOf(doc);
  const ids = new Set(specs.map((spec) => spec.id));
  for (const id of Object.keys(source.operations)) {
    if (!ids.has(id)) throw new RowError(source.api, id, 'the spec has no operation with this operationId');
  }
  const operations = specs.map((spec) => {
    const row = source.operations[spec.id];
    if (!row) throw new RowError(source.api, spec.id, 'the spec has this operation, the table has no row for it: add one');
    return operationModel(doc, source, spec, row);
  });
  for (const operation of operations) checkPlan(source.api, operation, operations);
  return { api: source.api, doc, operations };
}
