import path from 'node:path';
import { RESTORE_FRACTION, type BackupStatus, type BackupSummary } from '../../shared/backup/status';
import { backupOverdue } from '../../shared/backup/rotation';
import { AppFailure } from '../../shared/result';
import type { UserId } from '../../shared/ids';
import { BackupError, checkBackupFolder, listBackups, takeBackup, type BackupManifest, type BackupProgress } from '../store/backups';
import { openStore, singleComputer } from '../store/open';
import { previewBackup, restoreBackup, RestoreError } from '../store/restore';
import { putSetting } from '../store/settings';
import { CopyCheckError } from '../store/verifiedCopy';
import { appendAudit } from '../store/write';
import { asUser, type ServiceContext } from './context';

/**
 * The backup operations as the app calls them. The folder is a settings row of its own
 * (`backupFolder`, outside the clinic settings form, so no migration); "last backup" is read
 * from the folder's manifests, so it is true even after the database itself was restored.
 */
export const BACKUP_FOLDER_KEY = 'backupFolder';

export function backupFolder(ctx: ServiceContext): string {
  // The clinic's server keeps its own backups (README, server set-up): no folder here.
  if (ctx.store.engine !== 'sqlite') return '';
  const row = ctx.store.db.prepare('SELECT value_json FROM settings WHERE key = ?').get(BACKUP_FOLDER_KEY) as { value_json: string } | undefined;
  const value = row ? (JSON.parse(row.value_json) as unknown) : '';
  return typeof value === 'string' ? value : '';
}

const summary = (m: BackupManifest): BackupSummary => ({
  file: m.file,
  createdAt: m.createdAt,
  caseCount: m.caseCount,
  lastChange: m.lastChange,
  bytes: m.bytes,
  schemaVersion: m.schemaVersion,
});

export function backupStatus(ctx: ServiceContext, now = new Date()): BackupStatus {
  // Clinic mode: never "overdue" here; the server's own backups keep the records (README, Clinic server).
  if (ctx.store.engine !== 'sqlite') return { folder: '', last: null, overdue: false, problem: null, byServer: true };
  const folder = backupFolder(ctx);
  const last = folder ? (listBackups(folder)[0] ?? null) : null;
  return {
    folder,
    last: last ? summary(last) : null,
    overdue: backupOverdue(last?.createdAt ?? null, now),
    problem: checkBackupFolder(folder)?.message ?? null,
  };
}

export async function setBackupFolder(ctx: ServiceContext, folder: string): Promise<BackupStatus> {
  const resolved = path.resolve(folder);
  const problem = checkBackupFolder(resolved);
  if (problem) throw new AppFailure('invalid_input', problem.message);
  const before = backupFolder(ctx);
  await asUser(ctx, async (w) => {
    await putSetting(w, BACKUP_FOLDER_KEY, resolved);
    await appendAudit(w, { entity: 'settings', entityId: BACKUP_FOLDER_KEY, action: 'update', before: { backupFolder: before }, after: { backupFolder: resolved } });
  });
  return backupStatus(ctx);
}

/** Whether anything was recorded since the newest backup (the audit's newest row moved on). */
export function changedSinceLastBackup(ctx: ServiceContext): boolean {
  const folder = backupFolder(ctx);
  const last = folder ? listBackups(folder)[0] : undefined;
  if (ctx.store.engine !== 'sqlite') return false;
  const tail = ctx.store.db.prepare('SELECT seq FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { seq: number } | undefined;
  return !last || (last.auditHead?.seq ?? 0) !== (tail?.seq ?? 0);
}

export function backupNow(ctx: ServiceContext, onProgress?: (p: BackupProgress) => void): BackupSummary {
  try {
    return summary(takeBackup(singleComputer(ctx.store, 'A backup'), backupFolder(ctx), { appVersion: ctx.appVersion, onProgress }));
  } catch (e) {
    if (e instanceof BackupError) throw new AppFailure('invalid_input', e.message);
    throw e;
  }
}

export function listFolderBackups(ctx: ServiceContext): BackupSummary[] {
  const folder = backupFolder(ctx);
  if (!folder) throw new AppFailure('invalid_input', checkBackupFolder('')!.message);
  return listBackups(folder).map(summary);
}

function chosenBackup(ctx: ServiceContext, file: string): BackupManifest {
  const found = listBackups(backupFolder(ctx)).find((b) => b.file === file);
  if (!found) throw new AppFailure('not_found', `The backup ${file} is no longer in the backup folder.`);
  return found;
}

export function previewFolderBackup(ctx: ServiceContext, file: string) {
  const m = chosenBackup(ctx, file);
  try {
    const { contents } = previewBackup(path.join(backupFolder(ctx), m.file), singleComputer(ctx.store, 'A backup').databaseKey);
    return { ...summary(m), contents };
  } catch (e) {
    if (e instanceof CopyCheckError) throw new AppFailure('invalid_input', e.message);
    throw e;
  }
}

/**
 * Restore: the store is closed, the backup swapped in (restore.ts), and the store opened again
 * with the same keys, whatever happened, so the app answers afterwards. The signed-in
 * administrator stays signed in (restore refuses a backup they are not an administrator in).
 */
export async function restoreFolderBackup(ctx: ServiceContext, file: string) {
  const m = chosenBackup(ctx, file);
  const restoreProgress = (step: keyof typeof RESTORE_FRACTION) => ctx.backupProgress?.({ operation: 'restore', step, fraction: RESTORE_FRACTION[step] });
  const userId = ctx.session.userId as UserId;
  const old = singleComputer(ctx.store, 'Restoring a backup');
  if (!old.audit) throw new AppFailure('internal', 'Layermap opened its database without the audit key, so it cannot record a restore.');
  const busyTimeout = old.db.pragma('busy_timeout', { simple: true }) as number;
  const folder = backupFolder(ctx);
  const auditKey = old.audit.key;
  const databaseKey = old.databaseKey;
  old.close();
  try {
    const outcome = await restoreBackup(old.path, path.join(folder, m.file), {
      databaseKey,
      auditKey,
      restoredBy: userId,
      // Each step to the pages as it starts: the bar under Restore (a large file takes a while to copy and check).
      onStep: (step) => restoreProgress(step === 'done' ? 'reopening' : step),
      ...(ctx.nativeBinding ? { nativeBinding: ctx.nativeBinding } : {}),
    });
    return { restored: summary(m), keptAside: outcome.keptAside };
  } catch (e) {
    if (e instanceof RestoreError || e instanceof CopyCheckError) throw new AppFailure('invalid_input', e.message);
    throw e;
  } finally {
    ctx.store = openStore(old.path, {
      auditKey,
      ...(databaseKey ? { databaseKey } : {}),
      ...(ctx.nativeBinding ? { nativeBinding: ctx.nativeBinding } : {}),
    });
    ctx.store.db.pragma(`busy_timeout = ${busyTimeout}`);
    restoreProgress('done');
    // The backup folder is the clinic's choice, not the backup's: the restored file keeps it.
    if (backupFolder(ctx) !== folder) await asUser(ctx, (w) => putSetting(w, BACKUP_FOLDER_KEY, folder)).catch(() => undefined);
  }
}
