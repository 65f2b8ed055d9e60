import type { UserId } from '../../shared/ids';
import type { AuditAction, AuditChange, AuditEntity, AuditEvent } from '../../shared/records';
import { snapshotText } from './auditVersions';
import type { Db } from './engine/schema';

/** An audit row joined with its user's name, as the app shows it (before/after parsed). */
export interface AuditRowWithName {
  readonly seq: number;
  readonly at: string;
  readonly user_id: string;
  readonly user_name: string;
  readonly entity: string;
  readonly entity_id: string;
  readonly action: string;
  readonly before_json: string | null;
  readonly after_json: string | null;
  readonly patch_json: string | null;
  readonly after_deflated: Uint8Array | null;
}

export const toAuditEvent = (r: AuditRowWithName): AuditEvent => ({
  seq: r.seq,
  at: r.at,
  userId: r.user_id as UserId,
  userName: r.user_name,
  entity: r.entity as AuditEntity,
  entityId: r.entity_id,
  action: r.action as AuditAction,
  before: r.before_json === null ? null : (JSON.parse(r.before_json) as unknown),
  after: r.after_json === null && !r.after_deflated ? null : (JSON.parse(snapshotText(r)!) as unknown),
  changes: r.patch_json === null ? null : (JSON.parse(r.patch_json) as AuditChange[]),
});

/** The newest audit events first, of one record or of all. */
export async function listAudit(db: Db, entityId: string | undefined, limit: number): Promise<AuditEvent[]> {
  let query = db
    .selectFrom('audit_events as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .selectAll('a')
    .select('u.name as user_name');
  if (entityId !== undefined) query = query.where('a.entity_id', '=', entityId);
  const rows = await query.orderBy('a.seq', 'desc').limit(limit).execute();
  return rows.map(toAuditEvent);
}
