import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { applyDatabaseKey, type DatabaseKey } from './databaseKey';

/**
 * A copy of the database that is either whole and checked under its final name, or not there
 * at all. `VACUUM INTO` writes a temporary file (created owner-only before SQLite writes a
 * byte of patient data into it), the copy is opened with the store's key and checked, synced,
 * and only then renamed. A copy killed halfway leaves a temp file (PARTIAL_SUFFIX) that
 * `removeLeftovers` clears at the next start: never a file with a real backup's name.
 */
export const PARTIAL_SUFFIX = '.partial';

/** What the check of a copy read from it: what a manifest and the Restore list show. */
export interface CopyFacts {
  readonly schemaVersion: number;
  readonly caseCount: number;
  /** The newest change the audit recorded (its time), null when nothing was ever recorded. */
  readonly lastChange: string | null;
  /** The audit chain's newest row: its number and chain value. */
  readonly auditHead: { readonly seq: number; readonly chain: string | null } | null;
}

export class CopyCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyCheckError';
  }
}

/** The temp name a copy is written under, beside its final name (same folder: rename is atomic). */
export const partialNameFor = (final: string): string =>
  path.join(path.dirname(final), `.${path.basename(final)}.${randomBytes(4).toString('hex')}${PARTIAL_SUFFIX}`);

/** Points in a copy's life that progress reports (and the kill -9 tests stop at). */
export type CopyStep = 'temp-created' | 'copied' | 'checked';

/**
 * Copies the open database to `final` through a checked temp file. Throws, leaving nothing
 * behind, when the copy fails or does not check out.
 */
export function writeVerifiedCopy(db: Database.Database, final: string, key: DatabaseKey | null, onStep?: (step: CopyStep) => void): CopyFacts {
  if (fs.existsSync(final)) throw new CopyCheckError(`${final} already exists; Layermap never writes over a copy.`);
  const temp = partialNameFor(final);
  try {
    // SQLite accepts an empty file as VACUUM INTO's target, so the mode is set before any data.
    fs.closeSync(fs.openSync(temp, 'wx', 0o600));
    fs.chmodSync(temp, 0o600);
    onStep?.('temp-created');
    db.prepare('VACUUM INTO ?').run(temp);
    onStep?.('copied');
    const facts = checkCopy(temp, key);
    syncFile(temp);
    onStep?.('checked');
    fs.renameSync(temp, final);
    syncFolder(path.dirname(final));
    return facts;
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}

/**
 * Opens a copy read-only with the key and checks it: SQLite's full integrity_check, the schema
 * version, and the facts a clinic chooses a backup by. Nothing is written beside it.
 */
export function checkCopy(file: string, key: DatabaseKey | null): CopyFacts {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new CopyCheckError(`The copy ${file} could not be opened: ${errorText(e)}.`);
  }
  try {
    if (key) applyDatabaseKey(db, key);
    const problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (problems.length !== 1 || problems[0] !== 'ok') throw new CopyCheckError(`The copy ${file} is damaged: ${problems.slice(0, 3).join('; ')}.`);
    return readFacts(db);
  } catch (e) {
    if (e instanceof CopyCheckError) throw e;
    throw new CopyCheckError(`The copy ${file} could not be checked: ${errorText(e)}.`);
  } finally {
    db.close();
  }
}

/** The facts of an open database (a copy, or a backup being previewed). */
export function readFacts(db: Database.Database): CopyFacts {
  const schemaVersion = db.pragma('user_version', { simple: true }) as number;
  if (schemaVersion === 0) throw new CopyCheckError('it holds no Layermap database');
  const has = (table: string) => db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?`).get(table) !== undefined;
  const caseCount = has('cases') ? (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n : 0;
  let tail: { seq: number; at: string; chain: string | null } | undefined;
  if (has('audit_events')) {
    const chained = (db.prepare(`SELECT 1 FROM pragma_table_info('audit_events') WHERE name = 'chain'`).get() as unknown) !== undefined;
    tail = db.prepare(`SELECT seq, at, ${chained ? 'chain' : 'NULL AS chain'} FROM audit_events ORDER BY seq DESC LIMIT 1`).get() as typeof tail;
  }
  return {
    schemaVersion,
    caseCount,
    lastChange: tail?.at ?? null,
    auditHead: tail ? { seq: tail.seq, chain: tail.chain } : null,
  };
}

/** SHA-256 of a file, read in pieces (a backup may be gigabytes). */
export function sha256OfFile(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  const chunk = Buffer.allocUnsafe(4 * 1024 * 1024);
  try {
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      hash.update(n === chunk.length ? chunk : chunk.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/** Temp copies an interrupted run left in `folder` (optionally only those of one final name's prefix). */
export function removeLeftovers(folder: string, prefix = ''): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(`.${prefix}`) || !name.endsWith(PARTIAL_SUFFIX)) continue;
    const file = path.join(folder, name);
    fs.rmSync(file, { force: true });
    for (const side of ['-journal', '-wal', '-shm']) fs.rmSync(file + side, { force: true });
    removed.push(file);
  }
  return removed;
}

export function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename durable; some file systems (network shares, Windows) cannot sync a folder. */
export function syncFolder(folder: string): void {
  try {
    const fd = fs.openSync(folder, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Nothing to do: the rename itself has happened.
  }
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
