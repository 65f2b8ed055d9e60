import { expect, it } from 'vitest';
import { changeHeard, hearingChanges } from '../../../electron/services/userCache';
import type { ClinicStore } from '../../../electron/store/open';
import { addUser, must, refused, setUpClinic, signInAs } from '../store/helpers';
import { forEachEngine } from '../store/engines';

/**
 * Clinic mode: the role check keeps the users it read while this workstation hears the other
 * workstations' changes (live updates), and reads them on every call otherwise
 * (services/userCache.ts). The user rows are changed here behind the store's back (no audit, so
 * nothing is announced) to see which of the two a call used; the live updates of a real change
 * are in test/electron/worker/liveUpdates.test.ts.
 */
forEachEngine(
  'the users the role check keeps on the clinic server',
  (world) => {
    const deactivateBehindTheStoresBack = (store: ClinicStore, id: string) => store.query.updateTable('users').set({ active: 0 }).where('id', '=', id).execute();

    /** A histotech signed in on a new clinic database; hearing: as while the live updates are connected. */
    async function histotechAtWork(hearing: boolean) {
      const ctx = await world.open();
      const store = ctx.store as ClinicStore;
      await setUpClinic(ctx);
      const tech = await addUser(ctx, 'histotech');
      await signInAs(ctx, tech);
      if (hearing) hearingChanges(store);
      return { ctx, store, tech };
    }

    it('not hearing the other workstations: a user is read on every call, so a change made elsewhere counts at once', async () => {
      const { ctx, store, tech } = await histotechAtWork(false);
      await must(ctx, 'worklist.list', { date: '2026-11-28' });
      await deactivateBehindTheStoresBack(store, tech.id);
      expect((await refused(ctx, 'worklist.list', { date: '2026-11-28' })).code).toBe('no_user');
    });

    it('hearing them: the user is kept until a user or session change is heard, and not once the hearing stops', async () => {
      const { ctx, store, tech } = await histotechAtWork(true);
      await must(ctx, 'worklist.list', { date: '2026-11-28' });
      await deactivateBehindTheStoresBack(store, tech.id);
      // Kept: no change was heard (the row was changed without the audit that announces it).
      await must(ctx, 'worklist.list', { date: '2026-11-28' });
      // A stage's change is not a user's: still kept.
      changeHeard(store, { kind: 'change', seq: 1, entity: 'stage', entityId: 's1', action: 'update', userId: tech.id });
      await must(ctx, 'worklist.list', { date: '2026-11-28' });
      // A user's change is heard: read again, and refused.
      changeHeard(store, { kind: 'change', seq: 2, entity: 'user', entityId: tech.id, action: 'deactivate', userId: 'someone' });
      expect((await refused(ctx, 'worklist.list', { date: '2026-11-28' })).code).toBe('no_user');

      // The same after a session change (a lockout) and after the listening connection is lost.
      await store.query.updateTable('users').set({ active: 1 }).where('id', '=', tech.id).execute();
      await signInAs(ctx, tech);
      await must(ctx, 'worklist.list', { date: '2026-11-28' });
      await deactivateBehindTheStoresBack(store, tech.id);
      changeHeard(store, { kind: 'change', seq: 3, entity: 'session', entityId: tech.id, action: 'lockout', userId: tech.id });
      expect((await refused(ctx, 'worklist.list', { date: '2026-11-28' })).code).toBe('no_user');

      await store.query.updateTable('users').set({ active: 1 }).where('id', '=', tech.id).execute();
      await signInAs(ctx, tech);
      await must(ctx, 'worklist.list', { date: '2026-11-28' });
      changeHeard(store, { kind: 'unreachable' });
      await deactivateBehindTheStoresBack(store, tech.id);
      expect((await refused(ctx, 'worklist.list', { date: '2026-11-28' })).code).toBe('no_user');
    });

    it('a change heard while a user was being read is not overtaken by that read', async () => {
      const { ctx, store, tech } = await histotechAtWork(true);
      // The read starts, the user is deactivated and the change heard before the read's answer is kept.
      const first = ctx.store.query.selectFrom('users').select('id').execute();
      const call = must(ctx, 'worklist.list', { date: '2026-11-28' });
      changeHeard(store, { kind: 'change', seq: 1, entity: 'user', entityId: tech.id, action: 'deactivate', userId: 'someone' });
      await first;
      await call;
      await deactivateBehindTheStoresBack(store, tech.id);
      expect((await refused(ctx, 'worklist.list', { date: '2026-11-28' })).code).toBe('no_user');
    });
  },
  ['pglite', 'postgres'],
);
