import { BACKUP_PROGRESS_CHANNEL, STORE_CHANGED_CHANNEL } from '../../shared/api/operations';
import type { StoreClient } from '../worker/storeClient';

/** The window as a relay needs it (Electron's BrowserWindow; this file stays plain Node). */
export interface RelayWindow {
  isDestroyed(): boolean;
  readonly webContents: { send(channel: string, ...args: unknown[]): void };
}

/** Sends each event of the store's thread to the window on `channel`, while there is one; returns the unsubscribe. */
export function relayToWindow<T>(subscribe: (listener: (value: T) => void) => () => void, channel: string, window: () => RelayWindow | null): () => void {
  return subscribe((value) => {
    const win = window();
    if (win && !win.isDestroyed()) win.webContents.send(channel, value);
  });
}

/** A running backup's progress, from the store's thread to the window (the test host sends it as a page event). */
export const relayBackupProgress = (store: Pick<StoreClient, 'onBackupProgress'>, window: () => RelayWindow | null): (() => void) =>
  relayToWindow(store.onBackupProgress, BACKUP_PROGRESS_CHANNEL, window);

/** Clinic mode: the other workstations' changes, so the screens on show read again (the test host: a page event). */
export const relayStoreChanges = (store: Pick<StoreClient, 'onStoreChanged'>, window: () => RelayWindow | null): (() => void) =>
  relayToWindow(store.onStoreChanged, STORE_CHANGED_CHANNEL, window);
