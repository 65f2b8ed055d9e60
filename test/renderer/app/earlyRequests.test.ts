import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/*
 * The page's first questions (renderer/src/app/earlyRequests.ts) through fakes of the preload
 * bridges: what is asked, in which case, and that each answer is taken once. Opening a lesion is
 * audited, so it must be asked only when the lesion page will show it.
 */

type Status = { user: { id: string; mustChangePassword: boolean } | null; locked: boolean };

function fakeMain(opts: { unlock: 'open' | 'ask'; status: Status }) {
  const calls: string[] = [];
  const answer = (name: string, value: unknown) => async () => {
    calls.push(name);
    return { ok: true, value };
  };
  vi.stubGlobal('window', {
    layermapDesktop: {
      unlockState: async () => {
        calls.push('unlockState');
        return { state: opts.unlock };
      },
      unlock: async () => ({ state: 'open' }),
    },
    layermap: {
      'session.status': answer('session.status', opts.status),
      'lesions.get': answer('lesions.get', { lesion: 'L1' }),
      'stages.list': answer('stages.list', []),
      'settings.get': answer('settings.get', { clinicName: 'C' }),
    },
  });
  return calls;
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const surgeon = { id: 'u1', mustChangePassword: false };

describe('early requests', () => {
  beforeEach(() => vi.resetModules());
  afterEach(() => vi.unstubAllGlobals());

  it('on a lesion address, asks for the lesion, its stages and the settings once the surgeon is known, each taken once', async () => {
    const calls = fakeMain({ unlock: 'open', status: { user: surgeon, locked: false } });
    const early = await import('../../../renderer/src/app/earlyRequests');
    early.startEarlyRequests('#/lesion/L1');
    await settle();
    expect(calls.sort()).toEqual(['lesions.get', 'session.status', 'settings.get', 'stages.list', 'unlockState']);
    expect(await early.takeEarlyUnlock()).toEqual({ state: 'open' });
    expect(await early.takeEarlySession()).toEqual({ ok: true, value: { user: surgeon, locked: false } });
    expect(await early.takeEarlyLesion('L1', 'lesion')).toEqual({ ok: true, value: { lesion: 'L1' } });
    expect(await early.takeEarlyLesion('L1', 'stages')).toEqual({ ok: true, value: [] });
    // Taken: a reload asks again.
    expect(early.takeEarlyLesion('L1', 'lesion')).toBeUndefined();
    expect(early.takeEarlySession()).toBeUndefined();
    expect(calls.filter((c) => c === 'lesions.get')).toHaveLength(1);
  });

  it.each([
    ['nobody signed in', { user: null, locked: false }],
    ['the session locked', { user: surgeon, locked: true }],
    ['a password change due', { user: { id: 'u1', mustChangePassword: true }, locked: false }],
  ])('with %s, the lesion is not asked for (its opening would be audited) until the page asks', async (_, status) => {
    const calls = fakeMain({ unlock: 'open', status });
    const early = await import('../../../renderer/src/app/earlyRequests');
    early.startEarlyRequests('#/lesion/L1');
    await settle();
    expect(calls).not.toContain('lesions.get');
    // The page, once it shows, takes the answer: asked then.
    expect(await early.takeEarlyLesion('L1', 'lesion')).toEqual({ ok: true, value: { lesion: 'L1' } });
    expect(calls.filter((c) => c === 'lesions.get')).toHaveLength(1);
  });

  it('with the database still locked, asks nothing else and drops what it holds once the unlock page takes the state', async () => {
    const calls = fakeMain({ unlock: 'ask', status: { user: surgeon, locked: false } });
    const early = await import('../../../renderer/src/app/earlyRequests');
    early.startEarlyRequests('#/lesion/L1');
    expect(await early.takeEarlyUnlock()).toEqual({ state: 'ask' });
    await settle();
    expect(calls).toEqual(['unlockState']);
    expect(early.takeEarlySession()).toBeUndefined();
    expect(early.takeEarlyLesion('L1', 'lesion')).toBeUndefined();
  });

  it('elsewhere than a lesion, asks only for the database and the session', async () => {
    const calls = fakeMain({ unlock: 'open', status: { user: surgeon, locked: false } });
    const early = await import('../../../renderer/src/app/earlyRequests');
    early.startEarlyRequests('#/case/C1');
    await settle();
    expect(calls.sort()).toEqual(['session.status', 'unlockState']);
    expect(early.takeEarlyLesion('L1', 'lesion')).toBeUndefined();
  });
});
