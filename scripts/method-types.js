// Writes `<api>.methods.ts` into generated/ or the folder given: for every operation the
// concrete types of its input, its data and its documented error members, so each public
// method has named types in the emitted .d.ts instead of deep generics. For Katapult,
// whose inputs mirror the spec, it also writes the method signatures, with their docs.
import { resolve } from './refs.js';

const methods = ['get', 'put', 'post', 'patch', 'delete'];

const pascal = (id) => id[0].toUpperCase() + id.slice(1);
const refName = (ref) => ref.split('/').at(-1);

function* eachOperation(doc) {
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of methods) if (item[method]) yield { path, method: method.toUpperCase(), operation: item[method] };
  }
}

const jsonSchema = (doc, response) => resolve(doc, response).content?.['application/json']?.schema;
const isSuccess = (status) => /^2\d\d$/.test(status);

/** The name of each member of each documented Katapult error status, `<Schema>At<status>`. */
function katapultMembers(doc, operation) {
  const members = [];
  for (const [status, response] of Object.entries(operation.responses)) {
    if (isSuccess(status)) continue;
    const inner = jsonSchema(doc, response)?.properties?.error;
    const union = resolve(doc, inner);
    const names = union.discriminator?.mapping ? Object.values(union.discriminator.mapping).map(refName) : [refName(inner.$ref)];
    for (const name of names) members.push({ alias: `${name}At${status}`, type: `E<${status}, S['${name}']>` });
  }
  return members;
}

/** The JSDoc of a method: the operation's summary, description and scope. */
function jsdoc(operation) {
  const lines = [operation.summary + '.', '', ...operation.description.trim().split('\n')];
  return `  /**\n${lines.map((line) => `   *${line ? ` ${line.replace(/\*\//g, '*\\/')}` : ''}`).join('\n')}\n   */`;
}

function katapult(doc) {
  const out = [
    "import type { components, operations } from './katapult.js';",
    "import type { KatapultApiErrorOf as E } from '../src/katapult/api-error.js';",
    "import type { ClientFailure } from '../src/core/errors.js';",
    "import type { CallOptions } from '../src/core/options.js';",
    "import type { Result } from '../src/core/result.js';",
    '',
    "type S = components['schemas'];",
    'type O = operations;',
    '',
  ];
  const signatures = [];
  // Each member is declared once and named: a consumer's checker then instantiates it
  // once, however many operations document it.
  const members = new Map();
  for (const { method, operation } of eachOperation(doc)) {
    const id = operation.operationId;
    const name = pascal(id);
    const success = Object.keys(operation.responses).find(isSuccess);
    const input = method === 'GET' ? `NonNullable<O['${id}']['parameters']['query']>` : `NonNullable<O['${id}']['requestBody']>['content']['application/json']`;
    out.push(
      `/** What \`${id}\` takes: ${method === 'GET' ? 'its query parameters' : 'its JSON body'}, as the spec names them. */`,
      `export type ${name}Input = ${input};`,
      `/** What \`${id}\` gives on success (${success}). */`,
      `export type ${name}Data = O['${id}']['responses'][${success}]['content']['application/json'];`,
      `/** Every error \`${id}\` documents, by status and \`code\`. */`,
      `export type ${name}ApiError =\n  | ${katapultMembers(doc, operation)
        .map(({ alias, type }) => (members.set(alias, type), alias))
        .join('\n  | ')};`,
      `/** What \`${id}\` can fail with. */`,
      `export type ${name}Error = ${name}ApiError | ClientFailure;`,
      '',
    );
    signatures.push(jsdoc(operation), `  ${id}(input: ${name}Input, options?: CallOptions): Promise<Result<${name}Data, ${name}Error>>;`);
  }
  out.push('/** Every error the Katapult API documents, on any operation. */', `export type KatapultApiError =\n  | ${[...members.keys()].join('\n  | ')};`, '');
  out.push(...[...members].map(([alias, type]) => `type ${alias} = ${type};`), '');
  out.push('/** A method for every operation of the spec. */', 'export interface KatapultMethods {', ...signatures, '}', '');
  return out.join('\n');
}

/** The envelope statuses a Captain operation documents, 2xx included: a body that says
 * `success: false` is a failure whatever its status. */
function captain(doc) {
  const out = [
    "import type { components } from './captain.js';",
    "import type { CaptainApiError } from '../src/captain/api-error.js';",
    "import type { ClientFailure } from '../src/core/errors.js';",
    '',
    "type S = components['schemas'];",
    '',
  ];
  for (const { operation } of eachOperation(doc)) {
    const id = operation.operationId;
    const name = pascal(id);
    const statuses = Object.keys(operation.responses);
    const schema = jsonSchema(doc, operation.responses[statuses.find(isSuccess)]);
    const data = schema.$ref ?? (schema.anyOf ?? schema.oneOf)[0].$ref;
    out.push(
      `/** What \`${id}\` gives on success. */`,
      `export type ${name}Data = S['${refName(data)}'];`,
      `/** Every failure \`${id}\` documents: the envelope with \`success: false\`, by status. */`,
      `export type ${name}ApiError = CaptainApiError<${statuses.join(' | ')}>;`,
      `/** What \`${id}\` can fail with. */`,
      `export type ${name}Error = ${name}ApiError | ClientFailure;`,
      '',
    );
  }
  return out.join('\n');
}

export const methodTypes = { katapult, captain };
