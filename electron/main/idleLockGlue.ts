import { app, BrowserWindow, ipcMain, powerMonitor } from 'electron';
import { ACTIVITY_CHANNEL, FLUSH_CHANNEL, FLUSHED_CHANNEL, LOCKED_CHANNEL } from '../../shared/api/operations';
import { isAppPage } from '../ipc/handler';
import { realTimers } from '../services/idleClock';
import { IdleLock, type StoreCalls } from '../services/idleLock';
import { desktopLockedPage, routeIdleLock, type IdleLockAdapter, type PageMessages } from './idleLockRouting';

/**
 * Electron's side of the automatic lock (see idleLockRouting.ts): keys reach main before the
 * page ('before-input-event'); Electron has no such event for the mouse, so the page sends
 * a throttled ping on pointer input. Messages only from the app's own page count.
 */
export function startIdleLock(store: StoreCalls, window: () => BrowserWindow | null): IdleLock {
  const messages: PageMessages = {
    send: (channel) => {
      const win = window();
      if (win && !win.isDestroyed()) win.webContents.send(channel);
    },
    next: (channel) =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(giveUp);
          ipcMain.removeListener(channel, listener);
          resolve();
        };
        const listener = (event: Electron.IpcMainEvent) => {
          if (isAppPage(event.senderFrame)) done();
        };
        // The lock has long gone ahead by then; just stop listening for a page that never answered.
        const giveUp = setTimeout(done, 60_000);
        ipcMain.on(channel, listener);
      }),
  };
  const lock = new IdleLock({
    store,
    timers: realTimers,
    page: desktopLockedPage(messages, { flush: FLUSH_CHANNEL, flushed: FLUSHED_CHANNEL, locked: LOCKED_CHANNEL }),
  });
  const adapter: IdleLockAdapter = {
    onInput: (listener) => {
      ipcMain.on(ACTIVITY_CHANNEL, (event) => {
        if (isAppPage(event.senderFrame)) listener();
      });
      const watch = (win: BrowserWindow) => win.webContents.on('before-input-event', () => listener());
      for (const win of BrowserWindow.getAllWindows()) watch(win);
      app.on('browser-window-created', (_event, win) => watch(win));
    },
    onSystemLock: (listener) => {
      powerMonitor.on('suspend', listener);
      powerMonitor.on('lock-screen', listener);
    },
  };
  routeIdleLock(adapter, lock);
  return lock;
}
