import fs from 'node:fs';
import path from 'node:path';
import { restorePhotos } from './photoBackup';
import Database from 'better-sqlite3';
import { PREVIEW_MONTHS, type BackupContents } from '../../shared/backup/status';
import type { UserId } from '../../shared/ids';
import { headFileBeside, type AuditKey } from './auditChain';
import { manifestFor, type BackupManifest } from './backups';
import { applyDatabaseKey, type DatabaseKey } from './databaseKey';
import { openStore } from './open';
import { checkCopy, CopyCheckError, partialNameFor, readFacts, removeLeftovers, sha256OfFile, syncFile, syncFolder, type CopyFacts } from './verifiedCopy';
import { appendAudit } from './write';

/**
 * Restore: a backup is previewed read-only, then swapped in for the live database. The swap
 * never leaves the database's path empty: the backup is copied in under a temp name, upgraded
 * if older, given the audit row that says who restored what, checked, and only then renamed
 * over the live file, whose own name was first hard-linked to `<db>.before-restore-<time>.sqlite`
 * (kept aside, with its audit head). Killed at any moment, the path holds either the old
 * database or the whole restored one. The caller closes the store before and reopens it after.
 */
export interface BackupPreview extends CopyFacts {
  readonly contents: BackupContents;
}

/** Opens a backup read-only with the key and counts what it holds (no patient's data); nothing is written. */
export function previewBackup(file: string, key: DatabaseKey | null): BackupPreview {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new CopyCheckError(`The backup ${path.basename(file)} could not be opened: ${(e as Error).message}.`);
  }
  try {
    if (key) applyDatabaseKey(db, key);
    const facts = readFacts(db);
    return { ...facts, contents: countContents(db) };
  } catch (e) {
    if (e instanceof CopyCheckError) throw e;
    throw new CopyCheckError(`The backup ${path.basename(file)} could not be read with this database's key: ${(e as Error).message}.`);
  } finally {
    db.close();
  }
}

