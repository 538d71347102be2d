export interface Front {
  readonly url: string;
  stop(): Promise<void>;
}
/** Starts the Katapult mock's front on 127.0.0.1, in front of the Prism mock at `target`. */
export function startKatapultFront(options: { target: string; port?: number }): Promise<Front>;
