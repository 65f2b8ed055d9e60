import { app, BrowserWindow, ipcMain, Menu, type MenuItemConstructorOptions } from 'electron';
import { MAP_EDIT_CHANNEL, MAP_FOCUS_CHANNEL } from '../../shared/api/operations';
import { editMenuItems, MapFocus, routeEdit, type EditMenuItem } from './editMenu';
import { printPage, savePageAsPdf } from './printing';

const mapFocus = new MapFocus();

/** The native menu with the platform's standard items and accelerators. */
export function installMenu(): void {
  const mac = process.platform === 'darwin';
  ipcMain.on(MAP_FOCUS_CHANNEL, (event, focused: unknown) => {
    const page = event.sender;
    if (!mapFocus.has(page.id)) page.once('destroyed', () => mapFocus.forget(page.id));
    mapFocus.set(page.id, focused === true);
  });
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
    { label: '&Edit', submenu: editMenuItems(process.platform).map(editItem) },
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

/*
 * Undo/Redo carry their accelerators again. The page sees the key first: the map editor
 * handles Ctrl/⌘+Z itself when it has the focus; the menu item (and a click on it) is routed
 * by editMenu.ts to the map or to the focused text field's native undo.
 */
function editItem(item: EditMenuItem): MenuItemConstructorOptions {
  if (item.separator) return { type: 'separator' };
  if (item.role) return { role: item.role };
  const action = item.action;
  if (!action) return { label: item.label };
  return {
    label: item.label,
    accelerator: item.accelerator,
    click: () =>
      focused((wc) =>
        routeEdit(action, wc.id, mapFocus, {
          sendToMap: (a) => wc.send(MAP_EDIT_CHANNEL, a),
          nativeEdit: (a) => (a === 'undo' ? wc.undo() : wc.redo()),
        }),
      ),
  };
}

function focused(act: (contents: Electron.WebContents) => void): void {
  const win = BrowserWindow.getFocusedWindow();
  if (win) act(win.webContents);
}
