import path from 'node:path';
import { app, BrowserWindow, dialog, screen, type WebPreferences } from 'electron';
import { APP_ORIGIN } from '../ipc/handler';
import { DEFAULT_BOUNDS, loadWindowBounds, saveWindowBounds } from './windowState';

/** Every window of the app's pages: sandboxed, isolated, no Node, only the preload's bridge. */
export function secureWebPreferences(preloadFile: string): WebPreferences {
  return {
    preload: preloadFile,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    devTools: !app.isPackaged,
  };
}

/** The one main window: its size and place remembered. */
export function createMainWindow(preloadFile: string): BrowserWindow {
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const saved = loadWindowBounds(stateFile, screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    ...(saved ?? DEFAULT_BOUNDS),
    minWidth: 900,
    minHeight: 640,
    show: false,
    title: 'Layermap',
    backgroundColor: '#f5f6f8',
    webPreferences: secureWebPreferences(preloadFile),
  });
  if (saved?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    saveWindowBounds(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() });
  });
  // The page refused to unload: map changes are not stored yet (renderer/src/lib/unsavedWork.ts).
  // Electron shows nothing by itself; the user chooses here. preventDefault lets the window close.
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'warning',
      buttons: ['Stay, and keep them', 'Close without them'],
      defaultId: 0,
      cancelId: 0,
      message: 'Some map changes are not saved yet.',
      detail: 'They are still being saved, or the database (the clinic server) could not be reached. Stay until the page says "All changes saved"; closing now loses them.',
    });
    if (choice === 1) event.preventDefault();
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
