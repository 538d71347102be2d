// Renders a Redoc page per API, a page per guide (docs/*.md), and an index linking them,
// into dist/docs/ or the folder given. `--inlineBundle` embeds Redoc itself instead of
// loading it from a CDN, and the template's Content-Security-Policy stops anything else
// reaching the network.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { apis, redoclyBin, root, type Api } from './codegen/paths.js';
import type { Json } from './codegen/spec.js';
import { guidePage, guides, type Guide } from './docs-guides.js';
import { landingPage, type DocsEntry } from './docs-landing.js';
import { withCodeSamples } from './docs-samples.js';

// Redoc's sidebar credits Redocly with a logo it loads from a CDN, which the page's
// Content-Security-Policy refuses, logging an error. The same credit, drawn inline:
const logo = (text: string) =>
  `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="${12 + text.length * 7}" height="16"><text x="0" y="12" font-family="sans-serif" font-size="12" fill="#777">${text}</text></svg>`)}`;
const inlineLogos = (html: string) =>
  html
    .replaceAll('https://cdn.redoc.ly/redoc/logo-mini-full.svg', logo('Redocly'))
    .replaceAll('https://cdn.redoc.ly/redoc/logo-mini.svg', logo('R'));

// Redoc 3 has no option to expand operations or responses (Redoc 2's expandResponses is
// gone). These schemas and examples are small, so show them whole instead of behind
// `{ … }` and "Show n properties", and offer the spec files written next to each page.
const redocOptions = (api: Api) => ({
  // The code samples scripts/docs-samples.ts adds: this client first, then curl.
  codeSamples: { languages: [{ lang: 'JavaScript', label: 'TypeScript client' }, { lang: 'curl', label: 'curl' }] },
  jsonSamplesExpandLevel: 'all',
  schemasExpansionLevel: 'all',
  downloadUrls: [
    { title: 'OpenAPI (YAML)', url: `${api}.yaml` },
    { title: 'OpenAPI (JSON)', url: `${api}.json` },
  ],
});

/** The page's introduction opens with the way back to the landing page, and to the guides. */
const withBackLink = (doc: Json, guideList: readonly Guide[]): Json => {
  const links = guideList.map(({ name, title }) => `[${title}](${name}.html)`).join(' · ');
  const intro = `[← All the object storage docs: install, a first call, errors](index.html)${links ? `\n\nGuides: ${links}` : ''}`;
  return { ...doc, info: { ...doc.info, description: `${intro}\n\n${doc.info.description ?? ''}` } };
};

/** Renders the docs into `outDir` (default dist/docs) and returns the API pages' file names. */
export function docs(outDir = join(root, 'dist', 'docs')): string[] {
  mkdirSync(outDir, { recursive: true });
  const guideList = guides();
  const entries = apis.map((api): DocsEntry => {
    const doc: Json = JSON.parse(readFileSync(join(root, 'generated', `${api}.json`), 'utf8'));
    const { info } = doc;
    // The docs render a copy with code samples; the shipped bundle stays as it is.
    const withSamples = join(outDir, `.${api}.with-samples.json`);
    writeFileSync(withSamples, JSON.stringify(withBackLink(withCodeSamples(doc, api), guideList)));
    const page = join(outDir, `${api}.html`);
    try {
      execFileSync(
        process.execPath,
        [
          redoclyBin, 'build-docs', withSamples, '--inlineBundle',
          '--template', join(root, 'scripts', 'docs-template.hbs'),
          '--openapi', JSON.stringify(redocOptions(api)),
          '--output', page,
        ],
        { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
      );
    } finally {
      rmSync(withSamples, { force: true });
    }
    writeFileSync(page, inlineLogos(readFileSync(page, 'utf8')));
    for (const ext of ['yaml', 'json']) {
      copyFileSync(join(root, 'generated', `${api}.${ext}`), join(outDir, `${api}.${ext}`));
    }
    return { api, info };
  });
  for (const guide of guideList) writeFileSync(join(outDir, `${guide.name}.html`), guidePage(guide, guideList));
  writeFileSync(join(outDir, 'index.html'), landingPage(entries, guideList));
  return entries.map(({ api }) => `${api}.html`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const pages = docs(process.argv[2]);
  console.log(`docs: wrote index.html, ${pages.join(', ')} and ${guides().length} guides`);
}
