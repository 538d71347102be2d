import { inspect } from 'node:util';
import type { AnyError } from '../core/errors.js';
import type { ApiTable } from '../core/table.js';
import type { JobReport } from '../jobs/run.js';
import { flagOf } from './flags.js';
import { apiErrorText } from './error-text.js';
import { fitNote, renderFields, renderTable, terminalWidth, wrap, type Laid } from './table.js';
import { cell } from './values.js';

export interface Output {
  readonly json: boolean;
  /** --verbose: full messages on failed rows; the requests are logged by the client's fetch. */
  readonly verbose: boolean;
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
}

type Row = Record<string, unknown>;

/** The operation a command sends, and how its input's parameters map to its flags. */
export interface CallContext {
  readonly method: string;
  /** The path template, such as `/api/v{version}/projects/{projectId}/buckets`. */
  readonly path: string;
  /** The flag that sets a parameter the client names, such as `--bucket` for `bucket.name`. */
  readonly flagOf?: (parameter: string) => string | undefined;
  /** A hint for an error, when one would help: a wrong base URL, say. */
  readonly hint?: (error: AnyError) => string | undefined;
}

const scalar = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** Columns for rows: every member that is a scalar or a list of scalars in any row. */
function columns(rows: readonly Row[]): string[] {
  const names = new Set<string>();
  for (const row of rows) for (const [name, value] of Object.entries(row)) if (scalar(value) || (Array.isArray(value) && value.every(scalar))) names.add(name);
  return [...names];
}

/** A table of rows, by the columns `names`; fitted to `width` when given (a terminal's). */
const table = (rows: readonly Row[], names: readonly string[], width: number | undefined): Laid =>
  renderTable(names, rows.map((row) => names.map((name) => cell(row[name], name))), width);

/** Nested members flattened to `a.b` names, for a key/value table of one record. */
function flatten(value: Row, prefix = ''): Row {
  return Object.fromEntries(
    Object.entries(value).flatMap(([name, item]) =>
      typeof item === 'object' && item !== null && !Array.isArray(item) ? Object.entries(flatten(item as Row, `${prefix}${name}.`)) : [[`${prefix}${name}`, item]],
    ),
  );
}

/** A record's fields and their cells' text, nested members by their dotted names. */
const fieldsOf = (data: unknown) =>
  Object.entries(flatten(typeof data === 'object' && data !== null ? (data as Row) : { value: data })).map(([field, value]) => [field, cell(value, field)] as const);

/** The list a result holds, if it holds one: a list itself, a list member (Katapult's
 * `object_storage_access_keys`, Captain's `result`), or a list in Captain's `result`
 * (`objectListModel`). */
function listOf(data: unknown): Row[] | undefined {
  if (Array.isArray(data)) return data as Row[];
  if (typeof data !== 'object' || data === null) return undefined;
  const { result } = data as { result?: unknown };
  if (Array.isArray(result)) return result as Row[];
  if (typeof result === 'object' && result !== null) return Object.values(result).find(Array.isArray) as Row[] | undefined;
  return Object.values(data).find(Array.isArray) as Row[] | undefined;
}

/** Prints a successful result: JSON on stdout with --json, else a table (fitted to a
 * terminal: see table.ts). */
export function printData(output: Output, data: unknown): void {
  if (output.json) return void output.out.write(`${JSON.stringify(data, null, 2)}\n`);
  const width = terminalWidth(output.out);
  const rows = listOf(data);
  const laid = rows ? table(rows, columns(rows), width) : renderFields(fieldsOf(data), width);
  output.out.write(laid.text);
  // Said only when something was fitted, so on a terminal as wide as `width`.
  const note = fitNote(laid);
  if (note) output.err.write(`${wrap(note, width!).join('\n')}\n`);
}

