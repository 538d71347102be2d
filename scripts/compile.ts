// Compiles src/ and generated/ into dist/ with tsc, after clearing what an earlier build
// left there.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root } from './codegen/paths.js';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

for (const dir of ['dist/src', 'dist/generated']) rmSync(join(root, dir), { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
