import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { documentedCases, loadSpec } from './support/specs.js';
import type * as Client from '../src/index.js';
import { browserAvailable, launchChromium, servePage } from './support/browser.js';

const root = fileURLToPath(new URL('..', import.meta.url));

const pageHtml = `<!doctype html>
<meta charset="utf-8">
<title>object-storage client</title>
<script type="module">
  import * as client from './client.js';
  window.objectStorageClient = client;
</script>
`;

/** Bundles the client for the browser, as an app's bundler would. */
async function bundleClient(outDir: string): Promise<string> {
  const outfile = join(outDir, 'client.js');
  await build({ entryPoints: [join(root, 'src', 'index.ts')], bundle: true, format: 'esm', platform: 'browser', outfile, logLevel: 'silent' });
  return readFileSync(outfile, 'utf8');
}


/** A response example from the bundled spec: the one named, or the first, which Prism serves by default. */
function documentedExample(api: 'katapult' | 'captain', operationId: string, status: string, name?: string): Record<string, any> {
  const found = documentedCases(loadSpec(api)).find(
    (c) => c.operationId === operationId && c.status === Number(status) && (name === undefined || c.example === name),
  );
  if (!found) throw new Error(`${api} documents no example for ${operationId} ${status} ${name ?? ''}`);
  return found.value as Record<string, unknown>;
}

type Call =
  | { readonly api: 'katapult'; readonly baseUrl: string; readonly prefer?: string; readonly body: Client.RevokePresignedUrlsInput }
  | { readonly api: 'captain'; readonly baseUrl: string; readonly prefer?: string; readonly input: Client.ListObjectVersionsInput };

/** A call's result as plain JSON, with what the browser sent and got. */
interface Outcome {
  readonly ok: boolean;
  readonly status: number | undefined;
  readonly data: unknown;
  readonly error: Record<string, unknown> | undefined;
  /** `cors` when the browser read a cross-origin response under CORS. */
  readonly responseType: string | undefined;
  readonly requestUrl: string | undefined;
}

/** Makes one call through the bundled client, inside the page. */
function callInPage(page: Page, call: Call): Promise<Outcome> {
  return page.evaluate(async (call) => {
    const { createKatapultClient, createCaptainClient } = (window as unknown as { objectStorageClient: typeof Client })
      .objectStorageClient;
    let requestUrl: string | undefined;
    // The mocks serve the documented case that `Prefer` names.
    const fetchWithPrefer = (request: Request) => {
      requestUrl = request.url;
      if (call.prefer) request.headers.set('Prefer', call.prefer);
      return fetch(request);
    };
    const result =
      call.api === 'katapult'
        ? await createKatapultClient({ token: 'test-token', baseUrl: call.baseUrl, fetch: fetchWithPrefer }).revokePresignedUrls(call.body)
        : await createCaptainClient({ baseUrl: call.baseUrl, auth: { apiKey: 'test-key' }, fetch: fetchWithPrefer }).listObjectVersions(
            call.input,
          );
    const { response } = result;
    return {
      ok: result.ok,
      status: response?.status,
      data: result.ok ? result.data : undefined,
      // A network failure's cause is an Error, which JSON cannot carry.
      error: result.ok ? undefined : { ...result.error, ...('cause' in result.error ? { cause: String(result.error.cause) } : {}) },
      responseType: response?.type,
      requestUrl,
    };
  }, call);
}

interface Preflight {
  readonly url: string;
  readonly method: string | undefined;
  /** The request headers asked for, sorted. */
  readonly headers: readonly string[];
}

/** A fresh context per test, so Chromium's preflight cache cannot hide a preflight. */
async function openClientPage(browser: Browser, origin: string): Promise<{ page: Page; preflights: Preflight[] }> {
  const context = await browser.newContext();
  onTestFinished(() => context.close());
  const page = await context.newPage();
  const preflights: Preflight[] = [];
  // Playwright does not report CORS preflights; the DevTools protocol does.
  const devtools = await context.newCDPSession(page);
  await devtools.send('Network.enable');
  devtools.on('Network.requestWillBeSent', ({ request }) => {
    if (request.method !== 'OPTIONS') return;
    const asked = request.headers['Access-Control-Request-Headers'];
    preflights.push({
      url: request.url,
      method: request.headers['Access-Control-Request-Method'],
      headers: typeof asked === 'string' ? asked.split(',').sort() : [],
    });
  });
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => 'objectStorageClient' in window);
  return { page, preflights };
}

