import type Database from 'better-sqlite3';
import type { UserId } from '../../shared/ids';
import type { AuditAction, AuditEntity } from '../../shared/records';
import { AppFailure } from '../../shared/result';

/** What a store function needs to write: the database, who is acting, and a clock. */
export interface WriteContext {
  readonly db: Database.Database;
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
export function appendAudit(w: WriteContext, entry: AuditEntry): void {
  w.db
    .prepare(
      `INSERT INTO audit_events (at, user_id, entity, entity_id, action, before_json, after_json)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      w.now,
      w.userId,
      entry.entity,
      entry.entityId,
      entry.action,
      entry.before === null ? null : JSON.stringify(entry.before),
      entry.after === null ? null : JSON.stringify(entry.after),
    );
}

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
