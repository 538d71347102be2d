// What the docs tests share: what the bundled specs document, and how a reader's browser
// opens and drives the built pages. The site is built once per run (test/support/docs-setup.ts).
import { mkdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, inject, onTestFinished, vi } from 'vitest';
import { guides } from '../../scripts/docs-guides.js';
import { browserAvailable, launchChromium } from './browser.js';
import { loadSpec } from './specs.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The docs site, built once for the run. */
    docsDir: string;
  }
}

// ---- What the bundled specs document ----

interface Example {
  readonly summary?: string;
  readonly value: unknown;
}
interface ResponseObject {
  readonly description: string;
  readonly content?: Record<string, { readonly examples?: Record<string, Example> }>;
}
interface OperationObject {
  readonly operationId: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly responses: Record<string, ResponseObject | { readonly $ref: string }>;
}
interface Spec {
  readonly info: { readonly title: string };
  readonly paths: Record<string, Record<string, unknown>>;
  readonly components?: { readonly responses?: Record<string, ResponseObject> };
}

interface DocumentedError {
  readonly status: string;
  readonly description: string;
  /** Each named example, with the label Redoc's example picker shows for it. */
  readonly examples: readonly { readonly name: string; readonly label: string; readonly value: unknown }[];
}
export interface DocumentedOperation {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly errors: readonly DocumentedError[];
}

const httpMethods = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

export const readSpec = (api: 'katapult' | 'captain'): Spec => loadSpec(api) as Spec;

function resolveResponse(spec: Spec, response: ResponseObject | { readonly $ref: string }): ResponseObject {
  if (!('$ref' in response)) return response;
  const resolved = spec.components?.responses?.[response.$ref.replace('#/components/responses/', '')];
  if (!resolved) throw new Error(`cannot resolve ${response.$ref}`);
  return resolved;
}

export function documentedOperations(spec: Spec): DocumentedOperation[] {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => httpMethods.has(method))
      .map(([method, operation]) => {
        const { operationId, summary, tags, responses } = operation as OperationObject;
        const errors = Object.entries(responses)
          .filter(([status]) => Number(status) >= 400)
          .map(([status, response]) => {
            const { description, content } = resolveResponse(spec, response);
            const examples = Object.entries(content?.['application/json']?.examples ?? {}).map(([name, example]) => ({
              name,
              label: example.summary ?? name,
              value: example.value,
            }));
            return { status, description, examples };
          });
        return { operationId, method: method.toUpperCase(), path, summary, tag: tags[0] ?? '', errors };
      }),
  );
}

/** The text that identifies an error example once Redoc shows it as a JSON sample. */
export const exampleMarks = {
  katapult: (value: unknown) => `"code": ${JSON.stringify((value as { error: { code: string } }).error.code)}`,
  captain: (value: unknown) => JSON.stringify((value as { errors: string[] }).errors[0]),
};

// ---- Driving the rendered pages ----

export interface OpenedPage {
  readonly page: Page;
  /** Uncaught exceptions, and console errors but those about the requests aborted. */
  readonly errors: string[];
  /** Every http(s) request the page tried, all of them aborted. */
  readonly requests: { readonly url: string; readonly type: string }[];
  /** What the page's Content-Security-Policy stopped before it reached the network. */
  readonly blockedByPolicy: string[];
}

const policyViolation = /^Loading the \w+ '(.+)' violates the following Content Security Policy directive/;

/** Opens `file` with the network cut off. The page closes when the test ends, or, with
 * `closeWithTest: false`, when the caller closes it. */
export async function openOffline(context: BrowserContext, file: string, width = 1400, closeWithTest = true): Promise<OpenedPage> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 1000 });
  if (closeWithTest) onTestFinished(() => page.close());
  const opened: OpenedPage = { page, errors: [], requests: [], blockedByPolicy: [] };
  page.on('pageerror', (error) => opened.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const blocked = policyViolation.exec(message.text());
    if (blocked) opened.blockedByPolicy.push(blocked[1]!);
    else if (!opened.requests.some(({ url }) => url === message.location().url)) opened.errors.push(message.text());
  });
  await page.route(/^https?:\/\//, (route) => {
    opened.requests.push({ url: route.request().url(), type: route.request().resourceType() });
    return route.abort();
  });
  await page.goto(pathToFileURL(file).href);
  return opened;
}

/** Redoc's HTML is prerendered: links and tabs only work once React has hydrated it. */
export async function waitForRedoc(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    Object.keys(document.querySelector('#redoc > *') ?? {}).some((key) => key.startsWith('__reactFiber')),
  );
}

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (text: string) => new RegExp(`^${escapeRegExp(text)}$`);

