import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from './exec.js';

/** Builds dist/ before the files that use the built package run (the contract and gates
 * projects); a build from the same sources is kept, and a new one swapped in whole. */
export default function setup() {
  execFileSync(process.execPath, [createRequire(import.meta.url).resolve('tsx/cli'), join(root, 'scripts/compile.ts')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
