import fs from 'node:fs';
import path from 'node:path';
import type { BackupProgress } from '../../shared/backup/status';
import { BACKUP_NAME_PATTERN, backupFileName, backupsToKeep, DEFAULT_ROTATION, type RotationPolicy } from '../../shared/backup/rotation';
import type { SqliteStore } from './open';
import { backUpPhotos, type PhotoCopyFacts } from './photoBackup';
import { partialNameFor, removeLeftovers, sha256OfFile, syncFile, syncFolder, writeVerifiedCopy, type CopyFacts, type CopyStep } from './verifiedCopy';

/**
 * Backups of the open database into a folder the clinic chose (an external disk or a network
 * share is fine: only the live database must be on a local disk). Each backup is a checked
 * `VACUUM INTO` copy (ciphertext when the database is encrypted, openable with the same key),
 * a manifest beside it, and a copy of `<db>.recovery` when there is one, so a backup can be
 * opened on another machine with the clinic's recovery code.
 */
export interface BackupManifest extends CopyFacts {
  readonly format: 1;
  /** The backup's file name in its folder. */
  readonly file: string;
  readonly createdAt: string;
  readonly appVersion: string;
  readonly encrypted: boolean;
  readonly bytes: number;
  readonly sha256: string;
  /** The copy of the recovery file beside the backup, or null when the database has none. */
  readonly recoveryFile: string | null;
  /** The photos' files (photoBackup.ts), copied incrementally into one folder beside the backups; absent in backups older than photos. */
  readonly photos?: PhotoCopyFacts;
}

export type BackupFolderProblem = 'folder-not-set' | 'folder-missing' | 'folder-read-only' | 'folder-full';

