// What a tool call gives back: everything in `structuredContent`, and the same as JSON
// text for clients that show only text. Results are bounded, secrets withheld unless
// allowed, and characters a reader cannot see are written as escapes.
import type { Json, Schema } from './json.js';
import type { ToolError } from './tool.js';

export interface CallToolResult {
  [key: string]: unknown;
  content: { type: 'text'; text: string }[];
  structuredContent: Json;
  isError?: boolean;
}

// Controls beyond the ones JSON escapes, and the characters that change or hide what a
// reader sees: soft hyphen, the combining grapheme joiner, the Hangul fillers, zero-width
// and joiners, bidi marks and overrides, line and paragraph separators, variation
// selectors (and their supplement), the BOM, the interlinear annotations, the musical formatting characters
// (U+1D173-1D17A) and the tag characters.
const invisible =
  /[\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]|\ud834[\udd73-\udd7a]|\udb40[\udc00-\udc7f\udd00-\uddef]/g;

/** JSON text in which every invisible or control character is a `\uXXXX` escape: the same
 * value to a parser, and plain to a reader. */
export function visibleJson(value: unknown): string {
  return JSON.stringify(value).replace(invisible, (char) => [...char].map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''));
}

export const withheldNote = 'withheld: start the server with --allow-secrets to see secrets the API returns';

/** The value with each member named in `secrets` replaced by a note; the names found. */
export function withhold(value: unknown, secrets: readonly string[], found = new Set<string>()): unknown {
  if (secrets.length === 0) return value;
  if (Array.isArray(value)) return value.map((item) => withhold(item, secrets, found));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, item]) => {
      if (secrets.includes(name) && item !== null && item !== undefined) {
        found.add(name);
        return [name, `[${withheldNote}]`];
      }
      return [name, withhold(item, secrets, found)];
    }),
  );
}

export function toolResult(structured: Json, isError = false): CallToolResult {
  return { content: [{ type: 'text', text: visibleJson(structured) }], structuredContent: structured, ...(isError ? { isError: true } : {}) };
}

/** An error member as the model sees it: kind, code, message, request ID, and what else
 * helps to act on it. */
export function errorResult(error: ToolError, secrets: readonly string[], retryAfterSeconds?: number): CallToolResult {
  // The members any kind may carry, read where they are there.
  const member = error as ToolError & {
    status?: number;
    code?: string;
    requestId?: string;
    parameter?: string;
    rule?: string;
    detail?: unknown;
    errors?: readonly string[];
    retryAfterSeconds?: number;
  };
  let retry = retryAfterSeconds ?? member.retryAfterSeconds;
  const permitted = (member.detail as { total_permitted?: unknown } | undefined)?.total_permitted;
  if (member.status === 429 && retry === undefined && typeof permitted === 'number' && permitted > 0) retry = Math.ceil(60 / permitted);
  const structured: Json = {
    error: withhold(
      {
        kind: member.kind,
        ...(member.code === undefined ? {} : { code: member.code }),
        ...(member.status === undefined ? {} : { status: member.status }),
        message: member.message,
        ...(member.requestId === undefined ? {} : { request_id: member.requestId }),
        ...(member.parameter === undefined ? {} : { parameter: member.parameter, rule: member.rule }),
        ...(retry === undefined ? {} : { retry_after_seconds: retry }),
        ...(member.detail === undefined || member.detail === null ? {} : { detail: member.detail }),
        ...(member.errors === undefined || member.errors.length === 0 ? {} : { errors: member.errors }),
      },
      secrets,
    ),
  };
  return toolResult(structured, true);
}

/** The longest array in a value, for cutting a result that is not a listing. */
function longestArray(value: unknown, best: unknown[] | undefined = undefined): unknown[] | undefined {
  if (Array.isArray(value)) {
    if (!best || value.length > best.length) best = value;
    for (const item of value) best = longestArray(item, best);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) best = longestArray(item, best);
  }
  return best;
}

export interface Cut {
  readonly shown: number;
  readonly of: number;
  readonly note: string;
}

/** What is cut, and what the note says about it. */
export interface CutWords {
  /** What the items are: `items`, `done items`. */
  readonly of: string;
  /** How to narrow the call, if anything narrows it. */
  readonly narrow?: string | undefined;
  /** Whether a cursor continues from the cut. */
  readonly cursor: boolean;
  /** What is kept whole, as a sentence, if the items are part of the result. */
  readonly kept?: string | undefined;
}

/**
 * Cuts the items of `structured`'s data (in place) to what fits in `maxChars` of JSON,
 * from `skip`, leaving `reserve` characters for the note and the cursor. Gives what was
 * cut, or undefined when all of it fits. Without `items`, the longest array is cut.
 */
export function bound(structured: Json, maxChars: number, items: unknown[] | undefined, skip: number, words: CutWords, reserve: number): Cut | undefined {
  const list = items ?? longestArray(structured.data);
  if (!list) return undefined;
  if (skip > 0) list.splice(0, skip);
  if (visibleJson(structured).length <= maxChars) return undefined;
  const all = list.splice(0);
  // The most items that fit, found by halving.
  let low = 0;
  let high = all.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    list.push(...all.slice(0, mid));
    const fits = visibleJson(structured).length + reserve <= maxChars;
    list.splice(0);
    if (fits) low = mid;
    else high = mid - 1;
  }
  list.push(...all.slice(0, low));
  const next = words.cursor ? `Pass next_cursor as cursor for the rest${words.narrow ? `, or ${words.narrow}` : ''}.` : words.narrow ? `To see fewer at once, ${words.narrow}.` : '';
  return {
    shown: low,
    of: all.length,
    note: [`Cut: ${low} of ${all.length} ${words.of} shown, to keep the result under ${maxChars} characters.`, words.kept, next].filter(Boolean).join(' '),
  };
}

export interface Cursor {
  readonly tool: string;
  /** The arguments of the page to fetch (the API's paging members). */
  readonly page: Json;
  /** Items of that page already shown. */
  readonly skip: number;
}

export const encodeCursor = (cursor: Cursor): string => Buffer.from(JSON.stringify(cursor)).toString('base64url');

export function decodeCursor(text: string): Cursor | undefined {
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    if (typeof cursor.tool === 'string' && typeof cursor.page === 'object' && cursor.page !== null && Number.isInteger(cursor.skip) && cursor.skip >= 0) return cursor;
  } catch {
    // refused below
  }
  return undefined;
}

/** What every error member holds, as a schema (a job's report lists errors). */
export const errorSchema: Schema = { type: 'object', properties: { kind: { type: 'string' }, message: { type: 'string' } }, required: ['kind', 'message'] };
