// Writes `<api>.methods.ts` into generated/: for every operation the concrete types of
// its input, its data and its documented error members, its walker's where it pages, and
// the interface of the client's methods, so each public method has named types in the
// emitted .d.ts instead of deep generics (cheaper for a consumer's compiler, and clearer
// in an editor).
import { walkerName } from '../../src/core/base.js';
import { header, jsdoc, pascal } from './emit-modules.js';
import type { ApiModel, InputMember, OperationModel } from './model.js';
import { isSuccess, resolve, responseSchema, schemaAt, typesOf, type Json } from './spec.js';

const refName = (ref: string) => ref.split('/').at(-1)!;

/** The name of each member of each documented Katapult error status, `<Schema>At<status>`. */
function katapultMembers(doc: Json, operation: Json): { alias: string; type: string }[] {
  const members: { alias: string; type: string }[] = [];
  for (const [status, response] of Object.entries<unknown>(operation.responses)) {
    if (isSuccess(status)) continue;
    const inner = responseSchema(doc, response)?.properties?.error;
    const union = resolve(doc, inner);
    const names = union.discriminator?.mapping ? Object.values<string>(union.discriminator.mapping).map(refName) : [refName(inner.$ref)];
    for (const name of names) members.push({ alias: `${name}At${status}`, type: `E<${status}, S['${name}']>` });
  }
  return members;
}

/** A TypeScript type for a flat input member: its scalar type, or the schema's type. */
function memberType(doc: Json, member: InputMember): string {
  const schema = resolve(doc, member.schema);
  if (schema?.$ref === undefined && typeof member.schema.$ref === 'string' && member.schema.$ref.startsWith('#/components/schemas/')) return `S['${refName(member.schema.$ref)}']`;
  const names: Record<string, string> = { string: 'string', integer: 'number', number: 'number', boolean: 'boolean', null: 'null' };
  const types = typesOf(schema).map((type) => names[type]);
  if (types.length === 0 || types.includes(undefined)) throw new Error(`no plain type for ${member.name}: give it a scalar type in the spec`);
  return [...new Set(types)].join(' | ');
}

/** The first sentence of a description, for a member's doc comment. */
const firstSentence = (text: string | undefined) => text?.replace(/\s+/g, ' ').trim().split(/(?<=\.)\s/)[0];

/** The type of a listing's items, by name where the schema names it. */
function itemType(doc: Json, operation: OperationModel, data: string): string {
  const paging = operation.paging!;
  const list = schemaAt(doc, operation.success.schema, paging.items);
  const items = list?.items as Json | undefined;
  if (typeof items?.$ref === 'string') return `S['${refName(items.$ref)}']`;
  const path = paging.items.map((step) => `[${JSON.stringify(step)}]`).join('');
  return `NonNullable<${data}${path}>[number]`;
}

function walker(model: ApiModel, operation: OperationModel, input: string, out: string[], signatures: string[]): void {
  const paging = operation.paging;
  if (!paging || paging.kind === 'single') return;
  const name = walkerName(operation.id);
  const Name = pascal(operation.id);
  const dropped = paging.kind === 'after' ? [...Object.keys(paging.next), paging.size] : [paging.page, paging.size];
  const size = paging.kind === 'after' ? paging.walkSize : paging.size;
  out.push(
    `/** What \`${name}\` takes: \`${operation.id}\`'s input without its paging members, and the page size. */`,
    `export type ${pascal(name)}Input = Omit<${input}, ${[...new Set(dropped)].map((member) => JSON.stringify(member)).join(' | ')}> & {`,
    `  /** Items fetched per request. @default the server's page size */`,
    `  readonly ${size}?: number | undefined;`,
    `};`,
    `/** One item of \`${operation.id}\`. */`,
    `export type ${Name}Item = ${itemType(model.doc, operation, `${Name}Data`)};`,
    '',
  );
  signatures.push(
    jsdoc([`Every item of \`${operation.id}\`, fetched page by page as the loop asks for them. Breaking out of the loop stops fetching; a failed page throws an \`ApiRequestError\`.`], '  '),
    `  ${name}(input: ${pascal(name)}Input, options?: CallOptions): AsyncGenerator<${Name}Item, void, undefined>;`,
  );
}

