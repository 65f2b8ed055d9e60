import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { desktopLockedPage, routeIdleLock, type IdleLockAdapter, type PageMessages } from '../../../electron/main/idleLockRouting';
import { realTimers } from '../../../electron/services/idleClock';
import { IdleLock, type StoreCalls } from '../../../electron/services/idleLock';
import { DEFAULT_SETTINGS } from '../../../shared/records';
import { ok } from '../../../shared/result';

const MIN = 60_000;
beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** Electron as the lock sees it: a window's input, powerMonitor's events, the page's messages. */
function fakeElectron() {
  const input: (() => void)[] = [];
  const system: (() => void)[] = [];
  const adapter: IdleLockAdapter = { onInput: (l) => input.push(l), onSystemLock: (l) => system.push(l) };
  const sent: string[] = [];
  const waiting = new Map<string, () => void>();
  const messages: PageMessages = {
    send: (channel) => {
      sent.push(channel);
      // The renderer saves and answers at once.
      if (channel === 'flush') waiting.get('flushed')?.();
    },
    next: (channel) => new Promise<void>((resolve) => waiting.set(channel, resolve)),
  };
  return {
    adapter,
    messages,
    sent,
    key: () => input.forEach((l) => l()),
    suspend: () => system.forEach((l) => l()),
  };
}

function world() {
  const electron = fakeElectron();
  const session = { user: null as { id: string } | null, locked: false };
  const store = {
    call: async (op: string) => {
      if (op === 'session.signIn') return ((session.user = { id: 'u1' }), (session.locked = false), ok(session.user));
      if (op === 'session.lock') return ((session.locked = session.user !== null), ok({ ...session }));
      if (op === 'settings.get') return ok({ ...DEFAULT_SETTINGS, idleLockMinutes: 1 });
      return ok(null);
    },
  } as unknown as StoreCalls;
  const lock = new IdleLock({
    store,
    timers: realTimers,
    page: desktopLockedPage(electron.messages, { flush: 'flush', flushed: 'flushed', locked: 'locked' }),
  });
  routeIdleLock(electron.adapter, lock);
  return { electron, session, relay: lock.relay() };
}

describe('idle lock routing (Electron adapter, faked)', () => {
  it('input in the window keeps the session open; idle, it asks the page to save, then locks and tells it', async () => {
    const { electron, session, relay } = world();
    await relay.call('session.signIn', {});
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(MIN - 1);
      electron.key();
    }
    expect(electron.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(MIN);
    expect(electron.sent).toEqual(['flush', 'locked']);
    expect(session.locked).toBe(true);
  });

  it('suspend or the OS screen lock locks at once, after the save', async () => {
    const { electron, session, relay } = world();
    await relay.call('session.signIn', {});
    electron.suspend();
    await vi.advanceTimersByTimeAsync(0);
    expect(electron.sent).toEqual(['flush', 'locked']);
    expect(session.locked).toBe(true);
  });

  it('suspend with nobody signed in does nothing', async () => {
    const { electron, session } = world();
    electron.suspend();
    await vi.advanceTimersByTimeAsync(10 * MIN);
    expect(electron.sent).toEqual([]);
    expect(session.locked).toBe(false);
  });
});
