import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root } from './exec.js';

/** Compiles dist/ once, before any test file runs: the package, example and runtime tests
 * all use the built package, and compiling from two files at once would race. */
export default function setup() {
  execFileSync(process.execPath, [createRequire(import.meta.url).resolve('tsx/cli'), join(root, 'scripts/compile.ts')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
