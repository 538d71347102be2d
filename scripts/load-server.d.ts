import type { ObjectVersion } from '../src/index.js';

export const loadCredentials: { readonly captainKey: string; readonly katapultToken: string };
export function expectedVersions(key: string, maxKeys: number): ObjectVersion[];
export interface LoadServer {
  readonly url: string;
  /** What the server answered: listings, revokes, and requests it refused. */
  readonly stats: { readonly list: number; readonly revoke: number; readonly rejected: number };
  close(): Promise<void>;
}
export function startLoadServer(options?: { port?: number }): Promise<LoadServer>;
