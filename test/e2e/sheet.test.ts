import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath, useHostAndChromium, watchForPageErrors } from './browser';
import { seedPrintedCase } from './sheetFixture';

/**
 * The printed map sheet of a 3-stage, 2-lesion case, printed by Chromium on Letter and A4
 * and read back with poppler: the text that must be there, the page size and count, and
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

/** RGB pixels of page 1 at 60 dpi, from pdftoppm's PPM output (simple enough to read by hand). */
function pagePixels(pdf: string): { width: number; height: number; rgb: Buffer } {
  const ppm = execFileSync('pdftoppm', ['-r', '60', '-f', '1', '-l', '1', pdf]);
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.toString('latin1', 0, 40));
  if (!header) throw new Error('pdftoppm did not produce a PPM image');
  return { width: Number(header[1]), height: Number(header[2]), rgb: ppm.subarray(header[0].length) };
}

function countNear(rgb: Buffer, [r, g, b]: readonly [number, number, number], tol = 40): number {
  let n = 0;
  for (let i = 0; i + 2 < rgb.length; i += 3) {
    if (Math.abs(rgb[i]! - r) <= tol && Math.abs(rgb[i + 1]! - g) <= tol && Math.abs(rgb[i + 2]! - b) <= tol) n++;
  }
  return n;
}

describe('printed map sheet', () => {
  it.each([
    ['letter', /612 x 792 pts/],
    ['a4', /59[45]\.\d+ x 841\.\d+ pts \(A4\)/],
  ] as const)('prints on %s with every name, label, code and legend entry, numbered pages', async (paper, size) => {
    const pdf = await printSheet(paper);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info, info).toMatch(size);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
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
      'Tumor at peripheral',
      'Tumor at deep',
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
    const { rgb } = pagePixels(pdf);
    expect(countNear(rgb, [0x1f, 0x4f, 0xc8])).toBeGreaterThan(40);
    expect(countNear(rgb, [0xb8, 0x86, 0x0b])).toBeGreaterThan(20);
    expect(countNear(rgb, [0xc6, 0x28, 0x28])).toBeGreaterThan(40);
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '2', pdf, screenshotPath(`sheet-${paper}`).replace(/\.png$/, '')]);
  });
});
