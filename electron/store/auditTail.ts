import { reusedStatement } from './engine/reusedStatement';
import type { Insertable } from 'kysely';
import type { AuditEventsTable, Db } from './engine/schema';

/**
 * The audit trail's tail: the row a new audit row is chained after (write.ts). One query for
 * both engines; the clinic server's driver reads it in the same round trip that takes the
 * write lock and answers this query from that (engine/postgresDialect.ts), so it is named here
 * once, as is the insert of the new row, which that driver sends with the COMMIT.
 */
export const auditTailQuery = (db: Db) => db.selectFrom('audit_events').select(['seq', 'chain']).orderBy('seq', 'desc').limit(1);

/** The tail as every write reads it: reused, built once per engine (engine/reusedStatement.ts). */
export const auditTail = reusedStatement((db) => auditTailQuery(db));

export type AuditEventRow = Omit<Insertable<AuditEventsTable>, 'seq'> & { seq: number };

/** A new audit row, every column named. */
export const auditEventInsert = (db: Db, v: AuditEventRow) =>
  db.insertInto('audit_events').values({
    seq: v.seq,
    at: v.at,
    user_id: v.user_id,
    entity: v.entity,
    entity_id: v.entity_id,
    action: v.action,
    before_json: v.before_json,
    after_json: v.after_json,
    format: v.format,
    patch_json: v.patch_json,
    after_deflated: v.after_deflated,
    chain: v.chain,
  });

/** Every write's audit row: reused, built once per engine (engine/reusedStatement.ts). */
export const insertAuditEvent = reusedStatement(auditEventInsert);
