/**
 * Which backups a rotation keeps: the newest of each of the 7 most recent days, 4 most recent
 * weeks and 12 most recent months that have a backup, and always the newest of all. Days,
 * weeks (Monday first) and months are counted in UTC so the choice does not move with the
 * machine's time zone. Pure: the store deletes what this does not keep.
 */
export interface RotationPolicy {
  readonly daily: number;
  readonly weekly: number;
  readonly monthly: number;
}

export const DEFAULT_ROTATION: RotationPolicy = { daily: 7, weekly: 4, monthly: 12 };

export interface Dated {
  readonly name: string;
  /** ISO 8601 time the backup was taken. */
  readonly createdAt: string;
}

const dayOf = (t: Date): string => t.toISOString().slice(0, 10);
const monthOf = (t: Date): string => t.toISOString().slice(0, 7);
/** The Monday that starts the UTC week. */
function weekOf(t: Date): string {
  const monday = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() - ((t.getUTCDay() + 6) % 7)));
  return dayOf(monday);
}

/** The names to keep, newest first. */
export function backupsToKeep<T extends Dated>(backups: readonly T[], policy: RotationPolicy = DEFAULT_ROTATION): Set<string> {
  const newestFirst = [...backups].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.name < b.name ? 1 : -1));
  const keep = new Set<string>();
  if (newestFirst[0]) keep.add(newestFirst[0].name);
  const take = (bucket: (t: Date) => string, count: number) => {
    const seen = new Set<string>();
    for (const b of newestFirst) {
      const key = bucket(new Date(b.createdAt));
      if (seen.has(key)) continue;
      if (seen.size >= count) break;
      seen.add(key);
      keep.add(b.name);
    }
  };
  take(dayOf, policy.daily);
  take(weekOf, policy.weekly);
  take(monthOf, policy.monthly);
  return keep;
}

/** A backup's file name from its time: `layermap-2026-11-28T140512Z.sqlite` (sorts by time). */
export function backupFileName(at: Date): string {
  const iso = at.toISOString();
  return `layermap-${iso.slice(0, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z.sqlite`;
}

export const BACKUP_NAME_PATTERN = /^layermap-\d{4}-\d{2}-\d{2}T\d{6}Z(-\d+)?\.sqlite$/;

/** Hours after which "Last backup" turns into a warning. */
export const BACKUP_WARNING_HOURS = 48;

/** Whether the last backup is too old (or there is none). */
export const backupOverdue = (lastBackupAt: string | null, now: Date): boolean =>
  lastBackupAt === null || now.getTime() - new Date(lastBackupAt).getTime() > BACKUP_WARNING_HOURS * 3600_000;
