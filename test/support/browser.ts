import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';

/** The Chromium to drive: `CHROMIUM_PATH`, else Debian's. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Whether the browser suites can run. Outside CI a missing browser skips them, with a
 * hint; under `CI=true` they run, and fail, so a CI without a browser cannot pass.
 */
export function browserAvailable(): boolean {
  if (existsSync(chromiumPath) || process.env.CI === 'true') return true;
  console.warn(`Skipping the browser tests: no Chromium at ${chromiumPath}. Install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  return false;
}

/**
 * Headless Chromium. Without the background-networking flags it keeps trying to reach
 * Google's services, which floods a closed network.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Serves a page's files, by path, from a loopback origin of their own (apart from any
 * API's): the page's calls are then cross-origin. Close it with `close()`. */
export async function servePage(files: Readonly<Record<string, string>>): Promise<{ readonly port: number; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://page').pathname;
    const body = files[path];
    if (body === undefined) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': path.endsWith('.js') ? 'text/javascript' : 'text/html' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
