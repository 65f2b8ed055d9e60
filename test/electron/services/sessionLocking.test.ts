import type { SqliteStore } from '../../../electron/store/open';
import { describe, expect, it } from 'vitest';
import { ANSWERED_WHILE_LOCKED } from '../../../electron/services/dispatch';
import { OPERATION_NAMES } from '../../../shared/api/operations';
import type { ServiceContext } from '../../../electron/services/context';
import { addUser, auditCount, must, refused, reopen, seed, signInAs, useTempWorld } from '../store/helpers';
import { quartered } from '../store/maps';

/**
 * A locked session over a real SQLite file: dispatch answers nothing but who is locked,
 * unlocking, switching and signing out; the same user signing in again unlocks.
 */
const world = useTempWorld();


const lockRows = (ctx: ServiceContext<SqliteStore>) =>
  ctx.store.db.prepare("SELECT user_id AS userId, entity, entity_id AS entityId, action FROM audit_events WHERE action IN ('lock', 'unlock') ORDER BY seq").all();

async function lockedWorld() {
  const ctx = world.open(world.file());
  const s = await seed(ctx);
  const tech = await addUser(ctx, 'histotech');
  const stage = await must(ctx, 'stages.create', { lesionId: s.lesion.id, doc: quartered() });
  const status = await must(ctx, 'session.lock', {});
  return { ctx, ...s, tech, stage, status };
}

describe('locked session', () => {
  it('names only the locked user, and refuses every read and write with a clear message', async () => {
    const { ctx, surgeon, status } = await lockedWorld();
    expect(status).toMatchObject({ user: { id: surgeon.id, name: surgeon.name }, locked: true });
    expect(await must(ctx, 'session.status', {})).toMatchObject({ user: { id: surgeon.id, name: surgeon.name }, locked: true });
    const before = auditCount(ctx);
    const refusedOps = OPERATION_NAMES.filter((n) => !ANSWERED_WHILE_LOCKED.has(n));
    expect(refusedOps).toContain('cases.search');
    expect(refusedOps).toContain('stages.save');
    expect(refusedOps).toContain('users.list');
    for (const name of refusedOps) {
      expect(await refused(ctx, name, {}), name).toEqual({
        code: 'locked',
        message: 'Layermap is locked. Unlock it with your password, or switch user, to continue.',
      });
    }
    expect(auditCount(ctx)).toBe(before);
  });

  it('locking twice is one lock; locking with nobody signed in locks nothing', async () => {
    const { ctx } = await lockedWorld();
    await must(ctx, 'session.lock', {});
    expect(lockRows(ctx)).toHaveLength(1);
    await must(ctx, 'session.signOut', {});
    expect(await must(ctx, 'session.lock', {})).toMatchObject({ user: null, locked: false });
    expect(await must(ctx, 'app.info', {})).toMatchObject({ transport: 'test-host' });
  });

  it('the same user signing in again unlocks: the work is there, lock and unlock are audited', async () => {
    const { ctx, surgeon, kase, stage } = await lockedWorld();
    await signInAs(ctx, surgeon);
    expect(await must(ctx, 'session.status', {})).toMatchObject({ user: { id: surgeon.id }, locked: false });
    expect((await must(ctx, 'cases.get', { id: kase.id })).case.id).toBe(kase.id);
    expect((await must(ctx, 'stages.list', { lesionId: stage.lesionId })).map((s) => s.id)).toEqual([stage.id]);
    expect(lockRows(ctx)).toEqual([
      { userId: surgeon.id, entity: 'user', entityId: surgeon.id, action: 'lock' },
      { userId: surgeon.id, entity: 'user', entityId: surgeon.id, action: 'unlock' },
    ]);
  });

  it('another user signing in switches: their session, unlocked, no unlock in the locked user’s name', async () => {
    const { ctx, surgeon, tech } = await lockedWorld();
    await signInAs(ctx, tech);
    expect(await must(ctx, 'session.status', {})).toMatchObject({ user: { id: tech.id }, locked: false });
    expect(await must(ctx, 'worklist.list', { date: '2026-03-14' })).toBeDefined();
    expect(lockRows(ctx)).toEqual([{ userId: surgeon.id, entity: 'user', entityId: surgeon.id, action: 'lock' }]);
  });

  it('signing out of a locked session ends it: nobody is signed in and nothing is locked', async () => {
    const { ctx } = await lockedWorld();
    await must(ctx, 'session.signOut', {});
    expect(await must(ctx, 'session.status', {})).toMatchObject({ user: null, locked: false });
    // Not locked, just signed out: a read needs a sign-in again, and the sign-in list is there.
    expect((await refused(ctx, 'users.list', {})).code).toBe('no_user');
    expect(await must(ctx, 'session.signInChoices', {})).toHaveLength(2);
  });
});

describe('idle time setting', () => {
  it('is 10 minutes on a new database, 1–60 whole minutes, and survives a restart', async () => {
    const ctx = world.open(world.file());
    await seed(ctx);
    expect((await must(ctx, 'settings.get', {})).idleLockMinutes).toBe(10);
    const messages = [];
    for (const bad of [0, 61, 2.5]) messages.push((await refused(ctx, 'settings.update', { idleLockMinutes: bad })).message);
    expect(messages).toEqual([
      'Lock after idle must be at least 1 minute.',
      'Lock after idle must be at most 60 minutes.',
      'Lock after idle must be a whole number of minutes.',
    ]);
    await must(ctx, 'settings.update', { idleLockMinutes: 3 });
    const again = reopen(world, ctx);
    expect((await must(again, 'settings.get', {})).idleLockMinutes).toBe(3);
  });
});
