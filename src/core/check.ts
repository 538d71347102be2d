import { failureMessage, type InvalidInput } from './errors.js';
import type { OperationSpec, ValidationError, Violation } from './operation.js';
import { namer, place } from './placement.js';
import { validate, type Schema } from './validate.js';

/** The request as the validators see it: undefined members are not sent, so they go. */
export interface Outgoing {
  readonly path?: Record<string, unknown>;
  readonly query?: Record<string, unknown>;
  readonly body?: unknown;
}

const defined = (values: Record<string, unknown> | undefined) =>
  values && Object.values(values).includes(undefined)
    ? Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined))
    : values;

export const pointer = (error: ValidationError) => {
  const extra = error.params.missingProperty ?? error.params.additionalProperty;
  return extra === undefined ? error.instancePath : `${error.instancePath}/${String(extra).replace(/~/g, '~0').replace(/\//g, '~1')}`;
};

export const segments = (path: string) => path.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));

const limits: Readonly<Record<string, string>> = {
  minLength: 'must be at least {} characters long',
  maxLength: 'must be at most {} characters long',
  minItems: 'must hold at least {} items',
  maxItems: 'must hold at most {} items',
  minProperties: 'must hold at least {} members',
  maxProperties: 'must hold at most {} members',
};

/** A rule of a response schema in a few words; the validators carry no messages. */
export function ruleOf({ keyword, params }: ValidationError): string {
  if (keyword === 'required') return 'is required';
  if (keyword === 'additionalProperties') return 'is not allowed';
  if (keyword === 'type') return `must be ${String(params.type).replace(',', ' or ')}`;
  if (keyword === 'enum' || keyword === 'const') return 'must be one of the documented values';
  if (keyword === 'pattern') return `must match /${String(params.pattern)}/`;
  if (params.comparison !== undefined) return `must be ${String(params.comparison)} ${String(params.limit)}`;
  if (limits[keyword]) return limits[keyword].replace('{}', String(params.limit));
  if (keyword === 'oneOf' || keyword === 'anyOf') return 'must match one of the documented forms';
  return `breaks the rule "${keyword}"`;
}

/**
 * The error to report. ajv lists a failed `anyOf`/`oneOf` after its branches' errors; when
 * the spec words that union ("exactly one of id or sub_domain"), its words are reported,
 * unless a branch the input did pick breaks a rule of its own (an empty `id`, say).
 */
/** A branch's errors that only say the input picked another branch. */
const unionMisses = new Set(['required', 'additionalProperties', 'false schema', 'not']);

function reported(errors: readonly ValidationError[], words: OperationSpec['words']): ValidationError | undefined {
  const last = errors.at(-1);
  if (!last || (last.keyword !== 'anyOf' && last.keyword !== 'oneOf') || !words[last.schemaPath]) return errors[0];
  const own = errors.find(
    (error) => error.schemaPath.startsWith(`${last.schemaPath}/`) && !unionMisses.has(error.keyword),
  );
  return own ?? last;
}

function plain(error: ValidationError, words: OperationSpec['words']): string {
  if (error.keyword === 'additionalProperties') return 'is not a parameter of this operation';
  return words[error.schemaPath] ?? ruleOf(error);
}

/** `body.bucket.name` for a body member, the parameter's own name otherwise. */
export const specName = (path: readonly string[]): string =>
  (path[0] === 'body' || path.length === 1 ? path : path.slice(1)).join('.') || 'input';

/** Path segments become URL path steps: these two would move the request elsewhere. */
const dotSegment = (value: unknown) => value === '.' || value === '..';

/** Lone surrogates cannot be percent-encoded: the URL would not say what was meant. */
function illFormed(value: unknown): boolean {
  if (typeof value === 'string') return !value.isWellFormed();
  if (typeof value === 'object' && value !== null) return Object.values(value).some(illFormed);
  return false;
}

/**
 * The first input that breaks a rule, as `[parameter, rule]`, or undefined when the
 * request may go. The spec's rules come first, then the URL's own.
 */
export function refusal(
  spec: OperationSpec,
  request: Outgoing,
  nameOf: (path: readonly string[]) => string = specName,
): [parameter: string, rule: string] | undefined {
  const checked = { ...request, path: defined(request.path), query: defined(request.query) };
  const errors = validate(spec.request, checked);
  if (errors) {
    const error = reported(errors, spec.words);
    if (error) return [nameOf(segments(pointer(error))), plain(error, spec.words)];
  }
  for (const where of ['path', 'query'] as const) {
    for (const [name, value] of Object.entries(checked[where] ?? {})) {
      if (where === 'path' && dotSegment(value)) return [nameOf([where, name]), "must not be '.' or '..'"];
      if (illFormed(value)) return [nameOf([where, name]), 'must be well-formed Unicode (no lone surrogates)'];
    }
  }
  return undefined;
}

/** How a body breaks a response schema, or undefined when it fits. */
export function violations(schema: Schema, body: unknown): Violation[] | undefined {
  const errors = validate(schema, body);
  return errors && errors.slice(0, 5).map((error) => ({ path: pointer(error), rule: ruleOf(error) }));
}

/**
 * The refusal a call with this input would get, without sending anything: the
 * `invalid_input` member the client would return, or undefined when the request may go.
 */
export function inputRefusal(operation: OperationSpec, input: unknown): InvalidInput | undefined {
  const { params, body } = place(operation, input);
  const broken = refusal(operation, { ...params, body }, namer(operation));
  if (!broken) return undefined;
  const [parameter, rule] = broken;
  return { kind: 'invalid_input', parameter, rule, operationId: operation.id, message: failureMessage(`not sent, ${parameter} ${rule}`, operation.method, operation.path) };
}
