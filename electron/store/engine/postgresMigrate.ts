import { sql } from 'kysely';
import { refusalMessage } from '../fileState';
import { LATEST_POSTGRES_SCHEMA_VERSION, POSTGRES_MIGRATIONS } from '../migrations/postgres';
import type { Db } from './schema';

/**
 * PostgreSQL's schema version lives in a one-row table (SQLite keeps it in user_version).
 * The app creates and migrates its schema on first connection: every pending migration and
 * the new version in one transaction, under the store's write lock (postgresDialect.ts), so
 * two workstations starting at once migrate once, the second finding the work done. A newer
 * schema is refused with SQLite's message, and a schema holding someone else's tables is
 * never added to.
 */
export const SCHEMA_TABLE = 'layermap_schema';

export type MigrateRefusal = { readonly kind: 'newer'; readonly version: number } | { readonly kind: 'corrupt'; readonly detail: string };

export class PostgresSchemaRefused extends Error {
  constructor(
    readonly refusal: MigrateRefusal,
    label: string,
  ) {
    super(refusalMessage(label, refusal, LATEST_POSTGRES_SCHEMA_VERSION));
    this.name = 'PostgresSchemaRefused';
  }
}

/** The schema's version: 0 when it has no version table yet. */
async function versionOf(db: Db): Promise<number | null> {
  // information_schema, not to_regclass: right after waiting for the lock, to_regclass was seen
  // to miss a table another session had just committed, while information_schema showed it.
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_name = ${SCHEMA_TABLE}`.execute(db);
  if (Number(rows[0]?.n ?? 0) === 0) return null;
  const v = await sql<{ version: number }>`SELECT version FROM ${sql.table(SCHEMA_TABLE)}`.execute(db);
  return v.rows[0]?.version ?? 0;
}

/** Tables in the schema the store works in (the search_path's first), other than the version table. */
async function otherTables(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_name <> ${SCHEMA_TABLE}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

function refuseUnlessOurs(version: number | null, tables: number, label: string): void {
  if (version !== null && version > LATEST_POSTGRES_SCHEMA_VERSION) throw new PostgresSchemaRefused({ kind: 'newer', version }, label);
  if ((version ?? 0) === 0 && tables > 0) {
    throw new PostgresSchemaRefused({ kind: 'corrupt', detail: 'it holds tables but no Layermap schema version' }, label);
  }
}

/** Brings the schema to the latest version; returns it. `label` names the database in messages. */
export async function migratePostgres(db: Db, label: string): Promise<number> {
  // Read first, without the lock: a newer schema is refused, a current one used, at once. What
  // else the schema holds is judged under the lock only: catalog reads outside it can see
  // another workstation's migration half-committed (its tables, not yet its version).
  const seen = await versionOf(db);
  if (seen !== null && seen > LATEST_POSTGRES_SCHEMA_VERSION) refuseUnlessOurs(seen, 0, label);
  if (seen === LATEST_POSTGRES_SCHEMA_VERSION) return seen;
  return db.transaction().execute(async (trx) => {
    // The write lock is held from here: another workstation's migration has finished or waits.
    // A refusal here rolls back a transaction that has written nothing.
    const current = await versionOf(trx);
    refuseUnlessOurs(current, await otherTables(trx), label);
    if (current === null) {
      await sql`CREATE TABLE ${sql.table(SCHEMA_TABLE)} (
        one boolean PRIMARY KEY DEFAULT true CHECK (one),
        version integer NOT NULL CHECK (version >= 0))`.execute(trx);
      await sql`INSERT INTO ${sql.table(SCHEMA_TABLE)} (version) VALUES (0)`.execute(trx);
    }
    for (const m of POSTGRES_MIGRATIONS.filter((x) => x.version > (current ?? 0))) {
      for (const statement of m.statements) await sql.raw(statement).execute(trx);
      await sql`UPDATE ${sql.table(SCHEMA_TABLE)} SET version = ${m.version}`.execute(trx);
    }
    return LATEST_POSTGRES_SCHEMA_VERSION;
  });
}
