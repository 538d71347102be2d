// The same calls made through the standalone functions of `…/katapult/operations` and
// `…/captain/operations` (one function per operation, of a base) instead of the clients'
// methods: tests that hold for the clients run through these too, so the two cannot drift.
import * as captain from '../../src/captain/operations.js';
import { walkerName } from '../../src/core/base.js';
import type { OperationSpec } from '../../src/core/operation.js';
import { createCaptainClient, createKatapultClient, type CaptainClient, type CaptainClientOptions, type KatapultClient, type KatapultClientOptions } from '../../src/index.js';
import * as katapult from '../../src/katapult/operations.js';

type Module = Record<string, unknown> & { readonly operations: Readonly<Record<string, OperationSpec>> };

/** A method per operation function the entry exports (walkers included), each calling it with the base. */
function bound<C>(module: Module, base: unknown): C {
  const names = Object.entries(module.operations).flatMap(([id, { paging }]) => [id, ...(paging && paging.kind !== 'single' ? [walkerName(id)] : [])]);
  const methods: Record<string, unknown> = {};
  for (const name of names) {
    const call = module[name];
    if (typeof call !== 'function') throw new Error(`the operations entry exports no function ${name}`);
    methods[name] = (input: unknown, options?: unknown) => call(base, input, options);
  }
  return methods as C;
}

export interface Surface {
  readonly katapult: (options: KatapultClientOptions) => KatapultClient;
  readonly captain: (options: CaptainClientOptions) => CaptainClient;
}

/** The two ways to call: the clients' methods, and the standalone functions of a base. */
export const surfaces: Readonly<Record<'the client' | 'the standalone functions', Surface>> = {
  'the client': { katapult: createKatapultClient, captain: createCaptainClient },
  'the standalone functions': {
    katapult: (options) => bound(katapult as unknown as Module, katapult.createKatapultBase(options)),
    captain: (options) => bound(captain as unknown as Module, captain.createCaptainBase(options)),
  },
};
