// Katapult's API framework, Apia (krystal/apia), as the fake and `npm run mock` both run
// it before an operation: the route, the token and its scope, the JSON body, and the
// arguments (lib/apia/argument_set.rb, lookup_argument_set.rb, errors/*_argument_error.rb),
// with the rules taken from the table of operations and the spec's request schema, so
// neither the fake nor the mock holds a second copy of them, and the two answer a bad
// request alike.
import { katapultTable } from '../../generated/katapult/table.js';
import type { OperationSpec, ValidationError } from '../core/operation.js';
import type { Row } from '../core/table.js';
import { validate } from '../core/validate.js';
import { bracketQuery, invalidJson, json, readJson } from './http.js';
import { router } from './routes.js';

type Json = Record<string, any>;

/** An error as the Katapult server sends it: wrapped, with `X-Api-Schema`. */
export class KatapultFault {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly description: string | null,
    readonly detail: Json = {},
  ) {}
}

/** Apia's words for each issue (errors/invalid_argument_error.rb). Its argument sets raise
 * `validation_errors` (argument_set.rb), which this table does not hold: that issue's
 * description is null on the wire. */
const issueDescriptions: Readonly<Record<string, string>> = {
  invalid_scalar:
    'The value provided was not of an appropriate type for the scalar that was requested. For example, you may have passed a string where an integer was required etc...',
  parse_error:
    'The value provided could not be parsed into an appropriate value by the server. For example, if a date was expected and the value could not be interpretted as such.',
  validation_error:
    'A validation rule that has been specified for this argument was not satisfied. See the further details in the response and in the documentation.',
  invalid_enum_value: 'The value provided was not one of the options suitable for the enum.',
  missing_lookup_value: 'A value for a lookup argument set has not been provided but at least one value is required.',
  ambiguous_lookup_values: 'More than one value has been provided for a lookup argument set. Only one option may be provided.',
};

/** Apia's argument IDs: each step's name camelized, with `Argument` after it. */
const argumentId = (path: readonly string[]) =>
  `CoreAPI/Arguments/${path.map((name) => `${name.replace(/(^|_)(\w)/g, (_, __, letter: string) => letter.toUpperCase())}Argument`).join('/')}`;

/** 400 `invalid_argument` for the argument at `path`, as Apia words it. */
function invalidArgument(path: readonly string[], issue: string, { index = null as number | null, errors = [] as unknown[], id = argumentId(path) } = {}) {
  return new KatapultFault(400, 'invalid_argument', `The '${path.join('.')}' argument is invalid`, {
    path,
    index,
    issue,
    issue_description: issueDescriptions[issue] ?? null,
    errors,
    argument: { id, name: path.at(-1), description: null },
  });
}

const missingArgument = (path: readonly string[]) =>
  new KatapultFault(400, 'missing_required_argument', `The '${path.join('.')}' argument is required but has not been provided`, {
    path,
    argument: { name: path.at(-1), description: null },
  });

/** Apia's own parsing of a scalar sent as text or as the wrong JSON type, where it
 * accepts one: `"12"` is the integer 12; `"yes"`, `1` and `"1"` are true. */
const parsers: Readonly<Record<string, { readonly parse: (value: unknown) => unknown; readonly words: string }>> = {
  integer: {
    parse: (value) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : undefined),
    words: 'Integer must be provided as an integer or a string only containing numbers',
  },
  boolean: {
    parse: (value) => ([true, 'true', 'yes', 1, '1'].includes(value as never) ? true : [false, 'false', 'no', 0, '0'].includes(value as never) ? false : undefined),
    words: 'Boolean must be provided as a boolean, as a string containing true or false or as 0 or 1 as an integer.',
  },
};

/**
 * Checks a request's arguments as the server does, in its order: each required one must
 * be there and a lookup must hold exactly one value (in the spec's order), then every
 * value must fit its type and rules. Returns the arguments with text parsed into the
 * types the spec gives them (`page=2` becomes 2), or throws the server's 400.
 */
export function checkArguments({ operation, lookups, required }: Pick<Row, 'operation' | 'lookups' | 'required'>, input: Json): Json {
  for (const name of required) {
    const value = input[name];
    if (value === undefined || value === null) throw missingArgument([name]);
    const lookup = lookups[name];
    if (!lookup || typeof value !== 'object') continue;
    const given = lookup.keys.filter((key) => value[key] !== undefined && value[key] !== null && value[key] !== '');
    const id = `CoreAPI/ArgumentSets/${lookup.set}`;
    if (given.length === 0) throw invalidArgument([name], 'missing_lookup_value', { id });
    if (given.length > 1) throw invalidArgument([name], 'ambiguous_lookup_values', { id });
  }
  return checkValues(operation, input);
}

/** The spec's request validator, run until the input fits: text it can parse is parsed,
 * an argument the operation does not take is dropped (Apia ignores it), and anything
 * else is the server's 400 naming the argument. */
