import type { UserId } from '../../shared/ids';
import type { Signature, SignatureMethod } from '../../shared/records';
import { AppFailure } from '../../shared/result';
import type { Db } from './engine/schema';

/**
 * The read-only checks behind sign-off's lock: a signed case or lesion, and its maps, no
 * longer change (later changes are addenda). A leaf module: it reads the signature columns
 * itself, so cases, lesions and stages can all ask without importing one another.
 */

/**
 * The signature stored on a lesion or case row, with the signer's name. Rows of a file
 * older than schema 4 (a pre-upgrade backup) have no such columns: unsigned.
 */
export async function signatureOf(
  db: Db,
  signedAt: string | null | undefined,
  signedBy: string | null | undefined,
  method: SignatureMethod | null = null,
): Promise<Signature | null> {
  if (signedAt == null || signedBy == null) return null;
  const row = await db.selectFrom('users').select('name').where('id', '=', signedBy).executeTakeFirst();
  return { signedAt, signedBy: signedBy as UserId, signedByName: row?.name ?? 'an unknown user', method };
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

async function caseSignature(db: Db, caseId: string): Promise<Signature | null> {
  const row = await db.selectFrom('cases').select(['signed_at', 'signed_by']).where('id', '=', caseId).executeTakeFirst();
  return row ? signatureOf(db, row.signed_at, row.signed_by) : null;
}

/**
 * Refuses any change to a signed case (its fields, its codes, a new lesion on it). A case
 * that does not exist passes: the write itself then says it was not found.
 */
export async function assertCaseUnsigned(db: Db, caseId: string): Promise<void> {
  const s = await caseSignature(db, caseId);
  if (s) throw new AppFailure('forbidden', lockedMessage('case', s));
}

/** Refuses any change to a signed lesion, or to a lesion of a signed case, and to their maps. */
export async function assertLesionUnsigned(db: Db, lesionId: string): Promise<void> {
  // One read for both signatures: every write to a lesion or its maps asks this first.
  const row = await db
    .selectFrom('lesions as l')
    .leftJoin('cases as c', 'c.id', 'l.case_id')
    .select(['l.signed_at', 'l.signed_by', 'c.signed_at as case_signed_at', 'c.signed_by as case_signed_by'])
    .where('l.id', '=', lesionId)
    .executeTakeFirst();
  if (row) await refuseSigned(db, row);
}

/** Refuses a change to a stage (its map, its removal) of a signed lesion. */
export async function assertStageUnsigned(db: Db, stageId: string): Promise<void> {
  const row = await db
    .selectFrom('stages as s')
    .innerJoin('lesions as l', 'l.id', 's.lesion_id')
    .leftJoin('cases as c', 'c.id', 'l.case_id')
    .select(['l.signed_at', 'l.signed_by', 'c.signed_at as case_signed_at', 'c.signed_by as case_signed_by'])
    .where('s.id', '=', stageId)
    .executeTakeFirst();
  if (row) await refuseSigned(db, row);
}

export interface LesionAndCaseSignatures {
  readonly signed_at: string | null;
  readonly signed_by: string | null;
  readonly case_signed_at: string | null;
  readonly case_signed_by: string | null;
}

/** Refuses a change to a lesion (or its case) that is signed, from a row that carries both signatures. */
export async function refuseSigned(db: Db, row: LesionAndCaseSignatures): Promise<void> {
  const s = await signatureOf(db, row.signed_at, row.signed_by);
  if (s) throw new AppFailure('forbidden', lockedMessage('lesion', s));
  const c = await signatureOf(db, row.case_signed_at, row.case_signed_by);
  if (c) throw new AppFailure('forbidden', lockedMessage('case', c));
}

/**
 * A signed lesion states its date of service and surgeon: once any lesion of the case is
 * signed, those two are locked (accession number and notes stay editable until the case is).
 * The first signed lesion in label order (A … Z, AA …) is named.
 */
export async function assertNoLesionSigned(db: Db, caseId: string): Promise<void> {
  const signed = await db
    .selectFrom('lesions')
    .select(['label', 'signed_at', 'signed_by'])
    .where('case_id', '=', caseId)
    .where('signed_at', 'is not', null)
    .orderBy((eb) => eb.fn('length', ['label']))
    .orderBy('label')
    .executeTakeFirst();
  const s = signed && (await signatureOf(db, signed.signed_at, signed.signed_by));
  if (signed && s) {
    throw new AppFailure(
      'forbidden',
      `Lesion ${signed.label} was signed by ${s.signedByName} on ${signedDate(s.signedAt)}; the date of surgery and the surgeon can no longer be changed. Add an addendum instead.`,
    );
  }
}
