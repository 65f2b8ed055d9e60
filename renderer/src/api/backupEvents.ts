import type { BackupProgress } from '../../../shared/backup/status';
import { listenToMain } from './hostEvents';

const isProgress = (p: unknown): p is BackupProgress =>
  typeof p === 'object' && p !== null && typeof (p as BackupProgress).step === 'string' && typeof (p as BackupProgress).fraction === 'number';

/** Listens for backup progress (from Electron's main over the desktop bridge, or the test host's event stream); returns the unsubscribe. */
export function listenForBackupProgress(listener: (progress: BackupProgress) => void): () => void {
  return listenToMain('onBackupProgress', 'backup-progress', isProgress, listener);
}
