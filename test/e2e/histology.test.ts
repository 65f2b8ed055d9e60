import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePayload } from '../../shared/labels/payload';
import type { StageRecord } from '../../shared/records';
import { startTestHost, type TestHost } from '../host/server';
import { bisected } from '../electron/store/maps';
import { decodeDataMatrix } from '../shared/labels/decodeDataMatrix';
import { screenshotPath, useChromium, watchForPageErrors } from './browser';
import { addUser, hostCall, NASAL_ALA_BCC, signInAs, signInSurgeon } from './hostApi';
import { readPdf } from './pdf';

/**
 * Histology per block in Chromium (issue 15 part 3): the histotech enters slides, levels,
 * stains and the section's quality on the worklist with the keyboard; the surgeon enters the
 * reading on the lesion page; both survive a reload and a restart of the host; the printed map
 * sheet shows them (PDF read back with pdf.js); slide labels print one per slide, each barcode
 * naming its slide, and a scanned slide label finds its block.
 */
const DAY = '2026-11-27';
const ACCESSION = 'MS26-0777';
const e2e = useChromium('histology');
let host: TestHost;

afterAll(async () => {
  await host?.close();
});

async function seed(h: TestHost) {
  const surgeon = await signInSurgeon(h);
  const tech = await addUser(h, { name: 'Tom Histo', initials: 'TH', roles: ['histotech'] });
  const patient = await hostCall(h, 'patients.create', { familyName: 'Walker', givenName: 'Joan', mrn: 'W-5150', dateOfBirth: '1950-02-03', sex: 'female' });
  const c = await hostCall(h, 'cases.create', { patientId: patient.id, dateOfSurgery: DAY, surgeonId: surgeon.id, accessionNumber: ACCESSION });
  const lesion = await hostCall(h, 'lesions.create', { ...NASAL_ALA_BCC, caseId: c.id });
  const stage = await hostCall(h, 'stages.create', { lesionId: lesion.id, doc: bisected() });
  return { surgeon, tech, lesion, stage };
}

const blockId = (stage: StageRecord, n: number): string => stage.doc.blocks.find((b) => b.number === n)!.id;
const focusedBlock = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-block-id') ?? document.activeElement?.tagName ?? null);

