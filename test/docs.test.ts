import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { loadSpec } from './support/specs.js';
import { docs } from '../scripts/docs.js';
import { guides } from '../scripts/docs-guides.js';
import { browserAvailable, launchChromium } from './support/browser.js';

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
interface DocumentedOperation {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly errors: readonly DocumentedError[];
}

const httpMethods = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

const readSpec = (api: 'katapult' | 'captain'): Spec => loadSpec(api) as Spec;

function resolveResponse(spec: Spec, response: ResponseObject | { readonly $ref: string }): ResponseObject {
  if (!('$ref' in response)) return response;
  const resolved = spec.components?.responses?.[response.$ref.replace('#/components/responses/', '')];
  if (!resolved) throw new Error(`cannot resolve ${response.$ref}`);
  return resolved;
}

function documentedOperations(spec: Spec): DocumentedOperation[] {
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
const exampleMarks = {
  katapult: (value: unknown) => `"code": ${JSON.stringify((value as { error: { code: string } }).error.code)}`,
  captain: (value: unknown) => JSON.stringify((value as { errors: string[] }).errors[0]),
};

// ---- Driving the rendered pages ----

interface OpenedPage {
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
async function openOffline(context: BrowserContext, file: string, width = 1400, closeWithTest = true): Promise<OpenedPage> {
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
async function waitForRedoc(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    Object.keys(document.querySelector('#redoc > *') ?? {}).some((key) => key.startsWith('__reactFiber')),
  );
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (text: string) => new RegExp(`^${escapeRegExp(text)}$`);

/**
 * Opens an operation the way a reader does, from the sidebar, and returns its section.
 * Redoc 3 renders a tag's operations collapsed and mounts sections lazily, as they
 * scroll into view.
 */
async function showOperation(page: Page, operation: DocumentedOperation): Promise<Locator> {
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
const responseSample = (section: Locator) =>
  section.getByTestId('right-panel').filter({ hasText: /^Response\d/ }).getByTestId('json-viewer');


/**
 * What is clipped in the code blocks under `scope`: a block whose text runs past its edge
 * (behind a scrollbar or cut off), and text that a copy button covers. Each as a line that
 * names the block.
 */
function clippedCode(scope: Locator): Promise<string[]> {
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
const screenshots = process.env.DOCS_SCREENSHOTS || undefined;
if (screenshots) mkdirSync(screenshots, { recursive: true });

// ---- The tests ----

const apis = [
  { api: 'katapult', operations: 16, errorStatuses: 9, errorExamples: 29, mark: exampleMarks.katapult },
  { api: 'captain', operations: 5, errorStatuses: 4, errorExamples: 5, mark: exampleMarks.captain },
] as const;

let browser: Browser;
// One context for the file's pages: a new context per page cost half a second each.
let context: BrowserContext;
let outDir: string;

const available = browserAvailable();

beforeAll(async () => {
  if (!available) return;
  outDir = mkdtempSync(join(tmpdir(), 'docs-test-'));
  docs(outDir);
  browser = await launchChromium();
  context = await browser.newContext();
});

afterAll(async () => {
  await browser?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe.skipIf(!available)('docs index', () => {
  it('teaches: install, a first call, the error model', async () => {
    const { page, errors, blockedByPolicy } = await openOffline(context, join(outDir, 'index.html'));
    const text = await page.locator('body').innerText();
    expect(text).toContain('npm install object-storage-openapi');
    expect(text).toContain('const result = await katapult.getBucket({');
    for (const kind of ['api', 'invalid_input', 'unexpected_response', 'network', 'timeout', 'aborted', 'credential']) expect(text).toMatch(new RegExp(`^${kind}\\t`, 'm'));
    expect(errors).toEqual([]);
    expect(blockedByPolicy).toEqual([]);
  });
});

// The guides (docs/*.md), each a page beside the references.
const guideList = guides();
const widths = [1280, 1920] as const;

describe.skipIf(!available)('guides', () => {
  it('has a page for every guide in docs/', () => {
    expect(guideList.length).toBeGreaterThanOrEqual(12);
    for (const { name } of guideList) expect(existsSync(join(outDir, `${name}.html`)), name).toBe(true);
  });

  it('the landing page links to every guide, and its link opens the guide', async () => {
    const { page, errors, requests } = await openOffline(context, join(outDir, 'index.html'));
    for (const { name, title } of guideList) {
      const link = page.getByRole('link', { name: title, exact: true });
      expect(await link.getAttribute('href'), title).toBe(`${name}.html`);
    }
    await page.getByRole('link', { name: guideList[0]!.title, exact: true }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe(guideList[0]!.title);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  });

  // Each guide opened once, then looked at in both widths.
  it.each(guideList.map(({ name }) => name))(`%s: opens with no network, no error and nothing blocked; its links reach pages and headings; at ${widths.join(' and ')} px no code is clipped and the page does not scroll sideways`, async (name) => {
    const guide = guideList.find((each) => each.name === name)!;
    const opened = await openOffline(context, join(outDir, `${name}.html`), widths[0]);
    const { page } = opened;
    expect(await page.locator('h1').innerText()).toBe(guide.title);
    // The way back, and to every other guide.
    expect(await page.getByRole('link', { name: /Object storage APIs/ }).getAttribute('href')).toBe('index.html');
    expect(await page.locator('nav a').count()).toBe(guideList.length);
    // Every link to another page of the site reaches one, and its anchor a heading there.
    const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((link) => link.getAttribute('href')!));
    for (const href of hrefs.filter((each) => !/^[a-z]+:/i.test(each))) {
      const [file, hash] = href.split('#');
      const target = file || `${name}.html`;
      expect(existsSync(join(outDir, target)), `${name}: ${href}`).toBe(true);
      if (hash && target !== 'index.html') expect(readFileSync(join(outDir, target), 'utf8'), `${name}: ${href}`).toContain(` id="${hash}"`);
    }
    const problems: string[] = [];
    for (const width of widths) {
      await page.setViewportSize({ width, height: 1000 });
      problems.push(...(await clippedCode(page.locator('main'))).map((problem) => `${width} px: ${problem}`));
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (sideways > 0) problems.push(`${width} px: the page scrolls ${sideways}px sideways`);
      if (screenshots) await page.screenshot({ path: join(screenshots, `guide-${name}-${width}.png`), fullPage: true });
    }
    expect(problems).toEqual([]);
    expect(opened.errors).toEqual([]);
    expect(opened.requests).toEqual([]);
    expect(opened.blockedByPolicy).toEqual([]);
  });
});

describe.skipIf(!available).each(widths)('at %i px wide, nothing is clipped', (width) => {
  it('the landing page: every block shows whole', async () => {
    const { page, errors } = await openOffline(context, join(outDir, 'index.html'), width);
    expect(await page.locator('pre').count()).toBeGreaterThanOrEqual(3);
    expect(await clippedCode(page.locator('body'))).toEqual([]);
    expect(await page.locator('body').innerText()).not.toMatch(/Node 20\.19\+ and 22\. Node/);
    if (screenshots) await page.screenshot({ path: join(screenshots, `landing-${width}.png`), fullPage: true });
    expect(errors).toEqual([]);
  });
});

describe.skipIf(!available).each(apis)('$api docs page', ({ api, operations: operationCount, errorStatuses, errorExamples, mark }) => {
  const operations = documentedOperations(readSpec(api));
  const errors = operations.flatMap((operation) => operation.errors);

  // Both browser tests below read the same page, opened once: loading and hydrating a
  // 2.6 MB Redoc page is most of what they cost on a loaded 2-core machine.
  // It is opened as a reader does, from the landing page's link.
  let shared: OpenedPage | undefined;
  const { title } = readSpec(api).info;
  const apiPage = async (): Promise<OpenedPage> => {
    if (!shared) {
      shared = await openOffline(context, join(outDir, 'index.html'), 1280, false);
      const link = shared.page.getByRole('link', { name: title, exact: true });
      expect(await link.getAttribute('href')).toBe(`${api}.html`);
      await link.click();
      await shared.page.waitForURL(`**/${api}.html`);
      await waitForRedoc(shared.page);
    }
    return shared;
  };
  afterAll(() => shared?.page.close());

  // 2.6 MB of prerendered HTML: on a loaded 2-core machine, more than the default 20 s.
  it('opens from the landing page with no network', async () => {
    const { page, errors: pageErrors, requests } = await apiPage();
    await expect.poll(() => page.locator('h1').innerText()).toContain(title);
    expect(pageErrors).toEqual([]);
    expect(requests).toEqual([]);
  }, 60_000);

  it('documents the expected operations and errors in the bundled spec', () => {
    expect(operations).toHaveLength(operationCount);
    expect(new Set(errors.map(({ status }) => status)).size).toBe(errorStatuses);
    expect(new Set(errors.flatMap(({ examples }) => examples.map(({ name }) => name))).size).toBe(errorExamples);
  });

  if (api === 'katapult') {
    it('names each error example after its code', () => {
      const examples = errors.flatMap(({ examples }) => examples);
      expect(examples.map(({ value }) => (value as { error: { code: string } }).error.code)).toEqual(examples.map(({ name }) => name));
    });
  }

  // At the two widths people read at: every operation, with both of its code samples and
  // its response example whole (no code scrolled out of sight, none under a copy button),
  // and the curl sample showing the credential it needs. Each operation is opened once and
  // each sample checked at both widths, the viewport resized between, which costs half the
  // clicks of a page per width.
  it('renders every operation with its summary, method, path and code samples, nothing clipped, at 1280 and 1920 px', async () => {
    const { page, errors: pageErrors, requests, blockedByPolicy } = await apiPage();
    await page.setViewportSize({ width: widths[0], height: 1000 });
    expect(await page.getByRole('link', { name: /All the object storage docs/ }).getAttribute('href')).toBe('index.html');
    // The description also leads to each guide.
    for (const { name, title } of guideList) expect(await page.locator(`a[href="${name}.html"]`).allInnerTexts(), name).toEqual([title]);
    const credential = api === 'katapult' ? /^ {2}-H "Authorization: Bearer \$KATAPULT_API_TOKEN"/m : /^ {2}-H "x-api-key: \$CAPTAIN_API_KEY"/m;
    const clipped: string[] = [];
    let width: number = widths[0];
    const resize = async (to: number) => {
      if (to === width) return;
      await page.setViewportSize({ width: to, height: 1000 });
      width = to;
    };
    for (const [n, operation] of operations.entries()) {
      const section = await showOperation(page, operation);
      const text = await section.innerText();
      expect(text).toContain(operation.summary);
      expect(text).toMatch(new RegExp(`${operation.method}\\s+${escapeRegExp(operation.path)}`));
      // Redoc's request-samples panel: its language picker and its code.
      const samples = section.locator('.panel-request-samples');
      const code = samples.getByTestId('source-code');
      const picker = samples.getByRole('button', { name: /^(TypeScript client|curl)$/ });
      // Redoc keeps the language picked last for every operation: the one shown first, then
      // the other, costs one pick per operation.
      const shown = (await picker.innerText()).trim();
      for (const language of shown === 'curl' ? ['curl', 'TypeScript client'] : ['TypeScript client', 'curl']) {
        if ((await picker.innerText()).trim() !== language) {
          await picker.click();
          await page.getByRole('menuitem', { name: language, exact: true }).click();
        }
        // The client sample calls the operation; the curl one sends the credential.
        if (language === 'curl') await expect.poll(() => code.innerText()).toMatch(credential);
        else await expect.poll(() => code.innerText()).toContain(`${api}.${operation.operationId}(`);
        // Both widths, the one the page is at first, so each sample costs one resize.
        for (const at of width === widths[0] ? widths : [...widths].reverse()) {
          await resize(at);
          // In the page, at once: Playwright's scrollIntoViewIfNeeded first waits for the
          // section to hold still over two frames, which cost a fifth of this test.
          await section.evaluate((element) => element.scrollIntoView({ block: 'nearest' }));
          clipped.push(...(await clippedCode(section)).map((problem) => `${operation.operationId}, ${language}, ${at} px: ${problem}`));
          if (n === 0 && screenshots) await page.screenshot({ path: join(screenshots, `${api}-${language === 'curl' ? 'curl' : 'client'}-${at}.png`) });
        }
      }
    }
    expect(clipped).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(requests).toEqual([]);
    expect(blockedByPolicy).toEqual([]);
  }, 150_000);

  it('renders every error status with its description and each of its examples', async () => {
    const { page, errors: pageErrors } = await apiPage();
    // Each documented response (status and description) is opened once, under the first
    // operation that documents it: many operations share the same 429, say.
    const picked = new Set<string>();
    const opened = new Set<string>();
    for (const operation of operations) {
      const fresh = operation.errors.filter(({ status, description }) => !opened.has(`${status} ${description}`));
      if (fresh.length === 0) continue;
      const section = await showOperation(page, operation);
      for (const { status, description, examples } of fresh) {
        opened.add(`${status} ${description}`);
        const tab = section.getByRole('tab', { name: status, exact: true });
        await tab.click();
        await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
        await expect.poll(() => section.innerText()).toContain(description.replace(/`/g, '').trim());
        for (const example of examples) {
          if (picked.has(`${status} ${example.name}`)) continue;
          picked.add(`${status} ${example.name}`);
          if (examples.length > 1) {
            await section.getByRole('button', { name: 'Example' }).click();
            await page.getByRole('menuitem', { name: example.label, exact: true }).click();
          }
          await expect.poll(() => responseSample(section).innerText()).toContain(mark(example.value));
        }
      }
    }
    expect(picked.size).toBeGreaterThanOrEqual(errorExamples);
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
