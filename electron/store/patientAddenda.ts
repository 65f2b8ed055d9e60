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

export function addPatientChangeAddenda(w: WriteContext, before: Patient, after: Patient): void {
  const text = patientChangeText(before, after);
  if (text === null) return;
  const signedCases = w.db
    .prepare(
      `SELECT c.id FROM cases c WHERE c.patient_id = ?
         AND (c.signed_at IS NOT NULL OR EXISTS (SELECT 1 FROM lesions l WHERE l.case_id = c.id AND l.signed_at IS NOT NULL))
       ORDER BY c.date_of_surgery, c.id`,
    )
    .all(after.id) as { id: string }[];
  const insert = w.db.prepare('INSERT INTO addenda (id, case_id, lesion_id, at, user_id, text) VALUES (?, ?, NULL, ?, ?, ?)');
  for (const { id: caseId } of signedCases) {
    const id = w.newId();
    insert.run(id, caseId, w.now, w.userId, text);
    appendAudit(w, { entity: 'case', entityId: caseId, action: 'addendum', before: null, after: { id, caseId, lesionId: null, at: w.now, userId: w.userId, text } });
  }
}
