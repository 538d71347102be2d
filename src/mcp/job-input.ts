// A job tool's arguments checked against the input schema it advertises, with ajv: the
// schema stays the one statement of the rules, and a refusal names the parameter and the
// rule before anything is sent. ajv comes with the MCP SDK (an optional peer, as the SDK
// is), and is loaded with the server's first job call, never by the library.
import { pointer, ruleOf, segments } from '../core/check.js';
import type { ValidationError } from '../core/operation.js';
import type { Json, Schema } from './json.js';

export interface InputRefusal {
  readonly parameter: string;
  readonly rule: string;
}

type Check = ((value: unknown) => boolean) & { errors?: ValidationError[] | null };

let ajv: Promise<{ compile(schema: Schema): Check }> | undefined;

async function load() {
  const { Ajv2020 } = await import('ajv/dist/2020.js');
  // The spec's schemas carry annotations and `x-` members ajv does not know: not rules.
  // Their formats are annotations too, as in the spec's own validators (ajv would warn of
  // each on stderr, the server's log); the jobs' own date-time is a rule.
  const instance = new Ajv2020({ strict: false, allErrors: false, logger: false });
  instance.addFormat('date-time', (text: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/i.test(text) && !Number.isNaN(Date.parse(text)));
  return instance as unknown as { compile(schema: Schema): Check };
}

/** `buckets[2]` for an item of a list, `access_key.id` for a member. */
const nameOf = (path: readonly string[]) => path.reduce((name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : name ? `${name}.${part}` : part), '') || 'input';

function ruleIn(error: ValidationError): string {
  if (error.keyword === 'additionalProperties') return 'is not a parameter of this tool';
  if (error.keyword === 'minLength' && error.params.limit === 1) return 'must not be empty';
  if (error.keyword === 'format' && error.params.format === 'date-time') return 'must be a date-time such as 2026-11-20T09:00:00Z';
  return ruleOf(error);
}

/** A checker for one schema, compiled on its first use. */
export function inputChecker(schema: Schema): (args: Json) => Promise<InputRefusal | undefined> {
  let compiled: Promise<Check> | undefined;
  return async (args) => {
    const check = await (compiled ??= (ajv ??= load()).then((instance) => instance.compile(schema)));
    if (check(args)) return undefined;
    const error = check.errors?.[0];
    if (!error) return { parameter: 'input', rule: 'does not fit the input schema' };
    return { parameter: nameOf(segments(pointer(error))), rule: ruleIn(error) };
  };
}
