import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quarterCuts } from '../../shared/geometry/templates';
import { parsePayload } from '../../shared/labels/payload';
import { outlineRing } from '../../shared/map/derive';
import { EMPTY_MAP } from '../../shared/map/document';
import { setCuts, setOutline } from '../../shared/map/edits';
import { startTestHost, type TestHost } from '../host/server';
import { decodeDataMatrix } from '../shared/labels/decodeDataMatrix';
import { launchChromium, screenshotPath, watchForPageErrors } from './browser';
import { readPdf } from './pdf';
import { hostCall, seedLesion } from './hostApi';

/**
 * Labels for a quartered stage in Chromium: the four labels' text, each barcode decoded from
 * the page as drawn, then printed with page.pdf() on a Letter label sheet and on a roll
 * (page = label) and read back with pdf.js in Chromium (page sizes, text, page 1 at 300 dpi).
 */
let dir: string;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let host: TestHost;
let lesionId: string;
let mrn: string;
const BLOCKS = ['1-1', '1-2', '1-3', '1-4'];
const INKS: Record<string, string> = { '1-1': 'Blue (B), Yellow (Y)', '1-2': 'Yellow (Y), Black (K)', '1-3': 'Black (K), Green (G)', '1-4': 'Blue (B), Green (G)' };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-labels-'));
  chromium = await launchChromium();
  host = await startTestHost({ databasePath: path.join(dir, 'db.sqlite') });
  ({ lesionId } = await seedLesion(host));
  mrn = (await hostCall(host, 'lesions.get', { id: lesionId })).patient.mrn;
  let n = 0;
  const newId = () => `labels-${++n}`;
  const placed = setOutline(EMPTY_MAP, { kind: 'ellipse', cx: 0, cy: 0, rx: 14, ry: 10, rotation: 0 }, newId);
  if (!placed.ok) throw new Error(placed.reason);
  const quartered = setCuts(placed.doc, quarterCuts(outlineRing(placed.doc.outline)!), newId);
  if (!quartered.ok) throw new Error(quartered.reason);
  await hostCall(host, 'stages.create', { lesionId, doc: quartered.doc });
});
afterAll(async () => {
  await host?.close();
  await chromium?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function openLabels(from: 'url' | 'map' = 'url'): Promise<{ page: Page; errors: string[] }> {
  // 3 device pixels per CSS pixel: barcode modules several pixels wide, as a scanner sees print.
  const page = await chromium.browser.newPage({ viewport: { width: 1200, height: 1000 }, deviceScaleFactor: 3 });
  const errors = watchForPageErrors(page);
  if (from === 'map') {
    // The way a surgeon or histotech gets there: the stage bar's Labels link for the active stage.
    await page.goto(`${host.url}#/lesion/${lesionId}`);
    await page.getByRole('link', { name: 'Labels', exact: true }).click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/labels/lesion/${lesionId}/stage/1`);
  } else {
    await page.goto(`${host.url}#/labels/lesion/${lesionId}/stage/1`);
  }
  await expect.poll(() => page.getByTestId('label').count()).toBe(4);
  return { page, errors };
}

async function printPdf(page: Page, name: string): Promise<{ sizes: [number, number][]; text: (pageNo?: number) => string }> {
  const file = path.join(dir, `${name}.pdf`);
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  const pdf = await readPdf(chromium.browser, file);
  // Page 1 as an image, to be looked at (test-results/screenshots) and decoded.
  fs.writeFileSync(screenshotPath(`labels-${name}-page1`), await pdf.render(1, 300));
  await pdf.close();
  return { sizes: pdf.pages.map((p) => [p.widthPt, p.heightPt]), text: pdf.text };
}

/** Every page is `w` × `h` points, within the 0.75 pt Chromium's rounding to CSS pixels allows. */
function expectPageSizes(sizes: readonly [number, number][], count: number, [w, h]: readonly [number, number]): void {
  expect(sizes).toHaveLength(count);
  for (const [pw, ph] of sizes) {
    expect(Math.abs(pw - w), `page width ${pw} pt, expected ${w}`).toBeLessThan(0.75);
    expect(Math.abs(ph - h), `page height ${ph} pt, expected ${h}`).toBeLessThan(0.75);
  }
}

describe('labels in Chromium', () => {
  it('shows a label for each block of the stage, each barcode saying which block it is', async () => {
    const { page, errors } = await openLabels('map');
    const labels = page.getByTestId('label');
    for (const [i, block] of BLOCKS.entries()) {
      const label = labels.nth(i);
      const text = (await label.innerText()).replace(/\s+/g, ' ');
      expect(text).toContain('Walker, Joan');
      expect(text).toContain(`MRN ${mrn}`);
      expect(text).toContain('2026-11-27 · Lesion A · Left nasal ala');
      expect(text).toContain(`${block} Stage 1`);
      expect(text).toContain(`Ink ${INKS[block]}`);
      // The barcode as Chromium draws it, read by an independent decoder.
      const code = label.locator('.label__code');
      const box = (await code.boundingBox())!;
      const shot = await page.screenshot({ clip: { x: box.x - 4, y: box.y - 4, width: box.width + 8, height: box.height + 8 } });
      const decoded = decodeDataMatrix(shot);
      expect(decoded).toBe(`LM1|${mrn}|2026-11-27|A|1|${block}`);
      expect(parsePayload(decoded)).toEqual({ ok: true, value: { mrn, date: '2026-11-27', lesion: 'A', stage: 1, block } });
    }
    await page.screenshot({ path: screenshotPath('labels-screen'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('prints a Letter label sheet: one page, the labels only, no app chrome, at the sheet millimetres', async () => {
    const { page, errors } = await openLabels();
    // Where each label lands on the paper (print media, CSS px → mm): the 30-up grid centred on Letter.
    await page.emulateMedia({ media: 'print' });
    const boxes = await page.evaluate(() => {
      const sheet = document.querySelector('.labels-page')!.getBoundingClientRect();
      const mm = (px: number) => Math.round((px * 25.4 * 100) / 96) / 100;
      return [...document.querySelectorAll('[data-testid="label"]')].map((el) => {
        const r = el.getBoundingClientRect();
        return { left: mm(r.left - sheet.left), top: mm(r.top - sheet.top), width: mm(r.width), height: mm(r.height) };
      });
    });
    const expected = [
      { left: 4.7, top: 12.7 },
      { left: 4.7 + 66.7 + 3.2, top: 12.7 },
      { left: 4.7 + 2 * (66.7 + 3.2), top: 12.7 },
      { left: 4.7, top: 12.7 + 25.4 },
    ];
    expected.forEach((e, i) => {
      expect(Math.abs(boxes[i]!.left - e.left), `label ${i + 1} left`).toBeLessThan(0.1);
      expect(Math.abs(boxes[i]!.top - e.top), `label ${i + 1} top`).toBeLessThan(0.1);
      expect(Math.abs(boxes[i]!.width - 66.7)).toBeLessThan(0.1);
      expect(Math.abs(boxes[i]!.height - 25.4)).toBeLessThan(0.1);
    });
    await page.emulateMedia({ media: null });
    const pdf = await printPdf(page, 'sheet');
    expectPageSizes(pdf.sizes, 1, [612, 792]);
    const text = pdf.text();
    for (const block of BLOCKS) expect(text).toContain(block);
    expect(text.match(/Walker, Joan/g)).toHaveLength(4);
    expect(text.match(new RegExp(`MRN ${mrn}`, 'g'))).toHaveLength(4);
    expect(text).toContain('Blue (B), Yellow (Y)');
    for (const chrome of ['Print labels', 'Layermap', 'Lab worklist', 'Layout', 'Skip used labels']) expect(text).not.toContain(chrome);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('prints a roll: one label per page, each page the size of the label, its barcode readable from the print', async () => {
    const { page, errors } = await openLabels();
    await page.getByRole('radio', { name: /Label roll/ }).check();
    await expect.poll(() => page.getByTestId('labels-print').getAttribute('data-layout')).toBe('roll');
    const pdf = await printPdf(page, 'roll');
    // 50.8 × 25.4 mm is 2 × 1 in: 144 × 72 pt.
    expectPageSizes(pdf.sizes, 4, [144, 72]);
    for (const [i, block] of BLOCKS.entries()) {
      const text = pdf.text(i + 1);
      expect(text).toMatch(new RegExp(`(^|\\s)${block}\\s+Stage 1`));
      expect(text).toContain('Walker, Joan');
      for (const other of BLOCKS.filter((b) => b !== block)) expect(text).not.toMatch(new RegExp(`(^|\\s)${other}\\s+Stage 1`));
    }
    // The printed barcode on page 1 (rendered at 300 dpi) still decodes to block 1-1: the
    // symbol sits at the left of the 2 × 1 in label (600 × 300 px), left of the text.
    const printed = fs.readFileSync(screenshotPath('labels-roll-page1'));
    expect(decodeDataMatrix(printed, { x: 0, y: 0, width: 230, height: 300 })).toBe(`LM1|${mrn}|2026-11-27|A|1|1-1`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('label sizes come from settings: a 57 × 32 mm roll and an A4 sheet', async () => {
    const settings = await hostCall(host, 'settings.get', {});
    await hostCall(host, 'settings.update', {
      labelRoll: { widthMm: 57, heightMm: 32 },
      labelSheet: { ...settings.labelSheet, paper: 'a4', columns: 2, rows: 8, widthMm: 99.1, heightMm: 33.9, columnGapMm: 2.5 },
    });
    try {
      const { page, errors } = await openLabels();
      const sheet = await printPdf(page, 'sheet-a4');
      expectPageSizes(sheet.sizes, 1, [595.28, 841.89]);
      await page.getByRole('radio', { name: /Label roll/ }).check();
      const roll = await printPdf(page, 'roll-57x32');
      // 57 × 32 mm is 161.6 × 90.7 pt; Chromium rounds a page to whole CSS pixels (0.26 mm).
      expectPageSizes(roll.sizes, 4, [(57 / 25.4) * 72, (32 / 25.4) * 72]);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await hostCall(host, 'settings.update', { labelRoll: settings.labelRoll, labelSheet: settings.labelSheet });
    }
  });

  it('the settings form refuses a sheet that does not fit the paper, in plain words', async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 1200, height: 1000 } });
    const errors = watchForPageErrors(page);
    await page.goto(`${host.url}#/settings`);
    await page.getByRole('group', { name: 'Label sheet' }).waitFor();
    await page.getByLabel('Labels across').fill('4');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByText('4 labels of 66.7 mm with 3.2 mm gaps need 276.4 mm, wider than Letter paper (215.9 mm).').count()).toBe(1);
    await page.getByLabel('Labels across').fill('3');
    await page.getByLabel('Label width (mm)').first().fill('60');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByText('Settings saved.').count()).toBe(1);
    expect((await hostCall(host, 'settings.get', {})).labelSheet.widthMm).toBe(60);
    expect(errors).toEqual([]);
    await page.close();
  });
});
