// The pinned Node 22 and 24 packages (node22, node24) each declare a `node` bin, so npm
// links node_modules/.bin/node to one of them, and every `npm run`/`npm test` would then
// run on that Node instead of the machine's. Run as `prepare` (local installs only, never
// a consumer's): removes that link, so the suite runs on the Node that ran npm. The
// runtime matrix reaches Node 22 and 24 through their packages' own paths.
import { lstatSync, readlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const link = join(root, 'node_modules/.bin/node');
try {
  if (lstatSync(link).isSymbolicLink() && /(^|[\\/])node(22|24)[\\/]/.test(readlinkSync(link))) rmSync(link);
} catch (error) {
  if (error.code !== 'ENOENT') throw error;
}
