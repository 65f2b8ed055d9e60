import { performance } from 'node:perf_hooks';
import type { OperationName } from '../../shared/api/operations';
import { fail, type Result } from '../../shared/result';
import type { ServiceContext } from '../services/context';
import { dispatch, sqliteCode } from '../services/dispatch';

export const BUSY_MESSAGE = (seconds: number) =>
  `The database is busy in another program (Layermap waited ${seconds} s). Nothing was saved; try again in a moment.`;

interface Waiting {
  readonly id: number;
  readonly op: OperationName;
  readonly input: unknown;
  readonly since: number;
  /** Map sheets printed for an archive export, by lesion id (see ToWorker). */
  readonly sheets?: ReadonlyMap<string, Uint8Array>;
}

/**
 * Answers calls in order on the store's thread, one at a time: each call's operation finishes
 * (its transaction committed or rolled back) before the next starts. When another program
 * holds the database's write lock, a change waits here — not inside SQLite, which would stop
 * the thread — and is tried again every few milliseconds until `timeoutMs` has passed; then it
 * is refused with a clear message. Meanwhile later calls still run, with the connection set
 * read-only (`query_only`): reads are answered at once, and any later change joins the wait
 * behind the earlier ones, so changes are never reordered.
 */
export class RequestQueue {
  private readonly waiting: Waiting[] = [];
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** The call (or retry) running now, and everything queued behind it. */
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly timeoutMs: number,
    private readonly answer: (id: number, result: Result<unknown>) => void,
    private readonly retryMs = 20,
    private readonly now: () => number = () => performance.now(),
  ) {}

  push(id: number, op: OperationName, input: unknown, sheets?: ReadonlyMap<string, Uint8Array>): void {
    if (this.stopped) return this.answer(id, fail('storage', 'Layermap is closing its database; this was not done.'));
    const call: Waiting = { id, op, input, since: this.now(), ...(sheets ? { sheets } : {}) };
    this.run(() => this.first(call));
  }

  /**
   * Stops taking calls and retrying; calls already queued are answered, and what still waits
   * for the lock is refused (the database is closing). Resolves when nothing is running.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.tail;
    for (const call of this.waiting.splice(0)) this.answer(call.id, fail('storage', 'Layermap closed its database before this change could be saved; it was not saved.'));
    this.setReadOnly(false);
  }

  private run(step: () => Promise<void>): void {
    this.tail = this.tail.then(step, step);
  }

  private async first(call: Waiting): Promise<void> {
    if (this.waiting.length > 0) {
      // Read-only while earlier changes wait: a change here fails fast and queues behind them.
      if (!(await this.attempt(call))) this.waiting.push(call);
      return;
    }
    if (!(await this.attempt(call))) {
      this.waiting.push(call);
      this.setReadOnly(true);
      this.schedule();
    }
  }

  /** Runs a call; false when it needs the write lock it cannot have now. */
  private async attempt(call: Waiting): Promise<boolean> {
    // The sheets belong to this call alone: an export without them carries the records only.
    const sheets = call.sheets;
    this.ctx.sheetPdf = sheets ? (lesion) => Promise.resolve(sheets.get(lesion.id) ?? null) : undefined;
    this.ctx.chartPdf = sheets ? (caseId) => Promise.resolve(sheets.get(caseId) ?? null) : undefined;
    try {
      this.answer(call.id, await dispatch(this.ctx, call.op, call.input, (e) => isLockError(e, this.readOnly)));
      return true;
    } catch {
      return false;
    } finally {
      this.ctx.sheetPdf = undefined;
      this.ctx.chartPdf = undefined;
    }
  }

  private async retry(): Promise<void> {
    if (this.stopped) return;
    this.setReadOnly(false);
    while (this.waiting.length > 0) {
      const call = this.waiting[0] as Waiting;
      if (await this.attempt(call)) {
        this.waiting.shift();
        continue;
      }
      if (this.now() - call.since < this.timeoutMs) break;
      this.waiting.shift();
      this.answer(call.id, fail('storage', BUSY_MESSAGE(Math.round(this.timeoutMs / 100) / 10)));
    }
    if (this.waiting.length > 0) {
      this.setReadOnly(true);
      this.schedule();
    }
  }

  private schedule(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.run(() => this.retry());
    }, this.retryMs);
  }

  private readOnly = false;

  private setReadOnly(on: boolean): void {
    if (on === this.readOnly) return;
    // The queue waits for another program's lock on the SQLite file; a server has no such lock.
    if (this.ctx.store.engine !== 'sqlite') return;
    this.ctx.store.db.pragma(`query_only = ${on ? 'ON' : 'OFF'}`);
    this.readOnly = on;
  }
}

/**
 * Another connection has the lock, or this one was set read-only because changes are waiting
 * (only then is "read-only" ours: a read-only file is a real failure, answered at once).
 */
function isLockError(e: unknown, queryOnly: boolean): boolean {
  const code = sqliteCode(e);
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || (queryOnly && code.startsWith('SQLITE_READONLY'));
}
