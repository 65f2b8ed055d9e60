import type Database from 'better-sqlite3';
import type { AuditTrail } from './auditChain';

/**
 * The store's part of the audit chain head (auditHead.ts): bring the head file up to the
 * trail's tail now. open.ts's close calls it, so the head follows the tail whoever closes the
 * store; when to call it between calls is the services' choice (services/auditHeadWriter.ts).
 */
const statements = new WeakMap<Database.Database, { tail: Database.Statement; chainAt: Database.Statement }>();

/**
 * Brings the head up to the tail now, if rows were appended since it was written.
 * Synchronous (better-sqlite3), so no call's transaction can start while it reads, and it
 * never runs inside one.
 */
export function flushAuditHead(store: { readonly db: Database.Database; readonly audit: AuditTrail | null }): void {
  const db = store.db;
  if (!store.audit?.behind || !db.open || db.inTransaction) return;
  try {
    let s = statements.get(db);
    if (!s) {
      s = {
        tail: db.prepare('SELECT seq, chain FROM audit_events ORDER BY seq DESC LIMIT 1'),
        chainAt: db.prepare('SELECT chain FROM audit_events WHERE seq = ?'),
      };
      statements.set(db, s);
    }
    const { tail, chainAt } = s;
    store.audit.recordHead({
      tail: () => tail.get() as { seq: number; chain: string | null } | undefined,
      chainAt: (seq) => (chainAt.get(seq) as { chain: string | null } | undefined)?.chain,
    });
  } catch (e) {
    // The rows are committed and chained; a head left behind is accepted by verify.
    console.error('[layermap] the audit chain head could not be written', e);
  }
}
