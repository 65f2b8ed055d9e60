import path from 'node:path';
import { app, BrowserWindow, screen } from 'electron';
import { APP_ORIGIN } from '../ipc/handler';
import { DEFAULT_BOUNDS, loadWindowBounds, saveWindowBounds } from './windowState';

/** The one main window: sandboxed, isolated, no Node, its size and place remembered. */
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
    webPreferences: {
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
    },
  });
  if (saved?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    saveWindowBounds(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() });
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
