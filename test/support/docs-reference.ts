// An API's reference page, as a reader meets it: opened from the landing page's link with
// the network cut off; every operation with its summary, method, path and code samples,
// nothing clipped at 1280 and 1920 px; every error status with its description and
// examples. test/docs-katapult.test.ts and test/docs-captain.test.ts run it, one API each.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  available,
  clippedCode,
  documentedOperations,
  docsBrowser,
  escapeRegExp,
  exampleMarks,
  guideList,
  openOffline,
  readSpec,
  responseSample,
  screenshots,
  showOperation,
  waitForRedoc,
  widths,
  type OpenedPage,
} from './docs-pages.js';

const expected = {
  katapult: { operations: 16, errorStatuses: 9, errorExamples: 29, mark: exampleMarks.katapult },
  captain: { operations: 5, errorStatuses: 4, errorExamples: 5, mark: exampleMarks.captain },
} as const;

export function referencePageTests(api: keyof typeof expected): void {
  const { context: browserContext, dir: outDir } = docsBrowser();
  const { operations: operationCount, errorStatuses, errorExamples, mark } = expected[api];
  describe.skipIf(!available)(`${api} docs page`, () => {
    const operations = documentedOperations(readSpec(api));
    const errors = operations.flatMap((operation) => operation.errors);

    // Both browser tests below read the same page, opened once: loading and hydrating a
    // 2.6 MB Redoc page is most of what they cost on a loaded 2-core machine.
    // It is opened as a reader does, from the landing page's link.
    let shared: OpenedPage | undefined;
    const { title } = readSpec(api).info;
    const apiPage = async (): Promise<OpenedPage> => {
      if (!shared) {
        shared = await openOffline(browserContext(), join(outDir, 'index.html'), 1280, false);
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
}