function katapult(model: ApiModel): string {
  const { doc } = model;
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
  const signatures: string[] = [];
  // Each member is declared once and named: a consumer's checker then instantiates it
  // once, however many operations document it.
  const members = new Map<string, string>();
  for (const operation of model.operations) {
    const { id, method } = operation;
    const Name = pascal(id);
    const spec = doc.paths[operation.path][method.toLowerCase()];
    const input = method === 'GET' ? `NonNullable<O['${id}']['parameters']['query']>` : `NonNullable<O['${id}']['requestBody']>['content']['application/json']`;
    out.push(
      `/** What \`${id}\` takes: ${method === 'GET' ? 'its query parameters' : 'its JSON body'}, as the spec names them. */`,
      `export type ${Name}Input = ${input};`,
      `/** What \`${id}\` gives on success (${operation.success.status}). */`,
      `export type ${Name}Data = O['${id}']['responses'][${operation.success.status}]['content']['application/json'];`,
      `/** Every error \`${id}\` documents, by status and \`code\`. */`,
      `export type ${Name}ApiError =\n  | ${katapultMembers(doc, spec)
        .map(({ alias, type }) => (members.set(alias, type), alias))
        .join('\n  | ')};`,
      `/** What \`${id}\` can fail with. */`,
      `export type ${Name}Error = ${Name}ApiError | ClientFailure;`,
      '',
    );
    signatures.push(jsdoc([`${operation.summary}.`, '', ...operation.documentation.split('\n')], '  '), `  ${id}(input: ${Name}Input, options?: CallOptions): Promise<Result<${Name}Data, ${Name}Error>>;`);
    walker(model, operation, `${Name}Input`, out, signatures);
  }
  out.push('/** Every error the Katapult API documents, on any operation. */', `export type KatapultApiError =\n  | ${[...members.keys()].join('\n  | ')};`, '');
  out.push('/** Any error member of any Katapult method. */', 'export type KatapultError = KatapultApiError | ClientFailure;', '');
  out.push(...[...members].map(([alias, type]) => `type ${alias} = ${type};`), '');
  out.push('/** A method for every operation of the spec, and a walker for each listing that pages. */', 'export interface KatapultMethods {', ...signatures, '}', '');
  return out.join('\n');
}

/** Captain's failures are the envelope with `success: false`, at any documented status,
 * 2xx included. Its input is flat: each member by its own name. */
function captain(model: ApiModel): string {
  const { doc } = model;
  const out = [
    "import type { components } from './captain.js';",
    "import type { CaptainApiError } from '../src/captain/api-error.js';",
    "import type { ClientFailure } from '../src/core/errors.js';",
    "import type { CallOptions } from '../src/core/options.js';",
    "import type { Result } from '../src/core/result.js';",
    '',
    "type S = components['schemas'];",
    '',
  ];
  const signatures: string[] = [];
  for (const operation of model.operations) {
    const { id } = operation;
    const Name = pascal(id);
    const statuses = Object.keys(doc.paths[operation.path][operation.method.toLowerCase()].responses);
    const schema = operation.success.schema;
    const data = schema.$ref ?? (schema.anyOf ?? schema.oneOf)[0].$ref;
    out.push(
      `/** What \`${id}\` takes: its path, query and body members by their own names. */`,
      `export interface ${Name}Input {`,
      ...(operation.members ?? []).flatMap((member) => {
        const words = firstSentence(member.description ?? resolve(doc, member.schema)?.description);
        return [...(words ? [`  /** ${words.replace(/\*\//g, '*\\/')} */`] : []), `  readonly ${member.name}${member.required ? '' : '?'}: ${memberType(doc, member)}${member.required ? '' : ' | undefined'};`];
      }),
      '}',
      `/** What \`${id}\` gives on success. */`,
      `export type ${Name}Data = S['${refName(data)}'];`,
      `/** Every failure \`${id}\` documents: the envelope with \`success: false\`, by status. */`,
      `export type ${Name}ApiError = CaptainApiError<${statuses.join(' | ')}>;`,
      `/** What \`${id}\` can fail with. */`,
      `export type ${Name}Error = ${Name}ApiError | ClientFailure;`,
      '',
    );
    signatures.push(jsdoc([`${operation.summary}.`, '', ...operation.documentation.split('\n')], '  '), `  ${id}(input: ${Name}Input, options?: CallOptions): Promise<Result<${Name}Data, ${Name}Error>>;`);
    walker(model, operation, `${Name}Input`, out, signatures);
  }
  out.push('/** Any error member of any Captain method. */', `export type CaptainError = ${model.operations.map((operation) => `${pascal(operation.id)}Error`).join(' | ')};`, '');
  out.push('/** A method for every operation of the spec, and a walker for each listing that pages. */', 'export interface CaptainMethods {', ...signatures, '}', '');
  return out.join('\n');
}

export function emitMethods(model: ApiModel): string {
  const body = model.api === 'katapult' ? katapult(model) : captain(model);
  return `${header(model.api, 'the named types of every operation, and the methods of the client')}\n${body}`;
}
