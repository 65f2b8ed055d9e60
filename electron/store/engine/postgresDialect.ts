import {
  CompiledQuery,
  Kysely,
  PGliteDialect,
  PostgresDialect,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type PGliteDialectConfig,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';
import type { Db, Schema } from './schema';

/** A PGlite instance as Kysely's dialect takes it (the package itself is a test dependency only). */
export type PgliteInstance = Exclude<PGliteDialectConfig['pglite'], (...args: never[]) => unknown>;

/**
 * Kysely on PostgreSQL: a pg Pool for a clinic's server, or PGlite (PostgreSQL in WebAssembly,
 * in-process) for tests. Kysely's own dialects, with one change to their driver: a write
 * transaction takes the store's write lock first, as BEGIN IMMEDIATE does on SQLite
 * (sqliteDialect.ts). So every check-then-write (the version check, the next stage number)
 * and the audit chain's append (read the tail, insert after it) run one at a time across
 * every workstation: two writers never read the same tail. A read-only transaction takes none.
 */

/** The advisory lock every write transaction holds until it ends (a fixed number: 'LAYR' 'MAP1'). */
export const WRITE_LOCK_KEY = 0x4c4159524d415031n;

/**
 * bigint (int8) results: node-postgres returns them as strings (they can exceed a JS number);
 * the store's bigints (audit seq, counts) stay far below 2^53, so they are numbers, as on
 * SQLite. A value that would lose digits is refused rather than rounded.
 */
const INT8_OID = 20;
function int8ToNumber(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`A whole number from the database is too large to read exactly: ${text}`);
  return n;
}

/** pg's type parsers with int8 read as a number; the rest as pg reads them. */
export const storeTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? int8ToNumber : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

class LockingWritesDriver implements Driver {
  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  acquireConnection(): Promise<DatabaseConnection> {
    return this.inner.acquireConnection();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await this.inner.beginTransaction(connection, settings);
    if (settings.accessMode !== 'read only') {
      await connection.executeQuery(CompiledQuery.raw(`SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})`));
    }
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(connection);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

function lockingWrites<D extends Dialect>(dialect: D): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new LockingWritesDriver(dialect.createDriver()),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}

/** The store's query handle on a clinic server's pool. */
export const poolHandle = (pool: pg.Pool): Db => new Kysely<Schema>({ dialect: lockingWrites(new PostgresDialect({ pool })) });

/**
 * The store's query handle on a PGlite instance (tests). The caller owns and closes the
 * instance (a test file shares one): this handle is never destroyed, which would close it.
 */
export const pgliteHandle = (pglite: PgliteInstance): Db => new Kysely<Schema>({ dialect: lockingWrites(new PGliteDialect({ pglite })) });
