/** What the app shows about backups; the store's backups.ts and restore.ts produce these. */
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
}

export interface BackupCase {
  readonly id: string;
  readonly dateOfSurgery: string;
  readonly patient: string;
  readonly mrn: string;
  readonly accessionNumber: string;
}

export interface BackupPreview extends BackupSummary {
  readonly cases: readonly BackupCase[];
}

export interface RestoreResult {
  readonly restored: BackupSummary;
  /** Where the database as it was before the restore was kept. */
  readonly keptAside: string;
}
