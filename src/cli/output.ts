import { inspect } from 'node:util';
import type { AnyError } from '../core/errors.js';
import type { JobReport } from '../jobs/run.js';

export interface Output {
  readonly json: boolean;
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
}

type Row = Record<string, unknown>;

const scalar = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);
const cell = (value: unknown) => (value === null || value === undefined ? '' : Array.isArray(value) ? value.join(', ') : String(value));

/** Columns for rows: every member that is a scalar or a list of scalars in any row. */
function columns(rows: readonly Row[]): string[] {
  const names = new Set<string>();
  for (const row of rows) for (const [name, value] of Object.entries(row)) if (scalar(value) || (Array.isArray(value) && value.every(scalar))) names.add(name);
  return [...names];
}

/** A plain table: a header, a rule and padded columns. */
export function table(rows: readonly Row[], names = columns(rows)): string {
  if (rows.length === 0) return '(none)\n';
  const widths = names.map((name) => Math.max(name.length, ...rows.map((row) => cell(row[name]).length)));
  const line = (cells: readonly string[]) => cells.map((text, n) => text.padEnd(widths[n]!)).join('  ').trimEnd();
  return `${[line(names), line(widths.map((width) => '-'.repeat(width))), ...rows.map((row) => line(names.map((name) => cell(row[name]))))].join('\n')}\n`;
}

/** Nested members flattened to `a.b` names, for a key/value table of one record. */
function flatten(value: Row, prefix = ''): Row {
  return Object.fromEntries(
    Object.entries(value).flatMap(([name, item]) =>
      typeof item === 'object' && item !== null && !Array.isArray(item) ? Object.entries(flatten(item as Row, `${prefix}${name}.`)) : [[`${prefix}${name}`, item]],
    ),
  );
}

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

/** Prints a successful result: JSON on stdout with --json, else a table. */
export function printData(output: Output, data: unknown): void {
  if (output.json) return void output.out.write(`${JSON.stringify(data, null, 2)}\n`);
  const rows = listOf(data);
  if (rows) return void output.out.write(table(rows));
  const record = flatten(typeof data === 'object' && data !== null ? (data as Row) : { value: data });
  output.out.write(table(Object.entries(record).map(([field, value]) => ({ field, value })), ['field', 'value']));
}

/** Prints a failed call's error to stderr: its message (which holds the request ID). */
export function printError(output: Output, error: AnyError): void {
  if (output.json) return void output.err.write(`${JSON.stringify({ error })}\n`);
  output.err.write(`error: ${error.message}\n`);
  const detail = (error as { detail?: unknown }).detail ?? (error as { violations?: unknown[] }).violations;
  if (detail && (!Array.isArray(detail) || detail.length > 0) && Object.keys(detail as object).length > 0) {
    output.err.write(`${inspect(detail, { depth: 4, colors: false, breakLength: 100 })}\n`);
  }
}

/** Prints a job's report: JSON on stdout with --json, else a summary and the failures. */
export function printReport<I>(output: Output, report: JobReport<I, AnyError>, label: (item: I) => string): void {
  if (output.json) return void output.out.write(`${JSON.stringify(report, null, 2)}\n`);
  const verb = report.dryRun ? 'would do' : 'done';
  const byItem = (a: { item: string }, b: { item: string }) => (a.item < b.item ? -1 : a.item > b.item ? 1 : 0);
  const rows = [
    ...report.done.map((item) => ({ item: label(item), outcome: verb, why: '' })),
    ...report.skipped.map(({ item, reason }) => ({ item: label(item), outcome: 'skipped', why: reason })),
    ...report.failed.map(({ item, error }) => ({ item: label(item), outcome: 'failed', why: error.message })),
    ...report.uncertain.map(({ item, reason }) => ({ item: label(item), outcome: 'uncertain', why: reason })),
    ...report.remaining.map((item) => ({ item: label(item), outcome: 'not done', why: report.unreachable ? 'host unreachable' : 'interrupted' })),
  ].sort(byItem);
  output.out.write(table(rows, ['item', 'outcome', 'why']));
  const summary = `${report.dryRun ? 'dry run: ' : ''}${report.done.length} ${verb}, ${report.skipped.length} skipped, ${report.failed.length} failed` +
    `${report.uncertain.length > 0 ? `, ${report.uncertain.length} uncertain` : ''}${report.remaining.length > 0 ? `, ${report.remaining.length} not done` : ''}; ${report.requests} requests, ${report.throttled} throttled\n`;
  output.err.write(summary);
}
