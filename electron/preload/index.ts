import { contextBridge, ipcRenderer } from 'electron';
import {
  ACTIVITY_CHANNEL,
  BACKUP_PROGRESS_CHANNEL,
  CHOOSE_PATH_CHANNEL,
  channelFor,
  FLUSH_CHANNEL,
  FLUSHED_CHANNEL,
  LOCKED_CHANNEL,
  MAP_EDIT_CHANNEL,
  MAP_FOCUS_CHANNEL,
  OPERATION_NAMES,
  SAVE_PDF_CHANNEL,
  SAVE_TEXT_CHANNEL,
  STORE_CHANGED_CHANNEL,
  UNLOCK_CHANNEL,
  UNLOCK_STATE_CHANNEL,
} from '../../shared/api/operations';

/**
 * The whole bridge: one function per operation of the contract, each an ipcRenderer.invoke
 * on its own channel. ipcRenderer itself is never exposed.
 */
const bridge = Object.fromEntries(
  OPERATION_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(channelFor(name), input)]),
);
contextBridge.exposeInMainWorld('layermap', Object.freeze(bridge));

// Desktop-only: Save as PDF… of the page shown (the map sheet). Not a data operation, so it
// is not in the contract; the renderer offers it only where this exists.
contextBridge.exposeInMainWorld(
  'layermapDesktop',
  Object.freeze({
    savePdf: () => ipcRenderer.invoke(SAVE_PDF_CHANNEL),
    saveText: (fileName: string, text: string) => ipcRenderer.invoke(SAVE_TEXT_CHANNEL, { fileName, text }),
    // The system's picker for the backup folder or an archive to import (pathPicker.ts).
    choosePath: (kind: string) => ipcRenderer.invoke(CHOOSE_PATH_CHANNEL, kind),
    // The Edit menu routes Undo/Redo to the map only while the map has the focus.
    mapFocus: (focused: boolean) => ipcRenderer.send(MAP_FOCUS_CHANNEL, focused === true),
    onMapEdit: (run: (action: 'undo' | 'redo') => void) => {
      const listener = (_e: unknown, action: unknown) => {
        if (action === 'undo' || action === 'redo') run(action);
      };
      ipcRenderer.on(MAP_EDIT_CHANNEL, listener);
      return () => void ipcRenderer.removeListener(MAP_EDIT_CHANNEL, listener);
    },
    // The idle lock lives in main: pointer input is reported (keys main sees itself), main asks
    // for unsaved map gestures to be saved before it locks, then says the session is locked.
    activity: () => ipcRenderer.send(ACTIVITY_CHANNEL),
    onFlush: (save: () => Promise<void>) => {
      const listener = () => void save().finally(() => ipcRenderer.send(FLUSHED_CHANNEL));
      ipcRenderer.on(FLUSH_CHANNEL, listener);
      return () => void ipcRenderer.removeListener(FLUSH_CHANNEL, listener);
    },
    // Before the store opens: the unlock page asks what is needed, and sends one try at a time.
    unlockState: () => ipcRenderer.invoke(UNLOCK_STATE_CHANNEL),
    unlock: (request: { passphrase?: string; recoveryCode?: string }) => ipcRenderer.invoke(UNLOCK_CHANNEL, request),
    // A running backup's progress ({ step, fraction }), for the bar in Settings → Backups.
    onBackupProgress: (run: (progress: unknown) => void) => {
      const listener = (_e: unknown, progress: unknown) => run(progress);
      ipcRenderer.on(BACKUP_PROGRESS_CHANNEL, listener);
      return () => void ipcRenderer.removeListener(BACKUP_PROGRESS_CHANNEL, listener);
    },
    // Clinic mode: another workstation's committed change ({ kind, entity, … }), so the screen reads again.
    onStoreChanged: (run: (change: unknown) => void) => {
      const listener = (_e: unknown, change: unknown) => run(change);
      ipcRenderer.on(STORE_CHANGED_CHANNEL, listener);
      return () => void ipcRenderer.removeListener(STORE_CHANGED_CHANNEL, listener);
    },
    onLocked: (run: () => void) => {
      const listener = () => run();
      ipcRenderer.on(LOCKED_CHANNEL, listener);
      return () => void ipcRenderer.removeListener(LOCKED_CHANNEL, listener);
    },
  }),
);
