import type Database from 'better-sqlite3';
import type { CaseId, LesionId, UserId } from '../../shared/ids';
import type { Addendum, Case, Lesion, Signature } from '../../shared/records';
import { AppFailure } from '../../shared/result';
import { getCase } from './cases';
import { getLesion, listLesions } from './lesions';
import { assertWarningsReviewed, caseSignWarnings, lesionSignWarnings } from './signoffChecks';
import { getUser } from './users';
import { appendAudit, checkVersionedUpdate, type WriteContext } from './write';

/**
 * Sign-off: the surgeon signs a lesion or a whole case, and from then on the record and its
 * maps are read-only; later changes are addenda (a dated text by a named user), kept
 * append-only by the database like the audit trail. The lab's block statuses are not the
 * record and stay changeable.
 */

/**
 * The signature stored on a lesion or case row, with the signer's name. Rows of a file
 * older than schema 4 (a pre-upgrade backup) have no such columns: unsigned.
 */
export function signatureOf(db: Database.Database, signedAt: string | null | undefined, signedBy: string | null | undefined): Signature | null {
  if (signedAt == null || signedBy == null) return null;
  const row = db.prepare('SELECT name FROM users WHERE id = ?').get(signedBy) as { name: string } | undefined;
  return { signedAt, signedBy: signedBy as UserId, signedByName: row?.name ?? 'an unknown user' };
}

