import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { NO_KEY_STORE, pendingRecoveryFileBeside, recoveryFileBeside, sealedDatabaseKeyBeside } from '../../electron/services/clinicKeys';
import { keyFileBeside } from '../../electron/store/auditKey';
import { databaseKeyFileBeside } from '../../electron/store/databaseKey';
import { startTestHost, type TestHost } from '../host/server';
import { fakeSealer } from '../electron/services/fakeSealer';
import { TEST_SCRYPT_COST } from '../electron/store/helpers';
import { screenshotPath, useChromium, watchForPageErrors } from './browser';
import { E2E_PASSWORD, hostCall, recoveryCodeShown, signInSurgeon } from './hostApi';
import { readPdf } from './pdf';

/**
 * The recovery code in the app: the sheet after set-up (printed and read back), a new one from
 * Settings that voids the first, and the unlock page on a computer with no key for the file
 * (wrong code, then the right one opens the app; the keys sealed for that computer after).
 */
const e2e = useChromium('recovery');
const CODE = /^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/;

async function openPage(host: TestHost): Promise<{ page: Page; errors: string[] }> {
  const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchForPageErrors(page);
  await page.goto(host.url);
  return { page, errors };
}

/** The sheet as Chromium prints it (the same print path as the map sheet), read back. */
async function printRecoverySheet(page: Page, name: string): Promise<string> {
  const file = path.join(e2e.dir, `${name}.pdf`);
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  const pdf = await readPdf(e2e.browser, file);
  try {
    expect(pdf.pages).toHaveLength(1);
    fs.writeFileSync(screenshotPath(`${name}-pdf`), await pdf.render(1, 80));
    return pdf.text();
  } finally {
    await pdf.close();
  }
}

/** The sheet is gone from the page, and no group of the code is anywhere in its text. */
async function expectNoCodeOnPage(page: Page, code: string): Promise<void> {
  expect(await page.getByTestId('recovery-sheet').count()).toBe(0);
  expect(await page.locator('.recovery-sheet__group').count()).toBe(0);
  const text = await page.locator('body').innerText();
  for (const group of code.split('-')) expect(text).not.toContain(group);
}

