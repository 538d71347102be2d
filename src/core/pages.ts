import { ApiRequestError, failureMessage, type AnyError } from './errors.js';
import type { Result } from './result.js';

/** What one page gives: its items, and where the next page starts (undefined when the
 * page says there is none). */
export interface Turn<I, C> {
  readonly items: readonly I[];
  readonly more: boolean;
  readonly next: C | undefined;
}

/**
 * Walks a paged list: `fetchPage(cursor)` gets a page, `turn` reads it. Stops after the
 * last page. A server that says "more" without moving on would loop forever, so a page
 * that leads back to the cursor it was asked with throws instead, before its items are
 * handed out a second time. A failed page throws an `ApiRequestError`.
 */
export async function* walk<D, I, C>(
  fetchPage: (cursor: C | undefined) => Promise<Result<D, AnyError>>,
  turn: (data: D) => Turn<I, C>,
  route: { readonly method: string; readonly path: string; readonly id?: string },
): AsyncGenerator<I, void, undefined> {
  let cursor: C | undefined;
  for (;;) {
    const page = await fetchPage(cursor);
    if (!page.ok) throw new ApiRequestError(page.error);
    const { items, more, next } = turn(page.data);
    if (more && (next === undefined || JSON.stringify(next) === JSON.stringify(cursor))) {
      const message = failureMessage('status 200, next page did not advance', route.method, route.path, page.requestId);
      const contentType = page.response.headers.get('content-type');
      throw new ApiRequestError({ kind: 'unexpected_response', status: page.status, contentType, text: '', violations: [], ...(route.id === undefined ? {} : { operationId: route.id }), message });
    }
    yield* items;
    if (!more) return;
    cursor = next;
  }
}
