import type { Browser } from 'playwright-core';

/**
 * The test host's stand-in for Electron's hidden sheet window: opens a map sheet page in
 * Chromium, waits until the sheet and its fonts are there, and prints it as the app does
 * (the page's own size, backgrounds on).
 */
export function chromiumSheetPrinter(browser: () => Promise<Browser> | Browser): (pageUrl: string) => Promise<Uint8Array> {
  return async (pageUrl) => {
    const page = await (await browser()).newPage({ viewport: { width: 1200, height: 1000 } });
    try {
      await page.goto(pageUrl);
      await page.getByTestId('map-sheet').waitFor();
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      return new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    } finally {
      await page.close();
    }
  };
}
