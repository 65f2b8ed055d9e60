import type { ExpressionBuilder, Selectable } from 'kysely';
import type { PatientId } from '../../shared/ids';
import type { Patient, Sex } from '../../shared/records';
import { AppFailure } from '../../shared/result';
import type { Db, PatientsTable, Schema } from './engine/schema';
import { addPatientChangeAddenda } from './patientAddenda';
import { prefixEnd, searchKey } from './searchKey';
import { appendAudit, changed, checkVersionedUpdate, mustFind, type WriteContext } from './write';

export const toPatient = (r: Selectable<PatientsTable>): Patient => ({
  id: r.id as PatientId,
  familyName: r.family_name,
  givenName: r.given_name,
  mrn: r.mrn,
  dateOfBirth: r.date_of_birth,
  sex: r.sex as Sex,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface PatientInput {
  readonly familyName: string;
  readonly givenName: string;
  readonly mrn: string;
  readonly dateOfBirth: string;
  readonly sex: Sex;
}

export async function getPatient(db: Db, id: string): Promise<Patient> {
  const row = await db.selectFrom('patients').selectAll().where('id', '=', id).executeTakeFirst();
  return toPatient(mustFind(row, 'patient'));
}

/** MRNs are unique per clinic; compare them the way staff type them (case and dashes ignored). */
async function assertMrnFree(db: Db, mrn: string, except: string | null): Promise<void> {
  let query = db.selectFrom('patients').selectAll().where('mrn_key', '=', searchKey(mrn));
  if (except !== null) query = query.where('id', '<>', except);
  const other = await query.executeTakeFirst();
  if (other) {
    throw new AppFailure(
      'conflict',
      `MRN ${mrn} already belongs to ${other.family_name}, ${other.given_name} (born ${other.date_of_birth}). Search for that patient instead of registering them again.`,
    );
  }
}

/** A corrected date of birth cannot fall after one of the patient's surgery days. */
async function assertBornBeforeSurgery(db: Db, id: string, dateOfBirth: string): Promise<void> {
  const first = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.min('date_of_surgery').as('d'))
    .where('patient_id', '=', id)
    .executeTakeFirstOrThrow();
  const d = first.d as string | null;
  if (d !== null && dateOfBirth > d) {
    throw new AppFailure('invalid_input', `Date of birth (${dateOfBirth}) is after this patient's surgery on ${d}; check both dates.`);
  }
}

function columns(p: PatientInput) {
  return {
    family_name: p.familyName,
    given_name: p.givenName,
    family_key: searchKey(p.familyName),
    given_key: searchKey(p.givenName),
    mrn: p.mrn,
    mrn_key: searchKey(p.mrn),
    date_of_birth: p.dateOfBirth,
    sex: p.sex,
  };
}

export async function createPatient(w: WriteContext, p: PatientInput): Promise<Patient> {
  await assertMrnFree(w.db, p.mrn, null);
  const id = w.newId();
  await w.db
    .insertInto('patients')
    .values({ id, ...columns(p), version: 1, created_at: w.now, updated_at: w.now })
    .execute();
  const created = await getPatient(w.db, id);
  await appendAudit(w, { entity: 'patient', entityId: id, action: 'create', before: null, after: created });
  return created;
}

export async function updatePatient(w: WriteContext, id: string, version: number, p: PatientInput): Promise<Patient> {
  const before = await getPatient(w.db, id);
  await assertMrnFree(w.db, p.mrn, id);
  await assertBornBeforeSurgery(w.db, id, p.dateOfBirth);
  const result = await w.db
    .updateTable('patients')
    .set((eb) => ({ ...columns(p), version: eb('version', '+', 1), updated_at: w.now }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  checkVersionedUpdate(changed(result), 'patient record', true);
  const after = await getPatient(w.db, id);
  await appendAudit(w, { entity: 'patient', entityId: id, action: 'update', before, after });
  await addPatientChangeAddenda(w, before, after);
  return after;
}

/** Patients whose family name, given name or MRN starts with every word typed. */
export async function searchPatients(db: Db, text: string, limit: number): Promise<Patient[]> {
  const words = text.split(/[\s,]+/).map(searchKey).filter((w) => w.length > 0);
  if (words.length === 0) {
    return (await db.selectFrom('patients').selectAll().orderBy('updated_at', 'desc').limit(limit).execute()).map(toPatient);
  }
  const rows = await db
    .selectFrom('patients as p')
    .selectAll()
    .where('p.id', 'in', matchingPatientIds(db, words))
    .orderBy('p.family_key')
    .orderBy('p.given_key')
    .limit(limit)
    .execute();
  return rows.map(toPatient);
}

const KEYS = ['family_key', 'given_key', 'mrn_key'] as const;

/** A key starts with the word: a range on the stored key, which an index answers on any engine. */
const startsWith = (eb: ExpressionBuilder<Schema, 'patients'>, key: (typeof KEYS)[number], word: string) =>
  eb.and([eb(key, '>=', word), eb(key, '<', prefixEnd(word))]);

/**
 * The ids of patients matching every word: the longest word narrows through an index (a
 * range scan on each key), the other words filter what each scan finds. UNION ALL, not
 * UNION: the result feeds an IN (…), where a duplicate costs nothing and a sort does.
 */
export function matchingPatientIds(db: Db, words: readonly string[]) {
  const longest = [...words].sort((a, b) => b.length - a.length)[0] ?? '';
  const others = words.filter((w) => w !== longest);
  const branch = (key: (typeof KEYS)[number]) =>
    db
      .selectFrom('patients')
      .select('id')
      .where((eb) => eb.and([startsWith(eb, key, longest), ...others.map((w) => eb.or(KEYS.map((k) => startsWith(eb, k, w))))]));
  return branch('family_key').unionAll(branch('given_key')).unionAll(branch('mrn_key'));
}
