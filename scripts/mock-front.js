// A small front for the Katapult Prism mock, so that `npm run mock` answers the two
// requests Prism alone gets wrong as Katapult's server does:
//
// - No `Authorization: Bearer <token>`: Katapult answers 400 `missing_api_token`,
//   wrapped. Prism, finding no 401 in the spec, makes up its own
//   `401 application/problem+json`, a shape Katapult never sends.
// - A request that breaks the spec: Katapult answers 400 with a framework error naming the
//   argument (`missing_required_argument`, or `invalid_argument` with its issue). Prism
//   answers the first example of the operation's 422 where it documents one (a
//   `validation_error` about a blank name), else the first example of its 400.
//
// Everything else passes through to Prism untouched, `Prefer` headers included; a request
// that asks for a status with `Prefer: code=…` gets Prism's answer as it is.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as operations from '../generated/katapult.operations.js';
import { root } from './paths.js';
import { memberNames, resolve } from './refs.js';

const spec = JSON.parse(readFileSync(join(root, 'generated', 'katapult.json'), 'utf8'));
const basePath = new URL(spec.servers[0].url).pathname.replace(/\/$/, '');

const wrapped = (status, code, description, detail, extra = {}) => ({
  status,
  headers: {
    'content-type': 'application/json',
    'x-api-schema': 'json-error',
    'x-request-id': randomUUID(),
    'x-ratelimit-permitted': '1000',
    'x-ratelimit-remaining': '999',
    ...extra,
  },
  body: JSON.stringify({ error: { code, description, detail } }),
});

export const missingToken = () =>
  wrapped(400, 'missing_api_token', 'No API token was provided in the Authorization header. Ensure a token is provided prefixed with Bearer', {});

/** `bucket[name]=backups` pairs as nested objects, as the server reads a GET's arguments. */
function bracketQuery(search) {
  const query = {};
  for (const [name, value] of search) {
    const nested = /^([^[\]]+)\[([^[\]]+)\]$/.exec(name);
    if (nested) (query[nested[1]] ??= {})[nested[2]] = value;
    else query[name] = value;
  }
  return query;
}

/** The operation a request is for: its generated entry (method, path, required inputs)
 * and its node in the bundled spec. */
function operationFor(method, pathname) {
  const path = pathname.startsWith(basePath) ? pathname.slice(basePath.length) : pathname;
  const generated = Object.values(operations).find((operation) => operation.method === method && operation.path === path);
  return generated && { ...generated, spec: spec.paths[path][method.toLowerCase()] };
}

/** The schema an argument is declared with: a query parameter's, or the body member's. */
function argumentSchema(operation, where, name) {
  if (where === 'query') return (operation.parameters ?? []).map((node) => resolve(spec, node)).find((parameter) => parameter.name === name)?.schema;
  const body = resolve(spec, resolve(spec, operation.requestBody)?.content['application/json'].schema);
  return body?.properties?.[name];
}

const missingArgument = (name) =>
  wrapped(400, 'missing_required_argument', `The '${name}' argument is required but has not been provided`, { path: [name], argument: { name, description: null } });

/** Apia's words for each issue (krystal/apia, lib/apia/errors/invalid_argument_error.rb),
 * as the fake (src/testing/katapult-arguments.ts) uses them. */
const issueDescriptions = {
  invalid_scalar:
    'The value provided was not of an appropriate type for the scalar that was requested. For example, you may have passed a string where an integer was required etc...',
  parse_error:
    'The value provided could not be parsed into an appropriate value by the server. For example, if a date was expected and the value could not be interpretted as such.',
  validation_error:
    'A validation rule that has been specified for this argument was not satisfied. See the further details in the response and in the documentation.',
  missing_lookup_value: 'A value for a lookup argument set has not been provided but at least one value is required.',
  ambiguous_lookup_values: 'More than one value has been provided for a lookup argument set. Only one option may be provided.',
};

/** Apia's parse errors for text that is no integer or boolean (lib/apia/scalars/). */
const parseErrors = {
  integer: 'Integer must be provided as an integer or a string only containing numbers',
  boolean: 'Boolean must be provided as a boolean, as a string containing true or false or as 0 or 1 as an integer.',
};

const invalidArgument = (name, path, set, issue, errors = []) =>
  wrapped(400, 'invalid_argument', `The '${path.join('.')}' argument is invalid`, {
    path,
    index: null,
    issue,
    issue_description: issueDescriptions[issue] ?? null,
    errors,
    argument: { id: `CoreAPI/ArgumentSets/${set}`, name, description: null },
  });

