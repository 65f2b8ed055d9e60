import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { realTimers } from '../../../electron/services/idleClock';
import { IdleLock, type StoreCalls } from '../../../electron/services/idleLock';
import type { OperationName } from '../../../shared/api';
import { DEFAULT_SETTINGS } from '../../../shared/records';
import { fail, ok, type Result } from '../../../shared/result';

const MIN = 60_000;
beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A fake store: a session that can be signed in and locked, and the clinic's idle minutes. */
function fakeWorld(idleLockMinutes = 10) {
  const log: string[] = [];
  const session = { user: null as { id: string } | null, locked: false };
  const answers: Partial<Record<OperationName, (input: unknown) => Result<unknown>>> = {
    'session.signIn': () => ((session.user = { id: 'u1' }), (session.locked = false), ok(session.user)),
    'session.signOut': () => ((session.user = null), ok(null)),
    'session.lock': () => ((session.locked = session.user !== null), ok({ ...session })),
    'session.status': () => ok({ ...session }),
    'settings.get': () => ok({ ...DEFAULT_SETTINGS, idleLockMinutes }),
    'settings.update': (input) => ok({ ...DEFAULT_SETTINGS, ...(input as object) }),
    'stages.save': () => (session.locked ? fail('locked', 'locked') : ok({})),
  };
  const store = {
    call: async (op: OperationName, input: unknown) => {
      log.push(op);
      return answers[op]?.(input) ?? ok(null);
    },
  } as unknown as StoreCalls;
  let flushDone: (() => void) | null = null;
  const page = {
    flushes: 0,
    shown: 0,
    // The page saves its unsaved gesture, and answers when the test says the save finished.
    flush: () => new Promise<void>((resolve) => {
      page.flushes++;
      log.push('flush');
      flushDone = resolve;
    }),
    showLocked: () => {
      page.shown++;
      log.push('locked shown');
    },
  };
  const lock = new IdleLock({ store, page, timers: realTimers, flushTimeoutMs: 3000 });
  const relay = lock.relay();
  return { log, session, page, lock, relay, finishFlush: () => flushDone?.() };
}

describe('IdleLock', () => {
  it('after the clinic idle time: asks the page to save, then locks, then shows the lock screen', async () => {
    const w = fakeWorld(2);
    await w.relay.call('session.signIn', { userId: 'u1' });
    await vi.advanceTimersByTimeAsync(0); // the settings read after sign-in
    expect(w.lock.clock.idleMinutes).toBe(2);
    await vi.advanceTimersByTimeAsync(2 * MIN - 1);
    expect(w.page.flushes).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(w.page.flushes).toBe(1);
    expect(w.session.locked).toBe(false); // waits for the save
    w.finishFlush();
    await vi.advanceTimersByTimeAsync(0);
    expect(w.session.locked).toBe(true);
    expect(w.log.slice(-3)).toEqual(['flush', 'session.lock', 'locked shown']);
  });

  it('locks after the bounded wait when the page does not answer', async () => {
    const w = fakeWorld(1);
    await w.relay.call('session.signIn', {});
    await vi.advanceTimersByTimeAsync(MIN);
    expect(w.session.locked).toBe(false);
    await vi.advanceTimersByTimeAsync(2999);
    expect(w.session.locked).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(w.session.locked).toBe(true);
    expect(w.page.shown).toBe(1);
  });

  it('activity keeps the session open; nothing counts while signed out or locked', async () => {
    const w = fakeWorld(1);
    await w.lock.lockNow(); // nobody signed in: nothing to lock
    expect(w.log).toEqual([]);
    await w.relay.call('session.signIn', {});
    for (let i = 0; i < 10; i++) {
      await vi.advanceTimersByTimeAsync(MIN - 1000);
      w.lock.activity();
    }
    expect(w.page.flushes).toBe(0);
    await w.relay.call('session.signOut', {});
    await vi.advanceTimersByTimeAsync(10 * MIN);
    expect(w.page.flushes).toBe(0);
  });

  it('Lock from the page stops the clock; a reload of a locked page stays locked, of an open one counts again', async () => {
    const w = fakeWorld(1);
    await w.relay.call('session.signIn', {});
    await w.relay.call('session.lock', {});
    expect(w.lock.clock.running).toBe(false);
    await w.relay.call('session.status', {});
    expect(w.lock.clock.running).toBe(false);
    await w.relay.call('session.signIn', {}); // unlock
    expect(w.lock.clock.running).toBe(true);
    w.lock.clock.stop();
    await w.relay.call('session.status', {});
    expect(w.lock.clock.running).toBe(true);
  });

  it('a changed setting applies at once', async () => {
    const w = fakeWorld(10);
    await w.relay.call('session.signIn', {});
    await vi.advanceTimersByTimeAsync(5 * MIN);
    // The relay reads the answer of settings.update as it passes: one minute from now.
    await w.relay.call('settings.update', { idleLockMinutes: 1 });
    expect(w.lock.clock.idleMinutes).toBe(1);
    await vi.advanceTimersByTimeAsync(MIN);
    expect(w.page.flushes).toBe(1);
  });

  it('suspend or screen lock while locking is one lock', async () => {
    const w = fakeWorld(1);
    await w.relay.call('session.signIn', {});
    const a = w.lock.lockNow();
    const b = w.lock.lockNow();
    w.finishFlush();
    await Promise.all([a, b]);
    expect(w.page.flushes).toBe(1);
    expect(w.page.shown).toBe(1);
  });
});
