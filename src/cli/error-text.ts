// An API's own error in words a person can act on, for text mode: the server's sentence
// first, its detail in words (never an object literal), then the code, the status and the
// request ID, and a hint where one helps. Everything here is read from the error's
// members (code, detail, errors, messages), never from its message. --json prints the
// error as it is, without any of this.
import type { AnyError } from '../core/errors.js';
import { cell, iso } from './values.js';

/** An API error, said in words. */
export interface ErrorText {
  /** The server's own sentence. */
  readonly sentence: string;
  /** The detail in words, a line each. */
  readonly notes: readonly string[];
  /** The code, the status and the request ID: `invalid_api_token, status 403, request ID …`. */
  readonly facts: string;
  /** What to do about it, when that is known. */
  readonly hint?: string;
}

type Detail = Record<string, unknown>;

/** A Katapult error, as the client gives it: the server's code, description and detail. */
interface KatapultError {
  readonly status: number;
  readonly code: string;
  readonly description: string | null;
  readonly detail: unknown;
  readonly requestId?: string;
}

/** A Captain error: the envelope's errors and messages. */
interface CaptainError {
  readonly status: number;
  readonly errors: readonly string[];
  readonly messages: readonly string[];
  readonly requestId?: string;
}

const isRecord = (value: unknown): value is Detail => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const texts = (value: unknown): string[] | undefined => (Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined);

