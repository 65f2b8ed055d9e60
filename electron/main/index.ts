import path from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import { createContext } from '../services/context';
import { openStore, StoreOpenError, type Store } from '../store/open';
import { resolveDatabasePath } from './databasePath';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import { electronSqliteBinding, installedSqlite } from './nativeBinding';
import { registerPrinting } from './printing';
import { registerAppScheme, serveRenderer } from './protocol';
import { lockDown } from './security';
import { createMainWindow } from './window';

// App lifecycle only; everything with logic lives in plain Node modules that tests import.
const here = import.meta.dirname;
let mainWindow: BrowserWindow | null = null;
let store: Store | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => store?.close());
  void app.whenReady().then(start);
}

function start(): void {
  lockDown();
  const databasePath = resolveDatabasePath(process.argv, process.env, app.getPath('userData'));
  try {
    store = openStore(databasePath, {
      nativeBinding: electronSqliteBinding({
        packaged: app.isPackaged,
        resourcesPath: process.resourcesPath,
        projectRoot: app.getAppPath(),
        sqlite: installedSqlite(),
        electronVersion: process.versions.electron,
        platform: process.platform,
        arch: process.arch,
      }),
    });
  } catch (e) {
    const message = e instanceof StoreOpenError ? e.message : `Layermap could not open its database: ${String(e)}`;
    dialog.showErrorBox('Layermap cannot open its database', message);
    app.exit(1);
    return;
  }
  registerIpc(createContext(store, app.getVersion(), 'electron'));
  registerPrinting();
  serveRenderer(path.join(here, '../renderer'));
  installMenu();
  mainWindow = createMainWindow(path.join(here, '../preload/index.cjs'));
  mainWindow.on('closed', () => (mainWindow = null));
}
