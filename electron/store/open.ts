import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from './engine/schema';
import { AppFailure } from '../../shared/result';
import { queryHandle } from './engine/sqliteDialect';
import { flushAuditHead } from './auditHeadFlush';
import { AuditTrail, headFileBeside, sealUnchainedRows, type AuditKey } from './auditChain';
import { applyDatabaseKey, type DatabaseKey } from './databaseKey';
import { inspectPath, refusalMessage, type RefusedState } from './fileState';
import { startIntegrityCheck, uncleanExitSigns, type IntegrityReport } from './integrity';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import { removeLeftovers, writeVerifiedCopy } from './verifiedCopy';

export type { IntegrityReport } from './integrity';

// Why a database file could not be opened; each kind gets a message a clinic can act on.
import { StoreOpenError } from './openError';
export { StoreOpenError, type StoreOpenFailure } from './openError';

/**
 * What every store has on either engine (engine/clinicStore.ts opens the PostgreSQL one):
 * the engine-neutral query handle every operation uses, the schema version and the audit chain.
 */
export interface StoreCommon {
  /** 'sqlite': this computer only (one file); 'postgres': the clinic's server, shared by its workstations. */
  readonly engine: 'sqlite' | 'postgres';
  /** The engine-neutral handle every store operation queries through. */
  readonly query: Db;
  readonly schemaVersion: number;
  /** The audit chain's key and head file; null when opened without the key (nothing can be written then). */
  readonly audit: AuditTrail | null;
  /** What the store is, for messages: the file's path, or the server and database. */
  readonly path: string;
}

/** The store on either engine; what only one engine has is reached after checking `engine`. */
export type Store = SqliteStore | ClinicStore;

/**
 * Clinic mode: the store on the clinic's PostgreSQL server, shared by its workstations, behind
 * the same interface as the single-computer SQLite store (opened by engine/clinicStore.ts).
 * What is SQLite's own (the file, pragmas, integrity checks, encryption at rest, backups by
 * file copy) has no place here: the server keeps its own backups and disk encryption.
 */
export interface ClinicStore extends StoreCommon {
  readonly engine: 'postgres';
  /** This workstation's id in its change announcements (engine/changeAnnouncer.ts): its own are not news to it. */
  readonly workstation: string;
  /**
   * Brings this workstation's audit head file up to the trail's tail, after a write that
   * appended rows (auditHeadWriter.ts calls it). Calls run one after another.
   */
  recordAuditHead(): Promise<void>;
  /** Records the head one last time and ends the pool's connections (a PGlite instance stays open: its owner closes it). */
  close(): Promise<void>;
}

/** The single-computer store: one SQLite file (encrypted), with what is SQLite's own. */
export interface SqliteStore extends StoreCommon {
  readonly engine: 'sqlite';
  /**
   * The raw connection, for what is SQLite's own: opening, file states, integrity,
   * migrations, pragmas, and tests that inspect the file. Operations use `query`.
   */
  readonly db: Database.Database;
  /**
   * Set when the last run did not close the file cleanly: the full-file check running in
   * the background, and what it found. Null after a clean exit (no check, whatever the size).
   */
  readonly integrity?: Promise<IntegrityReport> | null;
  /** The key the file is encrypted with (databaseKey.ts), for copies that must open with it; null for a plaintext file. */
  readonly databaseKey: DatabaseKey | null;
  close(): void;
}

export interface OpenOptions {
  /** Where the Electron build of better-sqlite3 lives, when not the Node build. */
  readonly nativeBinding?: string;
  /** The audit chain's key (auditKey.ts); every store that writes is opened with it. */
  readonly auditKey?: AuditKey;
  /** The database's encryption key (databaseKey.ts); without it the file is plain SQLite. */
  readonly databaseKey?: DatabaseKey;
}

/**
 * Opens (or creates) the clinic's database. A file that is not a healthy Layermap database
 * of this or an older version is refused and left exactly as it was: nothing is written to
 * it before it passes the checks. The checks read the path's state and the file's first
 * pages only, so opening takes the same time whatever the file's size.
 */
