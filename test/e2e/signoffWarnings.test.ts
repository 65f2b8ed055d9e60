import { describe, expect, it } from 'vitest';
import { quartered } from '../electron/store/maps';
import { screenshotPath, useHostAndChromium, watchForPageErrors } from './browser';
import { E2E_PASSWORD, hostCall, seedLesion } from './hostApi';

/**
 * Signing warns before it locks, in Chromium against the test host: the dialog lists what the
 * record lacks, read from the store; the focus starts on Review (Enter signs nothing); fixing
 * a gap in the page removes its warning; a problem that appears while the dialog is open stops
 * the signature and is listed; signing over the warnings records them in the audit.
 */
const e2e = useHostAndChromium('signoff-warnings');

describe('sign-off warnings end to end', () => {
  it('lists the warnings with the focus on Review, and signs only over warnings the surgeon has seen', async () => {
    const { host } = e2e;
    const { lesionId, caseId } = await seedLesion(host);
    await hostCall(host, 'stages.create', { lesionId, doc: quartered() });
    const page = await e2e.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors = watchForPageErrors(page);
    await page.goto(`${host.url}#/lesion/${lesionId}`);
    await page.getByRole('heading', { name: /Lesion A/ }).waitFor();
    await page.getByRole('row', { name: /1-4/ }).waitFor();
    // No direction is assumed: the lesion says so, in its facts and beside the map.
    await page.getByTestId('twelve-oclock-missing').waitFor();
    expect(await page.locator('.facts__item', { hasText: "12 o'clock points" }).textContent()).toBe("12 o'clock pointsNot chosen");

    await page.getByRole('button', { name: 'Sign lesion' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Sign lesion A?' });
    const list = dialog.getByRole('list', { name: 'Sign-off warnings' });
    await list.waitFor();
    expect(await list.getByRole('listitem').allTextContents()).toEqual([
      'The case has no accession number from the lab.',
      "Lesion A: no 12 o'clock direction chosen; the map cannot be oriented on the patient.",
      'Lesion A: stage 1 blocks 1-1, 1-2, 1-3, 1-4 not read.',
      'Lesion A: stage 1 blocks short of "read" in the lab: 1-1 (excised), 1-2 (excised), 1-3 (excised), 1-4 (excised).',
      'Lesion A: no final defect size recorded.',
      'Lesion A: no repair recorded (choose "No repair" or "Second intention" if the wound was not closed).',
      'Lesion A: no outcome recorded (cleared, stopped or referred).',
    ]);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Review');
    await page.screenshot({ path: screenshotPath('signoff-warnings-dialog') });
    // Enter on the focused button reviews: nothing is signed.
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect((await hostCall(host, 'lesions.get', { id: lesionId })).lesion.signature).toBeNull();

    // Fix two gaps in the page: 12 o'clock beside the map, and the outcome.
    await page.getByLabel("12 o'clock points").selectOption('medial');
    await page.getByTestId('twelve-oclock-missing').waitFor({ state: 'detached' });
    const outcome = page.getByRole('form', { name: 'Outcome of lesion A' });
    await outcome.getByLabel('Stopped (abandoned)').check();
    await outcome.getByRole('button', { name: 'Save outcome' }).click();
    await outcome.getByText('Say why surgery was stopped, e.g. the patient could not tolerate further stages.').waitFor();
    await outcome.getByLabel('Why was surgery stopped?').fill('Patient felt faint; surgery stopped after stage 1.');
    await outcome.getByRole('button', { name: 'Save outcome' }).click();
    await outcome.getByText('Outcome saved: Stopped (abandoned): Patient felt faint; surgery stopped after stage 1..').waitFor();

    await page.getByRole('button', { name: 'Sign lesion' }).click();
    await list.waitFor();
    const shown = await list.getByRole('listitem').allTextContents();
    expect(shown).toHaveLength(5);
    expect(shown.join(' ')).not.toMatch(/12 o'clock|outcome/);

    // A second stage is added elsewhere while the dialog is open: signing stops and lists it.
    await hostCall(host, 'stages.create', { lesionId, doc: quartered() });
    await dialog.getByLabel('Your password (to sign)').fill(E2E_PASSWORD);
    await dialog.getByRole('button', { name: 'Sign anyway and lock' }).click();
    await dialog.getByRole('alert').getByText(/^Not signed: something changed since you reviewed it\. Lesion A: stage 2 blocks 2-1, 2-2, 2-3, 2-4 not read\./).waitFor();
    await list.getByText('Lesion A: stage 2 blocks 2-1, 2-2, 2-3, 2-4 not read.').waitFor();
    expect((await hostCall(host, 'lesions.get', { id: lesionId })).lesion.signature).toBeNull();
    await page.screenshot({ path: screenshotPath('signoff-warnings-changed') });

    // Signing over what is now listed: locked, and the audit keeps what was signed over.
    const final = await list.getByRole('listitem').allTextContents();
    // The password is asked again for this attempt (the refused one cleared it).
    await dialog.getByLabel('Your password (to sign)').fill(E2E_PASSWORD);
    await dialog.getByRole('button', { name: 'Sign anyway and lock' }).click();
    await page.getByTestId('signed-banner').waitFor();
    const [event] = await hostCall(host, 'audit.list', { entityId: lesionId, limit: 1 });
    expect(event).toMatchObject({ action: 'sign', after: expect.objectContaining({ signedOverWarnings: final }) });
    expect((await hostCall(host, 'cases.get', { id: caseId })).lesions[0]).toMatchObject({ twelveOClock: 'medial', outcome: { kind: 'stopped' } });

    // The patient record stays editable; the change is shown on the case as an addendum naming the user.
    await page.goto(`${host.url}#/case/${caseId}`);
    await page.getByRole('button', { name: 'Edit patient' }).click();
    await page.getByTestId('patient-addendum-note').waitFor();
    await page.getByLabel('Given name').fill('Joanna');
    await page.getByRole('button', { name: 'Save patient' }).click();
    const addenda = page.getByRole('list', { name: 'Addenda, oldest first' });
    await addenda.getByText('Patient record changed after signing: given name "Joan" → "Joanna".').waitFor();
    expect(await addenda.textContent()).toMatch(/Addendum · \d{4}-\d{2}-\d{2} \d{2}:\d{2} · Dr Ana Mendez · Case/);
    await page.screenshot({ path: screenshotPath('signoff-patient-addendum'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("offers proximal and distal in the lesion form on a finger, not on the nose, and saves no direction unless one is chosen", async () => {
    const { host } = e2e;
    const { caseId } = await seedLesion(host);
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors = watchForPageErrors(page);
    await page.goto(`${host.url}#/case/${caseId}`);
    await page.getByRole('button', { name: 'Add lesion' }).click();
    const site = async (text: string) => {
      await page.getByLabel('Anatomic site').fill(text);
      await page.getByRole('option').first().waitFor();
      await page.getByLabel('Anatomic site').press('Enter');
    };
    const directions = page.getByRole('group', { name: "12 o'clock points" });
    await site('nasal ala');
    expect(await directions.getByRole('radio').evaluateAll((rs) => rs.map((r) => (r as HTMLInputElement).value))).toEqual([
      'superior', 'inferior', 'medial', 'lateral', 'anterior', 'posterior',
    ]);
    await site('index finger');
    await page.getByLabel('Right', { exact: true }).check();
    await directions.getByLabel('Distal').check();
    await page.getByLabel('Diagnosis').selectOption('scc-well-differentiated');
    await page.getByLabel('Pre-op length (mm)').fill('9');
    await page.getByLabel('Pre-op width (mm)').fill('7');
    await page.getByLabel('Primary', { exact: true }).check();
    await page.screenshot({ path: screenshotPath('lesion-form-twelve-oclock'), fullPage: true });
    await page.getByRole('button', { name: 'Save lesion' }).click();
    await page.getByText('Lesion B added.').waitFor();
    const lesions = (await hostCall(host, 'cases.get', { id: caseId })).lesions;
    expect(lesions.map((l) => [l.label, l.siteId, l.twelveOClock])).toEqual([
      ['A', 'nasal-ala', null],
      ['B', 'finger', 'distal'],
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