/**
 * Opens an operation the way a reader does, from the sidebar, and returns its section.
 * Redoc 3 renders a tag's operations collapsed and mounts sections lazily, as they
 * scroll into view.
 */
export async function showOperation(page: Page, operation: DocumentedOperation): Promise<Locator> {
  const sidebarLink = page.getByRole('link', { name: new RegExp(`^${escapeRegExp(operation.summary)}`) });
  const heading = page.locator('h2').filter({ hasText: exactly(operation.summary) });
  // Once in CI, on a loaded machine, the click landed and the section never mounted:
  // Redoc's scroll-spy, still handling the scroll of the operation before, can move the
  // route back. A reader clicks again; so does this, a few times, then says what it saw.
  let tries = 0;
  await vi
    .waitFor(
      async () => {
        tries += 1;
        if (!(await sidebarLink.isVisible())) await page.getByRole('link', { name: operation.tag, exact: true }).click({ timeout: 5_000 });
        await sidebarLink.click({ timeout: 5_000 });
        await heading.waitFor({ timeout: 5_000 });
      },
      { timeout: 40_000, interval: 250 },
    )
    .catch(async (error: unknown) => {
      const shown = await page.locator('h2').allInnerTexts();
      throw new Error(`"${operation.summary}" never showed after ${tries} clicks; the page is at ${new URL(page.url()).hash} and shows ${JSON.stringify(shown)}`, { cause: error });
    });
  // Redoc marks each rendered section, the operation's included, with data-section-id.
  const section = heading.locator('xpath=ancestor::*[@data-section-id][1]');
  await section.scrollIntoViewIfNeeded();
  return section;
}

/** The selected response's JSON sample, in the right-hand panel. */
export const responseSample = (section: Locator) =>
  section.getByTestId('right-panel').filter({ hasText: /^Response\d/ }).getByTestId('json-viewer');


/**
 * What is clipped in the code blocks under `scope`: a block whose text runs past its edge
 * (behind a scrollbar or cut off), and text that a copy button covers. Each as a line that
 * names the block.
 */
export function clippedCode(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const problems: string[] = [];
    const blocks = [...root.querySelectorAll('pre, [data-testid="json-viewer"]')].filter((block) => block.getBoundingClientRect().width > 0);
    for (const block of blocks) {
      const name = (block.textContent ?? '').trim().slice(0, 50).replace(/\s+/g, ' ');
      const box = block.getBoundingClientRect();
      if (block.scrollWidth > block.clientWidth + 1) problems.push(`${name}: scrolls ${block.scrollWidth - block.clientWidth}px sideways`);
      const copy = block.closest('[data-component-name="CodeBlock/CodeBlock"], [data-component-name="JsonViewer/JsonViewer"], [data-testid="right-panel"]')?.querySelectorAll('[data-testid="copy-button"]') ?? [];
      const buttons = [...copy].map((button) => button.getBoundingClientRect()).filter((rect) => rect.width > 0);
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) {
          if (rect.width === 0) continue;
          if (rect.right > box.right + 1 || rect.left < box.left - 1) problems.push(`${name}: "${node.textContent.trim().slice(0, 30)}" runs past the edge`);
          if (buttons.some((button) => rect.left < button.right && rect.right > button.left && rect.top < button.bottom && rect.bottom > button.top)) {
            problems.push(`${name}: the copy button covers "${node.textContent.trim().slice(0, 30)}"`);
          }
        }
      }
    }
    return [...new Set(problems)];
  });
}

/** Where the docs tests leave screenshots of every page, for a person to look at: the
 * folder DOCS_SCREENSHOTS names. Unset, they take none (a full-page screenshot of each
 * page at two widths is most of what the tests would cost). */
export const screenshots = process.env.DOCS_SCREENSHOTS || undefined;
if (screenshots) mkdirSync(screenshots, { recursive: true });

/** The guides (docs/*.md), each a page beside the references. */
export const guideList = guides();
export const widths = [1280, 1920] as const;

export const available = browserAvailable();

/** Chromium for one test file, launched before its tests and closed after; one context for
 * its pages (a new context per page cost half a second each). */
export function docsBrowser(): { readonly context: () => BrowserContext; readonly dir: string } {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    if (!available) return;
    browser = await launchChromium();
    context = await browser.newContext();
  });
  afterAll(() => browser?.close());
  return { context: () => context!, dir: inject('docsDir') };
}