export function openStore(file: string, options: OpenOptions = {}): SqliteStore {
  const target = path.resolve(file);
  const state = inspectPath(target);
  if (state.kind !== 'missing' && state.kind !== 'present') throw refuse(target, state);
  const created = state.kind === 'missing';
  const unclean = !created && uncleanExitSigns(target);
  if (created) createPrivateFile(target);
  else checkExisting(target, options);

  let db: Database.Database;
  try {
    db = new Database(target, nativeOption(options));
    if (options.databaseKey) applyDatabaseKey(db, options.databaseKey);
  } catch (e) {
    if (created) removeCreated(target);
    throw sqliteRefusal(target, e, 'unreadable');
  }
  let audit: AuditTrail | null = null;
  try {
    applyPragmas(db);
    migrate(db, target, options.databaseKey ?? null);
    if (options.auditKey) {
      audit = new AuditTrail(options.auditKey, headFileBeside(target));
      sealUnchainedRows(db, audit);
    }
  } catch (e) {
    db.close();
    // The app creates its file and its schema in one step: a half-made new file is removed,
    // or the next start would find an empty file and (rightly) refuse it.
    if (created) removeCreated(target);
    if (e instanceof StoreOpenError) throw e;
    const refusal = sqliteRefusal(target, e, 'unreadable');
    // A failed upgrade rolls back whole; say it was the preparing that failed, not the reading.
    if (refusal.kind !== 'unreadable') throw refusal;
    throw new StoreOpenError('unreadable', `Layermap could not prepare its database at ${target}: ${errorText(e)}.`);
  }
  const check = unclean ? startIntegrityCheck(target, options.nativeBinding, options.databaseKey) : null;
  return {
    engine: 'sqlite',
    db,
    query: queryHandle(db),
    path: target,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    integrity: check?.report ?? null,
    audit,
    databaseKey: options.databaseKey ?? null,
    close: () => {
      // The chain head follows the tail before the file closes, whoever closes it.
      flushAuditHead({ db, audit });
      // Not awaited: the check's thread ends only when SQLite's current step does, which on a large
      // file can take seconds, and quitting should not. If its read-only connection outlives this
      // one, the -wal stays, the check was not finished (.needs-check stays), and the next start
      // checks again: a repeat check, never a missed one.
      if (check) void check.stop();
      db.close();
    },
  };
}

/**
 * The read-only checks openStore makes, for a plaintext file about to be encrypted in place
 * (encryptInPlace.ts): a newer, damaged or foreign file is refused as it is, never converted.
 */
export function checkPlaintextBeforeEncrypting(file: string, options: Pick<OpenOptions, 'nativeBinding'> = {}): void {
  const target = path.resolve(file);
  const state = inspectPath(target);
  if (state.kind !== 'present') throw refuse(target, state.kind === 'missing' ? { kind: 'unreadable', detail: 'the file is gone' } : state);
  checkExisting(target, { nativeBinding: options.nativeBinding });
}

function refuse(target: string, state: RefusedState): StoreOpenError {
  return new StoreOpenError(state.kind, refusalMessage(target, state, LATEST_SCHEMA_VERSION));
}

/**
 * Names what an SQLite error means for the clinic: a full disk is said as such (SQLite reports
 * it as "disk I/O error" when it cannot size its -shm), damage only when SQLite says damage.
 */
