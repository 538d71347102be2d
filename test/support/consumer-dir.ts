import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './exec.js';

/** A temp project where `object-storage-openapi` resolves to this package, built in dist/,
 * as it would once installed. */
export function consumerDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(root, join(dir, 'node_modules/object-storage-openapi'), 'dir');
  symlinkSync(join(root, 'node_modules/openapi-fetch'), join(dir, 'node_modules/openapi-fetch'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  return dir;
}

/** The runtimes, from their npm packages in gates/. Deno and workerd come as their Linux x64
 * packages themselves: the registry here serves no other platform's, which their
 * wrapper packages list as optional and npm ci would then miss from the lockfile. */
export const runtimeBinaries = {
  node22: join(root, 'gates/node_modules/node22/bin/node'),
  node24: join(root, 'gates/node_modules/node24/bin/node'),
  bun: join(root, 'gates/node_modules/bun/bin/bun.exe'),
  deno: join(root, 'gates/node_modules/@deno/linux-x64-glibc/deno'),
  workerd: join(root, 'gates/node_modules/@cloudflare/workerd-linux-64/bin/workerd'),
};
