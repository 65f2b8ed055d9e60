import type { ArchiveSheetPrinter, PrintedPage } from '../worker/archiveSheets';

/** One page that prints a map sheet: Electron's hidden window (sheetPdfWindow.ts), a fake in tests. */
export interface SheetWindow {
  load(url: string): Promise<void>;
  /** Resolves once the sheet (and its fonts) are drawn: the print page's `data-testid="map-sheet"`. */
  whenSheetDrawn(): Promise<void>;
  printToPdf(): Promise<Uint8Array>;
  /** Always called, whatever happened: no hidden window outlives its sheet. */
  close(): void;
}

/** Longer than any sheet takes on a slow computer; shorter than the export's own wait (archiveSheets.ts). */
export const SHEET_WINDOW_DEADLINE_MS = 45_000;

/**
 * Prints case archives' map sheets (and chart exports' PDFs) in windows of their own, one window at a time (two
 * exports never print side by side), each closed when its sheet is printed, fails, or
 * takes longer than `deadlineMs`. The page reads its records through the store like any page.
 */
export function sheetPrinter(openWindow: () => SheetWindow, pageUrl: (page: PrintedPage) => string, deadlineMs = SHEET_WINDOW_DEADLINE_MS): ArchiveSheetPrinter {
  let queue: Promise<unknown> = Promise.resolve();
  const printOne = async (page: PrintedPage): Promise<Uint8Array> => {
    const win = openWindow();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('the sheet took too long to draw')), deadlineMs)));
    try {
      const printing = (async () => {
        await win.load(pageUrl(page));
        await win.whenSheetDrawn();
        return win.printToPdf();
      })();
      return await Promise.race([printing, late]);
    } finally {
      clearTimeout(timer);
      win.close();
    }
  };
  const inTurn = (page: PrintedPage): Promise<Uint8Array> => {
    const mine = queue.then(() => printOne(page));
    queue = mine.catch(() => undefined);
    return mine;
  };
  return {
    print: (lesion) => inTurn({ kind: 'lesion', id: lesion.id }),
    printChart: (caseId, photos) => inTurn({ kind: 'chart', caseId, photos }),
  };
}
