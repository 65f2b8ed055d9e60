import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { AuditTrail, type AuditKey } from '../auditChain';
import { readHead } from '../auditHead';
import { StoreOpenError, type ClinicStore } from '../open';
import { announcer } from './changeAnnouncer';
import { migratePostgres, PostgresSchemaRefused } from './postgresMigrate';
import { pgliteHandle, poolHandle, storeTypes, type PgliteInstance } from './postgresDialect';
import type { Db } from './schema';


/**
 * Where the clinic's database is: a server (pg's pool settings, passed through as given:
 * host, port, database, user, password, `ssl` with the server's CA or a client certificate),
 * or a PGlite instance (tests only: PostgreSQL in WebAssembly, in this process).
 */
export type ClinicConnection = { readonly kind: 'server'; readonly pool: pg.PoolConfig } | { readonly kind: 'pglite'; readonly pglite: PgliteInstance; readonly label?: string };

export interface ClinicOpenOptions {
  /** The audit chain's key (auditKey.ts); every store that writes is opened with it. */
  readonly auditKey?: AuditKey;
  /**
   * This workstation's audit head file (auditHead.ts). Each workstation keeps its own: it
   * records the newest row this workstation has seen, so rows cut from the end of the trail
   * on the server are noticed here (rows other workstations added later are simply ahead).
   */
  readonly auditHeadFile?: string;
}

/** A server named for messages, never with its password. */
export function clinicLabel(connection: ClinicConnection): string {
  if (connection.kind === 'pglite') return connection.label ?? 'PGlite (in memory)';
  const c = connection.pool;
  if (c.connectionString) {
    try {
      const u = new URL(c.connectionString);
      u.password = '';
      return u.toString();
    } catch {
      return 'the clinic server';
    }
  }
  return `postgresql://${c.user ?? ''}${c.user ? '@' : ''}${c.host ?? 'localhost'}:${c.port ?? 5432}/${c.database ?? ''}`;
}

/**
 * Opens the clinic's database: connects, creates or migrates its schema (refusing a newer or
 * foreign one, nothing written), and returns the store. Fails with a StoreOpenError that says
 * what happened in plain words.
 */
export async function openClinicStore(connection: ClinicConnection, options: ClinicOpenOptions = {}): Promise<ClinicStore> {
  if (options.auditKey && !options.auditHeadFile) throw new Error('openClinicStore: an audit key needs this workstation’s audit head file');
  const label = clinicLabel(connection);
  // A server that does not answer is said so within seconds (connectionTimeoutMillis), not after the system's TCP timeout.
  const pool = connection.kind === 'server' ? new pg.Pool({ connectionTimeoutMillis: 5000, keepAlive: true, ...connection.pool, types: storeTypes }) : null;
  // A server that drops an idle connection must not bring the app down: the next query reconnects.
  pool?.on('error', (e) => console.error('[layermap] an idle connection to the clinic server failed', e.message));
  const query: Db = pool ? poolHandle(pool) : pgliteHandle((connection as Extract<ClinicConnection, { kind: 'pglite' }>).pglite);
  let schemaVersion: number;
  try {
    schemaVersion = await migratePostgres(query, label);
  } catch (e) {
    if (pool) await query.destroy();
    if (e instanceof PostgresSchemaRefused) throw new StoreOpenError(e.refusal.kind, e.message);
    throw new StoreOpenError('unreadable', `Layermap could not open the clinic's database at ${label}: ${e instanceof Error ? e.message : String(e)}. It has not been changed.`);
  }
  const audit = options.auditKey && options.auditHeadFile ? new AuditTrail(options.auditKey, options.auditHeadFile) : null;
  // Every workstation of the clinic hears this one's changes (live updates); none is told by a SQLite store.
  const workstation = randomUUID();
  if (audit) audit.announce = announcer(workstation);
  // A workstation joining the clinic's trail has no head of its own yet: its head starts at the
  // tail it first sees (it cannot vouch for rows before it joined; each other workstation's head
  // still guards them). Without this every new workstation's start check said "head file missing".
  if (audit && readHead(audit.headFile, audit.key).kind === 'missing') {
    audit.noteAppended();
    await followTail(query, audit).catch((e: unknown) => console.error('[layermap] the first audit chain head could not be written', e));
  }
  let headWork: Promise<void> = Promise.resolve();
  let closed = false;
  const recordAuditHead = (): Promise<void> => {
    if (!audit?.behind || closed) return headWork;
    headWork = headWork.then(() => followTail(query, audit)).catch((e: unknown) => {
      // The rows are committed and chained; a head left behind is accepted by verify.
      console.error('[layermap] the audit chain head could not be written', e);
    });
    return headWork;
  };
  return {
    engine: 'postgres',
    workstation,
    query,
    path: label,
    schemaVersion,
    audit,
    recordAuditHead,
    close: async () => {
      if (closed) return;
      await recordAuditHead();
      closed = true;
      // A record the head timer chained on meanwhile (auditHeadWriter.ts), before the pool goes.
      await headWork;
      if (pool) await query.destroy();
    },
  };
}

/**
 * The head follows the committed tail (AuditTrail.recordHead): the tail, and the row the head
 * names now, are read first (asynchronously, outside any transaction), then handed over.
 */
async function followTail(query: Db, audit: AuditTrail): Promise<void> {
  const head = readHead(audit.headFile, audit.key);
  const tail = await query.selectFrom('audit_events').select(['seq', 'chain']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const atHead = head.kind === 'ok' ? (await query.selectFrom('audit_events').select('chain').where('seq', '=', head.seq).executeTakeFirst())?.chain : undefined;
  audit.recordHead({
    tail: () => tail,
    chainAt: (seq) => (head.kind === 'ok' && seq === head.seq ? atHead : undefined),
  });
}
