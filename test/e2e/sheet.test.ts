import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath, useHostAndChromium, watchForPageErrors } from './browser';
import { readPdf } from './pdf';
import { seedPrintedCase } from './sheetFixture';

/**
 * The printed map sheet of a 3-stage, 2-lesion case, printed by Chromium on Letter and A4
 * and read back with pdf.js in Chromium: the text that must be there, the page size and count, and
 * the maps' colors on the rendered page.
 */
const e2e = useHostAndChromium('sheet');
let caseId: string;
beforeAll(async () => {
  ({ caseId } = await seedPrintedCase(e2e.host));
});

async function printSheet(paper: 'letter' | 'a4'): Promise<string> {
  const page = await e2e.browser.newPage({ viewport: { width: 1200, height: 1000 } });
  const errors = watchForPageErrors(page);
  await page.goto(`${e2e.host.url}#/print/case/${caseId}/${paper}`);
  await page.getByTestId('map-sheet').waitFor();
  await page.screenshot({ path: screenshotPath(`sheet-${paper}-screen`), fullPage: true });
  const file = path.join(e2e.dir, `sheet-${paper}.pdf`);
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  expect(errors).toEqual([]);
  await page.close();
  return file;
}

/** Pixels of an RGBA picture within `tol` of a color on every channel. */
function countNear(rgba: Buffer, [r, g, b]: readonly [number, number, number], tol = 40): number {
  let n = 0;
  for (let i = 0; i + 3 < rgba.length; i += 4) {
    if (Math.abs(rgba[i]! - r) <= tol && Math.abs(rgba[i + 1]! - g) <= tol && Math.abs(rgba[i + 2]! - b) <= tol) n++;
  }
  return n;
}

describe('printed map sheet', () => {
  it.each([
    ['letter', [612, 792]],
    ['a4', [595.28, 841.89]],
  ] as const)('prints on %s with every name, label, code and legend entry, numbered pages', async (paper, [widthPt, heightPt]) => {
    const pdf = await readPdf(e2e.browser, await printSheet(paper));
    const pages = pdf.pages.length;
    expect(pages).toBeGreaterThanOrEqual(2);
    for (const p of pdf.pages) {
      // Chromium rounds the page to whole CSS pixels: within 1 pt of the paper size.
      expect(Math.abs(p.widthPt - widthPt), `page width ${p.widthPt}`).toBeLessThan(1);
      expect(Math.abs(p.heightPt - heightPt), `page height ${p.heightPt}`).toBeLessThan(1);
    }
    const text = pdf.text();
    for (const expected of [
      'Riverside Dermatology',
      'Lindqvist, Astrid',
      'RD-55821',
      '1946-09-30',
      '2026-11-20',
      'Dr Ana Mendez',
      'MS26-0777',
      'Lesion A',
      'Lesion B',
      'Stage 3',
      '1-2',
      '2-1',
      '3-2',
      'Positive (peripheral)',
      'Positive (deep)',
      '17311',
      '17312',
      '17313',
      'C44.311',
      'Blue ink',
      'Yellow ink',
      'Tumor at the peripheral margin',
      'Tumor at the deep margin',
      'CLIA number 12D3456789',
      'Surgeon and pathologist',
      `Page 1 of ${pages}`,
      `Page ${pages} of ${pages}`,
    ]) {
      expect(text, expected).toContain(expected);
    }

    // The maps are drawn from vectors on page 1: blue and yellow inks and the red of tumor.
    const page1 = await pdf.render(1, 60);
    const { data: rgba } = PNG.sync.read(page1);
    expect(countNear(rgba, [0x1f, 0x4f, 0xc8])).toBeGreaterThan(40);
    expect(countNear(rgba, [0xb8, 0x86, 0x0b])).toBeGreaterThan(20);
    expect(countNear(rgba, [0xc6, 0x28, 0x28])).toBeGreaterThan(40);
    // The first two pages, to be looked at.
    for (const n of [1, 2]) fs.writeFileSync(screenshotPath(`sheet-${paper}-${n}`), await pdf.render(n, 70));
    await pdf.close();
  });
});
