import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's headless Chromium. Without the background-networking flags it keeps trying
 * to reach Google's services, which floods a closed network.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
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
