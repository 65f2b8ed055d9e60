import { PHOTO_TABLE } from './photoImages';
import { copyPhotoPictures } from './photos';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { canonicalJson } from '../../shared/audit';
import { AppFailure } from '../../shared/result';
import { flushAuditHead } from './auditHeadFlush';
import { verifyAudit } from './auditVerify';
import { engineOf } from './engine/perEngine';
import { SCHEMA_TABLE } from './engine/postgresMigrate';
import type { Db, Schema } from './engine/schema';
import type { Store } from './open';

/**
 * Moving a clinic between the two engines (issue 14): a single computer's database copied into
 * an empty PostgreSQL database when the clinic takes on a server, and the server's copied into a
 * new encrypted SQLite file when it leaves one. Engine-neutral: Kysely on both sides, columns as
 * each engine's catalog lists them.
 *
 * - The target must be empty and at the same schema version (both opened, so both migrated).
 * - Rows go table by table, parents first, each in the order it was written (SQLite's rowid,
 *   PostgreSQL's written_order where a table has one), in batches, all in one transaction on the
 *   target: a failure leaves it as empty as it was. The source is only read.
 * - Verified before it is called done: each table's row count and a checksum of its rows (the
 *   same canonical JSON on both sides, in key order), and the audit chain checked whole on the
 *   target with the clinic's audit key (the rows are copied as they were sealed).
 */

/** Parents before children (the foreign keys), the audit last. */
export const COPY_ORDER = ['users', 'patients', 'cases', 'lesions', 'stages', 'blocks', 'margin_findings', 'settings', 'addenda', 'block_histology', 'block_lab_times', 'lesion_photos', 'operative_notes', 'note_templates', 'audit_events'] as const satisfies readonly (keyof Schema)[];
type Table = (typeof COPY_ORDER)[number];

/** Each table's key columns: the order both engines agree on (a pair for block_lab_times). */
const KEY: Record<Table, string | readonly [string, string]> = {
  users: 'id',
  patients: 'id',
  cases: 'id',
  lesions: 'id',
  stages: 'id',
  blocks: 'id',
  margin_findings: 'id',
  settings: 'key',
  addenda: 'id',
  block_histology: 'block_id',
  lesion_photos: 'id',
  operative_notes: 'case_id',
  note_templates: 'user_id',
  block_lab_times: ['block_id', 'status'],
  audit_events: 'seq',
};

/** PostgreSQL's own insertion order for addenda (perEngine.ts): made by the target, never copied. */
const ENGINE_ONLY_COLUMNS = new Set(['written_order']);
const BATCH_ROWS = 200;

export interface CopyProgress {
  readonly table: string;
  readonly rowsDone: number;
  /** Every row of every table. */
  readonly rowsTotal: number;
  readonly copied: number;
}

export interface TableCheck {
  readonly table: string;
  readonly rows: number;
  readonly sha256: string;
}

export interface CopyResult {
  readonly tables: readonly TableCheck[];
  readonly rows: number;
  readonly auditRows: number;
  /** Photo pictures copied (electron/store/photos.ts). */
  readonly pictures: number;
}

export class CopyRefused extends AppFailure {}

/** Copies every record of `source` into the empty `target`, then proves the copy (see above). */
export async function copyDatabase(
  source: Store,
  target: Store,
  onProgress: (p: CopyProgress) => void = () => {},
  /** Runs once the copy is known to be possible, before the first row is read: the caller's audit row goes in the copy. */
  beforeCopy: () => Promise<void> = async () => undefined,
): Promise<CopyResult> {
  if (source.schemaVersion !== target.schemaVersion) {
    throw new CopyRefused('invalid_input', `The two databases are at different versions (${source.schemaVersion} and ${target.schemaVersion}): open both with the same Layermap first.`);
  }
  // A table this copy does not know (added by a later migration without being listed here)
  // would be left behind silently: refused before anything is written.
  const unknown = (await tablesOf(source.query)).filter((t) => !(COPY_ORDER as readonly string[]).includes(t));
  if (unknown.length > 0) {
    throw new CopyRefused('storage', `This Layermap does not know how to copy ${unknown.join(', ')}; nothing was copied. Report this to Layermap's developers.`);
  }
  const held = await tableCounts(target.query);
  const nonEmpty = Object.entries(held).filter(([, n]) => n > 0);
  if (nonEmpty.length > 0) {
    throw new CopyRefused(
      'conflict',
      `The database to copy into is not empty (it holds ${nonEmpty.map(([t, n]) => `${n} ${t.replace(/_/g, ' ')} rows`).join(', ')}). Layermap copies only into an empty database, so that no clinic's records are mixed with another's.`,
    );
  }
  await beforeCopy();
  const counts = await tableCounts(source.query);
  const rowsTotal = Object.values(counts).reduce((a, b) => a + b, 0);
  let copied = 0;
  let pictures = 0;
  await target.query.transaction().execute(async (trx) => {
    for (const table of COPY_ORDER) {
      const columns = await copiedColumns(source.query, trx, table);
      let done = 0;
      for await (const rows of batches(source.query, table, columns)) {
        await trx.insertInto(table).values(rows as never).execute();
        done += rows.length;
        copied += rows.length;
        onProgress({ table, rowsDone: done, rowsTotal, copied });
      }
    }
    // The photos' pictures are apart from the tables (photoImages.ts): copied under the same references.
    pictures = await copyPhotoPictures(source, target, trx);
  });
  const tables: TableCheck[] = [];
  for (const table of COPY_ORDER) {
    const columns = await copiedColumns(source.query, target.query, table);
    const [from, to] = await Promise.all([tableCheck(source.query, table, columns), tableCheck(target.query, table, columns)]);
    if (from.rows !== to.rows || from.sha256 !== to.sha256) {
      throw new AppFailure('storage', `The copy of ${table.replace(/_/g, ' ')} does not match the original (${from.rows} rows there, ${to.rows} here). Do not use the copy; the original is unchanged.`);
    }
    tables.push(to);
  }
  // The target's own chain head (this workstation's, or the new file's) follows the copied tail.
  target.audit?.noteAppended();
  if (target.engine === 'sqlite') flushAuditHead(target);
  else await target.recordAuditHead();
  const verdict = await verifyAudit(target.query, target.audit, { kind: 'all' });
  if (!verdict.intact) {
    throw new AppFailure('storage', `The copied audit trail does not verify with this clinic's audit key: ${verdict.message} Do not use the copy; the original is unchanged.`);
  }
  return { tables, rows: copied, auditRows: counts.audit_events ?? 0, pictures };
}

