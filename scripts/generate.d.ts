/** Generates TypeScript types from the bundled specs in `specDir` into `outDir`. */
export function generate(specDir?: string, outDir?: string): Promise<void>;
