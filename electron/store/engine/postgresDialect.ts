import {
  CompiledQuery,
  Kysely,
  PGliteDialect,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type QueryResult,
  type Dialect,
  type Driver,
  type PGliteDialectConfig,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';
import { auditEventInsert, auditTailQuery } from '../auditTail';
import { ANNOUNCE_SQL } from './changeAnnouncer';
import type { Db, Schema } from './schema';

/** A PGlite instance as Kysely's dialect takes it (the package itself is a test dependency only). */
export type PgliteInstance = Exclude<PGliteDialectConfig['pglite'], (...args: never[]) => unknown>;

/**
 * Kysely on PostgreSQL: a pg Pool for a clinic's server (the store's own driver, ServerDriver
 * below, which saves round trips), or PGlite (PostgreSQL in WebAssembly, in-process) for tests
 * (Kysely's own dialect). On both, a write transaction takes the store's write lock first, as
 * BEGIN IMMEDIATE does on SQLite (sqliteDialect.ts). So every check-then-write (the version check, the next stage number)
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

/**
 * A connection of the clinic server's pool. Each query is a round trip to the server, and on a
 * loaded workstation each costs more in system time than in the server's own work, so a write
 * takes fewer: the write lock is taken in the same round trip as BEGIN, with the audit tail
 * read after it (the lock is held, so no other writer can move the tail), and the first read of
 * the tail in the transaction (write.ts) is answered from that. The write's audit row and its
 * announcement (changeAnnouncer.ts) go with the COMMIT, which is when the server sends the
 * announcement anyway: a gesture save is five round trips.
 */
class ServerConnection implements DatabaseConnection {
  /** The tail read with the lock; dropped at the transaction's first other use of the audit table. */
  tail: { readonly rows: unknown[] } | null = null;
  /** Announcements held for the COMMIT, as literal statements (outside a transaction one is sent at once). */
  announcements: string[] = [];
  /** The transaction's new audit row, held as a literal statement for the COMMIT (or the next statement, whichever comes first). */
  heldInsert: string | null = null;
  inTransaction = false;
  /** The statements prepared on this connection, by their text. */
  private readonly named = new Map<string, string>();
  /** A rollback failed: the pool closes this connection instead of reusing it. */
  broken = false;

  constructor(
    readonly client: pg.PoolClient,
    private readonly tail1: CompiledQuery,
    private readonly auditInsertSql: string,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.tail !== null) {
      const tail = this.tail;
      if (query.sql === this.tail1.sql && sameParameters(query.parameters, this.tail1.parameters)) {
        this.tail = null;
        return { rows: tail.rows as R[] };
      }
      if (query.sql.includes('audit_events')) this.tail = null;
    }
    if (this.inTransaction && query.sql === ANNOUNCE_SQL && query.parameters.length === 2) {
      const [prefix, payload] = query.parameters.map((p) => this.client.escapeLiteral(String(p)));
      this.announcements.push(`SELECT pg_notify(${prefix} || current_schema(), ${payload})`);
      return { rows: [] };
    }
    if (this.heldInsert !== null) await this.sendHeldInsert();
    const values = query.parameters as unknown[];
    // The audit row is a write's last statement and its caller reads nothing back: it goes with
    // the COMMIT, one round trip fewer. Held only until the next statement, so anything after it
    // in the transaction (another audit row's tail read) sees it as before.
    if (this.inTransaction && query.sql === this.auditInsertSql) {
      const literal = withLiterals(this.client, query.sql, values);
      if (literal !== null) {
        this.heldInsert = literal;
        return { numAffectedRows: 1n, rows: [] };
      }
    }
    const r = await this.client.query({ name: this.statementName(query.sql, values.length), text: query.sql, values });
    return {
      numAffectedRows: r.command === 'INSERT' || r.command === 'UPDATE' || r.command === 'DELETE' || r.command === 'MERGE' ? BigInt(r.rowCount ?? 0) : undefined,
      rows: (r.rows ?? []) as R[],
    };
  }

  /** Sends the held audit row now (a statement came before the COMMIT); it must insert its one row. */
  async sendHeldInsert(): Promise<void> {
    const held = this.heldInsert!;
    this.heldInsert = null;
    const r = await this.client.query(held);
    if (r.rowCount !== 1) throw new Error('The clinic server did not take the audit row of this change. Nothing was saved.');
  }

  /**
   * The store's statements are few and run again and again (a save's five): each is prepared
   * once per connection under a name, so the server parses and plans it once, not on every
   * call (the server's work per gesture save: about 3 → 1.7 ms). Statements past the cap (a
   * search's IN list of any length) are sent unnamed, so the connection's set stays bounded.
   */
  private statementName(sql: string, parameters: number): string | undefined {
    if (parameters === 0) return undefined;
    let name = this.named.get(sql);
    if (name === undefined && this.named.size < NAMED_STATEMENTS) this.named.set(sql, (name = `layermap_${this.named.size + 1}`));
    return name;
  }

  // eslint-disable-next-line require-yield -- the store never streams; a stream would be a mistake to hear of.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('The clinic store does not stream query results.');
  }
}

/** Statements prepared by name per connection, at most. */
const NAMED_STATEMENTS = 200;

const sameParameters = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * A statement with its parameters written in as literals, for the simple query protocol (which
 * takes none); null when a value is not one this knows how to write exactly. Kysely's SQL has no
 * string literals of its own, so every $n is a placeholder.
 */
