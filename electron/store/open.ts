import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';

/** Why a database file could not be opened; each kind gets a message a clinic can act on. */
export type StoreOpenFailure = 'newer' | 'corrupt' | 'unreadable';

export class StoreOpenError extends Error {
  constructor(
    readonly kind: StoreOpenFailure,
    message: string,
  ) {
    super(message);
    this.name = 'StoreOpenError';
  }
}

export interface Store {
  readonly db: Database.Database;
  readonly path: string;
  readonly schemaVersion: number;
  close(): void;
}

export interface OpenOptions {
  /** Where the Electron build of better-sqlite3 lives, when not the Node build. */
  readonly nativeBinding?: string;
}

/**
 * Opens (or creates) the clinic's database. A file that is not a healthy Layermap database
 * of this or an older version is refused and left exactly as it was: nothing is written to
 * it before it passes the checks.
 */
export function openStore(file: string, options: OpenOptions = {}): Store {
  const target = path.resolve(file);
  const exists = fs.existsSync(target) && fs.statSync(target).size > 0;
  if (exists) checkExisting(target, options);
  else createPrivateFile(target);

  let db: Database.Database;
  try {
    db = new Database(target, nativeOption(options));
  } catch (e) {
    throw new StoreOpenError('unreadable', `Layermap could not open its database at ${target}: ${errorText(e)}.`);
  }
  try {
    applyPragmas(db);
    migrate(db, target);
  } catch (e) {
    db.close();
    if (e instanceof StoreOpenError) throw e;
    throw new StoreOpenError('unreadable', `Layermap could not prepare its database at ${target}: ${errorText(e)}.`);
  }
  return {
    db,
    path: target,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    close: () => db.close(),
  };
}

function nativeOption(options: OpenOptions): Database.Options {
  return options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
}

/** Read-only checks first, so a newer or damaged file is never touched. */
function checkExisting(target: string, options: OpenOptions): void {
  const existedBefore = new Set(PROBE_SIDECARS.filter((suffix) => fs.existsSync(target + suffix)));
  // With no -wal (or rollback journal) beside it the file alone is the whole database, so its
  // header answers "newer?" and "SQLite at all?" without SQLite creating anything next to it.
  if (!existedBefore.has('-wal') && !fs.existsSync(`${target}-journal`)) checkHeader(target);
  let probe: Database.Database;
  try {
    probe = new Database(target, { ...nativeOption(options), readonly: true, fileMustExist: true });
  } catch (e) {
    throw new StoreOpenError('unreadable', `Layermap could not read its database at ${target}: ${errorText(e)}. Check the file's permissions.`);
  }
  let refused = false;
  try {
    let version: number;
    try {
      version = probe.pragma('user_version', { simple: true }) as number;
    } catch (e) {
      throw corrupt(target, errorText(e));
    }
    if (version > LATEST_SCHEMA_VERSION) throw newer(target, version);
    let check: unknown;
    try {
      check = probe.pragma('quick_check', { simple: true });
    } catch (e) {
      throw corrupt(target, errorText(e));
    }
    if (check !== 'ok') throw corrupt(target, String(check));
    // Migration 1 sets the version in the transaction that creates the tables, so tables
    // without a version belong to some other program's database: never add ours to it.
    if (version === 0 && (probe.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n > 0) {
      throw corrupt(target, 'it holds tables but no Layermap schema version');
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

/** The 100-byte SQLite header: the format's magic string, and user_version at offset 60. */
function checkHeader(target: string): void {
  const header = Buffer.alloc(100);
  let read: number;
  try {
    const fd = fs.openSync(target, 'r');
    try {
      read = fs.readSync(fd, header, 0, header.length, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    throw new StoreOpenError('unreadable', `Layermap could not read its database at ${target}: ${errorText(e)}. Check the file's permissions.`);
  }
  if (read < header.length || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    throw corrupt(target, 'the file does not start with an SQLite header');
  }
  const version = header.readInt32BE(60);
  if (version > LATEST_SCHEMA_VERSION) throw newer(target, version);
}

function newer(target: string, version: number): StoreOpenError {
  return new StoreOpenError(
    'newer',
    `The database at ${target} was written by a newer version of Layermap (schema ${version}; this version knows up to ${LATEST_SCHEMA_VERSION}). ` +
      'It has not been changed. Install the newer Layermap to open it.',
  );
}

function corrupt(target: string, detail: string): StoreOpenError {
  return new StoreOpenError(
    'corrupt',
    `The database at ${target} is damaged or is not a Layermap database (${detail}). ` +
      'It has not been changed. Restore it from a backup, or ask your IT support to examine the file.',
  );
}

/** Patient data: the folder and file are readable by this user only. */
function createPrivateFile(target: string): void {
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  fs.closeSync(fs.openSync(target, 'a', 0o600));
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

function migrate(db: Database.Database, target: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = MIGRATIONS.filter((m) => m.version > current);
  if (pending.length === 0) return;
  if (current > 0) {
    // A copy of the old schema before changing it, so a failed upgrade loses nothing.
    const backup = `${target}.before-v${LATEST_SCHEMA_VERSION}-${Date.now()}.sqlite`;
    db.prepare('VACUUM INTO ?').run(backup);
    fs.chmodSync(backup, 0o600);
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

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