/** An error's cause as text, its own causes after it: `fetch failed: connect ECONNREFUSED …`. */
export function causeText(cause: unknown): string | undefined {
  if (cause === undefined || cause === null) return undefined;
  if (!(cause instanceof Error)) return typeof cause === 'string' ? cause : inspect(cause, { depth: 2, breakLength: Infinity });
  const inner = causeText(cause.cause);
  return inner && !cause.message.includes(inner) ? `${cause.message}: ${inner}` : cause.message;
}

/** A request refused before sending, said by flag and template: never a half-filled URL. */
function refusal(error: AnyError, context: CallContext | undefined): { flag: string; message: string } | undefined {
  if (error.kind !== 'invalid_input') return undefined;
  const { parameter, rule } = error as unknown as { parameter: string; rule: string };
  const flag = context?.flagOf?.(parameter) ?? parameter;
  const where = context?.path ? ` (${context.method} ${context.path})` : '';
  return { flag, message: `${flag} ${rule}; nothing was sent${where}` };
}

/** A failed call's error as the JSON on stderr: `kind`, `code`, `message` and `requestId`
 * always there (null when they do not apply), the member's other fields after them. */
export function errorJson(error: AnyError, context?: CallContext): Row {
  const { kind, message, code, requestId, cause, ...rest } = error as AnyError & { code?: unknown; requestId?: unknown; cause?: unknown };
  const refused = refusal(error, context);
  const hint = context?.hint?.(error);
  return {
    kind,
    code: code ?? null,
    message: refused?.message ?? message,
    requestId: requestId ?? null,
    ...rest,
    ...(refused ? { flag: refused.flag, ...(context?.path ? { method: context.method, path: context.path } : {}) } : {}),
    ...(cause === undefined ? {} : { cause: causeText(cause) ?? null }),
    ...(hint ? { hint } : {}),
  };
}

/** Prints a failed call's error to stderr, or with --json the error as JSON. An API's own
 * error is said in words (error-text.ts): the server's sentence, its detail, then the code,
 * status and request ID, and a hint; any other, by its message. */
export function printError(output: Output, error: AnyError, context?: CallContext): void {
  if (output.json) return void output.err.write(`${JSON.stringify({ error: errorJson(error, context) })}\n`);
  const said = apiErrorText(error, context?.flagOf);
  if (said) {
    output.err.write(`error: ${said.sentence}\n${[...said.notes, said.facts].map((line) => `  ${line}\n`).join('')}`);
    if (said.hint) output.err.write(`hint: ${said.hint}\n`);
  } else output.err.write(`error: ${refusal(error, context)?.message ?? error.message}\n`);
  const { violations } = error as { violations?: readonly { path: string; rule: string }[] };
  if (violations?.length) output.err.write(`the answer breaks the spec:\n${violations.map(({ path, rule }) => `  ${path || '(the body)'} ${rule}`).join('\n')}\n`);
  const cause = error.kind === 'network' ? causeText((error as { cause?: unknown }).cause) : undefined;
  if (cause && output.verbose) output.err.write(`cause: ${cause}\n`);
  const hint = context?.hint?.(error);
  if (hint) output.err.write(`hint: ${hint}\n`);
}

/** What a job command adds to its report: the table of the operations its jobs send, so
 * that a refused item is said by flag and template too. */
export interface JobContext {
  /** The items' labels in the order given, when the command knows it; or the order the
   * job found them in, asked once it is over. */
  readonly order?: readonly string[] | (() => readonly string[]);
  /** The API's table: a failed item's call is found by its error's operationId. */
  readonly table?: ApiTable;
  readonly hint?: CallContext['hint'];
}

/** The call a job's failed item came from: the operation its error names. */
export function callOf(error: AnyError, job: JobContext | undefined): CallContext | undefined {
  if (!job) return undefined;
  const row = job.table?.rows.find((candidate) => candidate.operation.id === error.operationId);
  const hint = job.hint ? { hint: job.hint } : {};
  if (row) return { method: row.operation.method, path: row.operation.path, flagOf: flagOf(row), ...hint };
  return job.hint ? { method: '', path: '', ...hint } : undefined;
}

