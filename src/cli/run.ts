import { readFileSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { isApiRequestError, type AnyError } from '../core/errors.js';
import type { Result } from '../core/result.js';
import type { JobOptions, JobReport } from '../jobs/run.js';
import { CliError, exitCodeOf, exitCodes } from './exit.js';
import { callOf, printData, printError, printReport, type CallContext, type JobContext, type Output } from './output.js';
import { progressBar } from './progress.js';

/** Where the CLI writes, and how: from the global `--json` and `--verbose`. */
export function outputOf(command: Command): Output {
  const { json, verbose } = command.optsWithGlobals();
  return { json: json === true, verbose: verbose === true, out: process.stdout, err: process.stderr };
}

/** What a call's command adds to its result: how it was sent, for errors, and for a
 * listing, what gets the next page when there is one. */
export interface Finish extends CallContext {
  /** For a page of a listing: the flags that get the rest, when more pages exist. */
  readonly more?: (data: never) => string | undefined;
}

/** Prints a call's result and gives the exit code. */
export async function finishCall(output: Output, call: Promise<Result<unknown, AnyError>>, finish?: Finish): Promise<number> {
  const result = await call;
  if (result.ok) {
    printData(output, result.data);
    const more = (finish?.more as ((data: unknown) => string | undefined) | undefined)?.(result.data);
    if (more && !output.json) output.err.write(`More results exist: ${more}\n`);
    return exitCodes.ok;
  }
  printError(output, result.error, finish);
  return exitCodeOf(result.error);
}

/** Collects a listing iterator into one result, for the --all flags: a failed page is
 * that page's error member. */
export async function collectAll<T>(items: AsyncIterable<T>): Promise<Result<T[], AnyError>> {
  const data: T[] = [];
  try {
    for await (const item of items) data.push(item);
  } catch (thrown) {
    if (isApiRequestError(thrown)) return { ok: false, error: thrown.error, response: undefined };
    throw thrown;
  }
  return { ok: true, data, status: 200, response: new Response(null) };
}

/** Prints what a destructive command would send, without sending it. */
export function dryRunCall(output: Output, method: string, path: string, input: unknown): number {
  if (output.json) output.out.write(`${JSON.stringify({ dryRun: true, method, path, input }, null, 2)}\n`);
  else output.out.write(`dry run: would send ${method} ${path}\n${JSON.stringify(input, null, 2)}\n`);
  return exitCodes.ok;
}

/**
 * Runs a job with a progress bar on a terminal, Ctrl-C to stop it (what is in flight
 * finishes), and prints its report. Exit code: 0, 1 when an item failed, is uncertain or
 * was still held back by the rate limit at `--deadline`, 4 when the host was unreachable
 * (every item reported not done), 130 when stopped.
 */
export async function finishJob<I>(
  output: Output,
  title: string,
  run: (options: JobOptions) => Promise<JobReport<I, AnyError>>,
  label: (item: I) => string,
  options: { readonly dryRun?: boolean; readonly concurrency?: number; readonly deadline?: number },
  job?: JobContext,
): Promise<number> {
  const controller = new AbortController();
  const bar = progressBar(process.stderr, title);
  const stop = () => {
    bar.interrupted();
    controller.abort('interrupted');
  };
  process.once('SIGINT', stop);
  try {
    const report = await run({
      signal: controller.signal,
      dryRun: options.dryRun === true,
      onProgress: (progress) => bar.update(progress),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...(options.deadline !== undefined ? { deadline: Date.now() + options.deadline } : {}),
    });
    bar.stop();
    printReport(output, report, label, job);
    if (report.unreachable) {
      printError(output, report.unreachable, callOf(report.unreachable, job));
      return exitCodes.network;
    }
    if (report.aborted) return exitCodes.interrupted;
    return report.failed.length > 0 || report.uncertain.length > 0 || report.remaining.length > 0 ? exitCodes.partial : exitCodes.ok;
  } finally {
    bar.stop();
    process.off('SIGINT', stop);
  }
}

/** A whole number from a flag, or a usage error naming the rule. */
export function integer(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number.');
  return Number(value);
}

/** A length of time from a flag, in milliseconds: 90s, 10m, 1h30m, or a bare number of seconds. */
export function duration(value: string): number {
  const parts = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(value);
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : parts && value !== '' ? ((Number(parts[1] ?? 0) * 60 + Number(parts[2] ?? 0)) * 60 + Number(parts[3] ?? 0)) * 1000 : NaN;
  if (Number.isNaN(ms)) throw new InvalidArgumentError('must be a duration such as 90s, 10m or 1h30m.');
  if (ms === 0) throw new InvalidArgumentError('must be longer than 0s.');
  return ms;
}

/** A job's `--deadline`: how long throttling is waited out (JobOptions.deadline, from the job's start). */
export const deadlineOption = () =>
  new Option('--deadline <duration>', 'wait out the rate limit this long at most (90s, 10m, 1h30m)').argParser(duration);

/** A date or date-time from a flag, such as 2026-11-20 or 2026-11-20T09:00:00Z. */
export function instant(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new InvalidArgumentError('must be a date such as 2026-11-20 or 2026-11-20T09:00:00Z.');
  return date;
}

/** A JSON object from a flag. */
export function jsonObject(value: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new InvalidArgumentError('must be a JSON object, such as \'{"label":"Nightly"}\'.');
}

/** Names from the arguments, or one a line from a file or from stdin (`-`); `#` starts a comment. */
export function namesFrom(args: readonly string[], file: string | undefined): string[] {
  const lines = file === undefined ? [] : readLines(file);
  const names = [...args, ...lines.map((line) => line.replace(/#.*/, '').trim())].filter((name) => name !== '');
  if (names.length === 0) throw new CliError('No bucket names: give them as arguments, with --file <path>, or on stdin with --file -.', exitCodes.usage);
  return names;
}

/** Why a file cannot be read, in words, by the system's error code. */
const unreadable: Record<string, string> = { ENOENT: 'no such file', EISDIR: 'is a directory, not a file', EACCES: 'permission denied', EPERM: 'permission denied' };

/** A file's lines (stdin for `-`); a file that cannot be read is a usage error naming it. */
function readLines(file: string): string[] {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8').split(/\r?\n/);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new CliError(`--file ${file}: ${unreadable[code] ?? (error as Error).message}`, exitCodes.usage);
  }
}
