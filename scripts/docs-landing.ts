// The docs' landing page: what the package is, how to install it, a first call, the error
// model, and a link to each API's reference and each guide. Plain HTML, nothing loaded
// from anywhere; the guides' pages (scripts/docs-guides.ts) share its policy and style.

/** An API's reference, as the landing page lists it: its name and the spec's `info`. */
export interface DocsEntry {
  readonly api: string;
  readonly info: { readonly title: string; readonly summary?: string; readonly version: string };
}

/** A guide as the landing page lists it (scripts/docs-guides.ts's Guide). */
interface GuideItem {
  readonly name: string;
  readonly title: string;
  readonly summary: string;
}

const entities = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => entities[c as keyof typeof entities]);

const quickStart = `import { createKatapultClient } from 'object-storage-openapi';

const katapult = createKatapultClient({
  token: process.env.KATAPULT_API_TOKEN!,
  baseUrl: 'https://api.katapult.io/core/v1', // the default
});
const result = await katapult.getBucket({
  object_storage_cluster: { region: 'uk-lon-1' },
  bucket: { name: 'backups' },
});

if (result.ok) {
  console.log(result.data.object_storage_bucket.object_count);
} else if (result.error.kind === 'api') {
  console.error(result.error.code, result.error.requestId);
} else {
  console.error(result.error.message);
}`;

/** The pages' policy: nothing but their own inline styles. */
export const contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";

/** The pages' style sheet, inlined in each. */
export const pageStyle = `
    body { font: 16px/1.55 system-ui, sans-serif; max-width: 52rem; margin: 2.5rem auto; padding: 0 1rem; color: #1f2328; }
    h1 { font-size: 1.9rem; margin-bottom: .25rem; }
    h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid #d8dee4; padding-bottom: .25rem; }
    h3 { font-size: 1.1rem; }
    ul.apis h3 { margin: 0 0 .25rem; }
    /* Code wraps rather than hide behind a scrollbar. */
    pre { background: #f6f8fa; border: 1px solid #d8dee4; border-radius: 6px; padding: .75rem 1rem; font-size: .9rem; white-space: pre-wrap; overflow-wrap: anywhere; }
    code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
    code.nowrap { white-space: nowrap; }
    :not(pre) > code { background: #eff1f3; padding: .1em .3em; border-radius: 4px; font-size: .9em; }
    ul.apis { list-style: none; padding: 0; }
    ul.apis li { border: 1px solid #d8dee4; border-radius: 6px; padding: .75rem 1rem; margin: .75rem 0; }
    table { border-collapse: collapse; width: 100%; font-size: .95rem; }
    td { border-top: 1px solid #d8dee4; padding: .35rem .5rem; vertical-align: top; }
    .small { font-size: .85rem; color: #59636e; margin: .25rem 0 0; }
    .lead { font-size: 1.1rem; color: #3d444d; margin-top: 0; }
    th { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #d8dee4; vertical-align: bottom; }
    a { color: #0969da; }
    /* A guide's page: wider, for its tables; a wide table scrolls in its own box. */
    body.guide { max-width: 60rem; }
    .table { overflow-x: auto; margin: 1rem 0; }
    nav ul.guides { list-style: none; padding: 0; margin: .25rem 0 1.5rem; font-size: .9rem; display: flex; flex-wrap: wrap; gap: .25rem 1rem; border-bottom: 1px solid #d8dee4; padding-bottom: .5rem; }
    nav [aria-current] { font-weight: 600; }
    ul.guide-list li { margin: .35rem 0; }
  `;

const errorKinds: readonly (readonly [kind: string, when: string])[] = [
  ['api', 'a documented error of the API, typed by status and code (Katapult) or with the envelope’s errors (Captain)'],
  ['invalid_input', 'an input breaks a rule of the spec; nothing was sent'],
  ['unexpected_response', 'a body the spec does not describe, with where it breaks the schema'],
  ['network', 'refused, reset or unreachable, with the system’s code (ECONNREFUSED …)'],
  ['timeout', 'an attempt, or the whole call, ran out of time'],
  ['aborted', 'your AbortSignal stopped the call'],
  ['credential', 'your credential function failed, with its error as the cause'],
];

/** The landing page: `entries` are the API references, `guides` the guides' pages (name, title, summary as HTML). */
/** A page's doctype and head, the site's policy and style in it; `title` is plain text. */
export function pageHead(title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}">
  <title>${escapeHtml(title)}</title>
  <style>${pageStyle}</style>
</head>`;
}

export function landingPage(entries: readonly DocsEntry[], guides: readonly GuideItem[] = []): string {
  const apis = entries
    .map(
      ({ api, info }) => `      <li>
        <h3><a href="${api}.html">${escapeHtml(info.title)}</a></h3>
        <p>${escapeHtml(info.summary ?? '')}</p>
        <p class="small">API description ${escapeHtml(info.version)} · <a href="${api}.yaml">${api}.yaml</a> · <a href="${api}.json">${api}.json</a></p>
      </li>`,
    )
    .join('\n');
  const guideItems = guides
    .map(({ name, title, summary }) => `      <li><a href="${name}.html">${escapeHtml(title)}</a>${summary ? `: ${summary}` : ''}</li>`)
    .join('\n');
  const kinds = errorKinds.map(([kind, when]) => `        <tr><td><code>${kind}</code></td><td>${escapeHtml(when)}</td></tr>`).join('\n');
  return `${pageHead('Object storage APIs: Katapult and Captain')}
<body>
  <h1>Object storage APIs</h1>
  <p class="lead">OpenAPI descriptions and a typed TypeScript client for the object storage of Krystal’s Katapult Core API and GjirafaTech’s Captain Storage API, with the jobs people run with them, a fake of both APIs for tests, a CLI and an MCP server.</p>

  <h2>The API references</h2>
  <ul class="apis">
${apis}
  </ul>

  <h2>Guides</h2>
  <ul class="guide-list">
${guideItems}
  </ul>

  <h2>Install</h2>
  <pre><code>npm install object-storage-openapi</code></pre>
  <p>ESM; <code>require()</code> loads it too, on Node 20.19 and later. It runs on Node 20.19+, 22 and 24, Bun, Deno, Cloudflare Workers and browsers. Keep API tokens on a server: do not ship them to a browser.</p>

  <h2>A first call</h2>
  <pre><code>${escapeHtml(quickStart)}</code></pre>
  <p>Every operation of both APIs is a method; every method’s reference section shows it with this client and with curl.</p>

  <h2>Errors are values</h2>
  <p>A call never rejects: it resolves to <code>{ ok: true, data }</code> or <code>{ ok: false, error }</code>, and <code>error.kind</code> says what happened. Every result carries the server’s <code>requestId</code> and <code>rateLimit</code> when it sent them; every message names the method, the URL and the request ID.</p>
  <table>
${kinds}
  </table>

  <h2>From a terminal</h2>
  <pre><code>export KATAPULT_API_TOKEN=…
npx object-storage-openapi katapult revoke-across-buckets backups logs --yes
npx object-storage-openapi --help</code></pre>
</body>
</html>
`;
}
