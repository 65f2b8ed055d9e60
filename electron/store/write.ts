import type { UserId } from '../../shared/ids';
import type { AuditAction, AuditEntity } from '../../shared/records';
import { AppFailure } from '../../shared/result';
import { chainValue, contentOf, type AuditTrail } from './auditChain';
import { auditTail, insertAuditEvent } from './auditTail';
import { snapshotColumns, updateColumns, WRITTEN_FORMAT } from './auditVersions';
import type { Db } from './engine/schema';
import { recordText } from './recordText';

/** What a store function needs to write: the write's transaction, who is acting, and a clock. */
export interface WriteContext {
  readonly db: Db;
  readonly userId: UserId;
  readonly now: string;
  readonly newId: () => string;
  /** The audit chain's key; null only in a store opened without it, which then cannot write. */
  readonly audit: AuditTrail | null;
}

export interface AuditEntry {
  readonly entity: AuditEntity;
  readonly entityId: string;
  readonly action: AuditAction;
  readonly before: unknown;
  readonly after: unknown;
}

/** What a store function needs to open its own write transaction: the query builder and the audit chain. */
export interface StoreWriter {
  readonly query: Db;
  readonly audit: AuditTrail | null;
}

/**
 * Appends one audit event, chained to the one before it (auditChain.ts); call only inside the
 * transaction of the write it records. The write transaction holds the write lock from its
 * start, so no other writer can append between reading the tail and inserting after it.
 *
 * Rows are format 3 (auditVersions.ts): an update stores the JSON Patch from the record's
 * previous audited version (and a full snapshot every so often), not the before and after
 * records; a create stores the record (deflated when large); other actions store what they
 * are given.
 */
export async function appendAudit(w: WriteContext, entry: AuditEntry): Promise<void> {
  if (!w.audit) throw new AppFailure('internal', 'Layermap opened its database without the audit key, so it cannot record changes. Restart Layermap.');
  const tail = (await auditTail(w.db, {})).rows[0];
  const written = entry.after === null ? null : recordText(entry.after);
  const afterText = written?.text ?? null;
  const isVersion = entry.action === 'update' && afterText !== null;
  const keeps = afterText !== null && (isVersion || entry.action === 'create');
  // The version as the audit will rebuild it (as its text parses, so exactly what is stored), made once.
  const after = keeps ? written!.parsed() : null;
  const previous = isVersion ? await w.audit.versions.latest(w.db, entry.entity, entry.entityId, tail) : null;
  const columns = isVersion
    ? updateColumns(previous, afterText, after, w.now)
    : { ...(keeps ? snapshotColumns(afterText) : { after_json: afterText, after_deflated: null }), patch_json: null };
  // In the table's own column names: the seal covers exactly what is inserted.
  const row = {
    seq: (tail?.seq ?? 0) + 1,
    at: w.now,
    user_id: w.userId as string,
    entity: entry.entity as string,
    entity_id: entry.entityId,
    action: entry.action as string,
    // An update's before is the previous version, already in the trail when it has one.
    before_json: (isVersion && previous?.record != null) || entry.before === null ? null : JSON.stringify(entry.before),
    after_json: columns.after_json,
    format: WRITTEN_FORMAT,
    patch_json: columns.patch_json,
    after_deflated: columns.after_deflated,
  };
  const chain = chainValue(w.audit.key, tail?.chain ?? '', contentOf(row));
  await insertAuditEvent(w.db, { ...row, chain });
  if (keeps) {
    const snapshot = columns.after_json !== null || columns.after_deflated !== null;
    const since = snapshot ? 0 : (previous?.patchesSinceSnapshot ?? 0) + 1;
    w.audit.versions.remember(entry.entity, entry.entityId, { seq: row.seq, chain, record: after, patchesSinceSnapshot: since });
  }
  // Clinic mode: the other workstations hear of it when (and only if) this transaction commits.
  await w.audit.announce?.(w.db, { seq: row.seq, entity: row.entity, entityId: row.entity_id, action: row.action, userId: row.user_id });
  w.audit.noteAppended();
}

/** Rows an UPDATE or DELETE changed, from Kysely's result (one result per statement). */
export const changed = (result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }): number =>
  Number(result.numUpdatedRows ?? result.numDeletedRows ?? 0n);

/**
 * An UPDATE guarded by the version the user last saw. Zero rows changed means the record
 * is gone or someone saved it since: say which, never merge silently.
 */
export function checkVersionedUpdate(changes: number, what: string, exists: boolean): void {
  if (changes === 1) return;
  if (!exists) throw new AppFailure('not_found', `This ${what} no longer exists.`);
  throw new AppFailure(
    'stale',
    `This ${what} was changed by someone else since you opened it. Your changes were not saved: reload to see the latest version, then make your change again.`,
  );
}

export function mustFind<T>(row: T | undefined, what: string): T {
  if (row === undefined) throw new AppFailure('not_found', `No ${what} with that id was found.`);
  return row;
}

/**
 * The end of a record's guarded UPDATE: refuse a stale or vanished record (nothing written,
 * the transaction rolls back), read the record back as saved, and audit before → after.
 */
export async function auditedUpdate<T>(
  w: WriteContext,
  result: { numUpdatedRows?: bigint },
  change: { readonly entity: AuditEntity; readonly what: string; readonly id: string; readonly before: T },
  readBack: () => Promise<T>,
): Promise<T> {
  checkVersionedUpdate(changed(result), change.what, true);
  const after = await readBack();
  await appendAudit(w, { entity: change.entity, entityId: change.id, action: 'update', before: change.before, after });
  return after;
}