export class BackupError extends Error {
  constructor(
    readonly kind: BackupFolderProblem | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

export type { BackupProgress };

export const manifestFor = (backupFile: string): string => `${backupFile}.json`;
export const recoveryFileBeside = (databasePath: string): string => `${databasePath}.recovery`;

/** What stops a backup into this folder, in words a clinic can act on; null when it can take one. */
export function checkBackupFolder(folder: string, neededBytes = 0): BackupError | null {
  if (!folder) return new BackupError('folder-not-set', 'No backup folder is chosen yet. Choose one in Settings → Backups.');
  let stat: fs.Stats;
  try {
    stat = fs.statSync(folder);
  } catch {
    return new BackupError('folder-missing', `The backup folder ${folder} cannot be found. Connect the backup disk or network share, or choose another folder in Settings → Backups.`);
  }
  if (!stat.isDirectory()) return new BackupError('folder-missing', `${folder} is not a folder. Choose a backup folder in Settings → Backups.`);
  try {
    fs.accessSync(folder, fs.constants.W_OK | fs.constants.X_OK);
  } catch {
    return readOnly(folder);
  }
  try {
    const s = fs.statfsSync(folder);
    // Room for the copy and a margin; a share that cannot say (0 blocks) is tried anyway.
    if (s.blocks > 0 && s.bavail * s.bsize < neededBytes * 1.1) return full(folder);
  } catch {
    // Not every file system answers statfs; the copy itself will say if it runs out.
  }
  return null;
}

const readOnly = (folder: string) =>
  new BackupError('folder-read-only', `Layermap may not write in the backup folder ${folder} (it is read-only, or this user lacks permission). Choose another folder or ask IT to allow writing.`);
const full = (folder: string) => new BackupError('folder-full', `The backup folder ${folder} is full. Free some space there or choose another folder; the database itself is unchanged.`);

export interface BackupOptions {
  readonly now?: Date;
  readonly appVersion: string;
  readonly onProgress?: (p: BackupProgress) => void;
  readonly rotation?: RotationPolicy;
  /** The copy's own steps (the kill -9 tests stop there). */
  readonly onCopyStep?: (step: CopyStep) => void;
}

/** Takes one backup of the open store into `folder`, checks it, records it, rotates the folder. */
export function takeBackup(store: SqliteStore, folder: string, options: BackupOptions): BackupManifest {
  const progress = options.onProgress ?? (() => undefined);
  const now = options.now ?? new Date();
  removeLeftovers(folder, 'layermap-');
  const size = databaseBytes(store.path);
  const problem = checkBackupFolder(folder, size);
  if (problem) throw problem;
  const file = freeName(folder, now);
  progress({ step: 'copying', fraction: 0 });
  let facts: CopyFacts;
  try {
    facts = writeVerifiedCopy(store.db, file, store.databaseKey, (step) => {
      if (step === 'copied') progress({ step: 'checking', fraction: 0.4 });
      options.onCopyStep?.(step);
    });
  } catch (e) {
    throw asBackupError(folder, e);
  }
  progress({ step: 'recording', fraction: 0.7 });
  try {
    const recovery = recoveryFileBeside(store.path);
    let recoveryFile: string | null = null;
    if (fs.existsSync(recovery)) {
      recoveryFile = `${path.basename(file)}.recovery`;
      copyThroughTemp(recovery, path.join(folder, recoveryFile));
    }
    const photos = backUpPhotos(store.path, folder);
    const manifest: BackupManifest = {
      format: 1,
      file: path.basename(file),
      createdAt: now.toISOString(),
      appVersion: options.appVersion,
      encrypted: store.databaseKey !== null,
      bytes: fs.statSync(file).size,
      sha256: sha256OfFile(file),
      recoveryFile,
      photos,
      ...facts,
    };
    // The manifest last: a backup is listed (and counted by rotation) only once it is whole.
    writeThroughTemp(manifestFor(file), `${JSON.stringify(manifest, null, 2)}\n`);
    progress({ step: 'rotating', fraction: 0.9 });
    rotateBackups(folder, options.rotation);
    progress({ step: 'done', fraction: 1 });
    return manifest;
  } catch (e) {
    throw asBackupError(folder, e);
  }
}

/** The backups in a folder with a manifest whose file is there, newest first. */
export function listBackups(folder: string): BackupManifest[] {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  const out: BackupManifest[] = [];
  for (const name of names) {
    if (!BACKUP_NAME_PATTERN.test(name) || !names.includes(`${name}.json`)) continue;
    try {
      const m = JSON.parse(fs.readFileSync(path.join(folder, `${name}.json`), 'utf8')) as BackupManifest;
      if (m.format === 1 && m.file === name) out.push(m);
    } catch {
      // A manifest that cannot be read is no verified backup; it stays for a person to look at.
    }
  }
  return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/** Deletes the backups the rotation does not keep (never the newest verified one). */
export function rotateBackups(folder: string, policy: RotationPolicy = DEFAULT_ROTATION): string[] {
  const backups = listBackups(folder);
  const keep = backupsToKeep(backups.map((b) => ({ name: b.file, createdAt: b.createdAt })), policy);
  const removed: string[] = [];
  for (const b of backups) {
    if (keep.has(b.file)) continue;
    const file = path.join(folder, b.file);
    // The manifest first: a half-removed backup is then simply unlisted, never listed and missing.
    fs.rmSync(manifestFor(file), { force: true });
    fs.rmSync(file, { force: true });
    if (b.recoveryFile) fs.rmSync(path.join(folder, b.recoveryFile), { force: true });
    removed.push(b.file);
  }
  return removed;
}

function freeName(folder: string, now: Date): string {
  const base = backupFileName(now);
  let file = path.join(folder, base);
  for (let n = 2; fs.existsSync(file) || fs.existsSync(manifestFor(file)); n++) file = path.join(folder, base.replace(/\.sqlite$/, `-${n}.sqlite`));
  return file;
}

function databaseBytes(file: string): number {
  let total = 0;
  for (const side of ['', '-wal']) {
    try {
      total += fs.statSync(file + side).size;
    } catch {
      // no -wal
    }
  }
  return total;
}

function asBackupError(folder: string, e: unknown): BackupError {
  if (e instanceof BackupError) return e;
  const code = String((e as { code?: unknown } | null)?.code ?? '');
  const text = e instanceof Error ? e.message : String(e);
  if (code === 'ENOSPC' || code === 'SQLITE_FULL' || /disk is full|database or disk is full/i.test(text)) return full(folder);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN') return readOnly(folder);
  return new BackupError('failed', `The backup could not be made: ${text}. The database itself is unchanged.`);
}

function copyThroughTemp(from: string, to: string): void {
  writeThroughTemp(to, fs.readFileSync(from));
}

/** Owner-only, synced, renamed into place. */
function writeThroughTemp(file: string, data: string | Buffer): void {
  const temp = partialNameFor(file);
  try {
    fs.writeFileSync(temp, data, { mode: 0o600, flag: 'wx' });
    syncFile(temp);
    fs.renameSync(temp, file);
    syncFolder(path.dirname(file));
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}
