import type { Patient } from '../../shared/records';
import { appendAudit, type WriteContext } from './write';

/**
 * The patient record stays editable after a case is signed (a name is corrected, an MRN
 * merged), but the signed map sheet must show that it changed: each change becomes an
 * addendum on every signed case of the patient (a case signed, or with a signed lesion),
 * naming who changed what, from what to what. Written in the same transaction as the change.
 */
const FIELDS: readonly (readonly [keyof Patient, string])[] = [
  ['familyName', 'family name'],
  ['givenName', 'given name'],
  ['mrn', 'MRN'],
  ['dateOfBirth', 'date of birth'],
  ['sex', 'sex'],
];

export function patientChangeText(before: Patient, after: Patient): string | null {
  const changes = FIELDS.filter(([key]) => before[key] !== after[key]).map(
    ([key, label]) => `${label} "${String(before[key])}" → "${String(after[key])}"`,
  );
  return changes.length === 0 ? null : `Patient record changed after signing: ${changes.join('; ')}.`;
}

export async function addPatientChangeAddenda(w: WriteContext, before: Patient, after: Patient): Promise<void> {
  const text = patientChangeText(before, after);
  if (text === null) return;
  const signedCases = await w.db
    .selectFrom('cases as c')
    .select('c.id')
    .where('c.patient_id', '=', after.id)
    .where((eb) =>
      eb.or([
        eb('c.signed_at', 'is not', null),
        eb.exists(eb.selectFrom('lesions as l').select('l.id').whereRef('l.case_id', '=', 'c.id').where('l.signed_at', 'is not', null)),
      ]),
    )
    .orderBy('c.date_of_surgery')
    .orderBy('c.id')
    .execute();
  for (const { id: caseId } of signedCases) {
    const id = w.newId();
    await w.db.insertInto('addenda').values({ id, case_id: caseId, lesion_id: null, at: w.now, user_id: w.userId, text }).execute();
    await appendAudit(w, { entity: 'case', entityId: caseId, action: 'addendum', before: null, after: { id, caseId, lesionId: null, at: w.now, userId: w.userId, text } });
  }
}
