import type http from 'node:http';
import { HOST_ACTIVITY_PATH, HOST_EVENTS_PATH, HOST_FLUSHED_PATH } from '../../shared/api/operations';
import type { LockedPage } from '../../electron/services/idleLock';
import type { StoreChange } from '../../shared/api/storeChange';
import type { BackupProgress } from '../../shared/backup/status';

export const EVENTS_PATH = HOST_EVENTS_PATH;
export const ACTIVITY_PATH = HOST_ACTIVITY_PATH;
export const FLUSHED_PATH = HOST_FLUSHED_PATH;
export const PAGE_MESSAGES: ReadonlySet<string> = new Set([EVENTS_PATH, ACTIVITY_PATH, FLUSHED_PATH]);

/**
 * The host's open pages, as the idle lock speaks to them: what Electron sends over IPC, the
 * host sends as server-sent events (one stream a page). Flushing waits until every page
 * open at the time has answered (the lock bounds the wait).
 */
export class HostPages implements LockedPage {
  private readonly streams = new Set<http.ServerResponse>();
  private waiting: { left: number; done: () => void } | null = null;

  connect(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    this.streams.add(res);
    req.on('close', () => {
      this.streams.delete(res);
      // A page that went away has nothing left to save.
      this.flushed();
    });
  }

  flush(): Promise<void> {
    if (this.streams.size === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.waiting = { left: this.streams.size, done: resolve };
      this.send('flush');
    });
  }

  /** One page says its saves are done. */
  flushed(): void {
    if (!this.waiting) return;
    this.waiting.left--;
    if (this.waiting.left <= 0) {
      this.waiting.done();
      this.waiting = null;
    }
  }

  showLocked(): void {
    this.send('locked');
  }

  closeAll(): void {
    for (const res of this.streams) res.end();
    this.streams.clear();
  }

  /** A running backup's progress, to every page (Electron sends it on BACKUP_PROGRESS_CHANNEL). */
  backupProgress(progress: BackupProgress): void {
    this.send('backup-progress', progress);
  }

  /** Clinic mode: another workstation's committed change, to every page (Electron: STORE_CHANGED_CHANNEL). */
  storeChanged(change: StoreChange): void {
    this.send('store-changed', change);
  }

  private send(event: 'flush' | 'locked' | 'backup-progress' | 'store-changed', data: unknown = {}): void {
    for (const res of this.streams) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }
}
