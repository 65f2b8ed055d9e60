import { BACKUP_PROGRESS_CHANNEL } from '../../shared/api/operations';
import type { StoreClient } from '../worker/storeClient';

/** The window as the relay needs it (Electron's BrowserWindow; this file stays plain Node). */
interface ProgressWindow {
  isDestroyed(): boolean;
  readonly webContents: { send(channel: string, ...args: unknown[]): void };
}

/** A running backup's progress, from the store's thread to the window (the test host sends it as a page event). */
export function relayBackupProgress(store: Pick<StoreClient, 'onBackupProgress'>, window: () => ProgressWindow | null): () => void {
  return store.onBackupProgress((progress) => {
    const win = window();
    if (win && !win.isDestroyed()) win.webContents.send(BACKUP_PROGRESS_CHANNEL, progress);
  });
}
