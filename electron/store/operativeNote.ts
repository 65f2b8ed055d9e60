import type { Selectable } from 'kysely';
import {
  generateOperativeNote,
  missingElements,
  storedChecklistSchema,
  type ChecklistChange,
  type NoteChecklist,
  type NoteFreeText,
  type OperativeNoteView,
} from '../../shared/note';
import { AppFailure } from '../../shared/result';
import type { SignoffWarning } from '../../shared/signoff/warnings';
import { getCase } from './cases';
import type { Db, OperativeNotesTable } from './engine/schema';
import { assertCaseUnsigned } from './locks';
import { getNoteTemplate } from './noteTemplates';
import { noteRecordForCase } from './operativeNoteRecord';
import { getUser } from './users';
import { appendAudit, changed, checkVersionedUpdate, mustFind, type WriteContext } from './write';

// The Mohs operative note of a case (issue 16 part 1, migration 14). Its text is generated from
// the record on every read (shared/note/generate.ts); the row keeps the checklist, the
// free-text parts, the surgeon's own text with the generated text it was edited from, and the
// text as signed. No row until the first write (version 0 in the request); audited as entity
// 'operative-note' under the case's id. Once the case is signed the note is read-only.

type Row = Selectable<OperativeNotesTable>;

const readRow = (db: Db, caseId: string) => db.selectFrom('operative_notes').selectAll().where('case_id', '=', caseId).executeTakeFirst();

export function checklistOf(r: Pick<Row, 'checklist'>): NoteChecklist {
  let raw: unknown;
  try {
    raw = JSON.parse(r.checklist);
  } catch {
    raw = undefined;
  }
  const parsed = storedChecklistSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppFailure('storage', `The consent and time-out checklist stored for this case cannot be read and was left untouched. Update Layermap on this computer, or ask support.`);
  }
  return parsed.data;
}

const freeTextOf = (r: Row): NoteFreeText => ({ anesthesia: r.anesthesia, closure: r.closure, postOp: r.post_op });

