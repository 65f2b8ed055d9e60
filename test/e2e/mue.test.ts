import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshotPath, useHostAndChromium, watchForPageErrors } from './browser';
import { sliced } from '../electron/store/maps';
import { hostCall, NASAL_ALA_BCC, signInSurgeon } from './hostApi';

/**
 * MUE values in Settings: built in until the clinic loads the CMS practitioner services
 * file; a loaded file changes the MUE shown (and the coding summary's warnings), a
 * malformed one is refused with a clear message and changes nothing.
 */
const e2e = useHostAndChromium('mue');
const SAMPLE = path.resolve(import.meta.dirname, '../fixtures/mue/practitioner-mue-sample.csv');

/** The MUE table as "code=value" for the codes the coding checks. */
async function mueShown(page: Page): Promise<Record<string, string>> {
  const rows = await page.getByRole('table', { name: 'MUE values' }).locator('tbody tr').all();
  const out: Record<string, string> = {};
  for (const row of rows) {
    const [code, units] = await row.locator('td').allTextContents();
    if (code) out[code] = units ?? '';
  }
  return out;
}

describe('MUE values in Settings', () => {
  it('loads the CMS file, refuses a malformed one, and the coding summary follows', async () => {
    const surgeon = await signInSurgeon(e2e.host);
    const page = await e2e.browser.newPage({ viewport: { width: 1300, height: 1000 } });
    const errors = watchForPageErrors(page);
    await page.goto(`${e2e.host.url}#/settings`);

    // Built in: 17311 and 17312 known, with their source; 17313 not known.
    await expect.poll(() => mueShown(page)).toMatchObject({ '17311': '4', '17312': '6', '17313': 'not known', '88314': 'not known' });
    expect(await page.getByTestId('mue-source').textContent()).toMatch(/^Built-in values: 17311 = 4 and 17312 = 6 from a secondary source \(2026/);
    expect(await page.getByRole('table', { name: 'MUE values' }).textContent()).toContain('2026 (quarter not stated)');
    await page.screenshot({ path: screenshotPath('mue-built-in'), fullPage: true });

    // The CMS file: every Mohs and stain code gets its value, with the file and its quarter.
    await page.getByLabel('CMS practitioner services MUE file').setInputFiles(SAMPLE);
    await expect.poll(() => page.getByRole('status').allTextContents()).toContainEqual('MUE values loaded from "practitioner-mue-sample.csv".');
    await expect.poll(() => mueShown(page)).toMatchObject({ '17311': '4', '17312': '6', '17313': '3', '17314': '5', '17315': '15', '88314': '6', '88342': '4' });
    expect(await page.getByTestId('mue-source').textContent()).toMatch(/CMS practitioner services MUE file "practitioner-mue-sample\.csv", loaded \d{4}-\d\d-\d\d; 2026 Q1 \(effective 2026-01-01\)\./);
    const loaded = await mueShown(page);

    // A malformed file: a clear message, and the values shown stay those of the good file.
    const broken = path.join(e2e.dir, 'broken-mue.csv');
    fs.writeFileSync(broken, fs.readFileSync(SAMPLE, 'utf8').replace('"17315","15"', '"17315","fifteen"'));
    await page.getByLabel('CMS practitioner services MUE file').setInputFiles(broken);
    await expect
      .poll(() => page.getByRole('alert').allTextContents())
      .toContainEqual('Row 13 of "broken-mue.csv": the MUE value of 17315 is "fifteen", not a whole number. Nothing was changed.');
    expect(await mueShown(page)).toEqual(loaded);
    await page.screenshot({ path: screenshotPath('mue-refused'), fullPage: true });

    // After a restart of the page the loaded values are still there.
    await page.reload();
    await expect.poll(() => mueShown(page)).toEqual(loaded);

    // The coding summary now warns on 17313 (MUE 3 from the file): four trunk lesions on one day.
    const patient = await hostCall(e2e.host, 'patients.create', { familyName: 'Okafor', givenName: 'Grace', mrn: 'M-1', dateOfBirth: '1944-06-01', sex: 'female' });
    const c = await hostCall(e2e.host, 'cases.create', { patientId: patient.id, dateOfSurgery: '2026-02-03', surgeonId: surgeon.id });
    for (const siteId of ['back', 'chest', 'abdomen', 'thigh']) {
      const lesion = await hostCall(e2e.host, 'lesions.create', { ...NASAL_ALA_BCC, siteId, caseId: c.id });
      await hostCall(e2e.host, 'stages.create', { lesionId: lesion.id, doc: sliced(2) });
    }
    await page.goto(`${e2e.host.url}#/case/${c.id}`);
    await page.getByTestId('coding-summary').waitFor();
    expect(await page.getByTestId('coding-clia-mue').textContent()).toMatch(/MUE values: CMS practitioner services MUE file "practitioner-mue-sample\.csv".*2026 Q1/);
    await expect
      .poll(() => page.locator('.coding-warning').allTextContents())
      .toContainEqual(expect.stringMatching(/17313: 4 units today exceed the MUE of 3 \(adjudication indicator 3, per day, appealable with documentation; 2026 Q1/));
    await page.screenshot({ path: screenshotPath('mue-coding'), fullPage: true });

    // Back to the built-in values.
    await page.goto(`${e2e.host.url}#/settings`);
    await page.getByRole('button', { name: 'Use the built-in values' }).click();
    await expect.poll(() => mueShown(page)).toMatchObject({ '17313': 'not known' });
    expect(errors).toEqual([]);
    await page.close();
  });
});
