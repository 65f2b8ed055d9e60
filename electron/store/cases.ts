import type { Selectable } from 'kysely';
import type { CaseId, PatientId, UserId } from '../../shared/ids';
import { additionalCodeSchema, hasRole, type AdditionalCode, type Case } from '../../shared/records';
import { AppFailure } from '../../shared/result';
import type { CasesTable, Db } from './engine/schema';
import { assertCaseUnsigned, assertNoLesionSigned, signatureOf } from './locks';
import { getPatient } from './patients';
import { getUser } from './users';
import { appendAudit, auditedUpdate, mustFind, type WriteContext } from './write';

/**
 * additional_codes: a JSON array of {code, units}; rows written before units were recorded
 * hold bare code strings, read as one unit each. The signature columns are absent only in a
 * file of schema 3 or older (a pre-upgrade backup).
 */
type CaseRow = Selectable<CasesTable>;

const toCase = async (db: Db, r: CaseRow): Promise<Case> => ({
  id: r.id as CaseId,
  patientId: r.patient_id as PatientId,
  surgeonId: r.surgeon_id as UserId,
  dateOfSurgery: r.date_of_surgery,
  accessionNumber: r.accession_number,
  notes: r.notes,
  additionalCodes: parseCodes(r.additional_codes ?? '[]', r.id),
  signature: await signatureOf(db, r.signed_at, r.signed_by, r.signature_method),
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/**
 * A stored list that cannot be read is reported, never read as empty: codes the clinic
 * entered must not disappear from the claim without anyone noticing. A bare code string is
 * the form written before units were recorded (one unit each, as the claim then showed);
 * it is upgraded here on read and written in the new form with the next change.
 */
function parseCodes(json: string, caseId: string): AdditionalCode[] {
  let stored: unknown;
  try {
    stored = JSON.parse(json);
  } catch {
    stored = undefined;
  }
  const parsed = Array.isArray(stored)
    ? stored.map((c: unknown) => additionalCodeSchema.safeParse(c))
    : null;
  const codes = (parsed ?? []).flatMap((c) => (c.success ? [c.data] : []));
  if (parsed === null || codes.length !== parsed.length) {
    throw new AppFailure(
      'storage',
      `The additional codes stored for case ${caseId} cannot be read and were left untouched. Restore the database from a backup, or ask your IT support to examine it.`,
    );
  }
  return codes;
}

/** How codes are stored: sorted by code, each once, so the same list is always the same text. */
const storedCodes = (codes: readonly AdditionalCode[]): string =>
  JSON.stringify(
    [...new Map(codes.map((c) => [c.code.trim(), { code: c.code.trim(), units: c.units }])).values()].sort((a, b) => a.code.localeCompare(b.code)),
  );

export interface CaseInput {
  readonly dateOfSurgery: string;
  readonly surgeonId: string;
  readonly accessionNumber: string;
  readonly notes: string;
}

export async function getCase(db: Db, id: string): Promise<Case> {
  return toCase(db, mustFind(await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst(), 'case'));
}

/** Mohs codes apply only when one physician is surgeon and pathologist: the case names a surgeon. */
async function assertSurgeon(db: Db, surgeonId: string): Promise<void> {
  const user = await getUser(db, surgeonId);
  if (!hasRole(user, 'surgeon')) {
    throw new AppFailure('invalid_input', `${user.name} is not registered as a Mohs surgeon; choose the operating surgeon.`);
  }
}

/** Surgery cannot come before the patient was born: one of the two dates was mistyped. */
async function assertAfterBirth(db: Db, patientId: string, dateOfSurgery: string): Promise<void> {
  const patient = await getPatient(db, patientId);
  if (dateOfSurgery < patient.dateOfBirth) {
    throw new AppFailure(
      'invalid_input',
      `Date of surgery (${dateOfSurgery}) is before the patient's date of birth (${patient.dateOfBirth}); check both dates.`,
    );
  }
}

/**
 * An accession number is the lab's, once per clinic (migration 0010's index is the backstop).
 * Checked inside the write transaction, which holds the write lock on both engines.
 */
async function assertAccessionFree(db: Db, accessionNumber: string, caseId: string | null): Promise<void> {
  if (accessionNumber === '') return;
  let q = db.selectFrom('cases').select(['date_of_surgery']).where('accession_number', '=', accessionNumber);
  if (caseId !== null) q = q.where('id', '<>', caseId);
  const other = await q.limit(1).executeTakeFirst();
  if (other) {
    throw new AppFailure(
      'invalid_input',
      `Accession number ${accessionNumber} is already used by another case (date of surgery ${other.date_of_surgery}). Check the number with the lab; nothing was saved.`,
    );
  }
}

export async function createCase(w: WriteContext, patientId: string, c: CaseInput): Promise<Case> {
  await assertAfterBirth(w.db, patientId, c.dateOfSurgery);
  await assertAccessionFree(w.db, c.accessionNumber, null);
  await assertSurgeon(w.db, c.surgeonId);
  const id = w.newId();
  await w.db
    .insertInto('cases')
    .values({
      id,
      patient_id: patientId,
      surgeon_id: c.surgeonId,
      date_of_surgery: c.dateOfSurgery,
      accession_number: c.accessionNumber,
      notes: c.notes,
      version: 1,
      created_at: w.now,
      updated_at: w.now,
    })
    .execute();
  const created = await getCase(w.db, id);
  await appendAudit(w, { entity: 'case', entityId: id, action: 'create', before: null, after: created });
  return created;
}

export async function updateCase(w: WriteContext, id: string, version: number, c: CaseInput): Promise<Case> {
  await assertCaseUnsigned(w.db, id);
  const before = await getCase(w.db, id);
  await assertAfterBirth(w.db, before.patientId, c.dateOfSurgery);
  await assertSurgeon(w.db, c.surgeonId);
  if (before.dateOfSurgery !== c.dateOfSurgery || before.surgeonId !== c.surgeonId) await assertNoLesionSigned(w.db, id);
  // Only a changed number is checked: cases that shared one before 0010 keep theirs.
  if (before.accessionNumber !== c.accessionNumber) await assertAccessionFree(w.db, c.accessionNumber, id);
  const result = await w.db
    .updateTable('cases')
    .set((eb) => ({
      surgeon_id: c.surgeonId,
      date_of_surgery: c.dateOfSurgery,
      accession_number: c.accessionNumber,
      notes: c.notes,
      version: eb('version', '+', 1),
      updated_at: w.now,
    }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return auditedUpdate(w, result, { entity: 'case', what: 'case', id, before }, () => getCase(w.db, id));
}

/** Sets the other codes billed on the case's date of service (validated by additionalCodesSchema). */
export async function setAdditionalCodes(w: WriteContext, id: string, version: number, codes: readonly AdditionalCode[]): Promise<Case> {
  await assertCaseUnsigned(w.db, id);
  const before = await getCase(w.db, id);
  const result = await w.db
    .updateTable('cases')
    .set((eb) => ({ additional_codes: storedCodes(codes), version: eb('version', '+', 1), updated_at: w.now }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return auditedUpdate(w, result, { entity: 'case', what: 'case', id, before }, () => getCase(w.db, id));
}