/** The note row as the audit keeps it: what the surgeon and staff wrote (the generated text is derived). */
const audited = (r: Row) => ({
  caseId: r.case_id,
  checklist: checklistOf(r),
  freeText: freeTextOf(r),
  surgeonText: r.surgeon_text,
  signedText: r.signed_text,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** What the note is made of now: the row's parts, or (no row) an empty checklist and the surgeon's template. */
async function partsOf(db: Db, caseId: string, row: Row | undefined) {
  if (row) return { checklist: checklistOf(row), freeText: freeTextOf(row), fromTemplate: false };
  const c = await getCase(db, caseId);
  return { checklist: {}, freeText: (await getNoteTemplate(db, c.surgeonId)).freeText, fromTemplate: true };
}

async function generatedFor(db: Db, caseId: string, checklist: NoteChecklist, freeText: NoteFreeText) {
  const record = await noteRecordForCase(db, caseId, checklist, freeText);
  return { record, text: generateOperativeNote(record) };
}

/** The case's operative note as the case page shows it. */
export async function getOperativeNote(db: Db, caseId: string): Promise<OperativeNoteView> {
  const c = await getCase(db, caseId);
  const row = await readRow(db, caseId);
  const parts = await partsOf(db, caseId, row);
  const { record, text } = await generatedFor(db, caseId, parts.checklist, parts.freeText);
  const surgeonText = row?.surgeon_text ?? null;
  return {
    caseId: c.id,
    version: row?.version ?? 0,
    generated: text,
    surgeonText,
    recordChanged: surgeonText !== null && row?.edited_from !== text,
    checklist: parts.checklist,
    freeText: parts.freeText,
    fromTemplate: parts.fromTemplate,
    missing: missingElements(record, surgeonText),
    signed: c.signature ? { text: row?.signed_text ?? surgeonText ?? text, signedAt: c.signature.signedAt, signedByName: c.signature.signedByName } : null,
  };
}

/**
 * The note for the chart export (issue 16 part 2): the surgeon's text if they edited it, else the
 * generated one; once signed, the text as signed. Null when there is no such case.
 * Keep this signature stable: the chart export reads it.
 */
export async function operativeNoteForCase(
  db: Db,
  caseId: string,
): Promise<{ readonly text: string; readonly signed: boolean; readonly signedBy: string | null; readonly signedAt: string | null } | null> {
  const exists = await db.selectFrom('cases').select('id').where('id', '=', caseId).executeTakeFirst();
  if (!exists) return null;
  const view = await getOperativeNote(db, caseId);
  if (view.signed) return { text: view.signed.text, signed: true, signedBy: view.signed.signedByName, signedAt: view.signed.signedAt };
  return { text: view.surgeonText ?? view.generated, signed: false, signedBy: null, signedAt: null };
}

type Change = Partial<Pick<Row, 'checklist' | 'anesthesia' | 'closure' | 'post_op' | 'surgeon_text' | 'edited_from'>>;

/**
 * Writes the note row: created at the first write (from the surgeon's template), else updated
 * under the version the user saw. `change` gets the parts as they are now and returns the columns to set.
 */
async function writeNote(w: WriteContext, caseId: string, version: number, change: (now: { checklist: NoteChecklist; freeText: NoteFreeText }) => Promise<Change>): Promise<OperativeNoteView> {
  await getCase(w.db, caseId);
  await assertCaseUnsigned(w.db, caseId);
  const old = await readRow(w.db, caseId);
  if ((old?.version ?? 0) !== version) checkVersionedUpdate(0, 'operative note', true);
  const parts = await partsOf(w.db, caseId, old);
  const columns = await change(parts);
  if (!old) {
    const base = { checklist: JSON.stringify(parts.checklist), anesthesia: parts.freeText.anesthesia, closure: parts.freeText.closure, post_op: parts.freeText.postOp, surgeon_text: null, edited_from: null };
    await w.db.insertInto('operative_notes').values({ case_id: caseId, ...base, ...columns, signed_text: null, version: 1, created_at: w.now, updated_at: w.now }).execute();
    const after = mustFind(await readRow(w.db, caseId), 'operative note');
    await appendAudit(w, { entity: 'operative-note', entityId: caseId, action: 'create', before: null, after: audited(after) });
    return getOperativeNote(w.db, caseId);
  }
  const same = Object.entries(columns).every(([k, v]) => old[k as keyof Row] === v);
  // Saving what is already stored changes nothing, so nothing is recorded.
  if (same) return getOperativeNote(w.db, caseId);
  const result = await w.db
    .updateTable('operative_notes')
    .set((eb) => ({ ...columns, version: eb('version', '+', 1), updated_at: w.now }))
    .where('case_id', '=', caseId)
    .where('version', '=', version)
    .executeTakeFirst();
  checkVersionedUpdate(changed(result), 'operative note', true);
  const after = mustFind(await readRow(w.db, caseId), 'operative note');
  await appendAudit(w, { entity: 'operative-note', entityId: caseId, action: 'update', before: audited(old), after: audited(after) });
  return getOperativeNote(w.db, caseId);
}

/**
 * Saves the free-text parts and the surgeon's own text (null: use the generated text). The
 * surgeon's text is kept with the generated text it was edited from, so a later change to the
 * record shows; a text identical to the generated one is no edit.
 */
export function saveOperativeNote(w: WriteContext, caseId: string, version: number, input: { readonly freeText: NoteFreeText; readonly surgeonText: string | null }): Promise<OperativeNoteView> {
  return writeNote(w, caseId, version, async ({ checklist }) => {
    const { text } = await generatedFor(w.db, caseId, checklist, input.freeText);
    const own = input.surgeonText !== null && input.surgeonText.trim() !== '' && input.surgeonText !== text ? input.surgeonText : null;
    return {
      anesthesia: input.freeText.anesthesia,
      closure: input.freeText.closure,
      post_op: input.freeText.postOp,
      surgeon_text: own,
      edited_from: own === null ? null : text,
    };
  });
}

/** The record changed after the surgeon's edit, and the surgeon keeps their text: it is now edited from the current record. */
export function keepSurgeonText(w: WriteContext, caseId: string, version: number): Promise<OperativeNoteView> {
  return writeNote(w, caseId, version, async ({ checklist, freeText }) => {
    const row = await readRow(w.db, caseId);
    if (!row?.surgeon_text) throw new AppFailure('invalid_input', 'The note has no text of your own to keep; it follows the record.');
    return { edited_from: (await generatedFor(w.db, caseId, checklist, freeText)).text };
  });
}

/** Ticks or clears one item of the consent and time-out checklist, stamped with who and when. */
export function setChecklistItem(w: WriteContext, caseId: string, version: number, change: ChecklistChange): Promise<OperativeNoteView> {
  return writeNote(w, caseId, version, async ({ checklist }) => {
    const next: Record<string, unknown> = { ...checklist };
    if (change.done) {
      const user = await getUser(w.db, w.userId);
      next[change.item] = { byUserId: w.userId, byName: user.name, at: w.now, ...(change.against ? { against: change.against } : {}) };
    } else {
      delete next[change.item];
    }
    return { checklist: JSON.stringify(next) };
  });
}

/**
 * Signing the case signs its note: the text as it stands (the surgeon's, else the generated
 * one) is kept as signed, in the signing transaction, audited as the note's 'sign'.
 */
export async function signNoteWithCase(w: WriteContext, caseId: string): Promise<void> {
  const old = await readRow(w.db, caseId);
  const parts = await partsOf(w.db, caseId, old);
  const text = old?.surgeon_text ?? (await generatedFor(w.db, caseId, parts.checklist, parts.freeText)).text;
  if (!old) {
    const f = parts.freeText;
    await w.db
      .insertInto('operative_notes')
      .values({ case_id: caseId, checklist: '{}', anesthesia: f.anesthesia, closure: f.closure, post_op: f.postOp, surgeon_text: null, edited_from: null, signed_text: text, version: 1, created_at: w.now, updated_at: w.now })
      .execute();
  } else {
    await w.db.updateTable('operative_notes').set((eb) => ({ signed_text: text, version: eb('version', '+', 1), updated_at: w.now })).where('case_id', '=', caseId).execute();
  }
  const after = mustFind(await readRow(w.db, caseId), 'operative note');
  await appendAudit(w, { entity: 'operative-note', entityId: caseId, action: 'sign', before: old ? audited(old) : null, after: audited(after) });
}

/**
 * What signing the case would sign over in its note: each required element missing, except
 * those the sign-off list already names in its own words (no stage mapped, blocks not read).
 */
export async function noteSignWarnings(db: Db, caseId: string): Promise<SignoffWarning[]> {
  const view = await getOperativeNote(db, caseId);
  return view.missing
    .filter((m) => m.cause !== 'no-stages' && m.cause !== 'unread')
    .map((m) => ({ id: `note-missing-element:${m.element}:${m.message}`, kind: 'note-missing-element' as const, lesionId: null, message: `Operative note: ${m.message}` }));
}

