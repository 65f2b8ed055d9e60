import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from '../host/server';
import { screenshotPath, useChromium, watchForPageErrors } from './browser';
import { E2E_PASSWORD, passRecoverySheet } from './hostApi';

/**
 * A clinic's first day, through the real UI in Chromium against the test host and a real
 * SQLite file: set up the clinic and its first user, register a patient, open a case, add two
 * lesions; then restart the host on the same file, sign in again and find everything by search.
 */
const e2e = useChromium('cases');
const dbFile = (): string => path.join(e2e.dir, 'clinic.sqlite');

async function openPage(host: TestHost): Promise<{ page: Page; errors: string[] }> {
  const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchForPageErrors(page);
  await page.goto(host.url);
  return { page, errors };
}

async function addLesion(page: Page, l: { site: string; diagnosis: string; length: string; width: string; recurrent?: boolean; deep?: string }) {
  await page.getByRole('button', { name: 'Add lesion' }).click();
  await page.getByLabel('Anatomic site').fill(l.site);
  await page.getByRole('option').first().waitFor();
  await page.getByLabel('Anatomic site').press('Enter');
  await page.getByLabel('Diagnosis').selectOption(l.diagnosis);
  await page.getByLabel('Pre-op length (mm)').fill(l.length);
  await page.getByLabel('Pre-op width (mm)').fill(l.width);
  await page.getByLabel(l.recurrent ? 'Recurrent' : 'Primary', { exact: true }).check();
  if (l.deep) await page.getByLabel(l.deep).check();
}

describe('cases and lesions end to end', () => {
  it('creates a patient, a case and two lesions that survive a restart and are found by search', async () => {
    let host = await startTestHost({ databasePath: dbFile() });
    let { page, errors } = await openPage(host);

    // First run: the clinic's first user.
    await page.getByRole('heading', { name: 'Set up Layermap' }).waitFor();
    await page.getByLabel('Clinic name').fill('Harbour Mohs');
    await page.getByRole('checkbox', { name: 'Mohs surgeon' }).check();
    await page.getByLabel('Password', { exact: true }).fill(E2E_PASSWORD);
    await page.getByLabel('Password again').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'Set up and sign in' }).click();
    await page.getByText('Name is required.').waitFor();
    await page.getByLabel('Your full name').fill('Dr Ana Mendez');
    await page.getByLabel('Initials').fill('am');
    await page.getByRole('button', { name: 'Set up and sign in' }).click();
    await passRecoverySheet(page);
    await page.getByRole('heading', { name: 'Cases' }).waitFor();
    expect(await page.getByTestId('current-user').textContent()).toContain('Dr Ana Mendez');

    // Patient and case.
    await page.getByRole('button', { name: 'New case' }).click();
    await page.getByRole('button', { name: 'Register a new patient' }).click();
    await page.getByLabel('Family name').fill("O'Brien");
    await page.getByLabel('Given name').fill('Margaret');
    await page.getByLabel('MRN').fill('MRN-20417');
    await page.getByLabel('Date of birth').fill('1941-07-09');
    await page.getByLabel('Sex').selectOption('female');
    await page.getByRole('button', { name: 'Register patient' }).click();
    await page.getByLabel('Date of surgery').fill('2026-11-20');
    await page.getByLabel('Accession number').fill('MS26-0420');
    await page.getByRole('button', { name: 'Create case' }).click();
    await page.getByRole('heading', { name: "O'Brien, Margaret" }).waitFor();

    // Lesion A, with a validation error first: nothing typed is lost.
    await addLesion(page, { site: 'left nasal ala', diagnosis: 'bcc-nodular', length: '12', width: '0' });
    await page.getByRole('button', { name: 'Save lesion' }).click();
    await page.getByText(/Pre-op width must be at least 0.1 mm/).waitFor();
    await page.screenshot({ path: screenshotPath('e2e-lesion-size-refused'), fullPage: true });
    expect(await page.getByLabel('Pre-op length (mm)').inputValue()).toBe('12');
    await page.getByLabel('Pre-op width (mm)').fill('8');
    await page.screenshot({ path: screenshotPath('e2e-lesion-form'), fullPage: true });
    await page.getByRole('button', { name: 'Save lesion' }).click();
    await page.getByRole('link', { name: 'Lesion A' }).waitFor();

    // Lesion B on the trunk, recurrent, with muscle involved.
    await addLesion(page, { site: 'upper back', diagnosis: 'scc-well-differentiated', length: '20', width: '15', recurrent: true, deep: 'Muscle' });
    await page.getByLabel('Right', { exact: true }).check();
    await page.getByRole('button', { name: 'Save lesion' }).click();
    await page.getByRole('link', { name: 'Lesion B' }).waitFor();

    await page.getByRole('link', { name: 'Cases' }).first().click();
    await page.getByRole('link', { name: "O'Brien, Margaret" }).waitFor();
    await page.screenshot({ path: screenshotPath('e2e-case-list'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();

    // Restart the host on the same file: a new process would see the same.
    await host.close();
    host = await startTestHost({ databasePath: dbFile() });
    ({ page, errors } = await openPage(host));
    await page.getByRole('heading', { name: 'Sign in to Harbour Mohs' }).waitFor();
    await page.getByRole('button', { name: /Dr Ana Mendez/ }).click();
    await page.getByLabel('Password for Dr Ana Mendez').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    for (const query of ['obrien', 'MRN-20417', '2026-11-20', 'margaret o']) {
      // Clear the list first, so the row found below is this query's answer, not the last one's.
      await page.getByLabel('Search cases').fill('nobody-like-this');
      await page.getByText(/No cases match/).waitFor();
      await page.getByLabel('Search cases').fill(query);
      const row = page.getByRole('row', { name: /O'Brien, Margaret/ });
      await row.waitFor();
      await expect.poll(() => row.textContent()).toContain('A, B');
    }
    await page.getByLabel('Search cases').fill('obrien');
    await page.getByRole('link', { name: "O'Brien, Margaret" }).click();
    await page.getByRole('heading', { name: "O'Brien, Margaret" }).waitFor();
    const lesions = page.getByRole('row');
    await expect.poll(() => lesions.filter({ hasText: 'Lesion A' }).textContent()).toContain('Left nasal ala');
    await expect.poll(() => lesions.filter({ hasText: 'Lesion A' }).textContent()).toContain('12 × 8 mm');
    await expect.poll(() => lesions.filter({ hasText: 'Lesion B' }).textContent()).toContain('Right upper back');
    await expect.poll(() => lesions.filter({ hasText: 'Lesion B' }).textContent()).toContain('20 × 15 mm');
    await expect.poll(() => lesions.filter({ hasText: 'Lesion B' }).textContent()).toContain('Recurrent');
    await expect.poll(() => lesions.filter({ hasText: 'Lesion B' }).textContent()).toContain('Muscle');
    // Exact: the operative note's text on the page names the accession number too.
    await page.getByText('MS26-0420', { exact: true }).waitFor();

    await page.getByRole('link', { name: 'Lesion A' }).click();
    await page.getByRole('heading', { name: /Lesion A/ }).waitFor();
    await expect.poll(() => page.getByRole('main').textContent()).toContain('Basal cell carcinoma');
    expect(errors).toEqual([]);
    await page.close();
    await host.close();
  });
});
