/** Renders the docs into `outDir` (default dist/docs) and returns the API pages' file names. */
export function docs(outDir?: string): string[];
