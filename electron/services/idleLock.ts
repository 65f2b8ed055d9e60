import type { OperationName, OpResult } from '../../shared/api';
import type { Result } from '../../shared/result';
import { IdleClock, type Timers } from './idleClock';

/** The store as the relaying process calls it (StoreClient in the app and the test host). */
export interface StoreCalls {
  call<K extends OperationName>(op: K, input: unknown): Promise<Result<OpResult<K>>>;
}

/** The page showing the app, as the lock needs it. */
export interface LockedPage {
  /** Save unsaved map gestures; resolves when the page says they are saved. */
  flush(): Promise<void>;
  /** The session is locked: drop patient views and cached records, show the lock screen. */
  showLocked(): void;
}

export interface IdleLockOptions {
  readonly store: StoreCalls;
  readonly page: LockedPage;
  readonly timers: Timers;
  /** How long locking waits for the page's saves before it locks anyway. */
  readonly flushTimeoutMs?: number;
  readonly minuteMs?: number;
}

/**
 * The automatic lock, in the process that relays the page's calls to the store (Electron's
 * main process, or the test host standing in for it). It learns the session's state from
 * the calls it relays, so it needs no channel of its own into the store's thread: a sign-in
 * or an open session starts the idle clock, a lock or sign-out stops it, settings set its
 * length. When the clock fires (or the computer sleeps or its screen locks) the page saves
 * first, for a short bounded time, then the session locks and the page is told.
 */
export class IdleLock {
  readonly clock: IdleClock;
  private locking: Promise<void> | null = null;
  private readonly flushTimeoutMs: number;

  constructor(private readonly options: IdleLockOptions) {
    this.clock = new IdleClock(options.timers, () => void this.lock(), options.minuteMs);
    this.flushTimeoutMs = options.flushTimeoutMs ?? 3000;
  }

  /** The store, with every answer watched; the transport relays the page's calls through this. */
  relay(): StoreCalls {
    return {
      call: async (op, input) => {
        const result = await this.options.store.call(op, input);
        this.observe(op, result);
        return result;
      },
    };
  }

  /** Input in a Layermap window. */
  activity(): void {
    this.clock.activity();
  }

  /** Locks at once (idle, suspend, OS screen lock); does nothing unless a session is open. */
  lockNow(): Promise<void> {
    if (!this.clock.running) return this.locking ?? Promise.resolve();
    return this.lock();
  }

  private lock(): Promise<void> {
    this.locking ??= this.lockSequence().finally(() => (this.locking = null));
    return this.locking;
  }

  private async lockSequence(): Promise<void> {
    this.clock.stop();
    await this.savedOrTimedOut();
    const status = await this.options.store.call('session.lock', {});
    // Signed out meanwhile: nothing is locked, nothing to show.
    if (status.ok && status.value.locked) this.options.page.showLocked();
  }

  private savedOrTimedOut(): Promise<void> {
    return new Promise<void>((resolve) => {
      const handle = this.options.timers.setTimeout(resolve, this.flushTimeoutMs);
      this.options.page.flush().then(
        () => {
          this.options.timers.clearTimeout(handle);
          resolve();
        },
        // A page that cannot say it saved still gets locked after the wait.
        () => undefined,
      );
    });
  }

  /** A session opened: count idle time, for as long as the clinic set. */
  private open(): void {
    this.clock.start();
    void this.options.store.call('settings.get', {}).then((r) => {
      if (r.ok) this.clock.setMinutes(r.value.idleLockMinutes);
    });
  }

  private observe<K extends OperationName>(op: K, result: Result<OpResult<K>>): void {
    if (!result.ok) {
      if (result.error.code === 'locked') this.clock.stop();
      return;
    }
    const value: unknown = result.value;
    switch (op) {
      case 'session.signIn':
        return this.open();
      case 'session.status': {
        // The page (re)loaded: an open session counts from now, a locked one stays locked.
        const status = value as OpResult<'session.status'>;
        if (status.user && !status.locked) {
          if (!this.clock.running) this.open();
        } else this.clock.stop();
        return;
      }
      case 'session.signOut':
      case 'session.lock':
        this.clock.stop();
        return;
      case 'settings.get':
      case 'settings.update':
        this.clock.setMinutes((value as OpResult<'settings.get'>).idleLockMinutes);
        return;
      default:
        return;
    }
  }
}
