export interface Mock {
  readonly api: string;
  readonly url: string;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}
export function freePort(): Promise<number>;
export function startMock(api: 'katapult' | 'captain', options?: { port?: number; timeoutMs?: number }): Promise<Mock>;
