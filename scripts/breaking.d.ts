export interface Verdict {
  readonly api: string;
  readonly before: string;
  readonly after: string;
  readonly breaking: readonly string[];
  readonly ok: boolean;
  readonly reason: string;
}
export function breakingChanges(output: string): string[];
export function gate(api: string, currentPath?: string, baselinePath?: string): Promise<Verdict>;
