import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { OperationName, OpResult } from '../../shared/api';
import type { BackupProgress } from '../../shared/backup/status';
import type { StoreChange } from '../../shared/api/storeChange';
import { fail, type Result } from '../../shared/result';
import type { KeySealer } from '../services/sealedKey';
import type { IntegrityReport } from '../store/integrity';
import { StoreOpenError } from '../store/openError';
import { printArchiveSheets, printChartPdf, type ArchiveSheetPrinter } from './archiveSheets';
import type { FromWorker, StoreWorkerData, StoreWorkerOptions, ToWorker } from './protocol';

/**
 * The store as the process that shows the app sees it: an async call per operation, answered
 * by the store's worker thread. Electron's main process and the test host both use this, so
 * the window (or the host's HTTP server) keeps answering whatever the database is doing.
 */
export interface StoreClient {
  readonly path: string;
  readonly schemaVersion: number;
  /** After an unclean exit: what the background integrity check found. Null after a clean exit. */
  readonly integrity: Promise<IntegrityReport> | null;
  call<K extends OperationName>(op: K, input: unknown): Promise<Result<OpResult<K>>>;
  /** A running backup's progress (Back up now, or the schedule's); returns the unsubscribe. */
  onBackupProgress(listener: (progress: BackupProgress) => void): () => void;
  /** Clinic mode: another workstation's committed changes, as they are heard; returns the unsubscribe. */
  onStoreChanged(listener: (change: StoreChange) => void): () => void;
  close(): Promise<void>;
}

/**
 * How to start the thread: the app runs the built storeWorkerBoot.cjs (with a folder for V8's
 * code cache); the test host runs a small loader script with the TypeScript source's path as
 * `tsEntry` (see test/host/tsWorker.mjs).
 */
export interface WorkerEntry {
  readonly file: string | URL;
  readonly tsEntry?: string;
  readonly codeCacheDir?: string;
}

/** The built store thread's first script, in the app's out/main folder. */
export const BUILT_STORE_WORKER = 'storeWorkerBoot.cjs';

/** The worker's TypeScript source, for a loader script that can run it. */
export const STORE_WORKER_SOURCE = fileURLToPath(new URL('./storeWorker.ts', import.meta.url));

/**
 * Starts the store's thread and opens the database; a refused file rejects with StoreOpenError.
 * With `sheets`, case archives carry their lesions' map sheets and chart exports their PDF (the thread cannot print them);
 * with `sealer`, Settings → Database seals the server password with this process's key store.
 */
