import type { IdleLock, LockedPage } from '../services/idleLock';

/**
 * The automatic lock's Electron side, as plain interfaces so it can be tested under Node
 * with fakes; idleLockGlue.ts fills them from Electron.
 */
export interface IdleLockAdapter {
  /** Input in a Layermap window: keys (webContents 'before-input-event') and the page's pointer pings. */
  onInput(listener: () => void): void;
  /** The computer sleeps, or its screen locks (powerMonitor 'suspend', 'lock-screen' on macOS and Windows). */
  onSystemLock(listener: () => void): void;
}

/** Input counts as activity; sleep and the OS screen lock lock at once. */
export function routeIdleLock(adapter: IdleLockAdapter, lock: Pick<IdleLock, 'activity' | 'lockNow'>): void {
  adapter.onInput(() => lock.activity());
  adapter.onSystemLock(() => void lock.lockNow());
}

/** The window's page, as the lock speaks to it. */
export interface PageMessages {
  /** Nothing is sent when the window is gone. */
  send(channel: string): void;
  /** Resolves at the page's next message on this channel. */
  next(channel: string): Promise<void>;
}

/** The page side of the lock over the window's messages: ask for the saves, wait for the answer. */
export function desktopLockedPage(page: PageMessages, channels: { flush: string; flushed: string; locked: string }): LockedPage {
  return {
    flush: () => {
      const saved = page.next(channels.flushed);
      page.send(channels.flush);
      return saved;
    },
    showLocked: () => page.send(channels.locked),
  };
}
