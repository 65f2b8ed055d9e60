import { app, BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron';
import { printPage, savePageAsPdf } from './printing';

/** The native menu with the platform's standard items and accelerators. */
export function installMenu(): void {
  const mac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Print…', accelerator: 'CmdOrCtrl+P', click: () => focused((wc) => printPage(wc)) },
        { label: 'Save as PDF…', accelerator: 'CmdOrCtrl+Shift+S', click: () => focused((wc) => void savePageAsPdf(wc)) },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        // No accelerators on Undo/Redo: Ctrl/⌘+Z must reach the page, where the map editor
        // undoes whole gestures (and text fields undo typing). The items act on text fields.
        { label: 'Undo typing', click: () => focused((wc) => wc.undo()) },
        { label: 'Redo typing', click: () => focused((wc) => wc.redo()) },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }]),
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: `Layermap ${app.getVersion()}`, enabled: false }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function focused(act: (contents: Electron.WebContents) => void): void {
  const win = BrowserWindow.getFocusedWindow();
  if (win) act(win.webContents);
}
