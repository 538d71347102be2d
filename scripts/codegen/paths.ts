// Where the repository's parts live, for the build and dev scripts.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The repository's root folder, with a trailing slash. */
export const root = fileURLToPath(new URL('../..', import.meta.url));
export const apis = ['katapult', 'captain'] as const;
export type Api = (typeof apis)[number];
export const redoclyBin = require.resolve('@redocly/cli/bin/cli.js');
