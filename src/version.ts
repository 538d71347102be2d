// The package's version, read from its package.json: the nearest one up from this module
// that names this package (from dist/src/, or bundled elsewhere in tests).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const { name, version } = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (name === 'object-storage-openapi' && version) return version;
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}

export const version = packageVersion();
