import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { applyDatabaseKey, rawKeyLiteral, type DatabaseKey } from './databaseKey';
import { UPGRADE_BACKUP_PATTERN } from './open';
import { syncFolder } from './verifiedCopy';

/**
 * Converts a plaintext database to an encrypted one in place, so that at every moment one
 * complete, verified copy of the clinic's records is on disk under a name the next start
 * recognises:
 *
 *   1. the plaintext file is checkpointed and copied (VACUUM INTO) to `<db>.encrypting`,
 *      which is then encrypted (SQLCipher's rekey of a plaintext file) and fsynced;
 *   2. the copy is verified: integrity_check, the schema version, every table's row count
 *      and the newest audit row (the chain's head) against the original;
 *   3. the original is renamed to `<db>.plaintext-original`, the copy to `<db>` (each rename
 *      fsynced with its folder), and only then is the plaintext original removed.
 *
 * A kill at any moment leaves one of these, resolved by resolveConversionLeftovers at the next
 * start: an unverified `.encrypting` beside the original (removed: the original is untouched);
 * the original aside and the verified copy not yet renamed (verified again, then renamed; or
 * the original put back); the swap done and the original not yet removed (removed once the
 * new file opens with the key).
 *
 * Upgrade backups (open.ts) taken while the file was plaintext would keep the patients' names
 * in clear beside the encrypted file: once the database itself is encrypted and verified, each
 * is encrypted the same way, at every start until none is left (a kill part-way is resolved
 * as above, per backup).
 */
export const encryptingCopyOf = (databasePath: string): string => `${databasePath}.encrypting`;
export const plaintextAsideOf = (databasePath: string): string => `${databasePath}.plaintext-original`;

/** The named moments of a conversion; tests pause (and kill) the process at each. */
export type ConversionStep = 'copied' | 'encrypted' | 'verified' | 'original-aside' | 'swapped';

export interface ConversionOptions {
  readonly nativeBinding?: string;
  /** Called after each step; tests use it to stop the process there. */
  readonly onStep?: (step: ConversionStep) => void;
  /** Read-only checks that the plaintext file is one to convert (open.ts checkPlaintextBeforeEncrypting); throws to refuse. */
  readonly check?: (file: string) => void;
}

export type ConversionOutcome = 'no-file' | 'already-encrypted' | 'converted';

const SQLITE_MAGIC = 'SQLite format 3\u0000';
const SIDECARS = ['-wal', '-shm', '-journal'] as const;

/** Finishes or undoes an interrupted conversion, then encrypts the file if it is still plaintext. */
export function encryptInPlace(file: string, key: DatabaseKey, options: ConversionOptions = {}): ConversionOutcome {
  const target = path.resolve(file);
  resolveConversionLeftovers(target, key, options);
  if (!fs.existsSync(target)) return 'no-file';
  const outcome = isPlaintext(target) ? 'converted' : 'already-encrypted';
  if (outcome === 'converted') {
    options.check?.(target);
    convert(target, key, options);
  }
  encryptUpgradeBackups(target, key, options);
  return outcome;
}

/** The plaintext upgrade backups beside an encrypted database, encrypted in place (or left over from a killed try). */
export function encryptUpgradeBackups(target: string, key: DatabaseKey, options: ConversionOptions = {}): string[] {
  const folder = path.dirname(target);
  const prefix = `${path.basename(target)}.before-v`;
  const backups = new Set<string>();
  for (const name of fs.readdirSync(folder)) {
    if (!name.startsWith(prefix)) continue;
    const base = name.replace(/\.(encrypting|plaintext-original)$/, '');
    if (UPGRADE_BACKUP_PATTERN.test(base)) backups.add(path.join(folder, base));
  }
  const encrypted: string[] = [];
  for (const backup of [...backups].sort()) {
    // No `check`: an upgrade backup is an older schema by design, and it is not opened as the store.
    const own = { ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}), ...(options.onStep ? { onStep: options.onStep } : {}) };
    try {
      resolveConversionLeftovers(backup, key, own);
      if (!fs.existsSync(backup) || !isPlaintext(backup)) continue;
      convert(backup, key, own);
      encrypted.push(backup);
    } catch (e) {
      // The live database is encrypted and opens: a backup that cannot be converted now (a full
      // disk, a damaged copy) must not stop the app. It stays as it is and is tried at the next start.
      console.error(`[layermap] the upgrade backup ${backup} could not be encrypted yet`, e);
    }
  }
  return encrypted;
}

export function isPlaintext(file: string): boolean {
  const header = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try {
    return fs.readSync(fd, header, 0, 16, 0) === 16 && header.toString('latin1') === SQLITE_MAGIC;
  } finally {
    fs.closeSync(fd);
  }
}