describe('the recovery code in the app', () => {
  it('first run shows the sheet, Settings prints a new one that voids it, and the unlock page opens the database with it', async () => {
    const db = path.join(e2e.dir, 'clinic.sqlite');
    let host = await startTestHost({ databasePath: db });
    let { page, errors } = await openPage(host);

    // First run: set-up, then the recovery sheet before anything else.
    await page.getByLabel('Clinic name').fill('Harbour Mohs');
    await page.getByLabel('Your full name').fill('Dr Ana Mendez');
    await page.getByLabel('Initials').fill('AM');
    await page.getByLabel('Password', { exact: true }).fill(E2E_PASSWORD);
    await page.getByLabel('Password again').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'Set up and sign in' }).click();
    const first = await recoveryCodeShown(page);
    expect(first).toMatch(CODE);
    // Written aside until the sheet is confirmed printed and kept.
    expect(fs.existsSync(pendingRecoveryFileBeside(db))).toBe(true);
    expect(fs.existsSync(recoveryFileBeside(db))).toBe(false);
    await page.screenshot({ path: screenshotPath('recovery-1-first-run-sheet'), fullPage: true });
    const printed = await printRecoverySheet(page, 'recovery-sheet');
    // Spaced letters print as runs pdf.js reads apart: compare without the spaces.
    expect(printed.replace(/\s+/g, '')).toContain(first.replace(/-/g, ''));
    expect(printed).toContain('Harbour Mohs');
    expect(printed).toContain('Layermap recovery sheet');
    expect(printed).toMatch(/clinic’s safe/);
    expect(printed).toMatch(/never with the computer/);
    expect(printed).toMatch(/A new code replaces this one for the database/);
    expect(printed).toMatch(/replaced or repaired computer/);
    expect(printed).toMatch(/MADE ON/);
    expect(printed).toContain(new Date().getFullYear().toString());

    // Going on needs the confirmation; then the app, and the code is gone from the page.
    const go = page.getByRole('button', { name: 'Continue to Layermap' });
    expect(await go.isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: 'I have printed it and put it in a safe place' }).check();
    await go.click();
    await page.getByRole('heading', { name: 'Cases' }).waitFor();
    expect(fs.existsSync(recoveryFileBeside(db))).toBe(true);
    expect(fs.existsSync(pendingRecoveryFileBeside(db))).toBe(false);
    await expectNoCodeOnPage(page, first);
    expect(await page.getByTestId('recovery-missing').count()).toBe(0);

    // Settings: a new code, the password typed again (a wrong one refused, nothing changed).
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Print a new recovery code…' }).click();
    await page.getByLabel('Your password').fill('not my password');
    const recoveryBefore = fs.readFileSync(recoveryFileBeside(db));
    await page.getByRole('button', { name: 'Make the new code' }).click();
    await page.getByRole('alert').filter({ hasText: /password/i }).waitFor();
    expect(fs.readFileSync(recoveryFileBeside(db))).toEqual(recoveryBefore);
    await page.screenshot({ path: screenshotPath('recovery-2-settings-password'), fullPage: true });
    await page.getByLabel('Your password').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'Make the new code' }).click();
    const second = await recoveryCodeShown(page);
    expect(second).toMatch(CODE);
    expect(second).not.toBe(first);
    expect((await printRecoverySheet(page, 'recovery-sheet-new')).replace(/\s+/g, '')).toContain(second.replace(/-/g, ''));
    // Not confirmed yet: the first code's file is still the one beside the database.
    expect(fs.readFileSync(recoveryFileBeside(db))).toEqual(recoveryBefore);
    await page.getByRole('checkbox', { name: 'I have printed it and put it in a safe place' }).check();
    await page.getByRole('button', { name: 'Back to Settings' }).click();
    await page.getByRole('heading', { name: 'Recovery code' }).waitFor();
    expect(fs.readFileSync(recoveryFileBeside(db))).not.toEqual(recoveryBefore);
    await expectNoCodeOnPage(page, second);

    // The audit says a code was made, twice, and never holds one.
    const audit = await hostCall(host, 'audit.exportCsv', {});
    expect(audit.csv.match(/recovery-code/g)?.length).toBe(4);
    expect(audit.csv.match(/recovery-code-confirmed/g)?.length).toBe(2);
    for (const code of [first, second]) {
      expect(audit.csv).not.toContain(code);
      expect(audit.csv).not.toContain(code.replace(/-/g, ''));
    }
    // A third code made, the app closed on its sheet: never confirmed, so dropped at the next start.
    await hostCall(host, 'settings.newRecoveryCode', { password: E2E_PASSWORD });
    expect(fs.existsSync(pendingRecoveryFileBeside(db))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
    await host.close();

    // A replaced computer: the database and its recovery file came back, the key files did not.
    fs.rmSync(databaseKeyFileBeside(db));
    fs.rmSync(keyFileBeside(db));
    const newComputer = fakeSealer('os', 0x17);
    host = await startTestHost({ databasePath: db, askForKeys: { sealer: newComputer, cost: TEST_SCRYPT_COST } });
    ({ page, errors } = await openPage(host));
    await page.getByRole('heading', { name: "Open the clinic's database" }).waitFor();
    await expect(hostCall(host, 'session.status', {})).rejects.toThrow(/not open yet/);
    await page.screenshot({ path: screenshotPath('recovery-3-unlock-page'), fullPage: true });

    // A typo, then the voided first code: each says why, and the page stays to try again.
    const typo = second.slice(0, 5) + (second[5] === 'A' ? 'B' : 'A') + second.slice(6);
    await page.getByLabel('Recovery code').fill(typo);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'typing mistake' }).waitFor();
    await page.getByLabel('Recovery code').fill(first);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'older recovery sheet' }).waitFor();
    await page.screenshot({ path: screenshotPath('recovery-4-unlock-wrong-code'), fullPage: true });
    expect(fs.existsSync(sealedDatabaseKeyBeside(db))).toBe(false);

    // The right code, typed as a person might: the app opens at its sign-in.
    await page.getByLabel('Recovery code').fill(second.toLowerCase().replace(/-/g, ' '));
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('heading', { name: /^Sign in/ }).waitFor();
    await host.opened;
    expect(await page.getByLabel('Recovery code').count()).toBe(0);
    expect(fs.existsSync(sealedDatabaseKeyBeside(db))).toBe(true);
    expect(fs.existsSync(pendingRecoveryFileBeside(db))).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
    await host.close();

    // Sealed for this computer now: the next start asks nothing, and the clinic is all there.
    host = await startTestHost({ databasePath: db, askForKeys: { sealer: newComputer, cost: TEST_SCRYPT_COST } });
    ({ page, errors } = await openPage(host));
    await page.getByRole('heading', { name: /^Sign in/ }).waitFor();
    expect((await hostCall(host, 'session.status', {})).clinicName).toBe('Harbour Mohs');
    expect(errors).toEqual([]);
    await page.close();
    await host.close();
  });

  it('where the computer has no key store, the passphrase is chosen once, then asked at each start', async () => {
    const db = path.join(e2e.dir, 'passphrase.sqlite');
    const ask = { sealer: NO_KEY_STORE, cost: TEST_SCRYPT_COST };
    let host = await startTestHost({ databasePath: db, askForKeys: ask });
    let { page, errors } = await openPage(host);
    await page.getByLabel('New clinic passphrase').fill('maple kettle harbour');
    await page.getByLabel('Passphrase again').fill('maple kettle harbor');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'The two passphrases differ' }).waitFor();
    await page.getByLabel('New clinic passphrase').fill('maple kettle harbour');
    await page.getByLabel('Passphrase again').fill('maple kettle harbour');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('heading', { name: 'Set up Layermap' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
    await host.close();

    host = await startTestHost({ databasePath: db, askForKeys: ask });
    ({ page, errors } = await openPage(host));
    await page.getByLabel('Clinic passphrase').fill('maple kettle harbor');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'try again' }).waitFor();
    expect(await page.getByLabel('Clinic passphrase').inputValue()).toBe('');
    await page.screenshot({ path: screenshotPath('recovery-5-unlock-wrong-passphrase'), fullPage: true });
    await page.getByLabel('Clinic passphrase').fill('maple kettle harbour');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('heading', { name: 'Set up Layermap' }).waitFor();
    await host.opened;
    await signInSurgeon(host);
    const { code } = await hostCall(host, 'settings.newRecoveryCode', { password: E2E_PASSWORD });
    await hostCall(host, 'settings.confirmRecoveryCode', {});
    expect(errors).toEqual([]);
    await page.close();
    await host.close();

    // The passphrase forgotten: the recovery code, then a new passphrase for this computer.
    host = await startTestHost({ databasePath: db, askForKeys: ask });
    ({ page, errors } = await openPage(host));
    await page.getByRole('button', { name: 'Use the recovery code' }).click();
    await page.getByLabel('Recovery code').fill(code);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByText('The recovery code is right.').waitFor();
    await page.getByLabel('New clinic passphrase').fill('new clinic words here');
    await page.getByLabel('Passphrase again').fill('new clinic words here');
    await page.screenshot({ path: screenshotPath('recovery-6-unlock-new-passphrase'), fullPage: true });
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('heading', { name: /^Sign in/ }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
    await host.close();

    host = await startTestHost({ databasePath: db, askForKeys: ask });
    ({ page, errors } = await openPage(host));
    await page.getByLabel('Clinic passphrase').fill('new clinic words here');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('heading', { name: /^Sign in/ }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
    await host.close();
  });

  it('tells the administrator when the database has no recovery sheet, and leads to Settings to print one', async () => {
    const db = path.join(e2e.dir, 'no-sheet.sqlite');
    const host = await startTestHost({ databasePath: db });
    // A clinic set up before the recovery sheet existed: no recovery file.
    await hostCall(host, 'session.setUp', { clinicName: 'Harbour Mohs', name: 'Dr Ana Mendez', initials: 'AM', roles: ['surgeon', 'administrator'], password: E2E_PASSWORD });
    const { page, errors } = await openPage(host);
    const notice = page.getByTestId('recovery-missing');
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(/No recovery sheet/);
    await page.screenshot({ path: screenshotPath('recovery-7-no-sheet-notice'), fullPage: true });
    await notice.getByRole('link', { name: 'Print one in Settings › Recovery code' }).click();
    await page.getByRole('button', { name: 'Print a new recovery code…' }).click();
    await page.getByLabel('Your password').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'Make the new code' }).click();
    const code = await recoveryCodeShown(page);
    expect(fs.existsSync(recoveryFileBeside(db))).toBe(false);
    await page.getByRole('checkbox', { name: 'I have printed it and put it in a safe place' }).check();
    await page.getByRole('button', { name: 'Back to Settings' }).click();
    await page.getByRole('heading', { name: 'Recovery code' }).waitFor();
    expect(fs.existsSync(recoveryFileBeside(db))).toBe(true);
    await expectNoCodeOnPage(page, code);
    expect(await notice.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
    await host.close();
  });
});
