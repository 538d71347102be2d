export const catalogue: unknown[];
export function exampleRequests(spec: any, bodies?: any): Record<string, any>;
export function exampleRequests(spec: any, bodies: any, options: { every: true }): Record<string, any[]>;
export function places(value: unknown, path?: (string | number)[]): (string | number)[][];
export function setAt(value: any, path: readonly (string | number)[], replacement: unknown): any;
export function narrowedInputs(baseline: any, current: any): string[];