function sqliteRefusal(target: string, e: unknown, otherwise: 'corrupt' | 'unreadable'): StoreOpenError {
  const code = String((e as { code?: unknown } | null)?.code ?? '');
  const detail = errorText(e);
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_SHMSIZE' || code === 'ENOSPC' || /disk is full/i.test(detail)) {
    return refuse(target, { kind: 'disk-full', freeBytes: null });
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return refuse(target, { kind: 'corrupt', detail });
  if (code.startsWith('SQLITE_READONLY')) return refuse(target, { kind: 'read-only-file' });
  if (code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') return refuse(target, { kind: 'no-permission' });
  return refuse(target, { kind: otherwise, detail });
}

function nativeOption(options: OpenOptions): Database.Options {
  return options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
}

/** Read-only checks first, so a newer or damaged file is never touched. */
function checkExisting(target: string, options: OpenOptions): void {
  const existedBefore = new Set(PROBE_SIDECARS.filter((suffix) => fs.existsSync(target + suffix)));
  // With no -wal (or rollback journal) beside it the file alone is the whole database, so its
  // header answers "newer?" and "SQLite at all?" without SQLite creating anything next to it.
  // An encrypted file's header is ciphertext too: only the keyed probe below can read it.
  // A plaintext file keeps SQLite's magic string (even with a -wal), an encrypted one never does:
  // so a key given for a plaintext file, or none for an encrypted one, is said as such.
  const plaintext = readHeader(target).toString('latin1', 0, 16) === SQLITE_MAGIC;
  if (options.databaseKey && plaintext) throw refuse(target, { kind: 'plaintext' });
  if (!options.databaseKey && !plaintext && looksEncrypted(target)) throw refuse(target, { kind: 'key-missing' });
  if (!options.databaseKey && !existedBefore.has('-wal') && !fs.existsSync(`${target}-journal`)) checkHeader(target);
  let probe: Database.Database;
  try {
    probe = new Database(target, { ...nativeOption(options), readonly: true, fileMustExist: true });
    if (options.databaseKey) applyDatabaseKey(probe, options.databaseKey);
  } catch (e) {
    throw sqliteRefusal(target, e, 'unreadable');
  }
  let refused = false;
  try {
    let version: number;
    try {
      version = probe.pragma('user_version', { simple: true }) as number;
    } catch (e) {
      // SQLCipher checks page 1's authentication code first: a key that does not fit says "not a database".
      if (options.databaseKey && (e as { code?: unknown }).code === 'SQLITE_NOTADB') throw refuse(target, { kind: 'wrong-key' });
      throw sqliteRefusal(target, e, 'corrupt');
    }
    if (version > LATEST_SCHEMA_VERSION) throw refuse(target, { kind: 'newer', version });
    let tables: string[];
    try {
      tables = (probe.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name);
      // Each table's first row: reads a few pages whatever the size, and catches a file whose
      // pages were overwritten. The full check runs in the background, after an unclean exit.
      for (const t of tables) probe.prepare(`SELECT * FROM "${t.replace(/"/g, '""')}" LIMIT 1`).get();
    } catch (e) {
      throw sqliteRefusal(target, e, 'corrupt');
    }
    // Migration 1 sets the version in the transaction that creates the tables, so tables
    // without a version belong to some other program's database: never add ours to it.
    if (version === 0 && tables.length > 0) {
      throw refuse(target, { kind: 'corrupt', detail: 'it holds tables but no Layermap schema version' });
    }
  } catch (e) {
    refused = true;
    throw e;
  } finally {
    probe.close();
    if (refused) removeProbeSidecars(target, existedBefore);
  }
}

/** What a read-only open of a WAL database creates beside it (SQLite cannot remove them itself). */
const PROBE_SIDECARS = ['-wal', '-shm'] as const;

/**
 * Leaves a refused file's folder as it was found: removes the empty -wal and the -shm the
 * probe created, unless something else has since written to the -wal (another program has
 * the database open and is using them).
 */
function removeProbeSidecars(target: string, existedBefore: ReadonlySet<string>): void {
  if (existedBefore.has('-wal')) return;
  const wal = `${target}-wal`;
  if (fs.existsSync(wal) && fs.statSync(wal).size > 0) return;
  for (const suffix of PROBE_SIDECARS) {
    if (!existedBefore.has(suffix)) fs.rmSync(target + suffix, { force: true });
  }
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** The file's first 100 bytes (fewer for a shorter file). */
function readHeader(target: string): Buffer {
  const header = Buffer.alloc(100);
  try {
    const fd = fs.openSync(target, 'r');
    try {
      return header.subarray(0, fs.readSync(fd, header, 0, header.length, 0));
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    throw refuse(target, { kind: 'unreadable', detail: errorText(e) });
  }
}

/**
 * An SQLCipher file: whole 4096-byte pages (its page size) with no SQLite header. Anything
 * else without the header (a text file, a copy cut mid-page) is damage, not a missing key.
 */
function looksEncrypted(target: string): boolean {
  const size = fs.statSync(target).size;
  return size >= 4096 && size % 4096 === 0;
}

/** The 100-byte SQLite header: the format's magic string, and user_version at offset 60. */
function checkHeader(target: string): void {
  const header = readHeader(target);
  if (header.length < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    throw refuse(target, { kind: 'corrupt', detail: 'the file does not start with an SQLite header' });
  }
  const version = header.readInt32BE(60);
  if (version > LATEST_SCHEMA_VERSION) throw refuse(target, { kind: 'newer', version });
}

/** Patient data: the folder and file are readable by this user only. */
function createPrivateFile(target: string): void {
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    // 'wx': never truncate or adopt a file that appeared since the path was inspected.
    fs.closeSync(fs.openSync(target, 'wx', 0o600));
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOSPC') throw refuse(target, { kind: 'disk-full', freeBytes: null });
    if (code === 'EROFS') throw refuse(target, { kind: 'read-only-volume' });
    if (code === 'EACCES' || code === 'EPERM') throw refuse(target, { kind: 'read-only-folder', folder: path.dirname(target) });
    throw refuse(target, { kind: 'unreadable', detail: errorText(e) });
  }
}

/** Removes a database this open created and could not finish (it holds nothing yet). */
function removeCreated(target: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(target + suffix, { force: true });
}

function applyPragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // Set on every open: a WAL database falls back to NORMAL otherwise.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (db.pragma('synchronous', { simple: true }) !== 2) throw new Error('synchronous=FULL was not accepted');
  if (db.pragma('foreign_keys', { simple: true }) !== 1) throw new Error('foreign_keys=ON was not accepted');
}

/** The upgrade backups beside a database: `<db>.before-v<version>-<ms>.sqlite` (migrate below). */
export const upgradeBackupName = (target: string, version: number, at: number): string => `${target}.before-v${version}-${at}.sqlite`;
export const UPGRADE_BACKUP_PATTERN = /\.before-v\d+-\d+\.sqlite$/;

function migrate(db: Database.Database, target: string, key: DatabaseKey | null): void {
  // A copy an earlier start was killed while writing is no backup: it goes, whatever follows.
  removeLeftovers(path.dirname(target), `${path.basename(target)}.before-v`);
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = MIGRATIONS.filter((m) => m.version > current);
  if (pending.length === 0) return;
  // Refusals first: a database that cannot be upgraded is left exactly as it was, copy and all.
  for (const m of pending) {
    const refusal = current > 0 ? (m.refuse?.(db) ?? null) : null;
    if (refusal !== null) throw new StoreOpenError('unreadable', refusal);
  }
  if (current > 0) {
    // A copy of the old schema before changing it, so a failed upgrade loses nothing. It is
    // written under a temp name, owner-only, checked, then renamed (verifiedCopy.ts).
    writeVerifiedCopy(db, upgradeBackupName(target, LATEST_SCHEMA_VERSION, Date.now()), key);
  }
  for (const m of pending) {
    db.transaction(() => {
      m.up(db);
      // Checked before the commit: a migration that breaks references rolls back whole.
      const violations = db.pragma('foreign_key_check') as unknown[];
      if (violations.length > 0) throw new Error(`migration ${m.version} (${m.name}) would leave ${violations.length} broken references`);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

/**
 * The SQLite store, for what only a database file on this computer has (backups by file copy,
 * pragmas, encryption at rest). On the clinic's server the answer is a plain refusal: the
 * server keeps its own backups and disk encryption.
 */
export function singleComputer(store: Store, what: string): SqliteStore {
  if (store.engine === 'sqlite') return store;
  throw new AppFailure('invalid_input', `${what} is for a database on this computer. This Layermap works on the clinic's server (${store.path}), which keeps its own backups: ask the clinic's IT support.`);
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