/** Every table's count and checksum (tableCheck), as the copy proves itself. */
export async function tableChecks(store: Store): Promise<TableCheck[]> {
  const out: TableCheck[] = [];
  for (const table of COPY_ORDER) out.push(await tableCheck(store.query, table, await columnsOf(store.query, table)));
  return out;
}

/**
 * Not rows of COPY_ORDER: PostgreSQL's schema-version table (postgresMigrate.ts), and the photos'
 * pictures on the server (photoImages.ts), copied apart by copyPhotoPictures.
 */
const ENGINE_TABLES = new Set([SCHEMA_TABLE, PHOTO_TABLE]);

/** Every table of Layermap's in the database, whichever engine. */
export async function tablesOf(db: Db): Promise<string[]> {
  const names =
    engineOf(db) === 'postgres'
      ? (await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(db)).rows
      : (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, 7) <> 'sqlite_'`.execute(db)).rows;
  return names.map((n) => n.name).filter((n) => !ENGINE_TABLES.has(n));
}

async function tableCounts(db: Db): Promise<Record<Table, number>> {
  const out = {} as Record<Table, number>;
  for (const table of COPY_ORDER) {
    const r = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[table] = Number(r.n);
  }
  return out;
}

/** The table's columns on both sides (the engine's own insertion order left out); a column only one side has means the schemas differ. */
async function copiedColumns(a: Db, b: Db, table: Table): Promise<string[]> {
  const [ca, cb] = await Promise.all([columnsOf(a, table), columnsOf(b, table)]);
  const only = [...ca.filter((c) => !cb.includes(c)), ...cb.filter((c) => !ca.includes(c))];
  if (only.length > 0) throw new CopyRefused('invalid_input', `The two databases differ in ${table} (${only.join(', ')}): open both with the same Layermap first.`);
  return ca;
}

async function columnsOf(db: Db, table: Table): Promise<string[]> {
  const names =
    engineOf(db) === 'postgres'
      ? (await sql<{ name: string }>`SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table} ORDER BY ordinal_position`.execute(db)).rows
      : (await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(db)).rows;
  return names.map((n) => n.name).filter((n) => !ENGINE_ONLY_COLUMNS.has(n));
}

/** ORDER BY the table's key, one column or two. */
const keyOrder = (table: Table) => {
  const key = KEY[table];
  return typeof key === 'string' ? sql.ref(key) : sql.join(key.map((k) => sql.ref(k)));
};

/** In the order the rows were written, so the target's own insertion order follows the source's. */
const writtenOrder = (db: Db, table: Table) =>
  table === 'audit_events' ? sql.ref('seq') : engineOf(db) === 'postgres' ? (table === 'addenda' ? sql.ref('written_order') : keyOrder(table)) : sql.ref('rowid');

async function* batches(db: Db, table: Table, columns: readonly string[]): AsyncGenerator<Record<string, unknown>[]> {
  for (let offset = 0; ; offset += BATCH_ROWS) {
    const rows = await db
      .selectFrom(table)
      .select(columns.map((c) => sql.ref(c).as(c)) as never)
      .orderBy(writtenOrder(db, table))
      .limit(BATCH_ROWS)
      .offset(offset)
      .execute();
    if (rows.length === 0) return;
    yield rows as Record<string, unknown>[];
    if (rows.length < BATCH_ROWS) return;
  }
}

/** A table's row count and the sha256 of its rows as canonical JSON, in key order: the same on both engines for the same records. */
export async function tableCheck(db: Db, table: Table, columns: readonly string[]): Promise<TableCheck> {
  const hash = createHash('sha256');
  let rows = 0;
  for (let offset = 0; ; offset += BATCH_ROWS) {
    const batch = (await db
      .selectFrom(table)
      .select(columns.map((c) => sql.ref(c).as(c)) as never)
      .orderBy(keyOrder(table))
      .limit(BATCH_ROWS)
      .offset(offset)
      .execute()) as Record<string, unknown>[];
    for (const row of batch) hash.update(canonicalJson(normalised(row))).update('\n');
    rows += batch.length;
    if (batch.length < BATCH_ROWS) break;
  }
  return { table, rows, sha256: hash.digest('hex') };
}

/** Bytes as base64 and integers as numbers, whichever engine read them. */
function normalised(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = v instanceof Uint8Array ? Buffer.from(v).toString('base64') : typeof v === 'bigint' ? Number(v) : v;
  return out;
}
