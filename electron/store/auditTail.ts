import { reusedStatement } from './engine/reusedStatement';
import type { Db } from './engine/schema';

/**
 * The audit trail's tail: the row a new audit row is chained after (write.ts). One query for
 * both engines; the clinic server's driver reads it in the same round trip that takes the
 * write lock and answers this query from that (engine/postgresDialect.ts), so it is named here once.
 */
export const auditTailQuery = (db: Db) => db.selectFrom('audit_events').select(['seq', 'chain']).orderBy('seq', 'desc').limit(1);

/** The tail as every write reads it: reused, built once per engine (engine/reusedStatement.ts). */
export const auditTail = reusedStatement((db) => auditTailQuery(db));
