// The table of operations as the surfaces read it (generated/<api>/table.ts): each
// operation with what the CLI, the MCP server, the fake and the mock need beside what the
// client needs. Types only; the rows are generated from the spec and openapi/<api>/operations.ts.
import type { OperationSpec } from './operation.js';

/** A self-contained JSON Schema, as an MCP tool shows it. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** A CLI flag and the input member it sets. */
export interface Flag {
  /** As commander takes it: `--bucket <name>`. */
  readonly flag: string;
  /** The input path it sets: `['bucket', 'name']`. */
  readonly sets: readonly string[];
  readonly help: string;
  readonly default?: string;
  /** How its text becomes a value: as it is, a whole number, or a JSON object. */
  readonly type: 'string' | 'integer' | 'object';
}

/** What a confirmed operation reads first, to show in its plan and to check before it acts. */
export interface PlanRead {
  /** The operationId of the read. */
  readonly read: string;
  /** The input members passed on to the read, by the same names. */
  readonly keys: readonly string[];
  /** What the operation does, in words that hold no data: "delete the bucket". */
  readonly action: string;
  /** For a read that lists items: the input member naming the item acted on. */
  readonly find?: string;
}

/** A lookup argument (Katapult): its argument set and the values it can find its object by. */
export interface Lookup {
  readonly set: string;
  readonly keys: readonly string[];
}

export interface Row {
  readonly operation: OperationSpec;
  /** The spec's summary: "Get a bucket". */
  readonly summary: string;
  /** The summary and the first paragraph of the spec's description. */
  readonly description: string;
  /** A person confirms it first: the CLI asks (or wants --yes), the MCP server plans. */
  readonly confirm: boolean;
  /** The OAuth2 scopes the operation needs, by short name (`object_storage:read`); empty
   * for an API whose spec names none. */
  readonly scopes: readonly string[];
  /** The inputs a request must carry, in the spec's order (path, query, then body members). */
  readonly required: readonly string[];
  /** Why its effect differs from what its method says, where it does. */
  readonly because?: string;
  readonly plan?: PlanRead;
  /** How to narrow a listing whose page is too large to show. */
  readonly narrow?: string;
  /** The CLI command: `get-bucket`. */
  readonly command: string;
  /** The CLI example's flags, after the command. */
  readonly example: string;
  /** The MCP tool: `katapult_get_bucket`. */
  readonly tool: string;
  /** The tool's input as a JSON Schema with the spec's words: what the client takes. */
  readonly input: JsonSchema;
  /** The data a successful call gives, as a JSON Schema. */
  readonly output: JsonSchema;
  /** The CLI flags that set its input. */
  readonly flags: readonly Flag[];
  /** Its lookup arguments, by input member. */
  readonly lookups: Readonly<Record<string, Lookup>>;
}

export interface ApiTable {
  readonly api: 'katapult' | 'captain';
  /** The spec's title. */
  readonly title: string;
  readonly rows: readonly Row[];
}
