import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quarterCuts } from '../../shared/geometry/templates';
import { parsePayload } from '../../shared/labels/payload';
import { outlineRing } from '../../shared/map/derive';
import { EMPTY_MAP } from '../../shared/map/document';
import { setCuts, addPiece } from '../../shared/map/edits';
import { startTestHost, type TestHost } from '../host/server';
import { decodeDataMatrix } from '../shared/labels/decodeDataMatrix';
import { screenshotPath, useChromium, watchForPageErrors } from './browser';
import { readPdf } from './pdf';
import { hostCall, seedLesion } from './hostApi';

/**
 * Labels for a quartered stage in Chromium: the four labels' text, each barcode decoded from
 * the page as drawn, then printed with page.pdf() on a Letter label sheet and on a roll
 * (page = label) and read back with pdf.js in Chromium (page sizes, text, page 1 at 300 dpi).
 */
const e2e = useChromium('labels');
let host: TestHost;
let lesionId: string;
let lesionB: string;
let mrn: string;
/** Block ids by lesion letter and block label, as the store has them. */
const ids: Record<string, Record<string, string>> = {};
const ACCESSION = 'MS26-0412';
const BLOCKS = ['1-1', '1-2', '1-3', '1-4'];
const INKS: Record<string, string> = { '1-1': 'Blue (B), Yellow (Y)', '1-2': 'Yellow (Y), Black (K)', '1-3': 'Black (K), Green (G)', '1-4': 'Blue (B), Green (G)' };

beforeAll(async () => {
  host = await startTestHost({ databasePath: path.join(e2e.dir, 'db.sqlite') });
  let caseId: string;
  ({ lesionId, caseId } = await seedLesion(host));
  const detail = await hostCall(host, 'lesions.get', { id: lesionId });
  mrn = detail.patient.mrn;
  const { dateOfSurgery, surgeonId, notes, version } = detail.case;
  await hostCall(host, 'cases.update', { id: caseId, version, dateOfSurgery, surgeonId, notes, accessionNumber: ACCESSION });
  // A second lesion of the case, quartered the same way: its blocks are labelled 1-1 … 1-4 too.
  lesionB = (await hostCall(host, 'lesions.create', { ...LESION_B, caseId })).id;
  // The editor's ids are random UUIDs (crypto.randomUUID): so are these.
  for (const [letter, id] of [['A', lesionId], ['B', lesionB]] as const) {
    const stage = await hostCall(host, 'stages.create', { lesionId: id, doc: quarteredMap(() => crypto.randomUUID()) });
    ids[letter] = Object.fromEntries(stage.doc.blocks.map((b) => [`1-${b.number}`, b.id]));
  }
});

const LESION_B = {
  siteId: 'nasal-ala',
  laterality: 'right' as const,
  tumorTypeId: 'bcc-nodular',
  preopLengthMm: 6,
  preopWidthMm: 5,
  recurrent: false,
  deepStructures: [],
};

function quarteredMap(newId: () => string) {
  const placed = addPiece(EMPTY_MAP, { kind: 'ellipse', cx: 0, cy: 0, rx: 14, ry: 10, rotation: 0 }, newId);
  if (!placed.ok) throw new Error(placed.reason);
  const quartered = setCuts(placed.doc, placed.doc.pieces[0]!.id, quarterCuts(outlineRing(placed.doc.pieces[0]!.outline)), newId);
  if (!quartered.ok) throw new Error(quartered.reason);
  return quartered.doc;
}

/** What the barcode of lesion `letter`'s block should say. */
const payloadOf = (letter: 'A' | 'B', block: string): string => `LM2|${ids[letter]![block]}|${ACCESSION}|${mrn}|2026-11-27|${letter}|1|${block}`;

/** Every label's barcode on the page, as Chromium draws it, read by an independent decoder (ZXing). */
async function decodeLabels(page: Page): Promise<string[]> {
  const codes = page.getByTestId('label').locator('.label__code');
  const decoded: string[] = [];
  for (let i = 0; i < (await codes.count()); i++) {
    await codes.nth(i).scrollIntoViewIfNeeded();
    const box = (await codes.nth(i).boundingBox())!;
    const shot = await page.screenshot({ clip: { x: box.x - 4, y: box.y - 4, width: box.width + 8, height: box.height + 8 } });
    decoded.push(decodeDataMatrix(shot));
  }
  return decoded;
}
afterAll(async () => {
  await host?.close();
});

async function openLabels(from: 'url' | 'map' = 'url', lesion = lesionId): Promise<{ page: Page; errors: string[] }> {
  // 3 device pixels per CSS pixel: barcode modules several pixels wide, as a scanner sees print.
  const page = await e2e.browser.newPage({ viewport: { width: 1200, height: 1000 }, deviceScaleFactor: 3 });
  const errors = watchForPageErrors(page);
  if (from === 'map') {
    // The way a surgeon or histotech gets there: the stage bar's Labels link for the active stage.
    await page.goto(`${host.url}#/lesion/${lesionId}`);
    await page.getByRole('link', { name: 'Labels', exact: true }).click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/labels/lesion/${lesionId}/stage/1`);
  } else {
    await page.goto(`${host.url}#/labels/lesion/${lesion}/stage/1`);
  }
  await expect.poll(() => page.getByTestId('label').count(), { timeout: 10_000 }).toBe(4);
  return { page, errors };
}

