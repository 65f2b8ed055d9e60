import { BrowserWindow, dialog, ipcMain } from 'electron';
import { CHOOSE_PATH_CHANNEL } from '../../shared/api/operations';
import { fail } from '../../shared/result';
import { isAppPage } from '../ipc/handler';
import { choosePath, type OpenDialog } from './pathPicker';

/** Electron's pickers behind choosePath, for the app's own page only, modal to its window. */
export function registerPathPicker(): void {
  ipcMain.handle(CHOOSE_PATH_CHANNEL, (event, kind: unknown) => {
    if (!isAppPage(event.senderFrame)) return fail('forbidden', 'This request did not come from the Layermap window and was refused.');
    const owner = BrowserWindow.fromWebContents(event.sender);
    const electronDialog: OpenDialog = {
      showOpenDialog: (options) => (owner ? dialog.showOpenDialog(owner, options) : dialog.showOpenDialog(options)),
    };
    return choosePath(electronDialog, kind);
  });
}
