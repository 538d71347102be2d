import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

export const root = fileURLToPath(new URL('..', import.meta.url));
export const apis = ['katapult', 'captain'];
export const redoclyBin = require.resolve('@redocly/cli/bin/cli.js');