/** A sentence ends with a full stop, unless it has its own. */
const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** `a`, `a and b`, `a, b and c`. */
const listed = (items: readonly string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/**
 * A detail of a shape no code below knows, as `name: value` lines: nested members by
 * their dotted names, lists of plain values joined, values as the tables show them.
 */
export function genericNotes(detail: unknown, prefix = ''): string[] {
  if (!isRecord(detail)) return detail === undefined || detail === null ? [] : [`${prefix || 'detail'}: ${cell(detail, prefix)}`];
  return Object.entries(detail).flatMap(([name, value]) => {
    const path = `${prefix}${name}`;
    if (isRecord(value)) return genericNotes(value, `${path}.`);
    if (Array.isArray(value) && !value.every((item) => item === null || typeof item !== 'object')) return value.flatMap((item, n) => genericNotes(isRecord(item) ? item : { [n]: item }, `${path}.${isRecord(item) ? `${n}.` : ''}`));
    return [`${path}: ${cell(value, name)}`];
  });
}

/** What a Katapult error's detail says, in words, by its code; undefined for a detail of
 * another shape, which is then said as `name: value` lines. */
const katapultNotes: Readonly<Record<string, (detail: Detail, flagOf: (parameter: string) => string | undefined) => string[] | undefined>> = {
  scope_not_granted: ({ scopes }) => {
    const names = texts(scopes);
    return names && names.length > 0 ? [`The token lacks the ${names.length === 1 ? 'scope' : 'scopes'} ${listed(names)}.`] : undefined;
  },
  unauthorized_network_for_api_token: ({ ip_address: address }) => (isText(address) ? [`The request came from ${address}, a network this token may not be used from.`] : undefined),
  rate_limit_reached: ({ total_permitted: limit }) => (typeof limit === 'number' ? [`The limit is ${limit} ${limit === 1 ? 'request' : 'requests'} a minute.`] : undefined),
  object_in_trash: ({ trash_object: trash }) => {
    if (trash === null) return [];
    if (!isRecord(trash) || typeof trash.keep_until !== 'number') return undefined;
    const what = [trash.object_type, trash.object_id].filter(isText).join(' ') || 'It';
    return [`${what} is in the trash${isText(trash.id) ? ` (entry ${trash.id})` : ''}, kept there until ${iso(new Date(trash.keep_until * 1000))}.`];
  },
  invalid_argument: ({ path, index, issue, issue_description: about, errors }, flagOf) => {
    const steps = texts(path);
    if (!steps || !isText(issue)) return undefined;
    const flag = flagOf(steps.join('.'));
    const where = [`The argument ${steps.join('.')}`, ...(typeof index === 'number' ? [`item ${index}`] : []), ...(flag ? [`set by ${flag}`] : [])].join(', ');
    const said = Array.isArray(errors) ? errors.flatMap((error) => (isText(error) ? [sentence(error)] : genericNotes(error))) : [];
    return [`${where}, has the issue ${issue}.`, ...(isText(about) ? [sentence(about)] : []), ...said];
  },
  missing_required_argument: ({ path }, flagOf) => {
    const steps = texts(path);
    if (!steps) return undefined;
    const flag = flagOf(steps.join('.'));
    return [`The argument ${steps.join('.')} is missing${flag ? `: ${flag} gives it` : ''}.`];
  },
  validation_error: ({ errors }) => texts(errors)?.map(sentence),
};

/** The notes of a Katapult detail: by its code, or a `details` text as it is, or nothing
 * for an empty one, or else `name: value` lines. */
function notesOf({ code, detail }: KatapultError, flagOf: (parameter: string) => string | undefined): string[] {
  if (!isRecord(detail)) return genericNotes(detail);
  const known = katapultNotes[code]?.(detail, flagOf);
  if (known) return known;
  const entries = Object.entries(detail);
  if (entries.length === 0) return [];
  // invalid_api_token, permission_denied, invalid_json_body and others carry `details`: text or null.
  if (entries.length === 1 && 'details' in detail) return isText(detail.details) ? [sentence(detail.details)] : [];
  return genericNotes(detail);
}

/** Where Katapult's API tokens are made: its console, for an organization or for a user. */
const madeWhere = "API tokens are made in the Katapult Console, under your organization's API tokens (or in your user settings)";

/** What to do about a Katapult error, for the codes where there is something to do. */
function katapultHint({ code, detail }: KatapultError): string | undefined {
  const given = isRecord(detail) ? detail : {};
  switch (code) {
    case 'missing_api_token':
    case 'invalid_api_token':
      return `set KATAPULT_API_TOKEN (or --token) to a token Katapult knows: ${madeWhere}; give it the scope object_storage.`;
    case 'scope_not_granted': {
      // The full scope covers its read-only sibling: `object_storage` grants `object_storage:read`.
      const wanted = (texts(given.scopes) ?? []).map((scope) =>
        scope.endsWith(':read') ? `${scope} (or ${scope.slice(0, -':read'.length)}, which covers it)` : `${scope} (it covers ${scope}:read too)`,
      );
      const them = wanted.length === 1 ? 'it' : 'them';
      return `give the token the ${wanted.length === 1 ? 'scope' : 'scopes'} ${listed(wanted)}, or set KATAPULT_API_TOKEN (or --token) to a token that has ${them}. ${madeWhere}.`;
    }
    case 'unauthorized_network_for_api_token':
      return `the token works only from the networks it allows: allow ${isText(given.ip_address) ? given.ip_address : 'this address'} in its settings in the Katapult Console, or use a token without that restriction.`;
    case 'rate_limit_reached':
      return 'wait a minute and try again.';
    case 'object_in_trash':
      return 'it cannot be changed through the API until it is restored from the trash.';
    default:
      return undefined;
  }
}

/** `invalid_api_token, status 403, request ID …`: the parts there are. */
const factsOf = (...parts: readonly (string | number | undefined)[]) => parts.filter((part) => part !== undefined).join(', ');

/** What to do about a Captain error: a refused credential has a hint; the rest speak for themselves. */
const captainHint = ({ status }: CaptainError) =>
  status === 401 ? 'check CAPTAIN_API_KEY (or --api-key) or CAPTAIN_TOKEN (or --token): an API key belongs to an organization or a project, and expires.' : undefined;

/**
 * An API's documented error in words: Katapult's by its code, description and detail;
 * Captain's by its envelope (its first error as the sentence, the other errors and the
 * messages after it). Undefined for every other error, whose message says it.
 * `flagOf` names the flag that sets an argument the server names.
 */
export function apiErrorText(error: AnyError, flagOf: (parameter: string) => string | undefined = () => undefined): ErrorText | undefined {
  if (error.kind !== 'api') return undefined;
  const member = error as AnyError & Partial<KatapultError> & Partial<CaptainError>;
  const requestId = member.requestId === undefined ? undefined : `request ID ${member.requestId}`;
  const status = typeof member.status === 'number' ? `status ${member.status}` : undefined;
  if (typeof member.code === 'string') {
    const katapult = member as KatapultError;
    const hint = katapultHint(katapult);
    return {
      sentence: isText(katapult.description) ? sentence(katapult.description) : `Katapult answered ${katapult.code}, without a description.`,
      notes: notesOf(katapult, flagOf),
      facts: factsOf(katapult.code, status, requestId),
      ...(hint ? { hint } : {}),
    };
  }
  if (Array.isArray(member.errors) && Array.isArray(member.messages)) {
    const captain = member as CaptainError;
    const [first, ...others] = [...captain.errors, ...captain.messages].filter(isText);
    const hint = captainHint(captain);
    return {
      sentence: first ? sentence(first) : 'Captain answered that the request failed, without saying why.',
      notes: others.map(sentence),
      facts: factsOf(status, requestId),
      ...(hint ? { hint } : {}),
    };
  }
  return undefined;
}