describe('histology per block end to end', () => {
  it('histotech on the worklist, surgeon on the lesion page, shown on the sheet and on slide labels', async () => {
    const file = path.join(e2e.dir, 'clinic.sqlite');
    host = await startTestHost({ databasePath: file });
    const { surgeon, tech, lesion, stage } = await seed(host);
    const [first, second] = [blockId(stage, 1), blockId(stage, 2)];
    await signInAs(host, tech);

    // The histotech, keyboard only: ↓ to block 1-2, Space opens its histology, Enter saves.
    let page = await e2e.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    let errors = watchForPageErrors(page);
    await page.goto(`${host.url}#/worklist/${DAY}`);
    await page.getByTestId('current-user').filter({ hasText: 'Tom Histo' }).waitFor();
    const row = (id: string) => page.locator(`[data-testid="worklist-row"][data-block-id="${id}"]`);
    await row(second).waitFor();
    expect(await row(second).getByTestId('worklist-histology').innerText()).toContain('None yet');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focusedBlock(page)).toBe(second);
    await page.keyboard.press(' ');
    const form = page.getByTestId('histology-form');
    await form.waitFor();
    await page.keyboard.type('3');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2');
    await form.getByRole('checkbox', { name: 'H&E' }).check();
    await form.getByRole('checkbox', { name: 'MART-1' }).check();
    await form.getByRole('textbox', { name: 'Other stain name' }).fill('PAS');
    await form.getByRole('combobox', { name: 'Other stain kind' }).selectOption('special');
    await form.getByRole('textbox', { name: 'Other stain name' }).press('Enter');
    await form.getByRole('radio', { name: 'Problems' }).check();
    // Problems without naming one: refused in words, nothing saved.
    await form.getByRole('button', { name: 'Save histology' }).click();
    expect(await form.getByRole('alert').innerText()).toMatch(/Name the section problems/);
    await form.getByRole('checkbox', { name: 'Folds' }).check();
    await form.getByRole('checkbox', { name: 'Re-cut' }).check();
    await page.screenshot({ path: screenshotPath('histology-1-worklist-form'), fullPage: true });
    await form.getByRole('textbox', { name: 'Slides cut' }).press('Enter');
    await expect.poll(() => page.getByTestId('worklist-message').innerText()).toMatch(/1-2 .*histology saved/);
    expect(await form.count()).toBe(0);
    const cell = await row(second).getByTestId('worklist-histology').innerText();
    expect(cell).toContain('3 slides, 2 levels · H&E, MART-1, PAS');
    expect(cell).toContain('Folds — re-cut');
    // The focus is back on the row: ↑ and Enter go on as before.
    await expect.poll(() => focusedBlock(page)).toBe(second);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect.poll(() => row(first).getAttribute('data-status')).toBe('grossed');
    await page.screenshot({ path: screenshotPath('histology-2-worklist-saved'), fullPage: true });
    // A reload reads it back from the store.
    await page.reload();
    await row(second).waitFor();
    expect(await row(second).getByTestId('worklist-histology').innerText()).toContain('3 slides, 2 levels · H&E, MART-1, PAS');
    expect(errors).toEqual([]);
    await page.close();

    // A restart of the app keeps it; the surgeon reads block 1-2 on the lesion page.
    await host.close();
    host = await startTestHost({ databasePath: file });
    await signInAs(host, surgeon);
    page = await e2e.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    errors = watchForPageErrors(page);
    await page.goto(`${host.url}#/lesion/${lesion.id}`);
    const panel = page.getByTestId('histology-panel');
    const block12 = panel.locator('[data-testid="histology-block"][data-block="1-2"]');
    await block12.waitFor();
    expect(await block12.innerText()).toContain('Lab: 3 slides, 2 levels · H&E, MART-1, PAS; Folds — re-cut');
    await block12.getByRole('button', { name: 'Enter reading' }).click();
    const reading = block12.getByTestId('histology-reading');
    await reading.getByRole('combobox', { name: 'Tumor subtype seen' }).selectOption('bcc-infiltrative');
    await reading.getByRole('radio', { name: 'Yes' }).check();
    await reading.getByRole('textbox', { name: 'Nerve size (mm)' }).fill('0.3');
    await reading.getByRole('textbox', { name: 'Note' }).fill('Deep focus at 3 o’clock.');
    await reading.getByRole('button', { name: 'Save reading' }).click();
    await expect.poll(() => block12.innerText()).toContain('Reading: Basal cell carcinoma, infiltrative; Perineural invasion (nerve 0.3 mm); Deep focus at 3 o’clock.');
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('histology-3-lesion-reading'), fullPage: true });
    await page.reload();
    await expect.poll(() => page.locator('[data-testid="histology-block"][data-block="1-2"]').innerText(), { timeout: 15_000 }).toContain('Perineural invasion (nerve 0.3 mm)');
    expect(errors).toEqual([]);
    await page.close();

    const stored = await hostCall(host, 'histology.list', { lesionId: lesion.id });
    expect(stored).toEqual([
      expect.objectContaining({
        blockId: second,
        version: 2,
        lab: { slides: 3, levels: 2, stains: [{ name: 'H&E', kind: 'routine' }, { name: 'MART-1', kind: 'immuno' }, { name: 'PAS', kind: 'special' }], quality: 'problems', problems: ['folds'], recut: true },
        reading: { tumorSubtypeId: 'bcc-infiltrative', perineural: 'present', nerveSizeMm: 0.3, note: 'Deep focus at 3 o’clock.' },
      }),
    ]);

    // The printed map sheet: the block table carries slides, stains, quality and the reading.
    page = await e2e.browser.newPage({ viewport: { width: 1200, height: 1000 } });
    errors = watchForPageErrors(page);
    await page.goto(`${host.url}#/print/lesion/${lesion.id}/letter`);
    await page.getByTestId('map-sheet').waitFor();
    expect(await page.getByTestId('sheet-histology').allInnerTexts()).toEqual(['—', '3 slides, 2 levels · H&E, MART-1, PAS; Folds — re-cut']);
    const sheetFile = path.join(e2e.dir, 'sheet.pdf');
    await page.pdf({ path: sheetFile, preferCSSPageSize: true, printBackground: true });
    const sheet = await readPdf(e2e.browser, sheetFile);
    fs.writeFileSync(screenshotPath('histology-4-sheet-page1'), await sheet.render(1, 110));
    const sheetText = sheet.text().replace(/\s+/g, ' ');
    await sheet.close();
    // Table cells wrap, so the words are looked for one phrase at a time.
    for (const words of ['Slides · stains', '3 slides, 2 levels', 'H&E', 'MART-1', 'PAS', 'Folds — re-cut', 'Reading: Basal cell carcinoma, infiltrative', 'nerve 0.3 mm']) {
      expect(sheetText, words).toContain(words);
    }
    expect(errors).toEqual([]);
    await page.close();

    // Slide labels: one per slide of block 1-2 (block 1-1 has none recorded, and says so).
    page = await e2e.browser.newPage({ viewport: { width: 1200, height: 1000 }, deviceScaleFactor: 3 });
    errors = watchForPageErrors(page);
    await page.goto(`${host.url}#/labels/lesion/${lesion.id}/stage/1`);
    await expect.poll(() => page.getByTestId('label').count()).toBe(2);
    await page.getByRole('radio', { name: 'Slides (one per slide cut)' }).check();
    await expect.poll(() => page.getByTestId('label').count()).toBe(3);
    expect(await page.getByTestId('no-slides').innerText()).toContain('block 1-1');
    const labels = page.getByTestId('label');
    const decoded: string[] = [];
    for (let i = 0; i < 3; i++) {
      expect(await labels.nth(i).getAttribute('data-slide')).toBe(String(i + 1));
      expect((await labels.nth(i).innerText()).replace(/\s+/g, ' ')).toContain(`A 1-2 Slide ${i + 1}/3`);
      const code = labels.nth(i).locator('.label__code');
      await code.scrollIntoViewIfNeeded();
      const box = (await code.boundingBox())!;
      decoded.push(decodeDataMatrix(await page.screenshot({ clip: { x: box.x - 4, y: box.y - 4, width: box.width + 8, height: box.height + 8 } })));
    }
    await page.screenshot({ path: screenshotPath('histology-5-slide-labels'), fullPage: true });
    expect(decoded).toEqual([1, 2, 3].map((n) => `LM3|${second}|${ACCESSION}|W-5150|${DAY}|A|1|1-2|${n}`));
    expect(parsePayload(decoded[1]!)).toMatchObject({ ok: true, value: { format: 'LM3', blockId: second, slide: 2 } });
    const labelFile = path.join(e2e.dir, 'slides.pdf');
    await page.pdf({ path: labelFile, preferCSSPageSize: true, printBackground: true });
    const printed = await readPdf(e2e.browser, labelFile);
    fs.writeFileSync(screenshotPath('histology-6-slide-labels-page1'), await printed.render(1, 150));
    const labelText = printed.text().replace(/\s+/g, ' ');
    await printed.close();
    for (const n of [1, 2, 3]) expect(labelText).toContain(`Slide ${n}/3`);
    expect(labelText).not.toContain('No slides are recorded');
    expect(errors).toEqual([]);
    await page.close();

    // At the microscope, a scanned slide label finds its block and says which slide.
    await signInAs(host, tech);
    expect(await hostCall(host, 'worklist.scan', { text: decoded[1]! })).toMatchObject({ format: 'LM3', slide: 2, differences: [], row: { blockId: second, blockLabel: '1-2' } });

    // The coding summary on the case page suggests the stain lines; the coder adds one.
    await signInAs(host, surgeon);
    page = await e2e.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    errors = watchForPageErrors(page);
    await page.goto(`${host.url}#/case/${lesion.caseId}`);
    const suggested = page.getByTestId('stain-suggestions');
    await suggested.waitFor();
    const suggestedText = (await suggested.innerText()).replace(/\s+/g, ' ');
    expect(suggestedText).toContain('88314-59 ×1 special histochemical stain on a frozen block, one unit per block stained: PAS on block A 1-2.');
    expect(suggestedText).toContain('88342-59 ×1 first single-antibody immunostain, one unit per block: MART-1 on block A 1-2.');
    await suggested.getByRole('button', { name: 'Add 88314 ×1' }).click();
    await expect.poll(async () => (await page.locator('.coding-line--other').allInnerTexts()).join(' | ')).toMatch(/^88314\s+1\s+59/);
    await suggested.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('histology-7-coding-suggestions'), fullPage: true });
    expect((await hostCall(host, 'cases.get', { id: lesion.caseId })).case.additionalCodes).toEqual([{ code: '88314', units: 1 }]);
    expect(errors).toEqual([]);
    await page.close();
    // One long story (a restart in the middle): generous for a loaded machine, about 70 s alone.
  }, 300_000);
});
