export function requestValidators(doc: unknown): Record<string, ((data: unknown) => boolean) & { errors?: unknown[] | null }>;
export function generateValidators(specDir?: string, outDir?: string): Promise<void>;