/** Counts and dates only. A backup may be of an older schema (restore upgrades it): columns are looked for, not assumed. */
function countContents(db: Database.Database): BackupContents {
  const has = (table: string, column?: string) =>
    column
      ? db.prepare(`SELECT 1 FROM pragma_table_info(?) WHERE name = ?`).get(table, column) !== undefined
      : db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?`).get(table) !== undefined;
  const count = (table: string, where = '') => (has(table) ? (db.prepare(`SELECT count(*) FROM ${table} ${where}`).pluck().get() as number) : 0);
  const range = has('cases')
    ? (db.prepare('SELECT min(date_of_surgery) AS first, max(date_of_surgery) AS last FROM cases').get() as { first: string | null; last: string | null })
    : { first: null, last: null };
  const casesByMonth = has('cases')
    ? (db
        .prepare(`SELECT substr(date_of_surgery, 1, 7) AS month, count(*) AS cases FROM cases GROUP BY month ORDER BY month DESC LIMIT ?`)
        .all(PREVIEW_MONTHS) as { month: string; cases: number }[])
    : [];
  return {
    patientCount: count('patients'),
    caseCount: count('cases'),
    lesionCount: count('lesions'),
    stageCount: count('stages'),
    signedCaseCount: has('cases', 'signed_at') ? count('cases', 'WHERE signed_at IS NOT NULL') : 0,
    firstSurgery: range.first,
    lastSurgery: range.last,
    casesByMonth,
  };
}

export type RestoreStep = 'checking' | 'copying' | 'recording' | 'keeping-aside' | 'swapping' | 'done';

export interface RestoreOptions {
  readonly databaseKey: DatabaseKey | null;
  readonly auditKey: AuditKey;
  readonly restoredBy: UserId;
  readonly now?: Date;
  readonly nativeBinding?: string;
  /** Progress, and where the kill -9 tests stop the process. */
  readonly onStep?: (step: RestoreStep) => void;
}

export interface RestoreOutcome {
  readonly restored: CopyFacts;
  /** Where the database as it was before the restore now is. */
  readonly keptAside: string;
}

export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreError';
  }
}

/** Swaps `backupFile` in for the (closed) database at `databasePath`. */
export async function restoreBackup(databasePath: string, backupFile: string, options: RestoreOptions): Promise<RestoreOutcome> {
  const step = options.onStep ?? (() => undefined);
  const target = path.resolve(databasePath);
  const folder = path.dirname(target);
  const now = options.now ?? new Date();
  removeLeftovers(folder, `${path.basename(target)}.restoring`);

  step('checking');
  checkAgainstManifest(backupFile);
  checkCopy(backupFile, options.databaseKey);

  step('copying');
  const temp = partialNameFor(`${target}.restoring`);
  try {
    fs.closeSync(fs.openSync(temp, 'wx', 0o600));
    fs.copyFileSync(backupFile, temp);
    fs.chmodSync(temp, 0o600);

    step('recording');
    await recordRestore(temp, backupFile, options, now);
    const restored = checkCopy(temp, options.databaseKey);
    syncFile(temp);

    step('keeping-aside');
    foldWal(target, options);
    const keptAside = freeKeptAsideName(target, now);
    keepAside(target, keptAside);
    const head = headFileBeside(target);
    if (fs.existsSync(head)) fs.copyFileSync(head, headFileBeside(keptAside));
    syncFolder(folder);

    step('swapping');
    // Photos first: the restored records must find every picture they name.
    restorePhotos(target, backupFile);
    fs.renameSync(temp, target);
    fs.rmSync(`${target}-shm`, { force: true });
    fs.renameSync(headFileBeside(temp), head);
    syncFolder(folder);
    step('done');
    return { restored, keptAside };
  } finally {
    for (const side of ['', '-wal', '-shm', '-journal', '.audit-head', '.audit-head.tmp']) fs.rmSync(temp + side, { force: true });
    for (const name of fs.readdirSync(folder)) if (name.startsWith(`${path.basename(temp)}.before-v`)) fs.rmSync(path.join(folder, name), { force: true });
  }
}

/** A backup whose bytes differ from what its manifest recorded was damaged or changed since. */
function checkAgainstManifest(backupFile: string): void {
  const manifestFile = manifestFor(backupFile);
  if (!fs.existsSync(manifestFile)) return;
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BackupManifest;
  if (sha256OfFile(backupFile) !== manifest.sha256) {
    throw new RestoreError(`The backup ${path.basename(backupFile)} is not the file that was backed up (its checksum differs from its manifest). Choose another backup.`);
  }
}

/**
 * Opens the copy as a store (older backups are upgraded here, like any database) and appends
 * the row that says what was restored and by whom, chained on the backup's own audit.
 */
async function recordRestore(temp: string, backupFile: string, options: RestoreOptions, now: Date): Promise<void> {
  const store = openStore(temp, {
    auditKey: options.auditKey,
    ...(options.databaseKey ? { databaseKey: options.databaseKey } : {}),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    const user = store.db.prepare('SELECT roles, active FROM users WHERE id = ?').get(options.restoredBy) as { roles: string; active: number } | undefined;
    if (!user || !user.active || !(JSON.parse(user.roles) as string[]).includes('administrator')) {
      throw new RestoreError('You are not an active administrator in this backup, so after restoring it nobody could say who restored it. An administrator listed in that backup must restore it.');
    }
    const facts = readFacts(store.db);
    await store.query.transaction().execute((db) =>
      appendAudit(
        { db, userId: options.restoredBy, now: now.toISOString(), newId: () => '', audit: store.audit },
        {
          entity: 'settings',
          entityId: 'database',
          action: 'restore',
          before: null,
          after: { backup: path.basename(backupFile), caseCount: facts.caseCount, lastChange: facts.lastChange, auditHeadSeq: facts.auditHead?.seq ?? null },
        },
      ),
    );
  } finally {
    // close brings the chain head up to the restore's row (open.ts).
    store.close();
  }
}

/** A -wal left beside the live file (an unclean exit) is folded into it before it is kept aside. */
function foldWal(target: string, options: RestoreOptions): void {
  if (!fs.existsSync(`${target}-wal`)) return;
  const db = new Database(target, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    if (options.databaseKey) applyDatabaseKey(db, options.databaseKey);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  if (fs.existsSync(`${target}-wal`) && fs.statSync(`${target}-wal`).size > 0) {
    throw new RestoreError('The database is still in use by another program, so it cannot be replaced now. Close it there and try again.');
  }
  fs.rmSync(`${target}-wal`, { force: true });
}

/** A second name for the live file (hard link), or a synced copy where links are not possible. */
function keepAside(target: string, keptAside: string): void {
  if (!fs.existsSync(target)) return;
  try {
    fs.linkSync(target, keptAside);
  } catch {
    fs.copyFileSync(target, keptAside, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(keptAside, 0o600);
    syncFile(keptAside);
  }
}

/** `<db>.before-restore-<time>.sqlite`, numbered when a restore in the same second left one. */
function freeKeptAsideName(target: string, now: Date): string {
  const base = `${target}.before-restore-${stamp(now)}`;
  let name = `${base}.sqlite`;
  for (let n = 2; fs.existsSync(name); n++) name = `${base}-${n}.sqlite`;
  return name;
}

const stamp = (t: Date): string => t.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
