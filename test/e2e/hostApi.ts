import type { Page } from 'playwright-core';
import type { OperationName, OpInput, OpResult } from '../../shared/api';
import { httpPathFor } from '../../shared/api/operations';
import type { Result } from '../../shared/result';
import type { TestHost } from '../host/server';

/** Calls the test host's API from Node, as the page would: to seed data and read it back. */
export async function hostCall<K extends OperationName>(host: TestHost, name: K, input: OpInput<K>): Promise<OpResult<K>> {
  const response = await fetch(new URL(httpPathFor(name), host.origin), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-layermap-token': host.token },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as Result<OpResult<K>>;
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

/** The lesion most tests map: a 10 × 8 mm primary nodular BCC of the left nasal ala. Spread and override. */
export const NASAL_ALA_BCC: Readonly<Omit<OpInput<'lesions.create'>, 'caseId'>> = {
  siteId: 'nasal-ala',
  laterality: 'left',
  tumorTypeId: 'bcc-nodular',
  preopLengthMm: 10,
  preopWidthMm: 8,
  recurrent: false,
  deepStructures: [],
};

/** The password of every user these helpers make (after their first-sign-in change). */
export const E2E_PASSWORD = 'mohs map password';
const FIRST_PASSWORD = 'first password 1';

/**
 * Dr Ana Mendez, signed in: on a fresh database the first run sets up the clinic with her as
 * its surgeon and administrator (a one-surgeon clinic) and makes its recovery code, as the
 * first-run page does; else she signs in with her password.
 */
export async function signInSurgeon(host: TestHost): Promise<OpResult<'users.create'>> {
  if (!(await hostCall(host, 'session.status', {})).setUp) {
    const ana = await hostCall(host, 'session.setUp', {
      clinicName: 'Harbour Mohs',
      name: 'Dr Ana Mendez',
      initials: 'AM',
      roles: ['surgeon', 'administrator'],
      password: E2E_PASSWORD,
    });
    await hostCall(host, 'settings.newRecoveryCode', { password: E2E_PASSWORD });
    await hostCall(host, 'settings.confirmRecoveryCode', {});
    return ana;
  }
  const choices = await hostCall(host, 'session.signInChoices', {});
  const ana = choices.find((u) => u.name === 'Dr Ana Mendez') ?? choices[0];
  if (!ana) throw new Error('nobody can sign in on this test database');
  return await hostCall(host, 'session.signIn', { userId: ana.id, secret: E2E_PASSWORD });
}

/**
 * The first run's last step in the page: the recovery sheet is shown after set-up; the
 * administrator confirms it is printed and in a safe place, and goes on. Returns the code.
 */
export async function passRecoverySheet(page: Page): Promise<string> {
  const code = await recoveryCodeShown(page);
  await page.getByRole('checkbox', { name: 'I have printed it and put it in a safe place' }).check();
  await page.getByRole('button', { name: 'Continue to Layermap' }).click();
  return code;
}

/** The code on the recovery sheet shown, as printed (groups of 4 joined by dashes). */
export async function recoveryCodeShown(page: Page): Promise<string> {
  const groups = page.getByTestId('recovery-sheet').locator('.recovery-sheet__group');
  await groups.first().waitFor();
  return (await groups.allInnerTexts()).join('-');
}

/** Signs in a user these helpers made. */
export const signInAs = (host: TestHost, user: { id: string }) => hostCall(host, 'session.signIn', { userId: user.id, secret: E2E_PASSWORD });

/**
 * The signed-in administrator adds a user, who signs in once to choose E2E_PASSWORD (as the
 * app asks at first sign-in); the administrator is signed in again afterwards.
 */
export async function addUser(host: TestHost, fields: { name: string; initials: string; roles: OpInput<'users.create'>['roles'] }): Promise<OpResult<'users.create'>> {
  const admin = await hostCall(host, 'session.current', {});
  if (!admin) throw new Error('addUser needs a signed-in administrator');
  const user = await hostCall(host, 'users.create', { ...fields, password: FIRST_PASSWORD });
  await hostCall(host, 'session.signIn', { userId: user.id, secret: FIRST_PASSWORD });
  const changed = await hostCall(host, 'session.changePassword', { current: FIRST_PASSWORD, next: E2E_PASSWORD });
  await signInAs(host, admin);
  return changed;
}

/** A signed-in surgeon with one patient, case and lesion (left nasal ala BCC). */
export async function seedLesion(host: TestHost): Promise<{ lesionId: string; caseId: string }> {
  const surgeon = await signInSurgeon(host);
  const patient = await hostCall(host, 'patients.create', { familyName: 'Walker', givenName: 'Joan', mrn: `W-${Date.now()}`, dateOfBirth: '1950-02-03', sex: 'female' });
  const c = await hostCall(host, 'cases.create', { patientId: patient.id, dateOfSurgery: '2026-11-27', surgeonId: surgeon.id });
  const lesion = await hostCall(host, 'lesions.create', { ...NASAL_ALA_BCC, caseId: c.id });
  return { lesionId: lesion.id, caseId: c.id };
}
