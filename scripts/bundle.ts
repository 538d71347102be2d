// Bundles each API's multi-file source into one self-contained document, written as
// `<api>.yaml` and `<api>.json` (the same document) into generated/ or the folder given.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { apis, redoclyBin, root } from './codegen/paths.js';

/** Bundles the specs under `from` (a folder holding redocly.yaml and openapi/) into `outDir`. */
export function bundle(outDir = join(root, 'generated'), from = root): void {
  mkdirSync(outDir, { recursive: true });
  for (const api of apis) {
    const yamlFile = join(outDir, `${api}.yaml`);
    execFileSync(process.execPath, [redoclyBin, 'bundle', api, '--output', yamlFile], {
      cwd: from,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const document = parse(readFileSync(yamlFile, 'utf8'));
    writeFileSync(join(outDir, `${api}.json`), `${JSON.stringify(document, null, 2)}\n`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  bundle(process.argv[2]);
  console.log(`bundle: wrote ${apis.map((api) => `${api}.yaml, ${api}.json`).join(', ')}`);
}
