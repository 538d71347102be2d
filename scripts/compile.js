// Compiles src/ and generated/*.ts into dist/ with tsc, after clearing what an earlier
// build left there, then copies the generated validators, which are JavaScript already.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root } from './paths.js';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

for (const dir of ['dist/src', 'dist/generated']) rmSync(join(root, dir), { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
for (const file of readdirSync(join(root, 'generated')).filter((name) => /\.operations\.(js|d\.ts)$/.test(name))) {
  copyFileSync(join(root, 'generated', file), join(root, 'dist/generated', file));
}
