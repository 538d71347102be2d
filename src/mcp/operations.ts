// A tool for every operation of both APIs, made from its row of the table of operations:
// its name, words, schemas, annotations, paging and, for what a person must confirm, its
// plan. Nothing here names an operation: a new one in the spec and the table is a new tool.
import { captainTable } from '../../generated/captain/table.js';
import { katapultTable } from '../../generated/katapult/table.js';
import { inputRefusal } from '../core/check.js';
import { isApiRequestError } from '../core/errors.js';
import { pageOf, pagesOf } from '../core/paging.js';
import type { ApiTable, Row } from '../core/table.js';
import type { Json } from './json.js';
import { outcomeOf, type Annotations, type Clients, type Outcome, type Plan, type Tool } from './tool.js';

type Refused = Extract<Outcome, { ok: false }>;

/** The four annotations, from what the operation does by the table: a read changes
 * nothing; an overwrite or a delete is destructive; idempotent as the table says. Every
 * tool reaches a service whose state others change too: open world. */
export const annotationsOf = ({ operation }: Row): Annotations => ({
  readOnlyHint: operation.effect === 'read',
  destructiveHint: operation.effect === 'overwrite' || operation.effect === 'delete',
  idempotentHint: operation.idempotent,
  openWorldHint: true,
});

const pick = (args: Json, names: readonly string[]) => Object.fromEntries(names.filter((name) => args[name] !== undefined).map((name) => [name, args[name]]));

/** Refuses what the apply step's request would break, before anything is read. */
function refused({ operation }: Row, args: Json): Refused | undefined {
  const refusal = inputRefusal(operation, args);
  return refusal && { ok: false, error: refusal };
}

/**
 * A plan of a confirmed operation: what it reads first (the table's plan), shown and kept
 * as the state the apply step reads again. A read that lists items is read whole; the
 * item the call acts on (the plan's `find`) is its sample.
 */
function planner(table: ApiTable, row: Row): NonNullable<Tool['plan']> {
  const plan = row.plan!;
  const read = table.rows.find((candidate) => candidate.operation.id === plan.read)!;
  return async (clients: Clients, args: Json): Promise<{ ok: true; plan: Plan } | Refused> => {
    const refusal = refused(row, args);
    if (refusal) return refusal;
    const input = pick(args, plan.keys);
    const paging = read.operation.paging;
    if (!paging || paging.kind === 'single' || plan.find === undefined) {
      const got = outcomeOf(await clients.call(table.api, read.operation, input));
      if (!got.ok) return got;
      return { ok: true, plan: { action: plan.action, counts: { requests: 1 }, sample: [got.data], state: got.data } };
    }
    const items: Json[] = [];
    let requests = 0;
    try {
      for await (const item of pagesOf<Json>(read.operation, (next) => (requests++, clients.call(table.api, read.operation, { ...input, ...next })))) items.push(item);
    } catch (thrown) {
      if (isApiRequestError(thrown)) return { ok: false, error: thrown.error };
      throw thrown;
    }
    const target = items.find((item) => item[plan.find!] === args[plan.find!]);
    return {
      ok: true,
      plan: {
        action: target ? plan.action : `${plan.action}; nothing among them has this ${plan.find} now, so the API will refuse it`,
        counts: { requests, items: items.length, found: target ? 1 : 0 },
        sample: target ? [target] : [],
        state: items,
      },
    };
  };
}

/** The spec's words name other operations by operationId (`getAccount`); a model looks
 * for them among the tools, so they name the tool (`katapult_get_account`). */
const toolWords = (table: ApiTable, text: string): string => table.rows.reduce((words, { operation, tool }) => words.split(`\`${operation.id}\``).join(`\`${tool}\``), text);

function operationTool(table: ApiTable, row: Row): Tool {
  const { operation } = row;
  const reads = row.plan ? table.rows.find((candidate) => candidate.operation.id === row.plan!.read)?.operation.secrets ?? [] : [];
  const paging = operation.paging;
  return {
    name: row.tool,
    toolset: table.api,
    title: row.summary,
    description: toolWords(table, row.description),
    inputSchema: row.input,
    dataSchema: row.output,
    annotations: annotationsOf(row),
    secrets: [...new Set([...operation.secrets, ...reads])],
    ...(paging
      ? { listing: { items: (data: Json) => pageOf(paging, data).items as unknown[], next: (_args: Json, data: Json) => pageOf(paging, data).next, narrow: row.narrow ?? 'narrow the arguments' } }
      : {}),
    ...(row.confirm ? { plan: planner(table, row) } : {}),
    act: async (clients: Clients, args: Json) => outcomeOf(await clients.call(table.api, operation, args)),
  };
}

/** A tool for every operation of both APIs, in the tables' order. */
export function operationTools(): Tool[] {
  return [katapultTable, captainTable].flatMap((table) => table.rows.map((row) => operationTool(table, row)));
}
