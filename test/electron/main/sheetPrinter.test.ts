import { describe, expect, it } from 'vitest';
import { sheetPrinter, type SheetWindow } from '../../../electron/main/sheetPrinter';
import { printArchiveSheets, printedPagePath } from '../../../electron/worker/archiveSheets';

/**
 * The hidden-window sheet printer's logic, with fake windows (Electron cannot start here):
 * one window at a time, each closed whatever happens, a sheet that never draws given up on.
 */
interface FakeLog {
  readonly events: string[];
  open: number;
  maxOpen: number;
}

function fakeWindows(log: FakeLog, behave: (url: string) => 'ok' | 'never-drawn' | 'print-fails' | 'fails-once-closed'): () => SheetWindow {
  return () => {
    let url = '';
    log.open++;
    log.maxOpen = Math.max(log.maxOpen, log.open);
    let closed = false;
    return {
      load: async (u) => {
        url = u;
        log.events.push(`load ${u}`);
        await new Promise((r) => setTimeout(r, 5));
      },
      whenSheetDrawn: () => {
        if (behave(url) === 'never-drawn') return new Promise<void>(() => undefined);
        // As Electron's executeJavaScript does when its window is destroyed under it.
        if (behave(url) === 'fails-once-closed') return new Promise<void>((_, reject) => setTimeout(() => reject(new Error('window destroyed')), 150));
        return Promise.resolve();
      },
      printToPdf: async () => {
        if (behave(url) === 'print-fails') throw new Error('printing failed');
        return new TextEncoder().encode(`%PDF ${url}`);
      },
      close: () => {
        if (closed) throw new Error('closed twice');
        closed = true;
        log.open--;
        log.events.push(`close ${url}`);
      },
    };
  };
}

const lesion = (id: string) => ({ id, label: id.toUpperCase(), caseId: 'c1' });

describe('printing archive sheets in hidden windows', () => {
  it('prints each sheet of its page in a window of its own, one at a time, and closes each', async () => {
    const log: FakeLog = { events: [], open: 0, maxOpen: 0 };
    const printer = sheetPrinter(fakeWindows(log, () => 'ok'), (p) => `app://layermap/index.html#/print/lesion/${p.kind === 'lesion' ? p.id : p.caseId}/letter`);
    // Two exports at once: their windows still open one after the other.
    const [one, two] = await Promise.all([printArchiveSheets([lesion('a'), lesion('b')], printer), printArchiveSheets([lesion('c')], printer)]);
    expect(new TextDecoder().decode(one.get('a'))).toBe('%PDF app://layermap/index.html#/print/lesion/a/letter');
    expect([...one.keys(), ...two.keys()].sort()).toEqual(['a', 'b', 'c']);
    expect(log.maxOpen).toBe(1);
    expect(log.open).toBe(0);
    expect(log.events.filter((e) => e.startsWith('close'))).toHaveLength(3);
  });

  it('prints a chart export’s page (sheet and note) in its turn, at the app’s chart route', async () => {
    const log: FakeLog = { events: [], open: 0, maxOpen: 0 };
    const printer = sheetPrinter(fakeWindows(log, () => 'ok'), (p) => `app://layermap/index.html#${printedPagePath(p)}`);
    const [sheets, chart] = await Promise.all([printArchiveSheets([lesion('a')], printer), printer.printChart!('c1', true)]);
    expect(new TextDecoder().decode(sheets.get('a'))).toBe('%PDF app://layermap/index.html#/print/lesion/a/letter/archive');
    expect(new TextDecoder().decode(chart)).toBe('%PDF app://layermap/index.html#/print/chart/c1/letter/photos');
    expect(log.maxOpen).toBe(1);
    expect(log.open).toBe(0);
  });

  it('gives up on a sheet that never draws, closes its window, and goes on with the next', async () => {
    const log: FakeLog = { events: [], open: 0, maxOpen: 0 };
    const printer = sheetPrinter(fakeWindows(log, (url) => (url.includes('/stuck/') ? 'never-drawn' : url.includes('/broken/') ? 'print-fails' : 'ok')), (p) => `page/${p.kind === 'lesion' ? p.id : p.caseId}/`, 100);
    const printed = await printArchiveSheets([lesion('stuck'), lesion('broken'), lesion('fine')], printer);
    expect([...printed.keys()]).toEqual(['fine']);
    expect(log.open).toBe(0);
    expect(log.events).toEqual(['load page/stuck/', 'close page/stuck/', 'load page/broken/', 'close page/broken/', 'load page/fine/', 'close page/fine/']);
  });

  it('leaves nothing unhandled when a given-up window fails after it is closed', async () => {
    const log: FakeLog = { events: [], open: 0, maxOpen: 0 };
    const unhandled: unknown[] = [];
    const note = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', note);
    try {
      const printer = sheetPrinter(fakeWindows(log, () => 'fails-once-closed'), (p) => `page/${p.kind === 'lesion' ? p.id : p.caseId}/`, 50);
      await expect(printer.print(lesion('late'))).rejects.toThrow('took too long');
      await new Promise((r) => setTimeout(r, 300));
      expect(unhandled).toEqual([]);
      expect(log.open).toBe(0);
    } finally {
      process.off('unhandledRejection', note);
    }
  });
});
