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

/** Dr Ana Mendez, the clinic's surgeon (created on a fresh database, else its first user), signed in. */
export async function signInSurgeon(host: TestHost): Promise<OpResult<'users.create'>> {
  const users = await hostCall(host, 'users.list', {});
  const surgeon = users[0] ?? (await hostCall(host, 'users.create', { name: 'Dr Ana Mendez', initials: 'AM', role: 'surgeon' }));
  await hostCall(host, 'session.signIn', { userId: surgeon.id });
  return surgeon;
}

/** A signed-in surgeon with one patient, case and lesion (left nasal ala BCC). */
export async function seedLesion(host: TestHost): Promise<{ lesionId: string; caseId: string }> {
  const surgeon = await signInSurgeon(host);
  const patient = await hostCall(host, 'patients.create', { familyName: 'Walker', givenName: 'Joan', mrn: `W-${Date.now()}`, dateOfBirth: '1950-02-03', sex: 'female' });
  const c = await hostCall(host, 'cases.create', { patientId: patient.id, dateOfSurgery: '2026-11-27', surgeonId: surgeon.id });
  const lesion = await hostCall(host, 'lesions.create', { ...NASAL_ALA_BCC, caseId: c.id });
  return { lesionId: lesion.id, caseId: c.id };
}