export function startStoreWorker(options: StoreWorkerOptions, entry: WorkerEntry, sheets?: ArchiveSheetPrinter, sealer?: KeySealer): Promise<StoreClient> {
  const data: StoreWorkerData = { options, tsEntry: entry.tsEntry, codeCacheDir: entry.codeCacheDir };
  const worker = new Worker(entry.file, { workerData: data });
  const pending = new Map<number, (result: Result<unknown>) => void>();
  let nextId = 1;
  let closing: Promise<void> | null = null;
  let gone: string | null = null;
  let integrityReport: ((report: IntegrityReport) => void) | null = null;
  const progressListeners = new Set<(progress: BackupProgress) => void>();
  const changeListeners = new Set<(change: StoreChange) => void>();

  // A crashed thread answers everything still open, and everything after, with a clear failure.
  const lost = (why: string) => {
    gone = why;
    for (const resolve of pending.values()) resolve(fail('internal', why));
    pending.clear();
  };

  return new Promise<StoreClient>((resolve, reject) => {
    let opened = false;
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'opened':
          opened = true;
          resolve(client(message.path, message.schemaVersion, message.integrityCheck));
          break;
        case 'integrity':
          integrityReport?.(message.report);
          break;
        case 'open-failed':
          reject(message.kind === 'internal' ? new Error(message.message) : new StoreOpenError(message.kind, message.message));
          break;
        case 'result':
        case 'result-text': {
          const answer = pending.get(message.id);
          pending.delete(message.id);
          answer?.(message.type === 'result' ? message.result : { ok: true, value: JSON.parse(message.text) as unknown });
          break;
        }
        case 'backup-progress':
          for (const listener of progressListeners) listener(message.progress);
          break;
        case 'store-changed':
          for (const listener of changeListeners) listener(message.change);
          break;
        case 'sealer':
          void answerSealer(message.id, message.method, message.text ?? '');
          break;
        case 'closed':
          break;
      }
    });
    worker.on('error', (e) => {
      if (!opened) reject(e);
      lost(`The database thread stopped (${e.message}). Nothing more can be saved: restart Layermap.`);
    });
    worker.on('exit', (code) => {
      if (!opened) reject(new Error(`The database thread ended before the database was opened (exit ${code}).`));
      if (!closing) lost(`The database thread ended unexpectedly (exit ${code}). Nothing more can be saved: restart Layermap.`);
    });
  });

  async function answerSealer(id: number, method: 'available' | 'backend' | 'seal', text: string): Promise<void> {
    try {
      if (!sealer) throw new Error('This Layermap has no key store to keep a server password in.');
      const value = method === 'available' ? await sealer.available() : method === 'backend' ? await sealer.backend() : new Uint8Array(await sealer.seal(text));
      worker.postMessage({ type: 'sealer-answer', id, ok: true, value } satisfies ToWorker);
    } catch (e) {
      worker.postMessage({ type: 'sealer-answer', id, ok: false, message: e instanceof Error ? e.message : String(e) } satisfies ToWorker);
    }
  }

  function send<K extends OperationName>(op: K, input: unknown, printed?: ReadonlyMap<string, Uint8Array>): Promise<Result<OpResult<K>>> {
    return new Promise<Result<OpResult<K>>>((resolve) => {
      if (gone !== null || closing) return resolve(fail('internal', gone ?? 'Layermap is closing its database.'));
      const id = nextId++;
      pending.set(id, resolve as (r: Result<unknown>) => void);
      worker.postMessage({ type: 'call', id, op, input, ...(printed ? { sheets: printed } : {}) } satisfies ToWorker);
    });
  }

  // The sheets are printed first, while the thread is free to answer the sheet pages' reads.
  // Where the cases cannot be listed (no such case, the file exists…) the export says why itself: same input, same checks.
  async function exportWithSheets(input: unknown, printer: ArchiveSheetPrinter): Promise<Result<OpResult<'archive.export'>>> {
    const lesions = await send('archive.lesions', input);
    const printed = lesions.ok ? await printArchiveSheets(lesions.value, printer) : undefined;
    return send('archive.export', input, printed);
  }

  // The chart's PDF likewise: checked first (signed case, folder, new names), printed, then written with it.
  async function exportChartWithPdf(input: unknown, printer: ArchiveSheetPrinter): Promise<Result<OpResult<'chart.export'>>> {
    const checked = await send('chart.check', input);
    if (!checked.ok) return checked;
    const pdf = await printChartPdf(printer, checked.value.caseId, checked.value.photos);
    return send('chart.export', input, pdf ? new Map([[checked.value.caseId, pdf]]) : undefined);
  }

  // A declaration (hoisted): this code runs after the function's return above, from the thread's messages.
  function withPrinted<K extends OperationName>(op: K, input: unknown): Promise<Result<OpResult<K>>> {
    if (op === 'archive.export' && sheets) return exportWithSheets(input, sheets) as Promise<Result<OpResult<K>>>;
    if (op === 'chart.export' && sheets) return exportChartWithPdf(input, sheets) as Promise<Result<OpResult<K>>>;
    return send(op, input);
  }

  function client(path: string, schemaVersion: number, integrityCheck: boolean): StoreClient {
    const integrity = integrityCheck
      ? new Promise<IntegrityReport>((resolve) => {
          integrityReport = resolve;
          worker.once('exit', () =>
            resolve({ status: 'not-checked', message: `Layermap could not finish checking its database at ${path} for damage. It will check again at the next start.` }),
          );
        })
      : null;
    return {
      path,
      schemaVersion,
      integrity,
      call: withPrinted,
      onBackupProgress: (listener) => {
        progressListeners.add(listener);
        return () => void progressListeners.delete(listener);
      },
      onStoreChanged: (listener) => {
        changeListeners.add(listener);
        return () => void changeListeners.delete(listener);
      },
      close: () => {
        closing ??= new Promise<void>((done) => {
          worker.once('exit', () => done());
          if (gone !== null) return void worker.terminate();
          worker.postMessage({ type: 'close' } satisfies ToWorker);
        });
        return closing;
      },
    };
  }
}
