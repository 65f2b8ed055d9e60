/**
 * Users, sign-in and sign-off on every engine (engines.ts: a SQLite file, PGlite, the real
 * PostgreSQL server): what coreEngines.test.ts does not cover. An administrator's changes to
 * users, the five-wrong-passwords lockout, a signature and an addendum, each kept over a restart,
 * and the audit chain whole after them.
 */
import { expect, it } from 'vitest';
import { verifyAudit } from '../../../electron/store/auditVerify';
import { forEachEngine } from './engines';
import { addUser, anAdministrator, makeLesion, must, refused, seed, signInAs, TEST_PASSWORD } from './helpers';

forEachEngine('users, sign-in and sign-off', (world) => {
  it('an administrator changes a user’s roles and deactivates them; the user cannot sign in, also after a restart', async () => {
    let ctx = await world.open();
    await seed(ctx);
    const tech = await addUser(ctx, 'histotech');
    await signInAs(ctx, { id: await anAdministrator(ctx) });
    const both = await must(ctx, 'users.setRoles', { id: tech.id, version: tech.version, roles: ['histotech', 'staff'] });
    expect(both.roles).toEqual(['histotech', 'staff']);
    const off = await must(ctx, 'users.setActive', { id: tech.id, version: both.version, active: false });
    expect(off.active).toBe(false);
    ctx = await world.reopen(ctx);
    const users = await must(ctx, 'users.list', {});
    expect(users.find((u) => u.id === tech.id)).toMatchObject({ roles: ['histotech', 'staff'], active: false, version: off.version });
    await must(ctx, 'session.signOut', {});
    expect((await refused(ctx, 'session.signIn', { userId: tech.id, secret: TEST_PASSWORD })).message).toMatch(/has been deactivated/);
  });

  it('five wrong passwords lock the user, the right one is then refused too, and the lock holds over a restart', async () => {
    let ctx = await world.open();
    const { surgeon } = await seed(ctx);
    await must(ctx, 'session.signOut', {});
    for (let i = 0; i < 5; i++) expect((await refused(ctx, 'session.signIn', { userId: surgeon.id, secret: `wrong ${i}` })).code).toBe('sign_in_failed');
    const locked = await refused(ctx, 'session.signIn', { userId: surgeon.id, secret: TEST_PASSWORD });
    expect(locked.message).toMatch(/locked/i);
    ctx = await world.reopen(ctx);
    expect((await refused(ctx, 'session.signIn', { userId: surgeon.id, secret: TEST_PASSWORD })).message).toMatch(/locked/i);
    // The lock is its end time on the user's row (the count starts again from there).
    const row = await ctx.store.query.selectFrom('users').select(['locked_until']).where('id', '=', surgeon.id).executeTakeFirstOrThrow();
    expect(row.locked_until).not.toBeNull();
  });

  it('a signed lesion is read-only, an addendum is added to it, both kept over a restart, and the chain is whole', async () => {
    let ctx = await world.open();
    const { kase } = await seed(ctx);
    const lesion = await makeLesion(ctx, kase.id, { siteId: 'posterior-neck', laterality: null });
    const signed = await must(ctx, 'lesions.sign', { id: lesion.id, version: lesion.version, password: TEST_PASSWORD });
    expect(signed.signature).not.toBeNull();
    expect((await refused(ctx, 'lesions.update', { id: lesion.id, version: signed.version, siteId: 'posterior-neck', siteDetail: '', laterality: null, tumorTypeId: lesion.tumorTypeId, preopLengthMm: 9, preopWidthMm: 6, recurrent: false, deepStructures: [] })).message).toMatch(/signed/);
    const addendum = await must(ctx, 'addenda.add', { caseId: kase.id, lesionId: lesion.id, text: 'Margins reviewed again with the pathologist.' });
    ctx = await world.reopen(ctx);
    expect((await must(ctx, 'lesions.get', { id: lesion.id })).lesion.signature).toEqual(signed.signature);
    expect(await must(ctx, 'addenda.list', { caseId: kase.id })).toEqual([addendum]);
    expect(await verifyAudit(ctx.store.query, ctx.store.audit, { kind: 'all' })).toMatchObject({ intact: true });
  });
});
