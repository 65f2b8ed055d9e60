import type Database from 'better-sqlite3';
import type { PatientId } from '../../shared/ids';
import type { Patient, Sex } from '../../shared/records';
import { AppFailure } from '../../shared/result';
import { prefixEnd, searchKey } from './searchKey';
import { appendAudit, checkVersionedUpdate, mustFind, type WriteContext } from './write';

interface PatientRow {
  id: string;
  family_name: string;
  given_name: string;
  mrn: string;
  date_of_birth: string;
  sex: Sex;
  version: number;
  created_at: string;
  updated_at: string;
}

export const toPatient = (r: PatientRow): Patient => ({
  id: r.id as PatientId,
  familyName: r.family_name,
  givenName: r.given_name,
  mrn: r.mrn,
  dateOfBirth: r.date_of_birth,
  sex: r.sex,
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

export function getPatient(db: Database.Database, id: string): Patient {
  const row = db.prepare('SELECT * FROM patients WHERE id = ?').get(id) as PatientRow | undefined;
  return toPatient(mustFind(row, 'patient'));
}

/** MRNs are unique per clinic; compare them the way staff type them (case and dashes ignored). */
function assertMrnFree(db: Database.Database, mrn: string, except: string | null): void {
  const other = db.prepare('SELECT * FROM patients WHERE mrn_key = ? AND id IS NOT ?').get(searchKey(mrn), except) as
    | PatientRow
    | undefined;
  if (other) {
    throw new AppFailure(
      'conflict',
      `MRN ${mrn} already belongs to ${other.family_name}, ${other.given_name} (born ${other.date_of_birth}). Search for that patient instead of registering them again.`,
    );
  }
}

/** A corrected date of birth cannot fall after one of the patient's surgery days. */
function assertBornBeforeSurgery(db: Database.Database, id: string, dateOfBirth: string): void {
  const first = db.prepare('SELECT min(date_of_surgery) AS d FROM cases WHERE patient_id = ?').get(id) as { d: string | null };
  if (first.d !== null && dateOfBirth > first.d) {
    throw new AppFailure('invalid_input', `Date of birth (${dateOfBirth}) is after this patient's surgery on ${first.d}; check both dates.`);
  }
}

function keys(p: PatientInput) {
  return {
    family_key: searchKey(p.familyName),
    given_key: searchKey(p.givenName),
    mrn_key: searchKey(p.mrn),
  };
}

export function createPatient(w: WriteContext, p: PatientInput): Patient {
  assertMrnFree(w.db, p.mrn, null);
  const id = w.newId();
  w.db
    .prepare(
      `INSERT INTO patients (id, family_name, given_name, family_key, given_key, mrn, mrn_key, date_of_birth, sex, version, created_at, updated_at)
       VALUES (@id, @familyName, @givenName, @family_key, @given_key, @mrn, @mrn_key, @dateOfBirth, @sex, 1, @now, @now)`,
    )
    .run({ id, ...p, ...keys(p), now: w.now });
  const created = getPatient(w.db, id);
  appendAudit(w, { entity: 'patient', entityId: id, action: 'create', before: null, after: created });
  return created;
}

export function updatePatient(w: WriteContext, id: string, version: number, p: PatientInput): Patient {
  const before = getPatient(w.db, id);
  assertMrnFree(w.db, p.mrn, id);
  assertBornBeforeSurgery(w.db, id, p.dateOfBirth);
  const info = w.db
    .prepare(
      `UPDATE patients SET family_name = @familyName, given_name = @givenName, family_key = @family_key, given_key = @given_key,
         mrn = @mrn, mrn_key = @mrn_key, date_of_birth = @dateOfBirth, sex = @sex, version = version + 1, updated_at = @now
       WHERE id = @id AND version = @version`,
    )
    .run({ id, version, ...p, ...keys(p), now: w.now });
  checkVersionedUpdate(info.changes, 'patient record', true);
  const after = getPatient(w.db, id);
  appendAudit(w, { entity: 'patient', entityId: id, action: 'update', before, after });
  return after;
}

/** Patients whose family name, given name or MRN starts with every word typed. */
export function searchPatients(db: Database.Database, text: string, limit: number): Patient[] {
  const words = text.split(/[\s,]+/).map(searchKey).filter((w) => w.length > 0);
  if (words.length === 0) {
    return (db.prepare('SELECT * FROM patients ORDER BY updated_at DESC LIMIT ?').all(limit) as PatientRow[]).map(toPatient);
  }
  const { sql, params } = patientMatch(words);
  return (
    db.prepare(`SELECT * FROM patients p WHERE p.id IN (${sql}) ORDER BY p.family_key, p.given_key LIMIT ?`).all(...params, limit) as PatientRow[]
  ).map(toPatient);
}

/**
 * SQL selecting the ids of patients matching every word: the longest word narrows through
 * an index (a range scan on each key), the other words filter what each scan finds. UNION
 * ALL, not UNION: the result feeds an IN (…), where a duplicate costs nothing and a sort does.
 */
export function patientMatch(words: readonly string[]): { sql: string; params: string[] } {
  const longest = [...words].sort((a, b) => b.length - a.length)[0] ?? '';
  const others = words.filter((w) => w !== longest);
  const otherClauses = others
    .map(() => 'AND (instr(family_key, ?) = 1 OR instr(given_key, ?) = 1 OR instr(mrn_key, ?) = 1)')
    .join(' ');
  const otherParams = others.flatMap((w) => [w, w, w]);
  const branches = ['family_key', 'given_key', 'mrn_key'].map(
    (col) => `SELECT id FROM patients WHERE ${col} >= ? AND ${col} < ? ${otherClauses}`,
  );
  return {
    sql: branches.join(' UNION ALL '),
    params: [0, 1, 2].flatMap(() => [longest, prefixEnd(longest), ...otherParams]),
  };
}