function withLiterals(client: pg.PoolClient, sql: string, values: readonly unknown[]): string | null {
  const literals = values.map((v) => {
    if (v === null) return 'NULL';
    if (typeof v === 'string') return client.escapeLiteral(v);
    if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
    if (Buffer.isBuffer(v)) return `decode('${v.toString('hex')}', 'hex')`;
    return undefined;
  });
  if (literals.some((l) => l === undefined)) return null;
  return sql.replace(/\$(\d+)/g, (_, n: string) => literals[Number(n) - 1]!);
}

/** Several statements in one round trip (the simple query protocol: no parameters), each one's result. */
async function inOneTrip(client: pg.PoolClient, statements: readonly string[]): Promise<pg.QueryResult[]> {
  const r = (await client.query(statements.join('; '))) as pg.QueryResult | pg.QueryResult[];
  return Array.isArray(r) ? r : [r];
}

class ServerDriver implements Driver {
  private readonly connections = new WeakMap<pg.PoolClient, ServerConnection>();
  private tail1: CompiledQuery | null = null;
  private insertSql: string | null = null;
  /** Whether the audit table is there to read the tail from (a new database has none until migrated). */
  private auditTableExists = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly tailQuery: () => CompiledQuery,
    private readonly auditInsertSql: () => string,
  ) {}

  async init(): Promise<void> {
    this.tail1 = this.tailQuery();
    this.insertSql = this.auditInsertSql();
    // The literal form below must read exactly what the compiled query reads.
    if (!this.tail1.sql.endsWith('limit $1') || !sameParameters(this.tail1.parameters, [1])) throw new Error(`Unexpected audit tail query: ${this.tail1.sql}`);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const client = await this.pool.connect();
    let c = this.connections.get(client);
    if (!c) {
      this.connections.set(client, (c = new ServerConnection(client, this.tail1!, this.insertSql!)));
      // A server that goes away under a query in progress fails that query (its caller hears
      // "unreachable"); the connection's own error event, which the pool listens to only while
      // the connection is idle, must not end the store's thread.
      client.on('error', () => {});
    }
    return c;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const c = connection as ServerConnection;
    c.tail = null;
    c.announcements = [];
    c.heldInsert = null;
    c.inTransaction = false;
    if (settings.isolationLevel) throw new Error('The clinic store runs every transaction at the server’s default isolation level.');
    if (settings.accessMode === 'read only') {
      await c.client.query('START TRANSACTION READ ONLY');
      c.inTransaction = true;
      return;
    }
    const lock = `SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})`;
    if (!this.auditTableExists) {
      // A new clinic database: its first transactions create the tables (postgresMigrate.ts).
      const [, , exists] = await inOneTrip(c.client, ['BEGIN', lock, `SELECT to_regclass('audit_events') IS NOT NULL AS "exists"`]);
      this.auditTableExists = (exists!.rows[0] as { exists: boolean }).exists;
      c.inTransaction = true;
      return;
    }
    const tailLiteral = `${this.tail1!.sql.slice(0, -'$1'.length)}1`;
    const [, , tail] = await inOneTrip(c.client, ['BEGIN', lock, tailLiteral]);
    c.tail = { rows: tail!.rows };
    c.inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as ServerConnection;
    const announcements = c.announcements;
    const held = c.heldInsert === null ? [] : [c.heldInsert];
    c.tail = null;
    c.announcements = [];
    c.heldInsert = null;
    c.inTransaction = false;
    // The held audit row first: if the server refuses it, it skips the rest and the caller rolls back.
    const results = await inOneTrip(c.client, [...held, ...announcements, 'COMMIT']);
    // PostgreSQL ends COMMIT with a ROLLBACK tag when an earlier error left the transaction aborted.
    if (results.at(-1)?.command === 'ROLLBACK') throw new Error('The clinic server rolled the change back: an earlier step of it failed. Nothing was saved.');
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as ServerConnection;
    c.tail = null;
    c.announcements = [];
    c.heldInsert = null;
    c.inTransaction = false;
    try {
      await c.client.query('ROLLBACK');
    } catch (e) {
      c.broken = true;
      throw e;
    }
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const c = connection as ServerConnection;
    if (c.broken) this.connections.delete(c.client);
    c.client.release(c.broken ? true : undefined);
  }

  async destroy(): Promise<void> {
    await this.pool.end();
  }
}

/** The store's query handle on a clinic server's pool. */
export function poolHandle(pool: pg.Pool): Db {
  const compiler = new PostgresQueryCompiler();
  let db: Db | null = null;
  const dialect: Dialect = {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () =>
      new ServerDriver(
        pool,
        () => auditTailQuery(db!).compile(),
        // Every value is a placeholder: the text is the same for any row.
        () => auditEventInsert(db!, { seq: 0, at: '', user_id: '', entity: '', entity_id: '', action: '', before_json: null, after_json: null, format: 0, patch_json: null, after_deflated: null, chain: '' }).compile().sql,
      ),
    createQueryCompiler: () => compiler,
    createIntrospector: (k) => new PostgresIntrospector(k),
  };
  db = new Kysely<Schema>({ dialect });
  return db;
}

/**
 * The store's query handle on a PGlite instance (tests). The caller owns and closes the
 * instance (a test file shares one): this handle is never destroyed, which would close it.
 */
export const pgliteHandle = (pglite: PgliteInstance): Db => new Kysely<Schema>({ dialect: lockingWrites(new PGliteDialect({ pglite })) });
