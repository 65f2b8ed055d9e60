import { expect, it } from 'vitest';
import { reusedStatement } from '../../../electron/store/engine/reusedStatement';
import { forEachEngine } from './engines';

// A statement of the save path built once per engine and run again with new values (engine/reusedStatement.ts).
const userNamed = reusedStatement((db, v: { name: string }) => db.selectFrom('users').select(['name', 'initials']).where('name', '=', v.name));
const renameInitials = reusedStatement((db, v: { initials: string; name: string }) => db.updateTable('users').set({ initials: v.initials }).where('name', '=', v.name));
// Wrong on purpose: its shape depends on a value, which a reused statement may not do.
const shapeFromValue = reusedStatement((db, v: { initials: string | null }) => {
  const q = db.selectFrom('users').select('name');
  return v.initials === null ? q.where('initials', 'is', null) : q.where('initials', '=', v.initials);
});

forEachEngine('reused statements', (world) => {
  it('run again with new values, read and write what the builder would, on the engine of each store', async () => {
    const ctx = await world.open();
    const db = ctx.store.query;
    const now = new Date().toISOString();
    for (const [id, name, initials] of [['u1', 'Dr Ada', 'DA'], ['u2', 'Dr Bo', 'DB']]) {
      await db.insertInto('users').values({ id: id!, name: name!, initials: initials!, roles: '["surgeon"]', active: 1, version: 1, created_at: now, updated_at: now, secret_hash: null, secret_kind: null, locked_until: null, last_sign_in_at: null }).execute();
    }
    expect((await userNamed(db, { name: 'Dr Ada' })).rows).toEqual([{ name: 'Dr Ada', initials: 'DA' }]);
    expect((await userNamed(db, { name: 'Dr Bo' })).rows).toEqual([{ name: 'Dr Bo', initials: 'DB' }]);
    expect((await userNamed(db, { name: 'Dr Nobody' })).rows).toEqual([]);
    const changed = await renameInitials(db, { initials: 'BB', name: 'Dr Bo' });
    expect(changed.numAffectedRows).toBe(1n);
    expect(await db.selectFrom('users').select('initials').where('name', '=', 'Dr Bo').executeTakeFirst()).toEqual({ initials: 'BB' });
    // In a transaction as well (the save path runs in one).
    await db.transaction().execute(async (trx) => {
      expect((await userNamed(trx, { name: 'Dr Bo' })).rows).toEqual([{ name: 'Dr Bo', initials: 'BB' }]);
    });
  });

  it('a statement whose shape depends on its values is caught in test runs, not run wrong', async () => {
    const ctx = await world.open();
    const db = ctx.store.query;
    // Built first with stand-ins (not null), so the kept shape is the "=" one: a null then would compare "= null" and match nothing.
    await shapeFromValue(db, { initials: 'DA' });
    await expect(shapeFromValue(db, { initials: null })).rejects.toThrow(/differs from the one its builder makes/);
  });

  it('a value the statement was built to take must be given', async () => {
    const ctx = await world.open();
    await expect(userNamed(ctx.store.query, {} as { name: string })).rejects.toThrow(/without its value "name"/);
  });
});
