import type { AnyError } from './errors.js';
import type { OperationSpec, Paging } from './operation.js';
import { walk, type Turn } from './pages.js';
import type { Result } from './result.js';

const at = (data: unknown, path: readonly string[]): unknown => path.reduce<unknown>((node, step) => (node as Record<string, unknown> | null | undefined)?.[step], data);

/**
 * One page of a listing, read by the table's paging: its items, whether the server says
 * more exist, and the input members that ask for the next page. The one rule for "is
 * there another page?": the client's walkers, the jobs, the CLI's hint and the MCP
 * cursor all use it.
 */
export function pageOf(paging: Paging, data: unknown): Turn<unknown, Record<string, unknown>> {
  const items = (at(data, paging.items) ?? []) as readonly unknown[];
  if (paging.kind === 'single') return { items, more: false, next: undefined };
  if (paging.kind === 'pagination') {
    const pages = at(data, [paging.pagination]) as { current_page: number; total_pages: number | null; per_page: number } | undefined;
    if (!pages) return { items, more: false, next: undefined };
    // `total_pages` is null for a large set: then a short page is the last one.
    const more = pages.total_pages === null ? items.length > 0 && items.length >= pages.per_page : pages.current_page < pages.total_pages;
    return { items, more, next: more ? { [paging.page]: pages.current_page + 1 } : undefined };
  }
  const more = at(data, paging.more) === true;
  const last = items.at(-1) as Record<string, unknown> | undefined;
  return { items, more, next: more && last ? Object.fromEntries(Object.entries(paging.next).map(([member, from]) => [member, last[from]])) : undefined };
}

/**
 * Every item of a listing, page by page: `fetchPage(next)` gets the page that the input
 * members `next` ask for (undefined for the first). Stops after the last page; a failed
 * page throws an `ApiRequestError`.
 */
export function pagesOf<I>(operation: OperationSpec, fetchPage: (next: Record<string, unknown> | undefined) => Promise<Result<unknown, AnyError>>): AsyncGenerator<I, void, undefined> {
  const { paging } = operation;
  if (!paging) throw new TypeError(`${operation.id} does not list items`);
  return walk(fetchPage, (data) => pageOf(paging, data) as Turn<I, Record<string, unknown>>, operation);
}
