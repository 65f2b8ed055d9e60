import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildArchive, readCaseRecords } from '../../electron/store/archiveExport';
import { databaseKeyFileBeside, databaseKeyFileSource } from '../../electron/store/databaseKey';
import { openStore } from '../../electron/store/open';
import { startTestHost } from '../host/server';
import { screenshotPath, useHostAndChromium, watchForPageErrors } from './browser';
import { hostCall, signInSurgeon } from './hostApi';
import { readPdf } from './pdf';
import { seedPrintedCase } from './sheetFixture';

/**
 * Case archives end to end: the surgeon exports a case from its page, another clinic's
 * database imports it in Settings (through a second test host), the same archive again is
 * refused by name; and an archive made with the sheet adapter carries the printed PDFs.
 */
const e2e = useHostAndChromium('archive');
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
    await expect.poll(() => page.getByTestId('case-archive-status').textContent()).toBe(`Exported 1 case (2 lesions, 0 map sheets) to ${file}.`);
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
    await expect.poll(() => page.getByTestId('archive-range-status').textContent()).toBe(`Exported 1 case (2 lesions, 0 map sheets) to ${day}.`);
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

  it('carries each lesion’s map sheet as printed by Chromium when a sheet adapter is given', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1200, height: 1000 } });
    const sheetPdf = async (lesion: { id: string }) => {
      await page.goto(`${e2e.host.url}#/print/lesion/${lesion.id}/letter`);
      await page.getByTestId('map-sheet').waitFor();
      return new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    };
    // The host's file read beside it (WAL: a second reader is fine), with its key where it has one.
    const file = e2e.host.databasePath;
    const keyFile = databaseKeyFileBeside(file);
    const store = openStore(file, fs.existsSync(keyFile) ? { databaseKey: await databaseKeyFileSource(keyFile).load() } : {});
    let built: Awaited<ReturnType<typeof buildArchive>>;
    try {
      const records = await store.query.transaction().execute((db) => readCaseRecords(db, [caseId]));
      built = await buildArchive(records, { appVersion: 't', schemaVersion: store.schemaVersion, createdAt: new Date().toISOString(), createdBy: { id: 'x', name: 'Test' } }, sheetPdf);
    } finally {
      store.close();
    }
    const { zip, sheets } = built;
    await page.close();
    expect(sheets).toBe(2);
    const entries = unzipSync(zip);
    const pdfs = Object.keys(entries).filter((n) => n.endsWith('.pdf'));
    expect(pdfs).toHaveLength(2);
    const first = path.join(e2e.dir, 'from-archive.pdf');
    fs.writeFileSync(first, entries[pdfs.find((n) => n.includes('-lesion-A-'))!]!);
    const printed = await readPdf(e2e.browser, first);
    expect(printed.text()).toContain('Lindqvist, Astrid');
    await printed.close();
  });
});
