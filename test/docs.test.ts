// The docs site as a reader meets it: the landing page and the guides, opened in Chromium
// with the network cut off. The API reference pages have files of their own
// (docs-katapult, docs-captain), so that the two workers share the browser's work.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { available, clippedCode, docsBrowser, guideList, openOffline, screenshots, widths } from './support/docs-pages.js';

const { context: browserContext, dir: outDir } = docsBrowser();

describe.skipIf(!available)('docs index', () => {
  it('teaches: install, a first call, the error model', async () => {
    const { page, errors, blockedByPolicy } = await openOffline(browserContext(), join(outDir, 'index.html'));
    const text = await page.locator('body').innerText();
    expect(text).toContain('npm install object-storage-openapi');
    expect(text).toContain('const result = await katapult.getBucket({');
    for (const kind of ['api', 'invalid_input', 'unexpected_response', 'network', 'timeout', 'aborted', 'credential']) expect(text).toMatch(new RegExp(`^${kind}\\t`, 'm'));
    expect(errors).toEqual([]);
    expect(blockedByPolicy).toEqual([]);
  });
});

// The guides (docs/*.md), each a page beside the references.
describe.skipIf(!available)('guides', () => {
  it('has a page for every guide in docs/', () => {
    expect(guideList.length).toBeGreaterThanOrEqual(12);
    for (const { name } of guideList) expect(existsSync(join(outDir, `${name}.html`)), name).toBe(true);
  });

  it('the landing page links to every guide, and its link opens the guide', async () => {
    const { page, errors, requests } = await openOffline(browserContext(), join(outDir, 'index.html'));
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
    const opened = await openOffline(browserContext(), join(outDir, `${name}.html`), widths[0]);
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
    const { page, errors } = await openOffline(browserContext(), join(outDir, 'index.html'), width);
    expect(await page.locator('pre').count()).toBeGreaterThanOrEqual(3);
    expect(await clippedCode(page.locator('body'))).toEqual([]);
    expect(await page.locator('body').innerText()).not.toMatch(/Node 20\.19\+ and 22\. Node/);
    if (screenshots) await page.screenshot({ path: join(screenshots, `landing-${width}.png`), fullPage: true });
    expect(errors).toEqual([]);
  });
});
