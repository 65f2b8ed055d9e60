import type Database from 'better-sqlite3';
import type { CaseDetail } from '../../shared/api';
import type { CaseId, PatientId, UserId } from '../../shared/ids';
import { additionalCodeSchema, type AdditionalCode, type Case, type CaseSummary } from '../../shared/records';
import { AppFailure } from '../../shared/result';
import { listLesions } from './lesions';
import { getPatient, patientMatch } from './patients';
import { searchKey } from './searchKey';
import { assertCaseUnsigned, signatureOf } from './signoff';
import { getUser } from './users';
import { appendAudit, checkVersionedUpdate, mustFind, type WriteContext } from './write';

interface CaseRow {
  id: string;
  patient_id: string;
  surgeon_id: string;
  date_of_surgery: string;
  accession_number: string;
  notes: string;
  /**
   * A JSON array of {code, units}; rows written before units were recorded hold bare code
   * strings, read as one unit each. Absent only in a file of schema 2 or older (a pre-upgrade backup).
   */
  additional_codes?: string;
  /** Who signed the case, and when (both or neither). Absent only in a file of schema 3 or older. */
  signed_at?: string | null;
  signed_by?: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

const toCase = (db: Database.Database, r: CaseRow): Case => ({
  id: r.id as CaseId,
  patientId: r.patient_id as PatientId,
  surgeonId: r.surgeon_id as UserId,
  dateOfSurgery: r.date_of_surgery,
  accessionNumber: r.accession_number,
  notes: r.notes,
  additionalCodes: parseCodes(r.additional_codes ?? '[]', r.id),
  signature: signatureOf(db, r.signed_at, r.signed_by),
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

export function getCase(db: Database.Database, id: string): Case {
  return toCase(db, mustFind(db.prepare('SELECT * FROM cases WHERE id = ?').get(id) as CaseRow | undefined, 'case'));
}

/** Mohs codes apply only when one physician is surgeon and pathologist: the case names a surgeon. */
function assertSurgeon(db: Database.Database, surgeonId: string): void {
  const user = getUser(db, surgeonId);
  if (user.role !== 'surgeon') {
    throw new AppFailure('invalid_input', `${user.name} is not registered as a Mohs surgeon; choose the operating surgeon.`);
  }
}

/** Surgery cannot come before the patient was born: one of the two dates was mistyped. */
function assertAfterBirth(db: Database.Database, patientId: string, dateOfSurgery: string): void {
  const patient = getPatient(db, patientId);
  if (dateOfSurgery < patient.dateOfBirth) {
    throw new AppFailure(
      'invalid_input',
      `Date of surgery (${dateOfSurgery}) is before the patient's date of birth (${patient.dateOfBirth}); check both dates.`,
    );
  }
}

export function createCase(w: WriteContext, patientId: string, c: CaseInput): Case {
  assertAfterBirth(w.db, patientId, c.dateOfSurgery);
  assertSurgeon(w.db, c.surgeonId);
  const id = w.newId();
  w.db
    .prepare(
      `INSERT INTO cases (id, patient_id, surgeon_id, date_of_surgery, accession_number, notes, version, created_at, updated_at)
       VALUES (@id, @patientId, @surgeonId, @dateOfSurgery, @accessionNumber, @notes, 1, @now, @now)`,
    )
    .run({ id, patientId, ...c, now: w.now });
  const created = getCase(w.db, id);
  appendAudit(w, { entity: 'case', entityId: id, action: 'create', before: null, after: created });
  return created;
}

export function updateCase(w: WriteContext, id: string, version: number, c: CaseInput): Case {
  assertCaseUnsigned(w.db, id);
  const before = getCase(w.db, id);
  assertAfterBirth(w.db, before.patientId, c.dateOfSurgery);
  assertSurgeon(w.db, c.surgeonId);
  const info = w.db
    .prepare(
      `UPDATE cases SET surgeon_id = @surgeonId, date_of_surgery = @dateOfSurgery, accession_number = @accessionNumber,
         notes = @notes, version = version + 1, updated_at = @now
       WHERE id = @id AND version = @version`,
    )
    .run({ id, version, ...c, now: w.now });
  checkVersionedUpdate(info.changes, 'case', true);
  const after = getCase(w.db, id);
  appendAudit(w, { entity: 'case', entityId: id, action: 'update', before, after });
  return after;
}

/** Sets the other codes billed on the case's date of service (validated by additionalCodesSchema). */
export function setAdditionalCodes(w: WriteContext, id: string, version: number, codes: readonly AdditionalCode[]): Case {
  assertCaseUnsigned(w.db, id);
  const before = getCase(w.db, id);
  const info = w.db
    .prepare(
      `UPDATE cases SET additional_codes = @codes, version = version + 1, updated_at = @now
       WHERE id = @id AND version = @version`,
    )
    .run({ id, version, codes: storedCodes(codes), now: w.now });
  checkVersionedUpdate(info.changes, 'case', true);
  const after = getCase(w.db, id);
  appendAudit(w, { entity: 'case', entityId: id, action: 'update', before, after });
  return after;
}

export function getCaseDetail(db: Database.Database, id: string): CaseDetail {
  const c = getCase(db, id);
  return { case: c, patient: getPatient(db, c.patientId), surgeon: getUser(db, c.surgeonId), lesions: listLesions(db, id) };
}

const SUMMARY_COLUMNS = `
  c.id AS caseId, c.date_of_surgery AS dateOfSurgery, p.id AS patientId,
  p.family_name || ', ' || p.given_name AS patientName, p.mrn AS mrn, p.date_of_birth AS dateOfBirth,
  u.name AS surgeonName,
  (SELECT count(*) FROM lesions l WHERE l.case_id = c.id) AS lesionCount,
  coalesce((SELECT group_concat(label, ', ') FROM (SELECT label FROM lesions l WHERE l.case_id = c.id ORDER BY length(label), label)), '') AS lesionLabels`;
const SUMMARY_FROM = 'FROM cases c JOIN patients p ON p.id = c.patient_id JOIN users u ON u.id = c.surgeon_id';
const NEWEST_FIRST = 'ORDER BY c.date_of_surgery DESC, c.created_at DESC';
/** Above this many matching patients, scanning cases by date is cheaper than sorting theirs. */
const BROAD_MATCH = 300;

/**
 * The case list's search: a date (2026-03-14) or month (2026-03) finds cases of that day or
 * month; anything else is matched as words against patient names and MRNs. Newest first.
 */
export function searchCases(db: Database.Database, text: string, limit: number): CaseSummary[] {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
    return db.prepare(`SELECT ${SUMMARY_COLUMNS} ${SUMMARY_FROM} WHERE c.date_of_surgery = ? ${NEWEST_FIRST} LIMIT ?`).all(t, limit) as CaseSummary[];
  }
  if (/^\d{4}-\d{2}$/.test(t)) {
    return db
      .prepare(`SELECT ${SUMMARY_COLUMNS} ${SUMMARY_FROM} WHERE c.date_of_surgery >= ? AND c.date_of_surgery < ? ${NEWEST_FIRST} LIMIT ?`)
      .all(`${t}-01`, `${t}-32`, limit) as CaseSummary[];
  }
  const words = t.split(/[\s,]+/).map(searchKey).filter((w) => w.length > 0);
  if (words.length === 0) {
    return db.prepare(`SELECT ${SUMMARY_COLUMNS} ${SUMMARY_FROM} ${NEWEST_FIRST} LIMIT ?`).all(limit) as CaseSummary[];
  }
  const match = patientMatch(words);
  // Few matching patients: fetch their cases by patient. Many (a short prefix): walk the
  // cases newest first by date and stop at the limit, instead of sorting them all.
  const matching = (db.prepare(`SELECT count(*) AS n FROM (${match.sql})`).get(...match.params) as { n: number }).n;
  const from = matching > BROAD_MATCH ? SUMMARY_FROM.replace('FROM cases c', 'FROM cases c INDEXED BY cases_date') : SUMMARY_FROM;
  return db
    .prepare(`SELECT ${SUMMARY_COLUMNS} ${from} WHERE c.patient_id IN (${match.sql}) ${NEWEST_FIRST} LIMIT ?`)
    .all(...match.params, limit) as CaseSummary[];
}