async function printPdf(page: Page, name: string): Promise<{ sizes: [number, number][]; text: (pageNo?: number) => string }> {
  const file = path.join(e2e.dir, `${name}.pdf`);
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  const pdf = await readPdf(e2e.browser, file);
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
    const decoded = await decodeLabels(page);
    for (const [i, block] of BLOCKS.entries()) {
      const label = labels.nth(i);
      const text = (await label.innerText()).replace(/\s+/g, ' ');
      expect(text).toContain('Walker, Joan');
      expect(text).toContain(`MRN ${mrn}`);
      expect(text).toContain('2026-11-27 · Left nasal ala');
      expect(text).toContain(`${ACCESSION} · Stage 1 A ${block} Ink`);
      expect(text).toContain(`Ink ${INKS[block]}`);
      expect(await label.getAttribute('data-name')).toBe(`${ACCESSION} A ${block}`);
      expect(decoded[i]).toBe(payloadOf('A', block));
      expect(parsePayload(decoded[i]!)).toEqual({
        ok: true,
        value: { format: 'LM2', blockId: ids.A![block], accession: ACCESSION, mrn, date: '2026-11-27', lesion: 'A', stage: 1, block },
      });
    }
    await page.screenshot({ path: screenshotPath('labels-screen'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('labels of two lesions differ in text and decode to distinct block ids, each the block the worklist finds', async () => {
    const decoded: Record<string, string[]> = {};
    const texts: Record<string, string[]> = {};
    for (const [letter, id] of [['A', lesionId], ['B', lesionB]] as const) {
      const { page, errors } = await openLabels('url', id);
      decoded[letter] = await decodeLabels(page);
      texts[letter] = (await page.getByTestId('label').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
      if (letter === 'B') await page.screenshot({ path: screenshotPath('labels-lesion-b'), fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    }
    // The same block labels (1-1 … 1-4) in both lesions, yet every label reads differently.
    for (const [i, block] of BLOCKS.entries()) {
      expect(texts.A![i]).toContain(`${ACCESSION} · Stage 1 A ${block} Ink`);
      expect(texts.B![i]).toContain(`${ACCESSION} · Stage 1 B ${block} Ink`);
      expect(texts.B![i]).toContain('2026-11-27 · Right nasal ala');
      expect(decoded.B![i]).toBe(payloadOf('B', block));
    }
    const all = [...decoded.A!, ...decoded.B!];
    const blockIds = all.map((text) => {
      const parsed = parsePayload(text);
      if (!parsed.ok || parsed.value.format !== 'LM2') throw new Error(`not an LM2 label: ${text}`);
      return parsed.value.blockId;
    });
    expect(new Set(blockIds).size).toBe(8);
    expect(blockIds).toEqual([...BLOCKS.map((b) => ids.A![b]), ...BLOCKS.map((b) => ids.B![b])]);
    // Scanned at the lab, each barcode finds its own block and lesion, with nothing out of date.
    for (const [i, text] of all.entries()) {
      const found = await hostCall(host, 'worklist.scan', { text });
      expect(found).toMatchObject({ format: 'LM2', differences: [], row: { blockId: blockIds[i], lesionLabel: i < 4 ? 'A' : 'B', accessionNumber: ACCESSION } });
    }
  });

  it('a case without an accession number warns before printing, and prints only when told to', async () => {
    const { lesionId: bare } = await seedLesion(host);
    await hostCall(host, 'stages.create', { lesionId: bare, doc: quarteredMap(() => crypto.randomUUID()) });
    const { page, errors } = await openLabels('url', bare);
    const warning = page.getByTestId('no-accession');
    await warning.waitFor();
    expect(await warning.innerText()).toMatch(/This case has no accession number yet/);
    const print = page.getByRole('button', { name: 'Print labels' });
    expect(await print.isDisabled()).toBe(true);
    expect(await page.getByTestId('label').first().innerText()).toContain('No accession no.');
    expect(parsePayload((await decodeLabels(page))[0]!)).toMatchObject({ ok: true, value: { accession: '', block: '1-1' } });
    await page.screenshot({ path: screenshotPath('labels-no-accession'), fullPage: true });
    // The warning is not printed: on paper there are only the labels.
    const pdf = await printPdf(page, 'no-accession');
    expect(pdf.text()).not.toContain('accession number yet');
    expect(pdf.text()).toContain('No accession no.');
    await page.getByRole('checkbox', { name: 'Print these labels without an accession number' }).check();
    expect(await print.isEnabled()).toBe(true);
    // The link takes the user to the case to add it.
    expect(await warning.getByRole('link', { name: 'Add the accession number to the case' }).getAttribute('href')).toMatch(/^#\/case\//);
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
    expect(text.match(new RegExp(`${ACCESSION} · Stage 1`, 'g'))).toHaveLength(4);
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
      // One line each: the accession number with the stage, then the lesion and block, large.
      expect(text).toMatch(new RegExp(`(^|\\n)${ACCESSION} · Stage 1\\nA ${block}\\n`));
      expect(text).toContain('2026-11-27 · Left nasal');
      expect(text).toContain('Walker, Joan');
      for (const other of BLOCKS.filter((b) => b !== block)) expect(text).not.toMatch(new RegExp(`(^|\\n)A ${other}\\n`));
    }
    // The printed barcode on page 1 (rendered at 300 dpi) still decodes to block 1-1: the
    // symbol sits at the left of the 2 × 1 in label (600 × 300 px), left of the text.
    const printed = fs.readFileSync(screenshotPath('labels-roll-page1'));
    expect(decodeDataMatrix(printed, { x: 0, y: 0, width: 230, height: 300 })).toBe(payloadOf('A', '1-1'));
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
    const page = await e2e.browser.newPage({ viewport: { width: 1200, height: 1000 } });
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
