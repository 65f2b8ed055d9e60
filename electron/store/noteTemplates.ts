import type { Selectable } from 'kysely';
import type { NoteFreeText, NoteTemplate } from '../../shared/note';
import { EMPTY_FREE_TEXT } from '../../shared/note';
import { hasRole } from '../../shared/records';
import { AppFailure } from '../../shared/result';
import type { Db, NoteTemplatesTable } from './engine/schema';
import { getUser } from './users';
import { appendAudit, checkVersionedUpdate, changed, mustFind, type WriteContext } from './write';

// A surgeon's defaults for the free-text parts of the operative note (anesthesia, closure,
// post-op instructions; issue 16 part 1), migration 14. Each surgeon keeps their own; a new
// case's note starts from its surgeon's. Audited as entity 'note-template' under the user's id.

const toTemplate = (r: Selectable<NoteTemplatesTable> | undefined): NoteTemplate =>
  r ? { freeText: { anesthesia: r.anesthesia, closure: r.closure, postOp: r.post_op }, version: r.version } : { freeText: EMPTY_FREE_TEXT, version: 0 };

const readRow = (db: Db, userId: string) => db.selectFrom('note_templates').selectAll().where('user_id', '=', userId).executeTakeFirst();

/** This user's note template; empty (version 0) until saved. */
export async function getNoteTemplate(db: Db, userId: string): Promise<NoteTemplate> {
  return toTemplate(await readRow(db, userId));
}

/** Saves the signed-in surgeon's own template; `version` is what they saw (0: none yet). */
export async function saveNoteTemplate(w: WriteContext, version: number, freeText: NoteFreeText): Promise<NoteTemplate> {
  if (!hasRole(await getUser(w.db, w.userId), 'surgeon')) throw new AppFailure('forbidden', 'Only a Mohs surgeon keeps note templates.');
  const old = await readRow(w.db, w.userId);
  if ((old?.version ?? 0) !== version) checkVersionedUpdate(0, 'note template', true);
  const columns = { anesthesia: freeText.anesthesia, closure: freeText.closure, post_op: freeText.postOp };
  if (!old) {
    await w.db.insertInto('note_templates').values({ user_id: w.userId, ...columns, version: 1, created_at: w.now, updated_at: w.now }).execute();
    const after = toTemplate(mustFind(await readRow(w.db, w.userId), 'note template'));
    await appendAudit(w, { entity: 'note-template', entityId: w.userId, action: 'create', before: null, after });
    return after;
  }
  const before = toTemplate(old);
  if (JSON.stringify(before.freeText) === JSON.stringify(freeText)) return before;
  const result = await w.db
    .updateTable('note_templates')
    .set((eb) => ({ ...columns, version: eb('version', '+', 1), updated_at: w.now }))
    .where('user_id', '=', w.userId)
    .where('version', '=', version)
    .executeTakeFirst();
  checkVersionedUpdate(changed(result), 'note template', true);
  const after = toTemplate(mustFind(await readRow(w.db, w.userId), 'note template'));
  await appendAudit(w, { entity: 'note-template', entityId: w.userId, action: 'update', before, after });
  return after;
}
