import type { UserId } from '../../shared/ids';
import type { AuditAction, AuditEntity } from '../../shared/records';
import { AppFailure } from '../../shared/result';
import { chainValue, type AuditTrail } from './auditChain';
import type { Db } from './engine/schema';

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
 */
export async function appendAudit(w: WriteContext, entry: AuditEntry): Promise<void> {
  if (!w.audit) throw new AppFailure('internal', 'Layermap opened its database without the audit key, so it cannot record changes. Restart Layermap.');
  const tail = await w.db.selectFrom('audit_events').select(['seq', 'chain']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const row = {
    seq: (tail?.seq ?? 0) + 1,
    at: w.now,
    userId: w.userId as string,
    entity: entry.entity as string,
    entityId: entry.entityId,
    action: entry.action as string,
    before: entry.before === null ? null : JSON.stringify(entry.before),
    after: entry.after === null ? null : JSON.stringify(entry.after),
  };
  await w.db
    .insertInto('audit_events')
    .values({
      seq: row.seq,
      at: row.at,
      user_id: row.userId,
      entity: row.entity,
      entity_id: row.entityId,
      action: row.action,
      before_json: row.before,
      after_json: row.after,
      chain: chainValue(w.audit.key, tail?.chain ?? '', row),
    })
    .execute();
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
