import type Database from 'better-sqlite3';
import type { UserId } from '../../shared/ids';
import type { AuditAction, AuditEntity, AuditEvent } from '../../shared/records';

interface AuditRow {
  seq: number;
  at: string;
  user_id: string;
  user_name: string;
  entity: AuditEntity;
  entity_id: string;
  action: AuditAction;
  before_json: string | null;
  after_json: string | null;
}

export function listAudit(db: Database.Database, entityId: string | undefined, limit: number): AuditEvent[] {
  const rows = db
    .prepare(
      `SELECT a.*, u.name AS user_name FROM audit_events a JOIN users u ON u.id = a.user_id
       WHERE @entityId IS NULL OR a.entity_id = @entityId ORDER BY a.seq DESC LIMIT @limit`,
    )
    // Named, not ?1/?2: better-sqlite3 takes ?NNN for named parameters and refuses positional values for them.
    .all({ entityId: entityId ?? null, limit }) as AuditRow[];
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    userId: r.user_id as UserId,
    userName: r.user_name,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    before: r.before_json === null ? null : (JSON.parse(r.before_json) as unknown),
    after: r.after_json === null ? null : (JSON.parse(r.after_json) as unknown),
  }));
}
