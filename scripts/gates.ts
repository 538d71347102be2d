// The release gates' tools live in a package of their own, gates/ (its own lockfile), so a
// newcomer's `npm ci` stays lean: other teams' generators and linters, the breaking-change
// gate, the package checks and the runtimes of the matrix. This installs it when it is
// missing or its lockfile changed since, and does nothing otherwise; the gates project of
// the tests and `npm run breaking` call it first.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './codegen/paths.js';

export const gatesDir = join(root, 'gates');

/** Resolves a gate tool's module from gates/ (`gatesRequire.resolve('newman')`). */
export const gatesRequire = createRequire(join(gatesDir, 'package.json'));

/** What gates/node_modules was installed from: its lockfile's digest. */
const stamp = join(gatesDir, 'node_modules/.installed-from');
const digest = () => createHash('sha256').update(readFileSync(join(gatesDir, 'package-lock.json'))).digest('hex');

/** Installs gates/ with `npm ci` unless it is installed from its lockfile as it is now.
 * Gives whether it installed. */
export function ensureGates(log: (line: string) => void = (line) => console.error(line)): boolean {
  const wanted = digest();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return false;
  log('gates: installing the release gates\' tools into gates/node_modules (once; npm ci, about a minute)');
  // The tools' own warnings (several need a newer Node, which their gates run them on) are
  // theirs, not the package's: only errors are shown.
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: gatesDir, stdio: ['ignore', 'ignore', 'inherit'] });
  writeFileSync(stamp, wanted);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) ensureGates();
