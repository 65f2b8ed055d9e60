import { BrowserWindow, dialog, ipcMain, type WebContents } from 'electron';
import { SAVE_PDF_CHANNEL, SAVE_TEXT_CHANNEL } from '../../shared/api/operations';
import { writeOwnerOnly } from '../services/ownerOnlyFile';
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
    await writeOwnerOnly(choice.filePath, pdf);
    return ok(choice.filePath);
  } catch (e) {
    return fail('storage', `The PDF could not be saved: ${e instanceof Error ? e.message : String(e)}. Check the folder and the free disk space.`);
  }
}

/**
 * Save… of an export the renderer made (coding CSV or JSON, audit CSV): through the save
 * dialog, written readable by the user only. Downloads are refused (security.ts), so no
 * export reaches the disk another way.
 */
export async function saveExportText(contents: WebContents, request: unknown): Promise<Result<string | null>> {
  const r = request as { fileName?: unknown; text?: unknown } | null;
  if (typeof r?.fileName !== 'string' || typeof r.text !== 'string' || r.fileName.length > 200 || /[\\/]/.test(r.fileName)) {
    return fail('invalid_input', 'The export was not a file name and text.');
  }
  try {
    const owner = BrowserWindow.fromWebContents(contents);
    const extension = r.fileName.split('.').pop() ?? 'txt';
    const options = { defaultPath: r.fileName, filters: [{ name: extension.toUpperCase(), extensions: [extension] }] };
    const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return ok(null);
    await writeOwnerOnly(choice.filePath, r.text);
    return ok(choice.filePath);
  } catch (e) {
    return fail('storage', `The file could not be saved: ${e instanceof Error ? e.message : String(e)}. Check the folder and the free disk space.`);
  }
}

/** Print…: the system print dialog. */
export function printPage(contents: WebContents): void {
  contents.print({ silent: false, printBackground: true });
}

export function registerPrinting(): void {
  const refused = () => fail('forbidden', 'This request did not come from the Layermap window and was refused.');
  ipcMain.handle(SAVE_PDF_CHANNEL, (event) => (isAppPage(event.senderFrame) ? savePageAsPdf(event.sender) : refused()));
  ipcMain.handle(SAVE_TEXT_CHANNEL, (event, request: unknown) => (isAppPage(event.senderFrame) ? saveExportText(event.sender, request) : refused()));
}
