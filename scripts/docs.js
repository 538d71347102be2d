// Renders a Redoc page per API, and an index linking them, into dist/docs/ or the
// folder given. `--inlineBundle` embeds Redoc itself instead of loading it from a CDN,
// and the template's Content-Security-Policy stops anything else reaching the network.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apis, redoclyBin, root } from './paths.js';

// Redoc 3 has no option to expand operations or responses (Redoc 2's expandResponses is
// gone). These schemas and examples are small, so show them whole instead of behind
// `{ … }` and "Show n properties", and offer the spec files written next to each page.
const redocOptions = (api) => ({
  jsonSamplesExpandLevel: 'all',
  schemasExpansionLevel: 'all',
  downloadUrls: [
    { title: 'OpenAPI (YAML)', url: `${api}.yaml` },
    { title: 'OpenAPI (JSON)', url: `${api}.json` },
  ],
});

const escapeHtml = (text) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

export function docs(outDir = join(root, 'dist', 'docs')) {
  mkdirSync(outDir, { recursive: true });
  const entries = apis.map((api) => {
    const { info } = JSON.parse(readFileSync(join(root, 'generated', `${api}.json`), 'utf8'));
    execFileSync(
      process.execPath,
      [
        redoclyBin, 'build-docs', api, '--inlineBundle',
        '--template', join(root, 'scripts', 'docs-template.hbs'),
        '--openapi', JSON.stringify(redocOptions(api)),
        '--output', join(outDir, `${api}.html`),
      ],
      { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    for (const ext of ['yaml', 'json']) {
      copyFileSync(join(root, 'generated', `${api}.${ext}`), join(outDir, `${api}.${ext}`));
    }
    return { api, info };
  });
  writeFileSync(join(outDir, 'index.html'), indexPage(entries));
  return entries.map(({ api }) => `${api}.html`);
}

function indexPage(entries) {
  const items = entries
    .map(
      ({ api, info }) => `    <li>
      <h2><a href="${api}.html">${escapeHtml(info.title)}</a></h2>
      <p>${escapeHtml(info.summary ?? '')}</p>
      <p>API version ${escapeHtml(info.version)} · spec: <a href="${api}.yaml">${api}.yaml</a>, <a href="${api}.json">${api}.json</a></p>
    </li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Object storage API reference</title>
  <style>
    body { font: 16px/1.5 system-ui, sans-serif; max-width: 44rem; margin: 3rem auto; padding: 0 1rem; color: #222; }
    ul { list-style: none; padding: 0; }
    li { border-top: 1px solid #ddd; padding: 1rem 0; }
    h2 { margin: 0 0 .25rem; font-size: 1.25rem; }
    p { margin: .25rem 0; }
  </style>
</head>
<body>
  <h1>Object storage API reference</h1>
  <ul>
${items}
  </ul>
</body>
</html>
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const pages = docs(process.argv[2]);
  console.log(`docs: wrote index.html, ${pages.join(', ')}`);
}
