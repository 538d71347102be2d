import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from './exec.js';

/** Compiles dist/ once, before any test file runs: the package, example and runtime tests
 * all use the built package, and compiling from two files at once would race. */
export default function setup() {
  execFileSync(process.execPath, [join(root, 'scripts/compile.js')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
