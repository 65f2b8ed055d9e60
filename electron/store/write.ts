import type { UserId } from '../../shared/ids';
import type { AuditAction, AuditEntity } from '../../shared/records';
import { AppFailure } from '../../shared/result';
import type { Db } from './engine/schema';

/** What a store function needs to write: the write's transaction, who is acting, and a clock. */
export interface WriteContext {
  readonly db: Db;
  readonly userId: UserId;
  readonly now: string;
  readonly newId: () => string;
}

export interface AuditEntry {
  readonly entity: AuditEntity;
  readonly entityId: string;
  readonly action: AuditAction;
  readonly before: unknown;
  readonly after: unknown;
}

/** Appends one audit event; call only inside the transaction of the write it records. */
export async function appendAudit(w: WriteContext, entry: AuditEntry): Promise<void> {
  await w.db
    .insertInto('audit_events')
    .values({
      at: w.now,
      user_id: w.userId,
      entity: entry.entity,
      entity_id: entry.entityId,
      action: entry.action,
      before_json: entry.before === null ? null : JSON.stringify(entry.before),
      after_json: entry.after === null ? null : JSON.stringify(entry.after),
    })
    .execute();
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