/** A failed item's reason, short: the status and code (Captain's first message, which has
 * no code), or the kind, and the request ID; a refused item's flag and rule. */
export function shortReason(error: AnyError, context?: CallContext): string {
  const { status, code, errors, requestId } = error as { status?: number; code?: string; errors?: readonly string[]; requestId?: string };
  const refused = refusal(error, context);
  if (refused) return `not sent: ${refused.flag} ${(error as { rule?: string }).rule}`;
  const vendor = error.kind === 'api' && code === undefined ? errors?.[0]?.replace(/\.$/, '') : undefined;
  const what = [status, code ?? vendor ?? error.kind].filter((part) => part !== undefined).join(' ');
  return requestId ? `${what}, request ${requestId}` : what;
}

/** Labels in a natural order, when the items were not given in one: `bucket-2` before `bucket-10`. */
const natural = new Intl.Collator('en', { numeric: true });

/**
 * Prints a job's report: JSON on stdout with --json, else a table of the items in the order
 * given (`job.order`, when the command knows it; otherwise by label, numbers as numbers), a
 * short reason on each failed row (the full message with --verbose), and a summary line.
 * A refused item is said by flag and template, as a refused call is.
 */
export function printReport<I>(output: Output, report: JobReport<I, AnyError>, label: (item: I) => string, job?: JobContext): void {
  if (output.json) {
    const failed = report.failed.map(({ item, error }) => ({ item, error: errorJson(error, callOf(error, job)) }));
    return void output.out.write(`${JSON.stringify({ ...report, failed }, null, 2)}\n`);
  }
  const verb = report.dryRun ? 'would do' : 'done';
  const rows = [
    ...report.done.map((item) => ({ item: label(item), outcome: verb, why: '' })),
    ...report.skipped.map(({ item, reason }) => ({ item: label(item), outcome: 'skipped', why: reason })),
    ...report.failed.map(({ item, error }) => {
      const context = callOf(error, job);
      return { item: label(item), outcome: 'failed', why: shortReason(error, context), full: refusal(error, context)?.message ?? error.message };
    }),
    ...report.uncertain.map(({ item, reason }) => ({ item: label(item), outcome: 'uncertain', why: reason })),
    ...report.remaining.map((item) => ({ item: label(item), outcome: 'not done', why: report.unreachable ? 'host unreachable' : report.aborted ? 'interrupted' : 'deadline passed' })),
  ];
  const order = typeof job?.order === 'function' ? job.order() : job?.order;
  const place = new Map(order?.map((name, n) => [name, n]));
  rows.sort((a, b) => (place.get(a.item) ?? Infinity) - (place.get(b.item) ?? Infinity) || natural.compare(a.item, b.item));
  output.out.write(table(rows, ['item', 'outcome', 'why'], terminalWidth(output.out)).text);
  if (output.verbose) for (const row of rows) if ('full' in row) output.err.write(`${row.item}: ${row.full}\n`);
  // A hint (a wrong base URL, a token refused) is the same for every row it fits: said once.
  const hints = new Set(report.failed.flatMap(({ error }) => [callOf(error, job)?.hint?.(error), apiErrorText(error)?.hint]).filter((hint) => hint !== undefined));
  for (const hint of hints) output.err.write(`hint: ${hint}\n`);
  const parts = [`${report.done.length} ${verb}`, `${report.skipped.length} skipped`, `${report.failed.length} failed`];
  if (report.uncertain.length > 0) parts.push(`${report.uncertain.length} uncertain`);
  if (report.remaining.length > 0) parts.push(`${report.remaining.length} not done`);
  output.err.write(`${report.dryRun ? 'dry run: ' : ''}${parts.join(', ')}; ${report.requests} ${report.requests === 1 ? 'request' : 'requests'}, ${report.throttled} throttled\n`);
}
