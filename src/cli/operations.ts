// A command for every operation of an API, made from its row of the table of operations:
// its name, flags, help and example, whether it asks first, and how it pages. Nothing
// here names an operation: a new operation in the spec and the table is a new command.
import { Command, Option } from 'commander';
import { walkerName } from '../core/base.js';
import type { AnyError } from '../core/errors.js';
import type { Result } from '../core/result.js';
import type { ApiTable, Flag, Row } from '../core/table.js';
import { confirm } from './confirm.js';
import { flagOf, morePages } from './flags.js';
import type { CallContext } from './output.js';
import { collectAll, dryRunCall, finishCall, integer, jsonObject, outputOf } from './run.js';
import { shellQuote } from './values.js';

type Call = (input: unknown) => Promise<Result<unknown, AnyError>> | AsyncGenerator<unknown, void, undefined>;

/** What a group's commands share: the client they call, and their help around the flags. */
export interface Group {
  readonly table: ApiTable;
  /** The group's client, from the command's flags and the environment: a method per operation. */
  client(command: Command): object;
  /** The environment section of every command's help. */
  readonly environment: string;
  /** A hint for an error, given the command's flags: a wrong base URL, say. */
  hint?(command: Command): ((error: AnyError) => string | undefined) | undefined;
}

const parsers: Readonly<Record<Flag['type'], ((value: string) => unknown) | undefined>> = { string: undefined, integer, object: jsonObject };

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** Sets `value` at `path` in `input`, making the objects on the way. */
function setAt(input: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const last = path.length - 1;
  let node = input;
  path.forEach((step, n) => {
    if (n === last) node[step] = typeof value === 'object' && value !== null && typeof node[step] === 'object' ? { ...(value as object), ...(node[step] as object) } : value;
    else node = (node[step] ??= {}) as Record<string, unknown>;
  });
}

/** The command of one operation. */
export function operationCommand(group: Group, row: Row): Command {
  const { operation } = row;
  const { api } = group.table;
  const read = operation.effect === 'read' && operation.method !== 'GET' ? ', a read' : '';
  const command = new Command(row.command)
    .description(`${row.summary}${read} (${operation.method} ${operation.path})`)
    .addHelpText('after', `\n${group.environment}\nExample:\n  $ object-storage ${api} ${row.command} ${row.example}`);
  const options = row.flags.map((flag) => {
    const option = new Option(flag.flag, flag.help);
    const parse = parsers[flag.type];
    if (parse) option.argParser(parse);
    if (flag.default !== undefined) option.default(flag.default);
    command.addOption(option);
    return { flag, option };
  });
  const paging = operation.paging;
  if (paging?.kind === 'single') command.option('--all', 'every item: the API answers with all of them in one page, so this is the default');
  else if (paging) {
    // A flag that picks a page and --all cannot both hold.
    const picks = paging.kind === 'pagination' ? [paging.page] : Object.keys(paging.next);
    const conflicts = options.filter(({ flag }) => flag.sets.length === 1 && picks.includes(flag.sets[0]!)).map(({ option }) => option.attributeName());
    command.addOption(new Option('--all', 'every page, one after the other').conflicts(conflicts));
  }
  if (row.confirm) command.option('--dry-run', 'show what would be sent, and send nothing').option('-y, --yes', 'do not ask first');

  command.action(async (flags: Record<string, unknown>, self: Command) => {
    const output = outputOf(self);
    const input: Record<string, unknown> = {};
    // An object flag's member starts empty where the operation needs it: the other flags fill it in.
    for (const { flag } of options) if (flag.type === 'object' && row.required.includes(flag.sets[0]!)) input[flag.sets[0]!] = {};
    const given = options.filter(({ option }) => flags[option.attributeName()] !== undefined);
    for (const { flag, option } of [...given].sort((a, b) => Number(b.flag.type === 'object') - Number(a.flag.type === 'object'))) setAt(input, flag.sets, flags[option.attributeName()]);
    if (row.confirm && flags.dryRun) {
      process.exitCode = dryRunCall(output, operation.method, operation.path, input);
      return;
    }
    const client = group.client(self) as Record<string, Call>;
    if (row.confirm) {
      const said = given.map(({ flag, option }) => `${flag.flag.split(' ')[0]} ${shellQuote(typeof flags[option.attributeName()] === 'object' ? JSON.stringify(flags[option.attributeName()]) : String(flags[option.attributeName()]))}`);
      await confirm(`${sentence(row.plan?.action ?? `send ${operation.id}`)} (${said.join(' ')})?`, flags);
    }
    const hint = group.hint?.(self);
    const context: CallContext = { method: operation.method, path: operation.path, flagOf: flagOf(row), ...(hint ? { hint } : {}) };
    if (flags.all && paging && paging.kind !== 'single') {
      const walkSize = paging.kind === 'after' ? paging.walkSize : paging.size;
      const { [paging.size]: size, ...rest } = input;
      const items = client[walkerName(operation.id)]!.call(client, { ...rest, [walkSize]: size }) as AsyncGenerator<unknown, void, undefined>;
      process.exitCode = await finishCall(output, collectAll(items), context);
      return;
    }
    const more = morePages(row);
    const call = client[operation.id]!.call(client, input) as Promise<Result<unknown, AnyError>>;
    process.exitCode = await finishCall(output, call, more ? { ...context, more } : context);
  });
  return command;
}

/** The commands of every operation in a table, in its order. */
export const operationCommands = (group: Group): Command[] => group.table.rows.map((row) => operationCommand(group, row));
