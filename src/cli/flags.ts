// How a command's flags and an operation's input meet, by the operation's row of the
// table: the flag a refusal names, and the flags that ask for the next page.
import { pageOf } from '../core/paging.js';
import type { Row } from '../core/table.js';
import { shellQuote } from './values.js';

/** The flag that sets a parameter, as the client names it in a refusal (`bucket.name` →
 * `--bucket`; a lookup with two flags, both). */
export function flagOf(row: Row): (parameter: string) => string | undefined {
  return (parameter) => {
    // A mirrored body names its members after `body.`; the flags set them by their own names.
    const name = row.operation.placement === 'body' && parameter.startsWith('body.') ? parameter.slice('body.'.length) : parameter;
    const exact = row.flags.find((flag) => flag.sets.join('.') === name);
    if (exact) return exact.flag.split(' ')[0];
    const inside = row.flags.filter((flag) => flag.sets.join('.').startsWith(`${name}.`)).map((flag) => flag.flag.split(' ')[0]!);
    if (inside.length > 0) return inside.length === 1 ? inside[0] : `${inside[0]} (or ${inside.slice(1).join(', ')})`;
    const around = row.flags.find((flag) => name.startsWith(`${flag.sets.join('.')}.`));
    return around ? `${around.flag.split(' ')[0]} (${name})` : undefined;
  };
}

/** For a page of a listing: the flags that get the next one, when the server says more exist. */
export function morePages(row: Row): ((data: unknown) => string | undefined) | undefined {
  const paging = row.operation.paging;
  if (!paging || paging.kind === 'single') return undefined;
  return (data) => {
    const { next } = pageOf(paging, data);
    if (!next) return undefined;
    const flags = Object.entries(next)
      .map(([member, value]) => `${row.flags.find((flag) => flag.sets.length === 1 && flag.sets[0] === member)?.flag.split(' ')[0] ?? member} ${shellQuote(String(value))}`)
      .join(' ');
    if (paging.kind === 'after') return `${flags} for the next page, or --all for every page.`;
    const { current_page: page, total_pages: pages } = (data as Record<string, { current_page: number; total_pages: number | null }>)[paging.pagination]!;
    return `this is page ${page}${pages === null ? '' : ` of ${pages}`}; ${flags} for the next, or --all for every page.`;
  };
}

