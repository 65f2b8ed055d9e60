import type { ArchiveLesion } from '../../shared/api';
import type { SheetPdfSource } from '../store/archiveExport';

/** How long one sheet may take to print before the archive is made without it. */
export const SHEET_PDF_TIMEOUT_MS = 60_000;

/** Who prints map sheets for case archives (a hidden window in Electron, a Chromium page in the test host). */
export interface ArchiveSheetPrinter {
  readonly print: SheetPdfSource;
  /** The chart export's PDF: the case's map sheet and its operative note, one document. */
  readonly printChart?: (caseId: string, photos: boolean) => Promise<Uint8Array>;
  readonly timeoutMs?: number;
}

/** A page printed for an export: a lesion's sheet for an archive, or a case's chart (sheet and operative note). */
export type PrintedPage = { readonly kind: 'lesion'; readonly id: string } | { readonly kind: 'chart'; readonly caseId: string; readonly photos: boolean };

/**
 * The page's route in the app (renderer/src/app/route.ts). An archive's sheet never carries
 * photos; a chart carries them only when the user chose so.
 */
export function printedPagePath(page: PrintedPage): string {
  return page.kind === 'lesion'
    ? `/print/lesion/${encodeURIComponent(page.id)}/letter/archive`
    : `/print/chart/${encodeURIComponent(page.caseId)}/letter${page.photos ? '/photos' : ''}`;
}

/** The chart PDF, printed before the export as archive sheets are; it fails (no timeout-and-go-on): a chart without its PDF is no export. */
export async function printChartPdf(printer: ArchiveSheetPrinter, caseId: string, photos: boolean): Promise<Uint8Array | null> {
  if (!printer.printChart) return null;
  const pdf = await withTimeout(printer.printChart(caseId, photos), printer.timeoutMs ?? SHEET_PDF_TIMEOUT_MS).catch(() => null);
  return pdf && pdf.length > 0 ? pdf : null;
}

/**
 * Prints, one after the other, the map sheets of the lesions an archive export will carry.
 * This runs before the export, not inside it: the store's thread answers one call at a time,
 * and a sheet's page reads the records through that same thread. A sheet that fails, or is
 * not printed in time, is left out: the export's result says how many sheets it carries.
 */
export async function printArchiveSheets(lesions: readonly ArchiveLesion[], printer: ArchiveSheetPrinter): Promise<Map<string, Uint8Array>> {
  const printed = new Map<string, Uint8Array>();
  for (const lesion of lesions) {
    const pdf = await withTimeout(printer.print(lesion), printer.timeoutMs ?? SHEET_PDF_TIMEOUT_MS).catch(() => null);
    if (pdf && pdf.length > 0) printed.set(lesion.id, pdf);
  }
  return printed;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
