import path from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import { StoreOpenError } from '../store/open';
import { startStoreWorker, type StoreClient } from '../worker/storeClient';
import { unlockClinicKeys } from '../services/clinicKeys';
import { resolveDatabasePath } from './databasePath';
import { relayBackupProgress } from './backupProgressRelay';
import { startIdleLock } from './idleLockGlue';
import { registerPathPicker } from './pathPickerIpc';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import { electronSqliteBinding, installedSqlite } from './nativeBinding';
import { registerPrinting } from './printing';
import { registerAppScheme, serveRenderer } from './protocol';
import { safeStorageSealer } from './safeStorageSealer';
import { lockDown } from './security';
import { createMainWindow } from './window';

// App lifecycle only; everything with logic lives in plain Node modules that tests import.
const here = import.meta.dirname;
let mainWindow: BrowserWindow | null = null;
let store: StoreClient | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('window-all-closed', () => app.quit());
  // Let the store's thread finish its last write and close the file before the app exits.
  app.on('will-quit', (event) => {
    if (!store) return;
    event.preventDefault();
    const closing = store;
    store = null;
    void closing.close().finally(() => app.quit());
  });
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  lockDown();
  const databasePath = resolveDatabasePath(process.argv, process.env, app.getPath('userData'));
  try {
    // The database's and the audit chain's keys, sealed by the OS key store beside the database
    // (clinicKeys.ts); only the store's thread gets them. The thread encrypts a plaintext file in place.
    const answer = await unlockClinicKeys(path.resolve(databasePath), safeStorageSealer);
    if (answer.kind !== 'ready') {
      // Asking for the passphrase or recovery code needs the unlock page, not built yet: say what is needed.
      throw new Error(answer.kind === 'needs-recovery' ? answer.message : 'This computer has no protected key store, so Layermap needs the clinic passphrase, which this version cannot ask for yet.');
    }
    const keys = answer.keys;
    store = await startStoreWorker(
      {
        databasePath,
        auditKey: keys.auditKey.toString('hex'),
        databaseKey: keys.databaseKey.toString('hex'),
        appVersion: app.getVersion(),
        transport: 'electron',
        nativeBinding: electronSqliteBinding({
          packaged: app.isPackaged,
          resourcesPath: process.resourcesPath,
          projectRoot: app.getAppPath(),
          sqlite: installedSqlite(),
          electronVersion: process.versions.electron,
          platform: process.platform,
          arch: process.arch,
        }),
      },
      // Built beside this file by electron-vite (a second entry of the main build).
      { file: path.join(here, 'storeWorker.js') },
    );
  } catch (e) {
    const message = e instanceof StoreOpenError ? e.message : `Layermap could not open its database: ${e instanceof Error ? e.message : String(e)}`;
    dialog.showErrorBox('Layermap cannot open its database', message);
    app.exit(1);
    return;
  }
  // After an unclean exit: tell the user if the background check finds damage (or could not finish).
  void store.integrity?.then((report) => {
    if (report.status === 'ok') return;
    const options = { type: 'warning' as const, title: 'Layermap database check', message: report.message };
    void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
  });
  // The page's calls pass through the idle lock, which learns from them who is signed in.
  const idleLock = startIdleLock(store, () => mainWindow);
  registerIpc(idleLock.relay());
  relayBackupProgress(store, () => mainWindow);
  registerPrinting();
  registerPathPicker();
  serveRenderer(path.join(here, '../renderer'));
  installMenu();
  mainWindow = createMainWindow(path.join(here, '../preload/index.cjs'));
  mainWindow.on('closed', () => (mainWindow = null));
}
