/** What the app shows about backups; the store's backups.ts and restore.ts produce these. */

/**
 * A running backup's or restore's progress, sent to the pages as it goes (Back up now and
 * Restore show it as a bar). A restore says so; a backup does not (the daily one, Back up now).
 */
export interface BackupProgress {
  /** None for a backup; a restore, or a copy of the whole database to the other engine (Settings → Database). */
  readonly operation?: 'restore' | 'copy';
  readonly step: 'copying' | 'checking' | 'recording' | 'rotating' | 'keeping-aside' | 'swapping' | 'reopening' | 'done';
  /** 0 to 1. */
  readonly fraction: number;
  /** A copy: the table being copied, in words. */
  readonly detail?: string;
}

/** How far a restore is at each of its steps (copying a large file is most of it). */
export const RESTORE_FRACTION: Readonly<Record<'checking' | 'copying' | 'recording' | 'keeping-aside' | 'swapping' | 'reopening' | 'done', number>> = {
  checking: 0.05,
  copying: 0.25,
  recording: 0.7,
  'keeping-aside': 0.8,
  swapping: 0.9,
  reopening: 0.95,
  done: 1,
};
export interface BackupSummary {
  /** The backup's file name in the backup folder (what Restore and Preview name). */
  readonly file: string;
  readonly createdAt: string;
  readonly caseCount: number;
  readonly lastChange: string | null;
  readonly bytes: number;
  readonly schemaVersion: number;
}

export interface BackupStatus {
  /** The folder chosen in Settings → Backups; '' when none is chosen yet. */
  readonly folder: string;
  readonly last: BackupSummary | null;
  /** No backup for more than 48 hours (or none at all). */
  readonly overdue: boolean;
  /** Why a backup cannot be taken now (no folder, missing, read-only, full); null when it can. */
  readonly problem: string | null;
  /** Clinic mode: the records are on the clinic's server, backed up there (pg_dump or the clinic's own); nothing to do here. */
  readonly byServer?: boolean;
}

/**
 * What a backup holds, without any patient's data. Previewing and restoring are an
 * administrator's work (roles.ts), and an administrator is not allowed patient data: the
 * backup is told apart by its volume and its dates, which is what a restore turns on
 * ("the one from before Tuesday's mistake, with this month's cases in it").
 */
export interface BackupContents {
  readonly patientCount: number;
  readonly caseCount: number;
  readonly lesionCount: number;
  readonly stageCount: number;
  readonly signedCaseCount: number;
  /** The earliest and latest date of surgery (YYYY-MM-DD); null when there are no cases. */
  readonly firstSurgery: string | null;
  readonly lastSurgery: string | null;
  /** Cases per month of surgery (YYYY-MM), newest first, the last PREVIEW_MONTHS months that have any. */
  readonly casesByMonth: readonly { readonly month: string; readonly cases: number }[];
}

export const PREVIEW_MONTHS = 12;

export interface BackupPreview extends BackupSummary {
  readonly contents: BackupContents;
}

export interface RestoreResult {
  readonly restored: BackupSummary;
  /** Where the database as it was before the restore was kept. */
  readonly keptAside: string;
}
