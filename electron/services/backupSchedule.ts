import { backupFolder, backupNow, changedSinceLastBackup } from './backupOps';
import type { ServiceContext } from './context';
import type { Timers } from './idleClock';
import { checkBackupFolder, listBackups } from '../store/backups';

/** How often the schedule looks whether a backup is due; a daily backup needs no finer clock. */
export const BACKUP_CHECK_MS = 60 * 60_000;
/** The first look comes soon after start, so a computer switched on once a day still backs up. */
export const BACKUP_FIRST_CHECK_MS = 2 * 60_000;
/** A look that finds a write under way tries again this much later (VACUUM INTO cannot run inside a transaction). */
export const BACKUP_RETRY_MS = 60_000;
const DAY_MS = 24 * 60 * 60_000;

/**
 * The automatic backups: daily, when anything changed since the newest backup, and once more
 * at quit when anything changed. It runs on the store's thread between calls; a failure is
 * reported (the "Last backup" status turns to a warning after 48 h) and never stops the app.
 */
export class BackupSchedule {
  private handle: unknown = null;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly timers: Timers,
    private readonly now: () => Date = () => new Date(),
    private readonly report: (message: string) => void = (m) => console.error(`[layermap] ${m}`),
  ) {}

  start(): void {
    this.next(BACKUP_FIRST_CHECK_MS);
  }

  stop(): void {
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
  }

  /** Whether the daily backup is due: a folder that takes backups, a change, and none for a day. */
  due(): boolean {
    const folder = backupFolder(this.ctx);
    if (!folder || checkBackupFolder(folder)) return false;
    if (!changedSinceLastBackup(this.ctx)) return false;
    const last = listBackups(folder)[0];
    return !last || this.now().getTime() - new Date(last.createdAt).getTime() >= DAY_MS;
  }

  /** At quit: a backup when anything changed since the newest one (and a folder is chosen). */
  beforeQuit(): void {
    this.stop();
    const folder = backupFolder(this.ctx);
    if (!folder || this.ctx.store.engine !== 'sqlite' || this.ctx.store.db.inTransaction || !changedSinceLastBackup(this.ctx)) return;
    this.take('at quit');
  }

  private tick(): void {
    this.handle = null;
    if (this.ctx.store.engine !== 'sqlite') return;
    if (this.ctx.store.db.inTransaction) return this.next(BACKUP_RETRY_MS);
    try {
      if (this.due()) this.take('daily');
    } catch (e) {
      this.report(`The scheduled backup check failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.next(BACKUP_CHECK_MS);
  }

  private take(when: string): void {
    try {
      backupNow(this.ctx);
    } catch (e) {
      this.report(`The ${when} backup failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private next(ms: number): void {
    this.handle = this.timers.setTimeout(() => this.tick(), ms);
  }
}
