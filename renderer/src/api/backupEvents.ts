import type { BackupProgress } from '../../../shared/backup/status';
import { onHostEvent } from './hostEvents';

/** A running backup's progress: from Electron's main over the desktop bridge, or the test host's event stream. */
type DesktopBackupBridge = { readonly onBackupProgress: (run: (progress: unknown) => void) => () => void };

const isProgress = (p: unknown): p is BackupProgress =>
  typeof p === 'object' && p !== null && typeof (p as BackupProgress).step === 'string' && typeof (p as BackupProgress).fraction === 'number';

/** Listens for backup progress; returns the unsubscribe. */
export function listenForBackupProgress(listener: (progress: BackupProgress) => void): () => void {
  const bridge = (window as unknown as { layermapDesktop?: Partial<DesktopBackupBridge> }).layermapDesktop;
  const checked = (p: unknown) => {
    if (isProgress(p)) listener(p);
  };
  if (bridge?.onBackupProgress) return bridge.onBackupProgress(checked);
  return onHostEvent('backup-progress', checked);
}
