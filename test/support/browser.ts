import { existsSync } from 'node:fs';
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
