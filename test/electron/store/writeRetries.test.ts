/**
 * PostgreSQL's lost races, retried in one place (engine/postgresErrors.ts runWrite): the server
 * reports a serialization failure (40001) or a deadlock (40P01) after the write has already
 * changed rows and appended its audit row; the transaction is rolled back whole and run again,
 * and the write is kept once, audited once, with the chain intact. The errors are raised by the
 * server itself (PL/pgSQL RAISE with the SQLSTATE), so they come back through the pg driver and
 * PGlite exactly as a real lost race does. Also: the writes of sign-in (credentials.ts) go
 * through the same path.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { asUser } from '../../../electron/services/context';
import { appendAudit } from '../../../electron/store/write';
import { getSettings, putSetting } from '../../../electron/store/settings';
import { verifyAudit } from '../../../electron/store/auditVerify';
import { WRITE_ATTEMPTS } from '../../../electron/store/engine/postgresErrors';
import { forEachEngine } from './engines';
import { auditCountOf, must, refused, seed } from './helpers';

forEachEngine(
  'write retries',
  (world) => {
    for (const state of ['40001', '40P01']) {
      it(`a ${state === '40001' ? 'serialization failure' : 'deadlock'} (${state}) after rows were written is rolled back and run again: kept once, audited once, chain intact`, async () => {
        const ctx = await world.open();
        await seed(ctx);
        const before = await auditCountOf(ctx);
        let attempts = 0;
        const name = `Retried clinic ${state}`;
        await asUser(ctx, async (w) => {
          attempts++;
          await putSetting(w, 'clinicName', name);
          await appendAudit(w, { entity: 'settings', entityId: 'clinic', action: 'update', before: null, after: { clinicName: name } });
          if (attempts === 1) await sql.raw(`DO $$ BEGIN RAISE EXCEPTION 'lost race' USING ERRCODE = '${state}'; END $$`).execute(w.db);
        });
        expect(attempts).toBe(2);
        expect((await getSettings(ctx.store.query)).clinicName).toBe(name);
        expect(await auditCountOf(ctx)).toBe(before + 1);
        // The next write chains onto the kept row, not the rolled-back one.
        await must(ctx, 'settings.update', { clinicName: 'After the retry' });
        expect(await verifyAudit(ctx.store.query, ctx.store.audit, { kind: 'all' })).toMatchObject({ intact: true });
      });
    }

    it('a race lost every time is given up after a few attempts, in words, with nothing written', async () => {
      const ctx = await world.open();
      await seed(ctx);
      const before = await auditCountOf(ctx);
      let attempts = 0;
      const failure = await asUser(ctx, async (w) => {
        attempts++;
        await putSetting(w, 'clinicName', 'Never kept');
        await sql.raw(`DO $$ BEGIN RAISE EXCEPTION 'lost race' USING ERRCODE = '40001'; END $$`).execute(w.db);
      }).catch((e: unknown) => e);
      expect(attempts).toBe(WRITE_ATTEMPTS);
      expect((failure as Error).message).toBe('The clinic server could not complete the change (40001). Nothing was saved; try again, and restart Layermap if it repeats.');
      expect((await getSettings(ctx.store.query)).clinicName).not.toBe('Never kept');
      expect(await auditCountOf(ctx)).toBe(before);
    });

    it('sign-in’s own writes (a wrong password counted) go through the same path and are kept', async () => {
      const ctx = await world.open();
      const { surgeon } = await seed(ctx);
      await must(ctx, 'session.signOut', {});
      const wrong = await refused(ctx, 'session.signIn', { userId: surgeon.id, secret: 'not the password' });
      expect(wrong.code).toBe('sign_in_failed');
      const row = await ctx.store.query.selectFrom('users').select(['failed_attempts']).where('id', '=', surgeon.id).executeTakeFirstOrThrow();
      expect(row.failed_attempts).toBe(1);
    });
  },
  ['pglite', 'postgres'],
);
