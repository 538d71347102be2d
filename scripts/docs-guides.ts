// The guides (docs/*.md), rendered for the docs site from the Markdown that GitHub shows:
// one page per guide, under the landing page's policy and style. Links between guides
// become links between pages, a link to the README the landing page, and a link to any
// other file of the repository that file on GitHub; headings get GitHub's anchors, so a
// link to `errors.md#katapult-errors` lands on the page as it does on GitHub.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { Marked, Renderer, type Token, type Tokens } from 'marked';
import { escapeHtml, pageHead } from './docs-landing.js';
import { root } from './codegen/paths.js';

export interface Guide {
  /** The page's name: `client` for docs/client.md, rendered to client.html. */
  readonly name: string;
  /** The guide's first heading. */
  readonly title: string;
  /** The README's words for the guide, as inline HTML, where the README lists it. */
  readonly summary: string;
  readonly markdown: string;
}

/** The repository on GitHub, from package.json: where a link to a file that is no guide goes. */
function repositoryUrl(): string {
  const { repository } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { repository: { url: string } };
  return repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
}

/** GitHub's anchor for a heading's text (github-slugger): lower case, punctuation dropped,
 * each space a hyphen. */
export const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');

/** The plain text of inline tokens, as a heading's anchor is made from it. */
function plain(tokens: readonly Token[]): string {
  return tokens
    .map((token) => ('tokens' in token && token.tokens ? plain(token.tokens) : 'text' in token ? token.text : ''))
    .join('');
}

/** Each heading's anchor in a Markdown document, in order, numbered as GitHub numbers repeats. */
export function anchors(markdown: string): string[] {
  const seen = new Map<string, number>();
  return new Marked()
    .lexer(markdown)
    .filter((token): token is Tokens.Heading => token.type === 'heading')
    .map(({ tokens }) => {
      const base = slug(plain(tokens));
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      return count === 0 ? base : `${base}-${count}`;
    });
}

/** Where a link in `from` (a path from the repository's root) goes on the site. */
export function siteHref(href: string, from: string, repository = repositoryUrl()): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#')) return href;
  const [path = '', hash] = href.split('#');
  const target = posix.normalize(posix.join(posix.dirname(from), path));
  const guide = /^docs\/([^/]+)\.md$/.exec(target);
  if (guide) return `${guide[1]}.html${hash === undefined ? '' : `#${hash}`}`;
  if (target === 'README.md') return 'index.html';
  return `${repository}/blob/main/${target}${hash === undefined ? '' : `#${hash}`}`;
}

/** What the README's list of guides says of each: `- [Title](docs/x.md): words`. */
function readmeSummaries(): Map<string, string> {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Guides\n') + 1);
  const list = section.slice(0, section.indexOf('\n## '));
  const summaries = new Map<string, string>();
  for (const item of list.split(/\n- /).slice(1)) {
    const [, name, words = ''] = /^\[[^\]]*\]\(docs\/([\w-]+)\.md\):?([\s\S]*)$/.exec(item.trim()) ?? [];
    if (name) summaries.set(name, words.replace(/\s+/g, ' ').trim().replace(/^\.$/, ''));
  }
  return summaries;
}

/**
 * Every guide in docs/, in the order the README lists them, then any other in name order.
 */
export function guides(): Guide[] {
  const folder = join(root, 'docs');
  if (!existsSync(folder)) return [];
  const summaries = readmeSummaries();
  const order = [...summaries.keys()];
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return readdirSync(folder)
    .filter((file) => file.endsWith('.md'))
    .map((file) => {
      const name = file.slice(0, -'.md'.length);
      const markdown = readFileSync(join(folder, file), 'utf8');
      const title = /^# (.+)$/m.exec(markdown)?.[1] ?? name;
      const summary = summaries.get(name) ?? '';
      return { name, title: title.replace(/`/g, ''), summary: summary && inline(summary, 'README.md'), markdown };
    })
    .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

/** A Marked that rewrites links for the site, as seen from `from`, and gives headings GitHub's anchors. */
function markedFor(from: string): Marked {
  const repository = repositoryUrl();
  const seen = new Map<string, number>();
  return new Marked({
    gfm: true,
    async: false,
    walkTokens(token) {
      if (token.type === 'link') token.href = siteHref(token.href, from, repository);
    },
    renderer: {
      heading({ tokens, depth }) {
        const base = slug(plain(tokens));
        const count = seen.get(base) ?? 0;
        seen.set(base, count + 1);
        const id = count === 0 ? base : `${base}-${count}`;
        return `<h${depth} id="${id}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
      // Short code keeps to one line (a command's hyphens are no place to break it); a
      // long path may break after a slash.
      codespan({ text }) {
        if (text.length <= 40 && !text.includes('/')) return `<code class="nowrap">${escapeHtml(text)}</code>`;
        return `<code>${escapeHtml(text).replaceAll('/', '/<wbr>')}</code>`;
      },
      // Wide tables scroll inside their own box, not the page.
      table(token) {
        return `<div class="table">${Renderer.prototype.table.call(this, token)}</div>\n`;
      },
    },
  });
}

const inline = (markdown: string, from: string): string => markedFor(from).parseInline(markdown, { async: false });

/** A guide's page: the guide, with the way back to the landing page and to the other guides. */
export function guidePage(guide: Guide, all: readonly Guide[]): string {
  const body = markedFor(`docs/${guide.name}.md`).parse(guide.markdown, { async: false });
  const nav = all
    .map(({ name, title }) => (name === guide.name ? `<li aria-current="page">${escapeHtml(title)}</li>` : `<li><a href="${name}.html">${escapeHtml(title)}</a></li>`))
    .join('');
  return `${pageHead(`${guide.title} · Object storage APIs`)}
<body class="guide">
  <nav aria-label="Guides">
    <p class="small"><a href="index.html">← Object storage APIs</a>: install, a first call, and the API references</p>
    <ul class="guides">${nav}</ul>
  </nav>
  <main>
${body}  </main>
</body>
</html>
`;
}
