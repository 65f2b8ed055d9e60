import type { FromWorker, SheetPdfLesion } from './protocol';

/** How long one sheet may take to print before the archive is made without it. */
export const SHEET_PDF_TIMEOUT_MS = 60_000;

/**
 * The worker's side of printing map sheets: each request is posted to the other side and
 * answered by a 'sheet-pdf-answer' message; one that is not answered in time counts as no
 * sheet (null), so a stuck or closed renderer never hangs an archive export.
 */
export class SheetRequests {
  private nextId = 1;
  private closed = false;
  private readonly waiting = new Map<number, { resolve: (pdf: Uint8Array | null) => void; timer: ReturnType<typeof setTimeout> }>();

  constructor(
    private readonly post: (message: FromWorker) => void,
    private readonly timeoutMs = SHEET_PDF_TIMEOUT_MS,
  ) {}

  ask(lesion: SheetPdfLesion): Promise<Uint8Array | null> {
    if (this.closed) return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settle(id, null), this.timeoutMs);
      this.waiting.set(id, { resolve, timer });
      this.post({ type: 'sheet-pdf', id, lesion: { id: lesion.id, label: lesion.label, caseId: lesion.caseId } });
    });
  }

  /** A late answer (after its time-out) is dropped: the archive was already made without it. */
  answer(id: number, pdf: Uint8Array | null): void {
    // Bytes cross the thread boundary as a plain Uint8Array (structured clone).
    this.settle(id, pdf && pdf.length > 0 ? new Uint8Array(pdf) : null);
  }

  /** Closing: whatever is still waiting goes on without its sheet. */
  dropAll(): void {
    this.closed = true;
    for (const id of [...this.waiting.keys()]) this.settle(id, null);
  }

  private settle(id: number, pdf: Uint8Array | null): void {
    const entry = this.waiting.get(id);
    if (!entry) return;
    this.waiting.delete(id);
    clearTimeout(entry.timer);
    entry.resolve(pdf);
  }
}
