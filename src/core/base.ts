import type { AnyError } from './errors.js';
import type { OperationSpec, Reader } from './operation.js';
import type { CallOptions } from './options.js';
import { pagesOf } from './paging.js';
import { namer, place } from './placement.js';
import type { Result } from './result.js';
import { createTransport, type TransportOptions } from './transport.js';

/**
 * What every call of one API goes through, with no operation of its own: the base URL,
 * the credential, the transport with its retries, time limits and hooks, and how the API's
 * answers are read. Each operation is a function of a base (`getBucket(base, input)`), so
 * a bundler keeps only the operations a program calls.
 */
export interface Base<A extends string = string> {
  readonly api: A;
  /** Sends one operation with the caller's input, as its function does. */
  call(operation: OperationSpec, input: unknown, options?: CallOptions): Promise<Result<unknown, AnyError>>;
}

/** A base over a transport, reading answers with the API's reader. */
export function createBase<A extends string>(api: A, options: TransportOptions, reader: <T, E>(spec: OperationSpec) => Reader<T, E>): Base<A> {
  const send = createTransport(options);
  return {
    api,
    call: (operation, input, callOptions) => send({ spec: operation, ...place(operation, input), nameOf: namer(operation), read: reader(operation) }, callOptions),
  };
}

/** The walker's name for a listing that pages: `listAccessKeys` → `listAllAccessKeys`. */
export const walkerName = (operationId: string): string => `listAll${operationId.replace(/^list/, '')}`;

/**
 * Every item of a listing, fetched page by page as the loop asks for them, by the table's
 * paging. The walker takes the listing's input without its paging members, and the page
 * size under the walker's name for it. A failed page throws an `ApiRequestError`.
 */
export function walkAll<I>(base: Base, operation: OperationSpec, input: unknown, options?: CallOptions): AsyncGenerator<I, void, undefined> {
  const paging = operation.paging;
  if (!paging || paging.kind === 'single') throw new TypeError(`${operation.id} does not page`);
  const { [paging.kind === 'after' ? paging.walkSize : paging.size]: size, ...rest } = (input ?? {}) as Record<string, unknown>;
  return pagesOf<I>(operation, (next) => base.call(operation, { ...rest, [paging.size]: size, ...next }, options));
}

/** Every operation bound to a base as a method of its operationId, with a walker for
 * each listing that pages. */
export function bindAll(base: Base, operations: Readonly<Record<string, OperationSpec>>): Record<string, unknown> {
  const methods: Record<string, unknown> = {};
  for (const [name, operation] of Object.entries(operations)) {
    methods[name] = (input: unknown, options?: CallOptions) => base.call(operation, input, options);
    if (operation.paging && operation.paging.kind !== 'single') methods[walkerName(name)] = (input: unknown, options?: CallOptions) => walkAll(base, operation, input, options);
  }
  return methods;
}
