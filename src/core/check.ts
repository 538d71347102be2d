import type { GeneratedOperation, Validate, ValidationError, Violation } from './operation.js';

/** The request as the validators see it: undefined members are not sent, so they go. */
export interface Outgoing {
  readonly path?: Record<string, unknown>;
  readonly query?: Record<string, unknown>;
  readonly body?: unknown;
}

const defined = (values: Record<string, unknown> | undefined) =>
  values && Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));

const pointer = (error: ValidationError) => {
  const extra = error.params.missingProperty ?? error.params.additionalProperty;
  return extra === undefined ? error.instancePath : `${error.instancePath}/${String(extra).replace(/~/g, '~0').replace(/\//g, '~1')}`;
};

const segments = (path: string) => path.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));

function plain(error: ValidationError, words: GeneratedOperation['words']): string {
  if (error.keyword === 'required') return 'is required';
  if (error.keyword === 'additionalProperties') return 'is not a parameter of this operation';
  return words[error.schemaPath] ?? error.message ?? `breaks the rule "${error.keyword}"`;
}

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
  spec: GeneratedOperation,
  request: Outgoing,
  names: Readonly<Record<string, string>> = {},
): [parameter: string, rule: string] | undefined {
  const checked = { ...request, path: defined(request.path), query: defined(request.query) };
  const nameOf = (path: readonly string[]) => {
    const [where, first, ...rest] = path;
    if (where === 'body' || first === undefined) return path.join('.') || 'input';
    return [names[first] ?? first, ...rest].join('.');
  };
  if (!spec.request(checked)) {
    const error = spec.request.errors?.[0];
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
export function violations(validate: Validate, body: unknown): Violation[] | undefined {
  if (validate(body)) return undefined;
  return (validate.errors ?? []).slice(0, 5).map((error) => ({
    path: pointer(error),
    rule: error.keyword === 'required' ? 'is required' : error.keyword === 'additionalProperties' ? 'is not allowed' : (error.message ?? error.keyword),
  }));
}
