import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../host/server';
import { chromiumSheetPrinter } from '../host/sheetPrinter';
import { screenshotPath, useHostAndChromium, watchForPageErrors } from './browser';
import { hostCall, signInSurgeon } from './hostApi';
import { readPdf } from './pdf';
import { seedPrintedCase } from './sheetFixture';

/**
 * Case archives end to end: the surgeon exports a case from its page, another clinic's
 * database imports it in Settings (through a second test host), the same archive again is
 * refused by name; the archive carries each lesion's sheet, printed as Electron's hidden
 * window does (here: the host's Chromium page).
 */
// The host prints sheets with this run's Chromium, as Electron does with a hidden window.
const e2e = useHostAndChromium('archive', (browser) => ({ sheetPrinter: chromiumSheetPrinter(() => browser) }));
let caseId: string;
beforeAll(async () => {
  ({ caseId } = await seedPrintedCase(e2e.host, 2));
});

describe('case archives in Chromium', () => {
  it('exports from the case page, imports in another database in Settings, refuses it twice', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1300, height: 1000 } });
    const errors = watchForPageErrors(page);
    await page.goto(`${e2e.host.url}#/case/${caseId}`);
    const file = path.join(e2e.dir, 'lindqvist.zip');
    await page.getByLabel('Save the archive as').fill(file);
    await page.getByRole('button', { name: 'Export case archive' }).click();
    // Each lesion's sheet is printed first (a hidden page per sheet): the status says so meanwhile.
    await expect.poll(() => page.getByTestId('case-archive-status').textContent(), { timeout: 60_000 }).toBe(`Exported 1 case (2 lesions, 2 map sheets) to ${file}.`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    await page.getByRole('heading', { name: 'Case archive' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('archive-case-export') });
    // Again to the same name: refused, the file untouched.
    await page.getByRole('button', { name: 'Export case archive' }).click();
    await expect.poll(() => page.getByRole('alert').allTextContents()).toContainEqual(`${file} already exists. An archive is never written over another file: choose a new name.`);
    // The surgery day's cases, from Settings.
    await page.goto(`${e2e.host.url}#/settings`);
    await page.getByLabel('Surgery from').fill('2026-11-20');
    await page.getByLabel('Surgery to').fill('2026-11-20');
    const day = path.join(e2e.dir, 'day.zip');
    await page.getByRole('form', { name: 'Export the cases of a date range' }).getByLabel('Save the archive as').fill(day);
    await page.getByRole('button', { name: 'Export cases' }).click();
    await expect.poll(() => page.getByTestId('archive-range-status').textContent(), { timeout: 60_000 }).toBe(`Exported 1 case (2 lesions, 2 map sheets) to ${day}.`);
    await page.close();

    const other = await startTestHost({ databasePath: path.join(e2e.dir, 'other-clinic.sqlite') });
    try {
      await signInSurgeon(other);
      const page2 = await e2e.browser.newPage({ viewport: { width: 1300, height: 1000 } });
      const errors2 = watchForPageErrors(page2);
      await page2.goto(`${other.url}#/settings`);
      await page2.getByLabel('Archive file').fill(file);
      await page2.getByRole('button', { name: 'Import archive' }).click();
      await expect
        .poll(() => page2.getByTestId('archive-import-status').textContent())
        .toBe(`Imported 1 case (2 lesions, 3 stages) from ${file}: 1 new patient, 0 already registered here.`);
      await page2.getByRole('heading', { name: 'Case archives' }).scrollIntoViewIfNeeded();
      await page2.screenshot({ path: screenshotPath('archive-import-done') });
      await page2.getByRole('button', { name: 'Import archive' }).click();
      await expect
        .poll(() => page2.getByRole('alert').allTextContents())
        .toContainEqual('lindqvist.zip cannot be imported: the case of Lindqvist, Astrid on 2026-11-20 is already in this database (imported or exported from here before). Nothing was imported.');
      await page2.screenshot({ path: screenshotPath('archive-import-refused') });
      // The imported case opens here as it was there.
      await page2.goto(`${other.url}#/case/${caseId}`);
      await expect.poll(() => page2.locator('h1').first().textContent()).toContain('Lindqvist, Astrid');
      const there = await hostCall(e2e.host, 'cases.get', { id: caseId });
      const here = await hostCall(other, 'cases.get', { id: caseId });
      expect(JSON.parse(JSON.stringify(here.lesions))).toEqual(JSON.parse(JSON.stringify(there.lesions)));
      expect(errors2).toEqual([]);
      await page2.close();
    } finally {
      await other.close();
    }
    expect(errors).toEqual([]);
  });

  it('carries each lesion’s printed map sheet when exported through the app’s operation, and imports with it', async () => {
    const file = path.join(e2e.dir, 'with-sheets.zip');
    const exported = await hostCall(e2e.host, 'archive.export', { caseId, file });
    expect(exported).toMatchObject({ cases: 1, lesions: 2, sheets: 2 });
    const entries = unzipSync(new Uint8Array(fs.readFileSync(file)));
    const pdfs = Object.keys(entries).filter((n) => n.endsWith('.pdf'));
    expect(pdfs).toHaveLength(2);
    const first = path.join(e2e.dir, 'from-archive.pdf');
    fs.writeFileSync(first, entries[pdfs.find((n) => n.includes('-lesion-A-'))!]!);
    const printed = await readPdf(e2e.browser, first);
    expect(printed.text()).toContain('Lindqvist, Astrid');
    expect(printed.text()).toContain('Mohs map sheet');
    await printed.close();
    // Another database takes the archive with its sheets.
    const other = await startTestHost({ databasePath: path.join(e2e.dir, 'third-clinic.sqlite') });
    try {
      await signInSurgeon(other);
      expect(await hostCall(other, 'archive.import', { file })).toMatchObject({ cases: 1, lesions: 2, sheets: 2 });
    } finally {
      await other.close();
    }
  });
});
