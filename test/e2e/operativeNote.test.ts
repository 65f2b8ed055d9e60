import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { markRestClear } from '../../shared/map/readings';
import { startTestHost, type TestHost } from '../host/server';
import { bisected, unwrap } from '../electron/store/maps';
import { screenshotPath, useChromium, watchForPageErrors } from './browser';
import { addUser, E2E_PASSWORD, hostCall, NASAL_ALA_BCC, signInAs, signInSurgeon } from './hostApi';

/**
 * The Mohs operative note in Chromium (issue 16 part 1): the surgeon keeps a note template in
 * Settings; on the case page the note starts from it, the nurse's time-out tick shows who and
 * when, the surgeon ticks the rest, edits the note, is told what Medicare would miss, signs it
 * with the case; a restart and a reload show the note as signed.
 */
const DAY = '2026-11-28';
const e2e = useChromium('operative-note');
let host: TestHost;

afterAll(async () => {
  await host?.close();
});

describe('the operative note end to end', () => {
  it('template, checklist, edit, missing element warned, signed with the case, kept over a restart', async () => {
    const file = path.join(e2e.dir, 'clinic.sqlite');
    host = await startTestHost({ databasePath: file });
    const surgeon = await signInSurgeon(host);
    const nurse = await addUser(host, { name: 'Nurse Kim Lee', initials: 'KL', roles: ['staff'] });
    const patient = await hostCall(host, 'patients.create', { familyName: 'Walker', givenName: 'Joan', mrn: 'W-5150', dateOfBirth: '1950-02-03', sex: 'female' });
    const kase = await hostCall(host, 'cases.create', { patientId: patient.id, dateOfSurgery: DAY, surgeonId: surgeon.id, accessionNumber: 'MS26-0901' });
    const lesion = await hostCall(host, 'lesions.create', { ...NASAL_ALA_BCC, caseId: kase.id });
    const stage = await hostCall(host, 'stages.create', { lesionId: lesion.id, doc: bisected() });
    await hostCall(host, 'stages.save', { id: stage.id, version: stage.version, doc: unwrap(markRestClear(stage.doc)) });

    // The surgeon's defaults, in Settings.
    let page = await e2e.browser.newPage({ viewport: { width: 1300, height: 1000 } });
    let errors = watchForPageErrors(page);
    await page.goto(`${host.url}#/settings`);
    const template = page.getByTestId('note-template');
    await template.getByRole('textbox', { name: 'Anesthesia' }).fill('1% lidocaine with epinephrine 1:100,000, 6 mL, local infiltration');
    await template.getByRole('textbox', { name: 'Post-op instructions' }).fill('Pressure dressing for 48 hours; wound care sheet given.');
    await template.getByRole('button', { name: 'Save template' }).click();
    await template.getByRole('status').filter({ hasText: 'Note template saved.' }).waitFor();
    await template.screenshot({ path: screenshotPath('operative-note-0-template') });

    // The nurse leads the time-out: the patient's identity, at the workstation in the room. The
    // case's note is stored from then on, its free-text parts taken from the surgeon's template.
    await signInAs(host, nurse);
    await hostCall(host, 'operativeNote.setChecklist', { caseId: kase.id, version: 0, change: { item: 'identity', done: true } });
    await signInAs(host, surgeon);

    // The case page: the note's parts come from the template; the nurse's tick says who and when.
    await page.goto(`${host.url}#/case/${kase.id}`);
    const note = page.getByTestId('operative-note');
    await note.getByRole('textbox', { name: 'Anesthesia' }).waitFor();
    expect(await note.getByRole('textbox', { name: 'Anesthesia' }).inputValue()).toBe('1% lidocaine with epinephrine 1:100,000, 6 mL, local infiltration');
    const checklist = note.getByTestId('note-checklist');
    expect(await checklist.innerText()).toMatch(/Patient identity confirmed \(name and date of birth\)\s*Nurse Kim Lee, \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    expect(await checklist.getByRole('checkbox', { name: 'Patient identity confirmed (name and date of birth)' }).isChecked()).toBe(true);

    // The surgeon ticks consent, the site (against the biopsy photo) and the side.
    await checklist.getByRole('checkbox', { name: 'Informed consent signed' }).click();
    await note.getByRole('status').filter({ hasText: 'Informed consent signed: recorded.' }).waitFor();
    await checklist.getByRole('combobox', { name: 'Site verified against' }).selectOption('biopsy-photo');
    await checklist.getByRole('checkbox', { name: 'Site verified' }).click();
    await note.getByRole('status').filter({ hasText: 'Site verified: recorded.' }).waitFor();
    await checklist.getByRole('checkbox', { name: 'Side confirmed' }).click();
    await note.getByRole('status').filter({ hasText: 'Side confirmed: recorded.' }).waitFor();
    expect(await checklist.innerText()).toMatch(/against the biopsy photo · Dr Ana Mendez/);

    // The generated text holds the record; the surgeon adds a sentence and, by mistake, rewords the attestation.
    const text = note.getByRole('textbox', { name: /^Note text/ });
    const generated = await text.inputValue();
    expect(generated).toContain('Stage 1: 1 specimen, 18 × 12 mm; 2 tissue blocks (1-1, 1-2), processed as horizontal frozen sections.');
    expect(generated).toContain('- Site verified against the biopsy photo: confirmed by Dr Ana Mendez');
    expect(generated).toContain('ANESTHESIA\n1% lidocaine with epinephrine 1:100,000, 6 mL, local infiltration');
    const mine = `${generated}\nThe patient tolerated the procedure well and left in good condition.`;
    await text.fill(mine.replace('acted as both surgeon and pathologist', 'read the slides'));
    await note.getByRole('button', { name: 'Save note' }).click();
    await note.getByRole('status').filter({ hasText: 'Operative note saved.' }).waitFor();
    const missing = note.getByTestId('note-missing');
    await missing.waitFor();
    expect(await missing.innerText()).toContain('The surgeon acted as both surgeon and pathologist: The note no longer says the surgeon acted as both surgeon and pathologist.');

    // Signing says so before it locks; the surgeon goes back and puts it right.
    await page.getByRole('button', { name: 'Sign case' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByRole('list', { name: 'Sign-off warnings' }).waitFor();
    expect(await dialog.innerText()).toContain('Operative note: The note no longer says the surgeon acted as both surgeon and pathologist.');
    await dialog.getByRole('button', { name: 'Review' }).click();
    await dialog.waitFor({ state: 'detached' });
    await text.fill(mine);
    await note.getByRole('button', { name: 'Save note' }).click();
    await missing.waitFor({ state: 'detached' });
    expect(await note.innerText()).toContain('your text');
    await page.screenshot({ path: screenshotPath('operative-note-1-edited'), fullPage: true });

    // The final defect is measured after the edit: the section says the record changed since,
    // shows the note as the record now gives it, and the surgeon keeps their text.
    const { lesion: now } = await hostCall(host, 'lesions.get', { id: lesion.id });
    await hostCall(host, 'lesions.setMapFacts', { id: lesion.id, version: now.version, twelveOClock: 'superior', finalDefect: { lengthMm: 20, widthMm: 14, source: 'measured' } });
    await page.reload();
    const changed = note.getByTestId('note-record-changed');
    await changed.waitFor();
    expect(await text.inputValue()).toBe(mine);
    await changed.getByText('The note as the record now gives it').click();
    expect(await changed.innerText()).toContain('Final defect: 20 × 14 mm.');
    await changed.screenshot({ path: screenshotPath('operative-note-1b-record-changed') });
    await changed.getByRole('button', { name: 'Keep my text' }).click();
    await note.getByRole('status').filter({ hasText: 'Your text is kept.' }).waitFor();
    await changed.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Sign case' }).click();
    await dialog.getByRole('list', { name: 'Sign-off warnings' }).waitFor();
    expect(await dialog.innerText()).not.toContain('Operative note:');
    await dialog.getByLabel('Your password (to sign)').fill(E2E_PASSWORD);
    await dialog.getByRole('button', { name: 'Sign anyway and lock' }).click();
    await page.getByTestId('signed-banner').waitFor();
    expect(errors).toEqual([]);
    await page.close();

    // A restart and a fresh page: the note as signed, read-only, with the checklist's who and when.
    await host.close();
    host = await startTestHost({ databasePath: file });
    await signInAs(host, surgeon);
    page = await e2e.browser.newPage({ viewport: { width: 1300, height: 1000 } });
    errors = watchForPageErrors(page);
    await page.goto(`${host.url}#/case/${kase.id}`);
    const signedNote = page.getByTestId('operative-note');
    const shown = signedNote.getByTestId('note-text');
    await shown.waitFor();
    expect(await shown.innerText()).toBe(mine);
    expect(await signedNote.innerText()).toMatch(/Signed with the case by Dr Ana Mendez, \d{4}-\d{2}-\d{2}\./);
    expect(await signedNote.getByRole('textbox').count()).toBe(0);
    expect(await signedNote.getByRole('checkbox', { name: 'Side confirmed' }).isDisabled()).toBe(true);
    await page.reload();
    await signedNote.getByTestId('note-text').waitFor();
    expect(await signedNote.getByTestId('note-text').innerText()).toBe(mine);
    await signedNote.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('operative-note-2-signed'), fullPage: true });
    expect((await hostCall(host, 'operativeNote.get', { caseId: kase.id })).signed?.text).toBe(mine);
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});
