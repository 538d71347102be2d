/** Bundles both APIs into `outDir` (default generated/) as YAML and JSON. */
export function bundle(outDir?: string): void;
