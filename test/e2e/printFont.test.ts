import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath, useHostAndChromium, watchForPageErrors } from './browser';
import { seedPrintedCase } from './sheetFixture';

/**
 * The print font is bundled (assets/fonts, loaded by styles/fonts.css), so a sheet and a
 * label print in Noto Sans on every machine: this Chromium has no Noto Sans installed
 * (Debian's fonts-dejavu-core only), so finding it in use proves the bundled file loaded.
 */
const e2e = useHostAndChromium('print-font');
let seeded: Awaited<ReturnType<typeof seedPrintedCase>>;
beforeAll(async () => {
  seeded = await seedPrintedCase(e2e.host);
});

/** The fonts a PDF embeds, by their /FontName (Chromium writes them as subset-tag+Name). */
function embeddedFonts(pdf: Buffer): string[] {
  return [...new Set([...pdf.toString('latin1').matchAll(/\/FontName\s*\/([A-Z]{6}\+)?([\w-]+)/g)].map((m) => m[2] ?? ''))].sort();
}

describe('bundled print font', () => {
  it('the map sheet loads Noto Sans, uses it, and the printed PDF embeds it', async () => {
    const page = await e2e.browser.newPage();
    const errors = watchForPageErrors(page);
    await page.goto(`${e2e.host.url}#/print/case/${seeded.caseId}/letter`);
    await page.getByTestId('map-sheet').waitFor();
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => document.fonts.check('12px "Noto Sans"'))).toBe(true);
    expect(await page.evaluate(() => document.fonts.check('bold 12px "Noto Sans"'))).toBe(true);
    // The sheet has regular and bold text: both weights' files load (they are all there is).
    const loaded = await page.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => `${f.family} ${f.weight}`));
    expect(loaded).toEqual(expect.arrayContaining(['Noto Sans 400', 'Noto Sans 700']));
    expect(await page.getByTestId('map-sheet').evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/^"Noto Sans"/);
    await page.getByTestId('map-sheet').screenshot({ path: screenshotPath('sheet-noto-sans') });
    const file = path.join(e2e.dir, 'sheet.pdf');
    await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
    const fonts = embeddedFonts(fs.readFileSync(file));
    expect(fonts.some((f) => /^NotoSans/.test(f)), fonts.join(', ')).toBe(true);
    // Without the two things drawn in another face on purpose (the coding block in a
    // monospace, the legend's ▼ symbol, which Noto Sans Latin lacks), every text run, the
    // page header boxes included, is in the bundled font.
    await page.evaluate(() => {
      for (const el of document.querySelectorAll('.sheet-coding pre')) el.remove();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) n.textContent = (n.textContent ?? '').replaceAll('▼', '');
    });
    const plain = path.join(e2e.dir, 'sheet-plain.pdf');
    await page.pdf({ path: plain, preferCSSPageSize: true, printBackground: true });
    expect(embeddedFonts(fs.readFileSync(plain)).filter((f) => !/^NotoSans/.test(f))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a patient name in Latin Extended prints in Noto Sans too (the latin-ext file loads)', async () => {
    const page = await e2e.browser.newPage();
    await page.goto(`${e2e.host.url}#/print/case/${seeded.caseId}/letter`);
    await page.getByTestId('map-sheet').waitFor();
    await page.getByTestId('map-sheet').evaluate((el) => {
      const p = document.createElement('p');
      p.textContent = 'Łukasiewicz, Dvořák';
      el.append(p);
    });
    await page.evaluate(() => document.fonts.load('12px "Noto Sans"', 'Łř'));
    const extLoaded = await page.evaluate(() => [...document.fonts].some((f) => f.status === 'loaded' && f.unicodeRange.includes('U+100-2BA')));
    expect(extLoaded).toBe(true);
    await page.close();
  });

  it('cassette labels use Noto Sans', async () => {
    const page = await e2e.browser.newPage();
    await page.goto(`${e2e.host.url}#/labels/lesion/${seeded.lesionA}/stage/1`);
    const label = page.getByTestId('label').first();
    await label.waitFor();
    await page.evaluate(() => document.fonts.ready);
    expect(await label.evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/^"Noto Sans"/);
    expect(await page.evaluate(() => document.fonts.check('12px "Noto Sans"'))).toBe(true);
    await page.close();
  });
});
