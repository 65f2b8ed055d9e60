import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Debian's Chromium, launched the way this machine's closed network needs. Playwright gives
 * every launch a fresh, empty profile of its own.
 */
export const CHROMIUM = process.env.LAYERMAP_CHROMIUM ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set LAYERMAP_CHROMIUM.`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
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
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/** Fails the test on any page error or CSP violation, which would otherwise pass silently. */
export function watchForPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

/** Where screenshots of a run go, to be looked at; kept out of git. */
export function screenshotPath(name: string): string {
  const dir = path.resolve(import.meta.dirname, '../../test-results/screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}