/** The day a record was signed, on this computer's calendar, as YYYY-MM-DD. */
export function signedDate(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`;
}

const lockedMessage = (what: 'lesion' | 'case', s: Signature) =>
  `This ${what} was signed by ${s.signedByName} on ${signedDate(s.signedAt)}; it can no longer be changed. Add an addendum instead.`;

interface SignedRow {
  signed_at: string | null;
  signed_by: string | null;
}

function caseSignature(db: Database.Database, caseId: string): Signature | null {
  const row = db.prepare('SELECT signed_at, signed_by FROM cases WHERE id = ?').get(caseId) as SignedRow | undefined;
  return row ? signatureOf(db, row.signed_at, row.signed_by) : null;
}

/**
 * Refuses any change to a signed case (its fields, its codes, a new lesion on it). A case
 * that does not exist passes: the write itself then says it was not found.
 */
export function assertCaseUnsigned(db: Database.Database, caseId: string): void {
  const s = caseSignature(db, caseId);
  if (s) throw new AppFailure('forbidden', lockedMessage('case', s));
}

/** Refuses any change to a signed lesion, or to a lesion of a signed case, and to their maps. */
export function assertLesionUnsigned(db: Database.Database, lesionId: string): void {
  const row = db.prepare('SELECT case_id, signed_at, signed_by FROM lesions WHERE id = ?').get(lesionId) as
    | (SignedRow & { case_id: string })
    | undefined;
  if (!row) return;
  const s = signatureOf(db, row.signed_at, row.signed_by);
  if (s) throw new AppFailure('forbidden', lockedMessage('lesion', s));
  const c = caseSignature(db, row.case_id);
  if (c) throw new AppFailure('forbidden', lockedMessage('case', c));
}

/** Refuses a change to a stage (its map, its removal) of a signed lesion. */
export function assertStageUnsigned(db: Database.Database, stageId: string): void {
  const row = db.prepare('SELECT lesion_id FROM stages WHERE id = ?').get(stageId) as { lesion_id: string } | undefined;
  if (row) assertLesionUnsigned(db, row.lesion_id);
}

/** Only a Mohs surgeon signs: the signature attests to the surgeon's reading of the margins. */
function assertSigner(w: WriteContext): void {
  if (getUser(w.db, w.userId).role !== 'surgeon') throw new AppFailure('forbidden', 'Only a Mohs surgeon can sign.');
}

const SIGN_LESION = `UPDATE lesions SET signed_at = @now, signed_by = @userId, version = version + 1, updated_at = @now
  WHERE id = @id AND version = @version AND signed_at IS NULL`;

/**
 * Signs one unsigned lesion at its current version, audited with the warnings it was signed
 * over (what the surgeon saw and accepted); the caller holds the transaction.
 */
function signOneLesion(w: WriteContext, before: Lesion, signedOver: readonly string[]): Lesion {
  const info = w.db.prepare(SIGN_LESION).run({ id: before.id, version: before.version, now: w.now, userId: w.userId });
  checkVersionedUpdate(info.changes, 'lesion', true);
  const after = getLesion(w.db, before.id);
  appendAudit(w, { entity: 'lesion', entityId: before.id, action: 'sign', before, after: { ...after, signedOverWarnings: signedOver } });
  return after;
}

/**
 * `reviewed`: the ids of the warnings the sign dialog showed (lesions.signWarnings); when
 * given, a warning not among them refuses the signature (assertWarningsReviewed).
 */
export function signLesion(w: WriteContext, id: string, version: number, reviewed?: readonly string[]): Lesion {
  assertSigner(w);
  const before = getLesion(w.db, id);
  if (before.signature) {
    throw new AppFailure('invalid_input', `Lesion ${before.label} is already signed (by ${before.signature.signedByName} on ${signedDate(before.signature.signedAt)}).`);
  }
  if (before.version !== version) checkVersionedUpdate(0, 'lesion', true);
  const warnings = lesionSignWarnings(w.db, id);
  assertWarningsReviewed(warnings, reviewed);
  return signOneLesion(w, before, warnings.map((x) => x.message));
}

/** Signs the case and, in the same transaction, every lesion of it not signed yet; one audit event each. */
export function signCase(w: WriteContext, id: string, version: number, reviewed?: readonly string[]): Case {
  assertSigner(w);
  const before = getCase(w.db, id);
  if (before.signature) {
    throw new AppFailure('invalid_input', `This case is already signed (by ${before.signature.signedByName} on ${signedDate(before.signature.signedAt)}).`);
  }
  const warnings = caseSignWarnings(w.db, id);
  assertWarningsReviewed(warnings, reviewed);
  const info = w.db
    .prepare(
      `UPDATE cases SET signed_at = @now, signed_by = @userId, version = version + 1, updated_at = @now
       WHERE id = @id AND version = @version AND signed_at IS NULL`,
    )
    .run({ id, version, now: w.now, userId: w.userId });
  checkVersionedUpdate(info.changes, 'case', true);
  const about = (lesionId: string | null) => warnings.filter((x) => x.lesionId === lesionId).map((x) => x.message);
  for (const lesion of listLesions(w.db, id)) if (!lesion.signature) signOneLesion(w, lesion, about(lesion.id));
  const after = getCase(w.db, id);
  appendAudit(w, { entity: 'case', entityId: id, action: 'sign', before, after: { ...after, signedOverWarnings: about(null) } });
  return after;
}

interface AddendumRow {
  id: string;
  case_id: string;
  lesion_id: string | null;
  at: string;
  user_id: string;
  user_name: string;
  text: string;
}

const toAddendum = (r: AddendumRow): Addendum => ({
  id: r.id,
  caseId: r.case_id as CaseId,
  lesionId: r.lesion_id as LesionId | null,
  at: r.at,
  userId: r.user_id as UserId,
  userName: r.user_name,
  text: r.text,
});

const ADDENDUM_SELECT = 'SELECT a.*, u.name AS user_name FROM addenda a JOIN users u ON u.id = a.user_id';

const NOT_SIGNED = 'Unsigned records are edited directly; addenda are for signed records.';

/**
 * Adds a dated addendum to a signed case (lesionId null) or to a signed lesion of it, by
 * whoever is working; audited on the record it is added to.
 */
export function addAddendum(w: WriteContext, caseId: string, lesionId: string | null, text: string): Addendum {
  const theCase = getCase(w.db, caseId);
  if (lesionId === null) {
    if (!theCase.signature) throw new AppFailure('invalid_input', NOT_SIGNED);
  } else {
    const lesion = getLesion(w.db, lesionId);
    if (lesion.caseId !== theCase.id) throw new AppFailure('invalid_input', `Lesion ${lesion.label} belongs to another case.`);
    if (!lesion.signature && !theCase.signature) throw new AppFailure('invalid_input', NOT_SIGNED);
  }
  const id = w.newId();
  w.db
    .prepare('INSERT INTO addenda (id, case_id, lesion_id, at, user_id, text) VALUES (?, ?, ?, ?, ?, ?)')
    .run(id, caseId, lesionId, w.now, w.userId, text);
  const added = toAddendum(w.db.prepare(`${ADDENDUM_SELECT} WHERE a.id = ?`).get(id) as AddendumRow);
  appendAudit(w, { entity: lesionId === null ? 'case' : 'lesion', entityId: lesionId ?? caseId, action: 'addendum', before: null, after: added });
  return added;
}

/** A case's addenda, on the case and on its lesions, oldest first. */
export function listAddenda(db: Database.Database, caseId: string): Addendum[] {
  getCase(db, caseId);
  return (db.prepare(`${ADDENDUM_SELECT} WHERE a.case_id = ? ORDER BY a.at, a.rowid`).all(caseId) as AddendumRow[]).map(toAddendum);
}
