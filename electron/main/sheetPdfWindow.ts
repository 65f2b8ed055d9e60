import { BrowserWindow } from 'electron';
import type { SheetWindow } from './sheetPrinter';
import { secureWebPreferences } from './window';

/** What the sheet page shows once drawn; a MutationObserver, since a hidden window gets no animation frames to poll with. */
const WHEN_SHEET_DRAWN = `new Promise((resolve) => {
  const drawn = () => document.querySelector('[data-testid="map-sheet"]');
  const done = () => document.fonts.ready.then(() => resolve(true));
  if (drawn()) return done();
  const watch = new MutationObserver(() => { if (drawn()) { watch.disconnect(); done(); } });
  watch.observe(document.documentElement, { childList: true, subtree: true });
})`;

/**
 * Electron's side of printing an archive's map sheet: a hidden window with the main window's
 * sandbox and preload (its calls are the signed-in user's, through the same IPC), never
 * throttled while hidden so the map draws. Logic lives in sheetPrinter.ts; this cannot run here.
 */
export function hiddenSheetWindow(preloadFile: string): SheetWindow {
  const win = new BrowserWindow({
    show: false,
    width: 1200,
    height: 1000,
    webPreferences: { ...secureWebPreferences(preloadFile), backgroundThrottling: false },
  });
  return {
    load: (url) => win.loadURL(url),
    whenSheetDrawn: async () => {
      await win.webContents.executeJavaScript(WHEN_SHEET_DRAWN);
    },
    printToPdf: async () => new Uint8Array(await win.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true })),
    close: () => {
      if (!win.isDestroyed()) win.destroy();
    },
  };
}
