// What a tool is, to the server: a name in a toolset, the schemas it shows, the four
// annotations, and how it acts (and, for a two-step tool, how it plans).
import type { CaptainClient } from '../captain/client.js';
import type { AnyError, ClientFailure } from '../core/errors.js';
import { retryAfter } from '../core/retry.js';
import type { Pacer } from '../jobs/pace.js';
import type { KatapultClient } from '../katapult/client.js';
import type { OperationSpec } from '../core/operation.js';
import type { Result } from '../core/result.js';
import type { Json, Schema } from './json.js';

export const toolsets = ['katapult', 'captain', 'jobs'] as const;
export type Toolset = (typeof toolsets)[number];
/** The toolset of the tools that enable the others, with `--dynamic-toolsets`. */
export const metaToolset = 'dynamic';

/** All four, always set: a client that finds one missing must assume the worst. */
export interface Annotations {
  readonly readOnlyHint: boolean;
  readonly destructiveHint: boolean;
  readonly idempotentHint: boolean;
  readonly openWorldHint: boolean;
}

/** The clients a tool calls through: paced, one pacer per credential, made on first use. */
export interface Clients {
  /** Calls one operation through its API's paced client. */
  call(api: 'katapult' | 'captain', operation: OperationSpec, input: unknown): Promise<Result<unknown, AnyError>>;
  katapult(): KatapultClient;
  captain(): CaptainClient;
  /** For a job, which paces its own calls: the client unwrapped, the pacer the paced one
   * runs on, and the deadline of a job started now (the longest it waits for the limit). */
  forJob(api: 'katapult'): JobClient<KatapultClient>;
  forJob(api: 'captain'): JobClient<CaptainClient>;
}

export interface JobClient<C> {
  readonly client: C;
  readonly pacer: Pacer;
  readonly deadline: number;
}

/** The rate limit would hold the call longer than `--max-wait`: nothing was sent. */
export interface RateLimited {
  readonly kind: 'rate_limited';
  readonly status: 429;
  readonly code: 'rate_limit_reached';
  readonly message: string;
  readonly retryAfterSeconds: number;
}

/** A setting the server needs is missing from its environment: a credential or a base URL. */
export interface Unconfigured {
  readonly kind: 'credential' | 'usage';
  /** The variables that would give it. */
  readonly variables: readonly string[];
  readonly message: string;
}

/** A fault of the server's own: nothing more is said, since it could hold input or answers. */
export interface Internal {
  readonly kind: 'internal';
  readonly message: string;
}

/** An argument the tool refuses before anything is sent (a job's; an operation's is the client's `invalid_input`). */
export type InvalidArgument = Extract<ClientFailure, { kind: 'invalid_input' }>;

/** Every error a tool result can carry: an API's or the client's, or the server's own. */
export type ToolError = AnyError | ClientFailure | RateLimited | Unconfigured | Internal;

/** What a call came to: the data, or an error member with what the answer said. */
export type Outcome =
  | { readonly ok: true; readonly data: unknown; readonly requestId?: string | undefined }
  | { readonly ok: false; readonly error: ToolError; readonly retryAfterSeconds?: number | undefined };

/** What a two-step tool would do, from reads and dry runs only. */
export interface Plan {
  /** The writes it would send, in words that hold no API data. */
  readonly action: string;
  readonly counts: Readonly<Record<string, number>>;
  /** A few of the items it covers, as structured data. */
  readonly sample: readonly unknown[];
  /** Each item the dry run could not plan, with its error's kind, code and message. */
  readonly failed?: readonly unknown[];
  /** Items the rate limit held back past the deadline: nothing was sent for them. */
  readonly notDone?: { readonly items: readonly unknown[]; readonly retryAfterSeconds: number };
  /** What the plan was made from; the apply step reads it again and refuses if it moved. */
  readonly state: unknown;
}

/** Where a listing keeps its items, and the arguments for the API's next page. */
export interface Listing {
  readonly items: (data: Json) => unknown[] | undefined;
  readonly next: (args: Json, data: Json) => Json | undefined;
  /** How to narrow the call when a page is too large to show. */
  readonly narrow: string;
}

/** Where a result that is not a listing keeps the items to cut when it is too long; the
 * rest of it is kept whole, and `kept` says what that is. */
export interface Cuttable {
  readonly items: (data: Json) => unknown[] | undefined;
  /** What the items are, for the note: `done items`. */
  readonly of: string;
  readonly narrow?: string | undefined;
  /** What the note says is kept whole, as a sentence. */
  readonly kept: string;
}

export interface Tool {
  readonly name: string;
  readonly toolset: Toolset | typeof metaToolset;
  readonly title: string;
  readonly description: string;
  /** The arguments, from the spec; the server adds `plan_token` or `cursor` where they apply. */
  readonly inputSchema: Schema;
  /** The schema of `data` in a successful result, from the spec. Not listed (see the
   * server's `listed`); the tests check every result's data against it. */
  readonly dataSchema: Schema;
  readonly annotations: Annotations;
  /** Response members that hold secrets (from the spec): withheld unless allowed. */
  readonly secrets: readonly string[];
  readonly listing?: Listing;
  readonly cut?: Cuttable;
  /** Two steps: `plan` first, and `act` only with the plan's token. */
  readonly plan?: (clients: Clients, args: Json) => Promise<{ ok: true; plan: Plan } | Extract<Outcome, { ok: false }>>;
  readonly act: (clients: Clients, args: Json) => Promise<Outcome>;
}

/** The outcome of one client call, with the request ID and, for a 429, when to try again. */
export function outcomeOf(result: {
  readonly ok: boolean;
  readonly data?: unknown;
  readonly error?: ToolError;
  readonly requestId?: string;
  readonly response?: Response | undefined;
}): Outcome {
  if (result.ok) return { ok: true, data: result.data, requestId: result.requestId };
  const asked = retryAfter(result.response?.headers.get('retry-after') ?? null);
  const error = result.error!;
  const seconds = asked === undefined ? ('retryAfterSeconds' in error ? error.retryAfterSeconds : undefined) : Math.ceil(asked / 1000);
  return { ok: false, error, ...(seconds === undefined ? {} : { retryAfterSeconds: seconds }) };
}


/** An argument a tool refuses before anything is sent, named, with the rule it breaks. */
export const invalidArgument = (parameter: string, rule: string): InvalidArgument => ({ kind: 'invalid_input', parameter, rule, message: `Invalid input: ${parameter} ${rule}` });
