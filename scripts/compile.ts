// Compiles src/ and generated/ into dist/ with tsc. The new build goes into a folder of
// its own and is swapped in when done, so a program running from dist/ meanwhile (a CLI, a
// test) never finds it missing; and a build from the very same sources is not redone.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { root } from './codegen/paths.js';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const dist = join(root, 'dist');
const parts = ['src', 'generated'] as const;

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]));

/** What the build is made from: every source file's path and bytes, and the configuration. */
function inputs(): string {
  const hash = createHash('sha256');
  for (const file of [join(root, 'tsconfig.json'), join(root, 'tsconfig.build.json'), ...files(join(root, 'src')), ...files(join(root, 'generated')).filter((file) => file.endsWith('.ts'))].sort()) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

const stamp = join(dist, '.compiled-from');

export function compile({ force = false } = {}): boolean {
  const wanted = inputs();
  if (!force && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted && parts.every((part) => existsSync(join(dist, part)))) return false;
  mkdirSync(dist, { recursive: true });
  // Beside dist/, at the same depth, so the source maps' relative paths hold once moved in.
  const next = join(root, `.dist-next-${process.pid}`);
  rmSync(next, { recursive: true, force: true });
  try {
    execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', next], { cwd: root, stdio: 'inherit' });
    for (const part of parts) {
      const old = join(dist, `.old-${part}-${process.pid}`);
      if (existsSync(join(dist, part))) renameSync(join(dist, part), old);
      renameSync(join(next, part), join(dist, part));
      rmSync(old, { recursive: true, force: true });
    }
    writeFileSync(stamp, wanted);
  } finally {
    rmSync(next, { recursive: true, force: true });
  }
  return true;
}

compile({ force: process.argv.includes('--force') });
