// The release gates' tools live in a package of their own, gates/ (its own lockfile), so a
// newcomer's `npm ci` stays lean: other teams' generators and linters, the breaking-change
// gate, the package checks and the runtimes of the matrix. The gates project of the tests
// calls this first. It installs them once per lockfile into a cache of the user's, shared
// by every clone, and links gates/node_modules to it: a fresh clone's first test run does
// not pay a minute's `npm ci` again.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './codegen/paths.js';

export const gatesDir = join(root, 'gates');

/** Resolves a gate tool's module from gates/ (`gatesRequire.resolve('newman')`). */
export const gatesRequire = createRequire(join(gatesDir, 'package.json'));

/** Where installs are kept: `$OBJECT_STORAGE_GATES_CACHE`, else the user's cache folder. */
export function gatesCache(env: NodeJS.ProcessEnv = process.env): string {
  return env.OBJECT_STORAGE_GATES_CACHE || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'object-storage-openapi', 'gates');
}

/** One install per lockfile (it holds the dependencies package.json asks for) and
 * platform (the runtimes are native binaries). */
function installKey(): string {
  const digest = createHash('sha256').update(readFileSync(join(gatesDir, 'package-lock.json'))).digest('hex');
  return `${process.platform}-${process.arch}-${digest.slice(0, 16)}`;
}

const complete = '.complete';

/** The cache folder, or, where it cannot be written (a read-only home), one inside gates/. */
function writableCache(log: (line: string) => void): string {
  const wanted = gatesCache();
  try {
    mkdirSync(wanted, { recursive: true });
    accessSync(wanted, constants.W_OK);
    return wanted;
  } catch (error) {
    const fallback = join(gatesDir, '.install');
    log(`gates: cannot write ${wanted} (${(error as NodeJS.ErrnoException).code ?? error}); installing into ${fallback} instead`);
    return fallback;
  }
}

/** Installs the gates' tools unless an install from gates/ lockfile as it is now is in the
 * cache, and points gates/node_modules at it. Gives whether it installed. */
export function ensureGates(log: (line: string) => void = (line) => console.error(line)): boolean {
  const cached = join(writableCache(log), installKey());
  const modules = join(gatesDir, 'node_modules');
  let installed = false;
  if (!existsSync(join(cached, complete))) {
    log(`gates: installing the release gates' tools into ${cached} (once per lockfile; npm ci, about a minute)`);
    // Into a folder of this process's, renamed into place when done: two runs at once
    // (two clones, say) never see half an install, and the loser's copy is dropped.
    const next = `${cached}.next-${process.pid}`;
    rmSync(next, { recursive: true, force: true });
    mkdirSync(next, { recursive: true });
    try {
      for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(gatesDir, file), join(next, file));
      // The tools' own warnings (several need a newer Node, which their gates run them on)
      // are theirs, not the package's: only errors are shown.
      execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: next, stdio: ['ignore', 'ignore', 'inherit'] });
      writeFileSync(join(next, complete), new Date().toISOString());
      if (!existsSync(join(cached, complete))) {
        rmSync(cached, { recursive: true, force: true });
        renameSync(next, cached);
      }
      installed = true;
    } finally {
      rmSync(next, { recursive: true, force: true });
    }
  }
  const target = join(cached, 'node_modules');
  const linked = (() => {
    try {
      return lstatSync(modules).isSymbolicLink() && readlinkSync(modules) === target;
    } catch {
      return false;
    }
  })();
  if (!linked) {
    // A folder left by an install in place (before the cache) or a link to another lockfile's.
    rmSync(modules, { recursive: true, force: true });
    symlinkSync(target, modules, 'dir');
  }
  return installed;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) ensureGates();
