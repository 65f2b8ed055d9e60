import { useCallback, useEffect, useState } from 'react';
import type { BackupStatus } from '../../../../shared/backup/status';
import { BACKUP_WARNING_HOURS } from '../../../../shared/backup/rotation';
import type { User } from '../../../../shared/records';
import { listenForBackupProgress } from '../../api/backupEvents';
import { call } from '../../api/client';
import { href } from '../../app/route';
import { whenText } from './backupText';

/**
 * The last-backup warning on every screen, for every user, after 48 hours without a verified
 * backup (shared/backup/status.ts): an administrator is taken to Settings → Backups; anyone
 * else is asked to tell the administrator (only they choose the folder and restore). It can
 * be dismissed for the rest of the day on this computer; it is back the next day while the
 * backups are still missing.
 */
export const DISMISSED_KEY = 'layermap.backupWarningDismissedOn';

/** Today as the clinic's calendar has it (local time), YYYY-MM-DD. */
const today = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

const dismissedToday = (): boolean => {
  try {
    return window.localStorage.getItem(DISMISSED_KEY) === today();
  } catch {
    return false;
  }
};

/** `compact`: a thin strip, above the map, where every pixel of height is the map's. */
export function BackupWarning({ user, compact = false }: { readonly user: User; readonly compact?: boolean }) {
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [dismissed, setDismissed] = useState(dismissedToday);
  const check = useCallback(() => {
    void call('backup.status', {}).then((r) => {
      if (r.ok) setStatus(r.value);
    });
    setDismissed(dismissedToday());
  }, []);
  useEffect(() => {
    check();
    // Looked at again on each move between screens and after any backup finishes.
    window.addEventListener('hashchange', check);
    const stop = listenForBackupProgress((p) => {
      if (p.step === 'done') check();
    });
    return () => {
      window.removeEventListener('hashchange', check);
      stop();
    };
  }, [check]);
  if (!status?.overdue || dismissed) return null;
  const dismiss = () => {
    try {
      window.localStorage.setItem(DISMISSED_KEY, today());
    } catch {
      // No storage: it is dismissed until the page is loaded again.
    }
    setDismissed(true);
  };
  // One line where it can: it sits above the map too.
  const when = status.last ? `none verified since ${whenText(status.last.createdAt)} (over ${BACKUP_WARNING_HOURS} hours).` : 'there is no verified backup of these records yet.';
  return (
    <div className={`notice notice--warning backup-warning no-print${compact ? ' backup-warning--compact' : ''}`} role="alert" data-testid="backup-warning">
      <span>
        <strong>Backups are overdue:</strong> {when}{' '}
        {user.roles.includes('administrator') ? (
          <a href={`${href.settings()}`}>Go to Backups</a>
        ) : (
          <>Please tell the clinic's administrator: only they can set up and check the backups.</>
        )}
      </span>
      <button type="button" className="button button--secondary button--small" onClick={dismiss}>
        Dismiss for today
      </button>
    </div>
  );
}
