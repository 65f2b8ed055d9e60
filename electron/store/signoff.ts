import type { CaseId, LesionId, UserId } from '../../shared/ids';
import { hasRole, type Addendum, type Case, type Lesion } from '../../shared/records';
import { AppFailure } from '../../shared/result';
import { getCase } from './cases';
import type { Db } from './engine/schema';
import { addendaInsertionOrder } from './engine/perEngine';
import { getLesion, listLesions } from './lesions';
import { signedDate } from './locks';
import { assertWarningsReviewed, caseSignWarnings, lesionSignWarnings } from './signoffChecks';
import { signNoteWithCase } from './operativeNote';
import { getUser } from './users';
import { appendAudit, changed, checkVersionedUpdate, type WriteContext } from './write';

/**
 * Sign-off: the surgeon signs a lesion or a whole case, and from then on the record and its
 * maps are read-only (the checks are in locks.ts); later changes are addenda (a dated text by
 * a named user), kept append-only by the database like the audit trail. The lab's block
 * statuses are not the record and stay changeable.
 */

/** Only a Mohs surgeon signs: the signature attests to the surgeon's reading of the margins. */
async function assertSigner(w: WriteContext): Promise<void> {
  if (!hasRole(await getUser(w.db, w.userId), 'surgeon')) throw new AppFailure('forbidden', 'Only a Mohs surgeon can sign.');
}

/**
 * Signs one unsigned lesion at its current version, audited with the warnings it was signed
 * over (what the surgeon saw and accepted); the caller holds the transaction.
 */
async function signOneLesion(w: WriteContext, before: Lesion, signedOver: readonly string[]): Promise<Lesion> {
  const result = await w.db
    .updateTable('lesions')
    .set((eb) => ({ signed_at: w.now, signed_by: w.userId, signature_method: 'password', version: eb('version', '+', 1), updated_at: w.now }))
    .where('id', '=', before.id)
    .where('version', '=', before.version)
    .where('signed_at', 'is', null)
    .executeTakeFirst();
  checkVersionedUpdate(changed(result), 'lesion', true);
  const after = await getLesion(w.db, before.id);
  await appendAudit(w, { entity: 'lesion', entityId: before.id, action: 'sign', before, after: { ...after, signedOverWarnings: signedOver } });
  return after;
}

/**
 * `reviewed`: the ids of the warnings the sign dialog showed (lesions.signWarnings); when
 * given, a warning not among them refuses the signature (assertWarningsReviewed).
 */
export async function signLesion(w: WriteContext, id: string, version: number, reviewed?: readonly string[]): Promise<Lesion> {
  await assertSigner(w);
  const before = await getLesion(w.db, id);
  if (before.signature) {
    throw new AppFailure('invalid_input', `Lesion ${before.label} is already signed (by ${before.signature.signedByName} on ${signedDate(before.signature.signedAt)}).`);
  }
  if (before.version !== version) checkVersionedUpdate(0, 'lesion', true);
  const warnings = await lesionSignWarnings(w.db, id);
  assertWarningsReviewed(warnings, reviewed);
  return signOneLesion(w, before, warnings.map((x) => x.message));
}

/** Signs the case and, in the same transaction, every lesion of it not signed yet; one audit event each. */
export async function signCase(w: WriteContext, id: string, version: number, reviewed?: readonly string[]): Promise<Case> {
  await assertSigner(w);
  const before = await getCase(w.db, id);
  if (before.signature) {
    throw new AppFailure('invalid_input', `This case is already signed (by ${before.signature.signedByName} on ${signedDate(before.signature.signedAt)}).`);
  }
  const warnings = await caseSignWarnings(w.db, id);
  assertWarningsReviewed(warnings, reviewed);
  const result = await w.db
    .updateTable('cases')
    .set((eb) => ({ signed_at: w.now, signed_by: w.userId, signature_method: 'password', version: eb('version', '+', 1), updated_at: w.now }))
    .where('id', '=', id)
    .where('version', '=', version)
    .where('signed_at', 'is', null)
    .executeTakeFirst();
  checkVersionedUpdate(changed(result), 'case', true);
  const about = (lesionId: string | null) => warnings.filter((x) => x.lesionId === lesionId).map((x) => x.message);
  for (const lesion of await listLesions(w.db, id)) if (!lesion.signature) await signOneLesion(w, lesion, about(lesion.id));
  await signNoteWithCase(w, id);
  const after = await getCase(w.db, id);
  await appendAudit(w, { entity: 'case', entityId: id, action: 'sign', before, after: { ...after, signedOverWarnings: about(null) } });
  return after;
}

const addendaWithNames = (db: Db) =>
  db.selectFrom('addenda as a').innerJoin('users as u', 'u.id', 'a.user_id').selectAll('a').select('u.name as user_name');

type AddendumRow = Awaited<ReturnType<ReturnType<typeof addendaWithNames>['execute']>>[number];

const toAddendum = (r: AddendumRow): Addendum => ({
  id: r.id,
  caseId: r.case_id as CaseId,
  lesionId: r.lesion_id as LesionId | null,
  at: r.at,
  userId: r.user_id as UserId,
  userName: r.user_name,
  text: r.text,
});

const NOT_SIGNED = 'Unsigned records are edited directly; addenda are for signed records.';

/**
 * Adds a dated addendum to a signed case (lesionId null) or to a signed lesion of it, by
 * whoever is working; audited on the record it is added to.
 */
export async function addAddendum(w: WriteContext, caseId: string, lesionId: string | null, text: string): Promise<Addendum> {
  const theCase = await getCase(w.db, caseId);
  if (lesionId === null) {
    if (!theCase.signature) throw new AppFailure('invalid_input', NOT_SIGNED);
  } else {
    const lesion = await getLesion(w.db, lesionId);
    if (lesion.caseId !== theCase.id) throw new AppFailure('invalid_input', `Lesion ${lesion.label} belongs to another case.`);
    if (!lesion.signature && !theCase.signature) throw new AppFailure('invalid_input', NOT_SIGNED);
  }
  const id = w.newId();
  await w.db.insertInto('addenda').values({ id, case_id: caseId, lesion_id: lesionId, at: w.now, user_id: w.userId, text }).execute();
  const added = toAddendum(await addendaWithNames(w.db).where('a.id', '=', id).executeTakeFirstOrThrow());
  await appendAudit(w, { entity: lesionId === null ? 'case' : 'lesion', entityId: lesionId ?? caseId, action: 'addendum', before: null, after: added });
  return added;
}

/** A case's addenda, on the case and on its lesions, oldest first. */
export async function listAddenda(db: Db, caseId: string): Promise<Addendum[]> {
  await getCase(db, caseId);
  const rows = await addendaWithNames(db).where('a.case_id', '=', caseId).orderBy('a.at').orderBy(addendaInsertionOrder(db, 'a')).execute();
  return rows.map(toAddendum);
}
