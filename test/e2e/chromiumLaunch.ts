import { chromium, type BrowserServer, type LaunchOptions } from 'playwright-core';
import { chromiumForTests } from '../setup/chromium';

/**
 * How the tests' Chromium is started: the browser `npm test`'s set-up step found
 * (test/setup), with the flags this machine's closed network needs. Kept apart from
 * browser.ts (which uses vitest's hooks) so vitest's global set-up can import it.
 */
export function chromiumLaunchOptions(): LaunchOptions {
  return {
    executablePath: chromiumForTests(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  };
}

/** One Chromium for a whole e2e run: each test file connects to it (browser.ts) instead of starting its own. */
export function launchChromiumServer(): Promise<BrowserServer> {
  return chromium.launchServer(chromiumLaunchOptions());
}