/** The name of the argument set a schema refers to (`OrganizationLookup`), if any. */
const setOf = (schema) => schema?.$ref?.split('/').at(-1);

/**
 * The server's own checks of an operation's arguments, before it runs: each required one,
 * in the spec's order, must be there, and a lookup must hold exactly one of its values.
 * (Prism does not report every case: a missing lookup with no required member passes it.)
 */
function argumentError(operation, input) {
  for (const name of operation.required) {
    if (input[name] === undefined || input[name] === null) return missingArgument(name);
  }
  for (const [name, value] of Object.entries(input)) {
    const set = setOf(argumentSchema(operation.spec, operation.method === 'GET' ? 'query' : 'body', name));
    if (!set?.endsWith('Lookup') || typeof value !== 'object' || value === null) continue;
    const keys = memberNames(resolve(spec, { $ref: `#/components/schemas/${set}` }));
    const given = keys.filter((key) => value[key] !== undefined && value[key] !== null && value[key] !== '');
    if (given.length === 0) return invalidArgument(name, [name], set, 'missing_lookup_value');
    if (given.length > 1) return invalidArgument(name, [name], set, 'ambiguous_lookup_values');
  }
  return undefined;
}

/** Katapult's answer to a request Prism found breaking the spec in some other way: the
 * argument Prism's first violation names, as a value the server cannot use. */
function violationError(operation, violation) {
  const [, where, ...rest] = violation.location;
  const name = rest[0] ?? /required property '([^']+)'/.exec(violation.message)?.[1] ?? 'unknown';
  const set = setOf(argumentSchema(operation.spec, where, name)) ?? name;
  const path = [name, ...rest.slice(1).map(String)];
  if (violation.code !== 'type') return invalidArgument(name, path, set, 'validation_error', [violation.message]);
  // Apia parses text into an integer or a boolean where it can: what it cannot parse is a
  // parse_error; any other value of the wrong type is an invalid_scalar.
  const expected = /must be (integer|boolean|object|array)\b/.exec(violation.message)?.[1];
  if (expected === 'integer' || expected === 'boolean') return invalidArgument(name, path, set, 'parse_error', [parseErrors[expected]]);
  return invalidArgument(name, path, set, expected === 'object' ? 'object_expected' : expected === 'array' ? 'array_expected' : 'invalid_scalar');
}

async function readBody(message) {
  const chunks = [];
  for await (const chunk of message) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Answers one request: itself where Prism would mislead, else with Prism's answer. */
async function answer(message, target) {
  const body = await readBody(message);
  const url = new URL(message.url ?? '/', 'http://front.invalid');
  const method = message.method ?? 'GET';
  if (method !== 'OPTIONS' && !/^Bearer \S+$/.test(message.headers.authorization ?? '')) return missingToken();
  // A case asked for by status is Prism's to answer, whatever the request.
  const preferred = /\bcode=/.test(message.headers.prefer ?? '');
  const operation = operationFor(method, url.pathname);
  if (operation && !preferred) {
    let input = {};
    if (method === 'GET') input = bracketQuery(url.searchParams);
    else if (body.length > 0) {
      try {
        input = JSON.parse(body.toString('utf8'));
      } catch (error) {
        return wrapped(400, 'invalid_json_body', 'The JSON body provided with this request is invalid', { details: error.message });
      }
    }
    const refused = argumentError(operation, input ?? {});
    if (refused) return refused;
  }
  const headers = Object.fromEntries(Object.entries(message.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name)));
  const response = await fetch(new URL(`${url.pathname}${url.search}`, target), { method, headers, ...(body.length > 0 ? { body } : {}) });
  const passed = { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
  delete passed.headers['content-length'];
  delete passed.headers['transfer-encoding'];
  const violations = response.headers.get('sl-violations');
  if (!violations || preferred || !operation || (response.status !== 400 && response.status !== 422)) return passed;
  const refused = violationError(operation, JSON.parse(violations)[0]);
  refused.headers['sl-violations'] = violations;
  return refused;
}

/** Starts the front on 127.0.0.1, in front of the Katapult Prism mock at `target`. */
export async function startKatapultFront({ target, port = 0 }) {
  const server = createServer(async (message, reply) => {
    try {
      const { status, headers, body } = await answer(message, target);
      reply.writeHead(status, headers).end(body);
    } catch (error) {
      reply.writeHead(502, { 'content-type': 'text/plain' }).end(`The mock front could not reach Prism: ${error.message}`);
    }
  });
  await new Promise((resolve_, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve_);
  });
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    stop: () =>
      new Promise((resolve_) => {
        server.closeAllConnections();
        server.close(() => resolve_());
      }),
  };
}
