import path from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import { BUILT_STORE_WORKER, startStoreWorker, type StoreClient } from '../worker/storeClient';
import type { ClinicKeys } from '../services/keyWrap';
import { openUnlockGate } from '../services/unlockGate';
import { chooseDatabaseAtStart } from '../services/databaseConfig';
import type { ClinicServer } from '../worker/protocol';
import { resolveDatabasePath } from './databasePath';
import { relayBackupProgress, relayStoreChanges } from './windowRelay';
import { startIdleLock } from './idleLockGlue';
import { registerPathPicker } from './pathPickerIpc';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import { electronSqliteBinding, installedSqlite } from './nativeBinding';
import { registerPrinting } from './printing';
import { registerAppScheme, serveRenderer } from './protocol';
import { safeStorageSealer } from './safeStorageSealer';
import { lockDown } from './security';
import { registerUnlock } from './unlockGlue';
import { createMainWindow } from './window';
import { hiddenSheetWindow } from './sheetPdfWindow';
import { printedPagePath } from '../worker/archiveSheets';
import { sheetPrinter } from './sheetPrinter';
import { APP_ORIGIN } from '../ipc/handler';

// App lifecycle only; everything with logic lives in plain Node modules that tests import.
const here = import.meta.dirname;
const preloadFile = path.join(here, '../preload/index.cjs');
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
  // This computer's file, or the clinic's server (database.json, its password sealed): never a guess.
  const database = await chooseDatabaseAtStart(app.getPath('userData'), safeStorageSealer);
  if (database.kind === 'ask') {
    dialog.showErrorBox('Layermap cannot tell which database to open', database.message);
    app.exit(1);
    return;
  }
  const clinicServer = database.kind === 'server' ? database.clinicServer : undefined;
  // The database's and the audit chain's keys, sealed by the OS key store beside the database
  // (clinicKeys.ts); only the store's thread gets them. Where this computer cannot find them by
  // itself (no real key store, or no key for the file) the unlock page asks (unlockGate.ts).
  // In clinic mode the file's place still names this workstation's own: its audit key and chain head.
  const gate = await openUnlockGate(path.resolve(databasePath), safeStorageSealer, (keys) => openStore(databasePath, keys, clinicServer));
  const first = gate.view();
  if (first.state === 'failed') {
    dialog.showErrorBox('Layermap cannot open its database', first.message);
    app.exit(1);
    return;
  }
  registerUnlock(gate);
  registerPrinting();
  registerPathPicker();
  serveRenderer(path.join(here, '../renderer'));
  installMenu();
  mainWindow = createMainWindow(preloadFile);
  mainWindow.on('closed', () => (mainWindow = null));
}

/** With the keys: the store's thread (which encrypts a plaintext file in place, or opens the clinic server), then the page's calls. */
async function openStore(databasePath: string, keys: ClinicKeys, clinicServer: ClinicServer | undefined): Promise<void> {
  const opened = await startStoreWorker(
    {
      databasePath,
      ...(clinicServer ? { clinicServer } : {}),
      auditKey: keys.auditKey.toString('hex'),
      databaseKey: keys.databaseKey.toString('hex'),
      appVersion: app.getVersion(),
      transport: 'electron',
      // Settings → Database writes database.json here; the password is sealed by safeStorage (the 4th argument).
      databaseSettingsFolder: app.getPath('userData'),
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
    // Built beside this file (electron.vite.config.ts, storeWorkerBundle); V8's code cache in user data.
    { file: path.join(here, BUILT_STORE_WORKER), codeCacheDir: path.join(app.getPath('userData'), 'code-cache') },
    // Case archives carry each lesion's map sheet, chart exports their PDF, printed in a hidden window of the app's own page.
    sheetPrinter(() => hiddenSheetWindow(preloadFile), (page) => `${APP_ORIGIN}/index.html#${printedPagePath(page)}`),
    safeStorageSealer,
  );
  store = opened;
  // After an unclean exit: tell the user if the background check finds damage (or could not finish).
  void opened.integrity?.then((report) => {
    if (report.status === 'ok') return;
    const options = { type: 'warning' as const, title: 'Layermap database check', message: report.message };
    void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
  });
  // The page's calls pass through the idle lock, which learns from them who is signed in.
  const idleLock = startIdleLock(opened, () => mainWindow);
  registerIpc(idleLock.relay());
  relayBackupProgress(opened, () => mainWindow);
  relayStoreChanges(opened, () => mainWindow);
}
