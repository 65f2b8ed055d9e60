import type Database from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type { Db, Schema } from './schema';

/**
 * Kysely on one better-sqlite3 connection, the store's own (not Kysely's SqliteDialect) for
 * two reasons: prepared statements are kept by SQL text, so a save does not prepare its
 * statements again every time; and a write transaction starts with BEGIN IMMEDIATE, taking
 * the write lock before its first read, so a check-then-write cannot race another writer.
 * A transaction marked read only starts deferred: it takes no write lock (coding's snapshot).
 */
export class StoreSqliteDialect implements Dialect {
  constructor(
    private readonly db: Database.Database,
    private readonly cacheSize = 200,
  ) {}

  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }

  createDriver(): Driver {
    return new StoreSqliteDriver(this.db, this.cacheSize);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

class StoreSqliteDriver implements Driver {
  private readonly connection: StatementCachingConnection;

  constructor(
    private readonly db: Database.Database,
    cacheSize: number,
  ) {
    this.connection = new StatementCachingConnection(db, cacheSize);
  }

  async init(): Promise<void> {}

  /**
   * One connection for every caller. Kysely lends it to one caller at a time (its connection
   * mutex, since SqliteAdapter says the engine has no multiple connections), so a transaction
   * never has another call's statements run inside it.
   */
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.connection;
  }

  async releaseConnection(): Promise<void> {}

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(settings.accessMode === 'read only' ? 'begin' : 'begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // SQLite may have rolled back already (a full disk, an I/O error): then there is nothing to undo.
    if (this.db.inTransaction) await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async destroy(): Promise<void> {
    // The store owns the better-sqlite3 connection and closes it; Kysely only borrows it.
  }
}

class StatementCachingConnection implements DatabaseConnection {
  /** Least recently used first (a Map keeps insertion order; a hit moves to the end). */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly cacheSize: number,
  ) {}

  private statement(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (stmt) {
      this.statements.delete(sql);
    } else {
      stmt = this.db.prepare(sql);
      if (this.statements.size >= this.cacheSize) {
        const oldest = this.statements.keys().next();
        if (!oldest.done) this.statements.delete(oldest.value);
      }
    }
    this.statements.set(sql, stmt);
    return stmt;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const stmt = this.statement(compiled.sql);
    const parameters = compiled.parameters as unknown[];
    if (stmt.reader) return { rows: stmt.all(parameters) as R[] };
    const { changes, lastInsertRowid } = stmt.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('The store reads whole results; streaming is not supported.');
  }
}

/** The store's query handle on an open better-sqlite3 connection. */
export const queryHandle = (db: Database.Database): Db => new Kysely<Schema>({ dialect: new StoreSqliteDialect(db) });
