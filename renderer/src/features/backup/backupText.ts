import type { BackupProgress, BackupStatus } from '../../../../shared/backup/status';
import { BACKUP_WARNING_HOURS } from '../../../../shared/backup/rotation';

/** A time as the clinic reads it, in the machine's own time zone. */
export const whenText = (iso: string): string =>
  new Date(iso).toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** "Last backup: …", with the warning after 48 hours without one. */
export function lastBackupText(status: BackupStatus): string {
  if (!status.last) return 'Last backup: none yet. Choose a backup folder and back up now.';
  const base = `Last backup: ${whenText(status.last.createdAt)} (${casesText(status.last.caseCount)}).`;
  return status.overdue ? `${base} No backup for more than ${BACKUP_WARNING_HOURS} hours: back up now.` : base;
}

export const casesText = (n: number): string => (n === 1 ? '1 case' : `${n} cases`);

/** "2026-11" as "November 2026". */
export const monthText = (month: string): string => {
  const [y, m] = month.split('-').map(Number);
  return y && m ? new Date(y, m - 1, 1).toLocaleString(undefined, { year: 'numeric', month: 'long' }) : month;
};

/** What a running backup is doing, in the clinic's words. */
export const backupStepText = (step: BackupProgress['step']): string =>
  ({
    copying: 'Copying the database…',
    checking: 'Checking the copy (opening it, integrity check)…',
    recording: 'Recording the backup…',
    rotating: 'Removing backups no longer kept…',
    'keeping-aside': 'Keeping the current file aside…',
    swapping: 'Putting the restored file in place…',
    reopening: 'Opening the restored database…',
    done: 'Done.',
  })[step];

/** What a running restore is doing: the same steps, a restore's words where they differ. */
export const restoreStepText = (step: BackupProgress['step']): string =>
  step === 'checking' ? 'Checking the backup against its manifest (integrity check)…' : step === 'copying' ? 'Copying the backup beside the database…' : step === 'recording' ? 'Recording the restore in its audit trail, checking the copy…' : backupStepText(step);