function convert(target: string, key: DatabaseKey, options: ConversionOptions): void {
  const copy = encryptingCopyOf(target);
  const native = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const original = new Database(target, { ...native, fileMustExist: true });
  let expected: Fingerprint;
  try {
    // Everything in the -wal goes into the file first, so the file alone is the whole database.
    original.pragma('wal_checkpoint(TRUNCATE)');
    expected = fingerprint(original);
    // VACUUM INTO wants a new or empty file: made here owner-only, as the database is.
    fs.closeSync(fs.openSync(copy, 'wx', 0o600));
    original.prepare('VACUUM INTO ?').run(copy);
  } catch (e) {
    original.close();
    removeWithSidecars(copy);
    throw e;
  }
  original.close();
  // A clean close removes the -wal; one still there belongs to another program using the file.
  if (fs.existsSync(`${target}-wal`) && fs.statSync(`${target}-wal`).size > 0) {
    removeWithSidecars(copy);
    throw new Error(`another program has the database ${target} open, so Layermap did not encrypt it; close that program and start Layermap again`);
  }
  try {
    fsyncFile(copy);
    options.onStep?.('copied');
    const encrypting = new Database(copy, { ...native, fileMustExist: true });
    try {
      encrypting.pragma(`cipher='sqlcipher'`);
      encrypting.pragma('legacy=4');
      encrypting.pragma(`rekey="${rawKeyLiteral(key)}"`);
    } finally {
      encrypting.close();
    }
    fsyncFile(copy);
    options.onStep?.('encrypted');
    verifyCopy(copy, key, expected, options);
  } catch (e) {
    removeWithSidecars(copy);
    throw e;
  }
  options.onStep?.('verified');
  swapIn(target, key, options);
}

/** Step 3, also the way an interrupted swap is finished: original aside, copy in, original gone. */
function swapIn(target: string, key: DatabaseKey, options: ConversionOptions): void {
  const aside = plaintextAsideOf(target);
  for (const suffix of ['-shm', '-wal'] as const) fs.rmSync(target + suffix, { force: true }); // empty after the clean close
  fs.renameSync(target, aside);
  fsyncFolder(target);
  options.onStep?.('original-aside');
  fs.renameSync(encryptingCopyOf(target), target);
  fsyncFolder(target);
  options.onStep?.('swapped');
  finishSwap(target, key, options);
}

/** The swap is done: the plaintext original goes once the encrypted file opens with the key. */
function finishSwap(target: string, key: DatabaseKey, options: ConversionOptions): void {
  readWithKey(target, key, options, (db) => db.pragma('user_version', { simple: true }));
  removeWithSidecars(plaintextAsideOf(target));
  fsyncFolder(target);
}

/** What a conversion killed part-way left behind, finished or undone so that nothing is lost. */
export function resolveConversionLeftovers(file: string, key: DatabaseKey, options: ConversionOptions = {}): void {
  const target = path.resolve(file);
  const copy = encryptingCopyOf(target);
  const aside = plaintextAsideOf(target);
  if (fs.existsSync(aside)) {
    if (fs.existsSync(target)) return finishSwap(target, key, options);
    // The original was set aside only after the copy verified; check it again before using it.
    let sound = false;
    if (fs.existsSync(copy)) {
      try {
        verifyCopy(copy, key, readFingerprint(aside, options), options);
        sound = true;
      } catch {
        sound = false;
      }
    }
    if (sound) {
      fs.renameSync(copy, target);
      fsyncFolder(target);
      return finishSwap(target, key, options);
    }
    fs.renameSync(aside, target);
    fsyncFolder(target);
  }
  // An unverified copy: the original beside it was never touched.
  if (fs.existsSync(copy)) {
    removeWithSidecars(copy);
    fsyncFolder(target);
  }
}

/** What must be the same in the copy: the schema version, each table's rows, the audit chain's head. */
interface Fingerprint {
  readonly version: number;
  readonly counts: Readonly<Record<string, number>>;
  readonly auditHead: string | null;
}

function fingerprint(db: Database.Database): Fingerprint {
  const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = db.prepare(`SELECT count(*) FROM "${t.replace(/"/g, '""')}"`).pluck().get() as number;
  const auditHead = tables.includes('audit_events') ? JSON.stringify(db.prepare('SELECT * FROM audit_events ORDER BY rowid DESC LIMIT 1').get() ?? null) : null;
  return { version: db.pragma('user_version', { simple: true }) as number, counts, auditHead };
}

function readFingerprint(plainFile: string, options: ConversionOptions): Fingerprint {
  const db = new Database(plainFile, { ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}), readonly: true, fileMustExist: true });
  try {
    return fingerprint(db);
  } finally {
    db.close();
  }
}

function verifyCopy(copy: string, key: DatabaseKey, expected: Fingerprint, options: ConversionOptions): void {
  if (isPlaintext(copy)) throw new Error(`the encrypted copy ${copy} is not encrypted`);
  readWithKey(copy, key, options, (db) => {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`the encrypted copy ${copy} failed its integrity check (${String(check)})`);
    const found = fingerprint(db);
    if (JSON.stringify(found) !== JSON.stringify(expected)) {
      throw new Error(`the encrypted copy ${copy} does not hold the same records as the original`);
    }
  });
}

function readWithKey<T>(file: string, key: DatabaseKey, options: ConversionOptions, read: (db: Database.Database) => T): T {
  const db = new Database(file, { ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}), readonly: true, fileMustExist: true });
  try {
    applyDatabaseKey(db, key);
    return read(db);
  } finally {
    db.close();
  }
}

function removeWithSidecars(file: string): void {
  for (const suffix of ['', ...SIDECARS]) fs.rmSync(file + suffix, { force: true });
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** A rename is durable only once its folder is synced (POSIX): verifiedCopy.ts's one way of doing it. */
const fsyncFolder = (file: string): void => syncFolder(path.dirname(file));
