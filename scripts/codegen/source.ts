// The hand-written half of the table of operations: what the spec cannot say about an
// operation, one row each, beside the spec (`openapi/<api>/operations.ts`). The generator
// checks every row against the spec and writes the whole table into generated/.
import type { Effect } from '../../src/core/operation.js';

export type { Effect };

/** What a confirmed operation reads first: shown in its plan, and read again before it
 * acts, which it refuses to do if the state has moved. */
export interface PlanSource {
  /** The operationId of the read, an operation of the same API whose effect is `read`. */
  readonly read: string;
  /** The input members passed on to the read, by the same names. */
  readonly keys: readonly string[];
  /** What the operation does, in words that hold no data: "delete the bucket". */
  readonly action: string;
  /** For a read that lists items: the input member whose value names the item acted on,
   * matched against the member of the same name in each item. */
  readonly find?: string;
}

/** Where a listing's items are, how its next page is found, and how to narrow it. Paths
 * are dotted paths into the success body (`result.objectListModel`). */
export type PagingSource =
  /** One page holds everything. */
  | { readonly kind: 'single'; readonly items: string; readonly narrow: string }
  /** Apia's page numbers: a `Pagination` member (`current_page`, `total_pages`, `per_page`). */
  | { readonly kind: 'pagination'; readonly items: string; readonly pagination: string; readonly page: string; readonly size: string; readonly narrow: string }
  /** Each page resumes after the last item of the one before, while `more` is true. */
  | {
      readonly kind: 'after';
      readonly items: string;
      readonly more: string;
      /** Each input member of the next page, from the member of the last item that sets it. */
      readonly next: Readonly<Record<string, string>>;
      /** The input member that sets a page's size. */
      readonly size: string;
      /** What the walker over every page calls that size, when not `size`. */
      readonly walkSize?: string;
      readonly narrow: string;
    };

export interface OperationSource {
  /** What the call does to the server's state. The method says it for most; the
   * generator asks for `because` where this differs from the method's (GET reads, POST
   * creates, PUT and PATCH overwrite, DELETE deletes). */
  readonly effect: Effect;
  /** Whether sending it twice does no more than once. Default: every effect but create. */
  readonly idempotent?: boolean;
  /** Why `effect` or `idempotent` differs from what the method says. */
  readonly because?: string;
  /** Required when the effect is overwrite or delete: a person confirms those. */
  readonly plan?: PlanSource;
  readonly paging?: PagingSource;
  /** The CLI example's flags, after the command's name. */
  readonly example: string;
  /** A flag's help for this operation's command, by input member, where the API's
   * vocabulary says it too generally (Captain's folder `key`). */
  readonly help?: Readonly<Record<string, string>>;
}

/** A CLI flag and the input member it sets, for every command whose input has that member. */
export interface FlagSource {
  /** As commander takes it: `--bucket <name>`. */
  readonly flag: string;
  /** The dotted input path it sets: `bucket.name`. */
  readonly sets: string;
  readonly help: string;
  readonly default?: string;
}

export interface ApiSource {
  readonly api: 'katapult' | 'captain';
  /**
   * How a caller's input becomes the request: `mirror`, the input is what the spec takes
   * (a GET's query parameters, else the JSON body); `flat`, the input holds every path,
   * query and body member by its own name (`rename` aside), and the client places them.
   */
  readonly input: 'mirror' | 'flat';
  /** Flat input: parameters the caller names otherwise (`name` → `bucket`). */
  readonly rename?: Readonly<Record<string, string>>;
  /** Path parameters the client fills itself, with their values (`version` → `1`). */
  readonly fixed?: Readonly<Record<string, string>>;
  /** The CLI's flags. */
  readonly flags: readonly FlagSource[];
  /** One row per operation of the spec, by operationId, in any order. */
  readonly operations: Readonly<Record<string, OperationSource>>;
}

/** Gives a table its type, so the compiler checks each row as it is written. */
export const defineApi = (source: ApiSource): ApiSource => source;