function checkValues(operation: OperationSpec, input: Json): Json {
  const where = operation.method === 'GET' ? 'query' : 'body';
  const request: Json = { [where]: structuredClone(input) };
  // Each pass fixes one value or throws; a request has far fewer values than this.
  for (let pass = 0; pass < 100; pass += 1) {
    const errors = validate(operation.request, request);
    if (!errors) return request[where];
    const error = firstOwn(errors);
    if (!error) return request[where];
    const steps = error.instancePath.split('/').slice(2).map((step) => step.replace(/~1/g, '/').replace(/~0/g, '~'));
    const index = /^\d+$/.test(steps.at(-1) ?? '') ? Number(steps.at(-1)) : null;
    const path = steps.filter((step) => !/^\d+$/.test(step));
    const parent = steps.slice(0, -1).reduce<Json>((node, step) => node[step], request[where]);
    const value = steps.length === 0 ? request[where] : parent[steps.at(-1)!];
    if (error.keyword === 'additionalProperties') {
      delete value[String(error.params.additionalProperty)];
      continue;
    }
    if (error.keyword === 'required') throw missingArgument([...path, String(error.params.missingProperty)]);
    if (error.keyword === 'type') {
      const expected = String(error.params.type).split(',')[0]!;
      const parser = parsers[expected];
      if (parser) {
        const parsed = parser.parse(value);
        if (parsed === undefined) throw invalidArgument(path, 'parse_error', { index, errors: [parser.words] });
        parent[steps.at(-1)!] = parsed;
        continue;
      }
      throw invalidArgument(path, expected === 'object' ? 'object_expected' : expected === 'array' ? 'array_expected' : 'invalid_scalar', { index });
    }
    if (error.keyword === 'enum') throw invalidArgument(path, 'invalid_enum_value', { index });
    throw invalidArgument(path, 'validation_errors', { index, errors: [operation.words[error.schemaPath] ?? `breaks the rule "${error.keyword}"`] });
  }
  throw new Error('the fake could not settle the arguments: report this as a bug');
}

/** ajv lists a failed `anyOf` after its branches' errors: the first error that is not a
 * branch merely not picked (a lookup's excluded value) says what is wrong. */
const branchMisses = new Set(['not', 'anyOf', 'oneOf', 'false schema']);
const firstOwn = (errors: readonly ValidationError[]) => errors.find((error) => !branchMisses.has(error.keyword));

/** The routes Apia knows: every operation of the table. */
const route = router(katapultTable);

/** The tokens a server accepts, each with its scopes; undefined accepts any token with every scope. */
export type Tokens = ReadonlyMap<string, ReadonlySet<string>> | undefined;

export const tokensOf = (tokens: Readonly<Record<string, readonly string[]>> | undefined): Tokens =>
  tokens && new Map(Object.entries(tokens).map(([token, scopes]) => [token, new Set(scopes)]));

/** The server's checks of the token, in its order: a token at all, a token it knows, the scope. */
function authorize(request: Request, needed: readonly string[], tokens: Tokens): void {
  const token = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
  if (token === undefined) {
    throw new KatapultFault(400, 'missing_api_token', 'No API token was provided in the Authorization header. Ensure a token is provided prefixed with Bearer');
  }
  if (!tokens) return;
  const granted = tokens.get(token);
  if (!granted) throw new KatapultFault(403, 'invalid_api_token', 'The API token provided was not valid (it may not exist or have expired)', { details: null });
  // The full scope covers its read-only sibling.
  const missing = needed.filter((scope) => !granted.has(scope) && !(scope.endsWith(':read') && granted.has(scope.slice(0, -':read'.length))));
  if (missing.length > 0) {
    throw new KatapultFault(403, 'scope_not_granted', 'The scope required for this endpoint has not been granted to the authenticating identity', { scopes: missing });
  }
}

/** A request Apia let through: the operation's row, and its arguments parsed. */
export interface Admitted {
  readonly row: Row;
  readonly input: Json;
}

/**
 * Admits a request to a path under `/core/v1` as Apia does, in its order: the route
 * (404 `route_not_found`), the token and its scope, the JSON body (400
 * `invalid_json_body`), then the arguments. Throws the fault the server would answer.
 */
export async function admit(request: Request, path: string, tokens: Tokens): Promise<Admitted> {
  const row = route(request.method, path)?.row;
  if (!row) throw new KatapultFault(404, 'route_not_found', `No route matches "${path}"`, {});
  authorize(request, row.scopes, tokens);
  const body = request.method === 'GET' ? bracketQuery(new URL(request.url).searchParams) : await readJson(request);
  if (body === invalidJson) throw new KatapultFault(400, 'invalid_json_body', 'The JSON body provided with this request is invalid', { details: 'unexpected token' });
  return { row, input: checkArguments(row, (body ?? {}) as Json) };
}

/** A fault as the server sends it: wrapped, with `X-Api-Schema: json-error`. */
export const faultResponse = ({ status, code, description, detail }: KatapultFault): Response =>
  json(status, { error: { code, description, detail } }, { 'x-api-schema': 'json-error' });