const revokeBody = { object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'backups' } };
const location = { projectId: 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6', bucket: 'holiday-photos', key: 'photos/2021/beach day.jpg' };
const katapultUrl = inject('katapultMockUrl');
const captainUrl = inject('captainMockUrl');
const revokeUrl = `${katapultUrl}/object_storage/object_storage_cluster/buckets/bucket/revoke_presigned_urls`;
const versionsUrl = `${captainUrl}/api/v1/projects/${location.projectId}/buckets/holiday-photos/objects/photos%2F2021%2Fbeach%20day.jpg`;

let browser: Browser;
let page: Awaited<ReturnType<typeof servePage>> | undefined;
let bundleDir: string | undefined;
let pageOrigin: string;

const available = browserAvailable();

beforeAll(async () => {
  if (!available) return;
  bundleDir = mkdtempSync(join(tmpdir(), 'client-bundle-'));
  page = await servePage({ '/': pageHtml, '/client.js': await bundleClient(bundleDir) });
  pageOrigin = `http://127.0.0.1:${page.port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await page?.close();
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
});

describe.skipIf(!available)('the client bundled for the browser, in Chromium, against mocks on other origins', () => {
  it('revokes presigned URLs after a CORS preflight', async () => {
    const { page, preflights } = await openClientPage(browser, pageOrigin);
    const outcome = await callInPage(page, { api: 'katapult', baseUrl: katapultUrl, body: revokeBody });
    expect(outcome).toMatchObject({ ok: true, status: 200, responseType: 'cors', requestUrl: revokeUrl });
    expect(outcome.data).toEqual(documentedExample('katapult', 'revokePresignedUrls', '200'));
    expect(preflights).toEqual([{ url: revokeUrl, method: 'POST', headers: ['authorization', 'content-type'] }]);
  });

  it('reads a documented Katapult error', async () => {
    const { page, preflights } = await openClientPage(browser, pageOrigin);
    const prefer = 'code=403, example=scope_not_granted';
    const outcome = await callInPage(page, { api: 'katapult', baseUrl: katapultUrl, prefer, body: revokeBody });
    const { code, description, detail } = documentedExample('katapult', 'revokePresignedUrls', '403', 'scope_not_granted').error;
    expect(outcome).toMatchObject({ ok: false, status: 403, responseType: 'cors' });
    expect(outcome.error).toMatchObject({ kind: 'api', status: 403, code: 'scope_not_granted' });
    expect(outcome.error).toMatchObject({ code, description, detail });
    expect(preflights).toEqual([{ url: revokeUrl, method: 'POST', headers: ['authorization', 'content-type', 'prefer'] }]);
  });

  it("lists an object's versions, the key sent as one encoded path segment", async () => {
    const { page, preflights } = await openClientPage(browser, pageOrigin);
    const outcome = await callInPage(page, { api: 'captain', baseUrl: captainUrl, input: location });
    expect(outcome).toMatchObject({ ok: true, status: 200, responseType: 'cors', requestUrl: versionsUrl });
    expect(outcome.data).toEqual(documentedExample('captain', 'listObjectVersions', '200'));
    expect(preflights).toEqual([{ url: versionsUrl, method: 'GET', headers: ['x-api-key'] }]);
  });

  it('reads a documented Captain error', async () => {
    const { page, preflights } = await openClientPage(browser, pageOrigin);
    const outcome = await callInPage(page, { api: 'captain', baseUrl: captainUrl, prefer: 'code=404', input: location });
    const { errors, messages } = documentedExample('captain', 'listObjectVersions', '404');
    expect(outcome).toMatchObject({ ok: false, status: 404, responseType: 'cors' });
    expect(outcome.error).toMatchObject({ kind: 'api', status: 404, errors, messages });
    expect(preflights).toEqual([{ url: versionsUrl, method: 'GET', headers: ['prefer', 'x-api-key'] }]);
  });
});
