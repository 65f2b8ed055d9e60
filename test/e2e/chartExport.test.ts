import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumSheetPrinter } from '../host/sheetPrinter';
import { screenshotPath, useHostAndChromium, watchForPageErrors } from './browser';
import { E2E_PASSWORD, hostCall } from './hostApi';
import { readPdf } from './pdf';
import { seedPrintedCase } from './sheetFixture';

/**
 * The chart export end to end (issue 16 part 2): the surgeon signs the case in its page, then
 * exports it for the EHR into a folder. The PDF is printed as Electron's hidden window prints
 * (here the host's Chromium page) and read back with pdf.js: the map sheet's text and the
 * operative note's page are in it; the FHIR bundle beside it carries the same PDF.
 */
const e2e = useHostAndChromium('chart-export', (browser) => ({ sheetPrinter: chromiumSheetPrinter(() => browser) }));
let caseId: string;
beforeAll(async () => {
  ({ caseId } = await seedPrintedCase(e2e.host, 2));
});

describe('chart export in Chromium', () => {
  it('signs the case, exports the PDF (sheet and note) and the FHIR bundle, owner-only and audited; a second export is refused by name', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1300, height: 1000 } });
    const errors = watchForPageErrors(page);
    await page.goto(`${e2e.host.url}#/case/${caseId}`);
    const panel = page.getByRole('region', { name: 'Export to the chart (EHR)' });
    await panel.waitFor();
    // Not signed yet: the export is not offered.
    expect(await panel.getByRole('button', { name: 'Export chart' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Sign case' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByLabel('Your password (to sign)').fill(E2E_PASSWORD);
    await dialog.getByRole('button', { name: /^Sign (anyway )?and lock$/ }).click();
    await page.getByTestId('signed-banner').waitFor();

    const folder = path.join(e2e.dir, 'ehr-import');
    fs.mkdirSync(folder);
    await panel.getByLabel('Export into the folder').fill(folder);
    // Photos are off unless chosen.
    expect(await panel.getByRole('checkbox', { name: 'Include the wound photos on the map sheet' }).isChecked()).toBe(false);
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('chart-export-0-dialog') });
    await panel.getByRole('button', { name: 'Export chart' }).click();
    const status = page.getByTestId('chart-export-status');
    await expect.poll(() => status.textContent(), { timeout: 90_000 }).toMatch(/^Exported the chart: /);
    const files = fs.readdirSync(folder).sort();
    expect(files).toEqual(['layermap-chart-2026-11-20-MS26-0777.fhir.json', 'layermap-chart-2026-11-20-MS26-0777.pdf']);
    const [bundleFile, pdfFile] = files.map((f) => path.join(folder, f)) as [string, string];
    expect(await status.textContent()).toMatch(new RegExp(`^Exported the chart: ${pdfFile} \\(\\d+ KB\\) and ${bundleFile} \\(FHIR R4 bundle, \\d+ resources\\)\\.$`));
    for (const f of [pdfFile, bundleFile]) expect(fs.statSync(f).mode & 0o777).toBe(0o600);
    await page.screenshot({ path: screenshotPath('chart-export-1-done') });

    // The PDF: the signed sheet, then the operative note as signed with the case.
    const pdf = await readPdf(e2e.browser, pdfFile);
    const text = pdf.text();
    expect(text).toContain('Mohs map sheet');
    expect(text).toContain('Lindqvist, Astrid');
    expect(text).toContain('RD-55821');
    expect(text).toMatch(/Electronically signed by .+ on \d{4}-\d{2}-\d{2}\./);
    expect(text).toContain('Coding summary');
    const last = pdf.text(pdf.pages.length);
    expect(text).toContain('Operative note');
    expect(text).toMatch(/LESION A — /);
    expect(text).toMatch(/Stage 1: .*tissue blocks/);
    expect(text).toContain('acted as both surgeon and pathologist');
    expect(last).toMatch(/Electronically signed by .+ on \d{4}-\d{2}-\d{2}\./);
    expect(text).not.toContain('No operative note written for this case.');
    // Every page's foot names the document.
    expect(last).toContain('Layermap map sheet and operative note');
    fs.writeFileSync(screenshotPath('chart-export-2-note-page'), await pdf.render(pdf.pages.length, 60));
    fs.writeFileSync(screenshotPath('chart-export-3-first-page'), await pdf.render(1, 60));
    await pdf.close();

    // The bundle carries the same PDF, byte for byte.
    const bundle = JSON.parse(fs.readFileSync(bundleFile, 'utf8')) as { entry: { resource: { resourceType: string; conclusion?: string; content?: { attachment: { data: string } }[] } }[] };
    // The margins per stage, the positive block named as the sheet names it.
    expect(bundle.entry.filter((e) => e.resource.resourceType === 'DiagnosticReport').map((e) => e.resource.conclusion)).toEqual([
      'Tumor at the margin: another stage needed (4 blocks examined). A 1-2: Tumor at peripheral.',
      'Margins clear (2 blocks examined).',
      'Margins clear (4 blocks examined).',
    ]);
    const doc = bundle.entry.find((e) => e.resource.resourceType === 'DocumentReference')!.resource;
    expect(Buffer.from(doc.content![0]!.attachment.data, 'base64').equals(fs.readFileSync(pdfFile))).toBe(true);

    // Audited on the case, to the surgeon.
    const audit = await hostCall(e2e.host, 'audit.list', { entityId: caseId, limit: 20 });
    expect(audit.find((e) => e.action === 'export')?.after).toMatchObject({ output: 'chart-export', photos: false, files: [path.basename(pdfFile), path.basename(bundleFile)] });

    // Again into the same folder: refused, the files untouched.
    const before = fs.readFileSync(pdfFile);
    await panel.getByRole('button', { name: 'Export chart' }).click();
    await expect
      .poll(() => page.getByRole('alert').allTextContents(), { timeout: 60_000 })
      .toContainEqual(`${pdfFile} already exists. A chart export is never written over another file: move that file or choose another folder.`);
    expect(fs.readFileSync(pdfFile).equals(before)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('takes the folder from the desktop picker, and the photos only when ticked', async () => {
    const folder = path.join(e2e.dir, 'picked');
    fs.mkdirSync(folder);
    const page = await e2e.browser.newPage({ viewport: { width: 1300, height: 1000 } });
    const errors = watchForPageErrors(page);
    // The desktop bridge's folder picker (electron/main/pathPicker.ts), faked: it is asked for the export folder.
    await page.addInitScript((picked: string) => {
      (window as unknown as { layermapDesktop: unknown }).layermapDesktop = {
        choosePath: (kind: string) => Promise.resolve(kind === 'export-folder' ? { ok: true, value: picked } : { ok: false, error: { code: 'invalid_input', message: kind } }),
      };
    }, folder);
    await page.goto(`${e2e.host.url.replace(/#.*$/, '')}#/case/${caseId}`);
    const panel = page.getByRole('region', { name: 'Export to the chart (EHR)' });
    await panel.getByRole('button', { name: 'Choose folder…' }).click();
    await expect.poll(() => panel.getByLabel('Export into the folder').inputValue()).toBe(folder);
    await panel.getByRole('checkbox', { name: 'Include the wound photos on the map sheet' }).check();
    await panel.getByRole('button', { name: 'Export chart' }).click();
    await expect.poll(() => page.getByTestId('chart-export-status').textContent(), { timeout: 90_000 }).toMatch(/, with the wound photos\.$/);
    expect(fs.readdirSync(folder)).toHaveLength(2);
    const audit = await hostCall(e2e.host, 'audit.list', { entityId: caseId, limit: 20 });
    expect(audit.find((e) => e.action === 'export')?.after).toMatchObject({ output: 'chart-export', photos: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
