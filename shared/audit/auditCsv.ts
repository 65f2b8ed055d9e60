import { csvText } from '../coding/csvRows';
import type { AuditEvent } from '../records/audit';

export const AUDIT_CSV_HEADER = ['row', 'time (UTC)', 'user', 'user id', 'action', 'record', 'record id', 'before', 'after', 'changes (JSON Patch)'] as const;

/** The audit rows a viewer shows, as CSV (RFC 4180, cells neutralised against formulas by csvText). */
export function auditCsv(rows: readonly AuditEvent[]): string {
  const json = (v: unknown) => (v === null ? '' : JSON.stringify(v));
  return csvText([
    [...AUDIT_CSV_HEADER],
    ...rows.map((r) => [String(r.seq), r.at, r.userName, r.userId, r.action, r.entity, r.entityId, json(r.before), json(r.after), json(r.changes)]),
  ]);
}
