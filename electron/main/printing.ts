import { writeFile } from 'node:fs/promises';
import { BrowserWindow, dialog, ipcMain, type WebContents } from 'electron';
import { SAVE_PDF_CHANNEL } from '../../shared/api/operations';
import { fail, ok, type Result } from '../../shared/result';
import { isAppPage } from '../ipc/handler';


/**
 * Save as PDF…: the page as it is (the map sheet page sets its paper size), through the
 * save dialog. The file is the user's explicit export, readable by them only.
 */
export async function savePageAsPdf(contents: WebContents): Promise<Result<string | null>> {
  try {
    const pdf = await contents.printToPDF({ preferCSSPageSize: true, printBackground: true });
    const owner = BrowserWindow.fromWebContents(contents);
    const options = { defaultPath: 'layermap-map-sheet.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] };
    const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return ok(null);
    await writeFile(choice.filePath, pdf, { mode: 0o600 });
    return ok(choice.filePath);
  } catch (e) {
    return fail('storage', `The PDF could not be saved: ${e instanceof Error ? e.message : String(e)}. Check the folder and the free disk space.`);
  }
}

/** Print…: the system print dialog. */
export function printPage(contents: WebContents): void {
  contents.print({ silent: false, printBackground: true });
}

export function registerPrinting(): void {
  ipcMain.handle(SAVE_PDF_CHANNEL, (event) =>
    isAppPage(event.senderFrame) ? savePageAsPdf(event.sender) : fail('forbidden', 'This request did not come from the Layermap window and was refused.'),
  );
}
