import { CompiledQuery } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { asUser, type ServiceContext } from '../../../electron/services/context';
import { dispatch } from '../../../electron/services/dispatch';
import { verifyAudit } from '../../../electron/store/auditVerify';
import { changesChannel, parseNotice } from '../../../electron/store/engine/changeAnnouncer';
import { openClinicStore } from '../../../electron/store/engine/clinicStore';
import { putSetting } from '../../../electron/store/settings';
import { appendAudit } from '../../../electron/store/write';
import { addFinding, addMark, moveMark, setFindingNote } from '../../../shared/map/edits';
import type { StageRecord } from '../../../shared/records';
import { findPostgresBin, REQUIRE_VARIABLE, startPrivateServer, type TestServer } from '../../setup/postgres';
import { forEachEngine } from './engines';
import { must, seed, signInAs, TEST_AUDIT_KEY } from './helpers';
import { newId, peripheralTumor, quartered, unwrap } from './maps';

/**
 * The clinic server's driver (engine/postgresDialect.ts) saves round trips: the write lock and
 * the audit tail ride with BEGIN, an announcement with COMMIT. What must hold whatever it saves:
 * every audited write chains after the true tail (also with two workstations writing at once),
 * a rolled-back write announces nothing and leaves nothing for the next one, and a server that
 * goes away under a query fails that call without ending the store's thread.
 */

/** Every statement text the pg clients of this process send while `during` runs (`names`: the name each was prepared under). */
async function statementsOf(during: () => Promise<unknown>, names: (string | undefined)[] = []): Promise<string[]> {
  const sent: string[] = [];
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const q = args[0];
    sent.push(typeof q === 'string' ? q : (q as { text: string }).text);
    names.push(typeof q === 'string' ? undefined : (q as { name?: string }).name);
    return original.apply(this, args);
  };
  try {
    await during();
  } finally {
    proto.query = original;
  }
  return sent;
}

const schemaOf = async (ctx: ServiceContext) => (await ctx.store.query.selectNoFrom((eb) => eb.fn<string>('current_schema').as('s')).executeTakeFirstOrThrow()).s;

async function stageWithFinding(ctx: ServiceContext, lesionId: string): Promise<StageRecord> {
  const doc = quartered();
  const stage = await must(ctx, 'stages.create', { lesionId, doc });
  return must(ctx, 'stages.save', { id: stage.id, version: stage.version, doc: unwrap(addFinding(stage.doc, peripheralTumor(stage.doc, 1))) });
}

const noted = (stage: StageRecord, note: string) => unwrap(setFindingNote(stage.doc, stage.doc.findings[0]!.id, note));

forEachEngine(
  'the clinic server driver',
  (world) => {
    it('a gesture save is five round trips: the lock and the audit tail go with BEGIN, the stage with its block rows in one read, the audit row and the announcement with COMMIT', async () => {
      const ctx = await world.open();
      const { lesion } = await seed(ctx);
      const drawn = quartered();
      let stage = await must(ctx, 'stages.create', { lesionId: lesion.id, doc: unwrap(addMark(drawn, drawn.pieces[0]!.id, 3, newId)) });
      const markId = stage.doc.pieces[0]!.marks.find((m) => m.hour === 3)!.id;
      // A gesture that changes no block or finding row: the map, its stage row and its audit row.
      const sent = await statementsOf(async () => {
        stage = await must(ctx, 'stages.save', { id: stage.id, version: stage.version, doc: unwrap(moveMark(stage.doc, markId, 4)) });
      });
      expect(sent[0]).toMatch(/^select \* from "users"/);
      expect(sent[1]).toMatch(/^BEGIN; SELECT pg_advisory_xact_lock\(\d+\); select "seq", "chain" from "audit_events" order by "seq" desc limit 1$/);
      expect(sent.at(-1)).toMatch(/^insert into "audit_events" \(.*\) values \(\d+, '.*'\); SELECT pg_notify\('layermap_changes:' \|\| current_schema\(\), '\{.*"entity":"stage".*\}'\); COMMIT$/s);
      // No second read of the tail, no announcement of its own.
      expect(sent.filter((s) => s.includes('"audit_events"') && s.startsWith('select'))).toEqual([]);
      expect(sent.filter((s) => s.includes('pg_notify'))).toHaveLength(1);
      // The stage, its signatures, the label convention and its block rows: one statement.
      expect(sent[2]).toMatch(/^select "s"\.\*.*"convention_json".*json_agg.*"block_rows" from "stages"/);
      expect(sent).toHaveLength(5);
      expect(stage.doc.pieces[0]!.marks.find((m) => m.id === markId)).toMatchObject({ hour: 4 });
      // Each statement with parameters is prepared once per connection, under a name, and run by it again.
      const names: (string | undefined)[] = [];
      const again = await statementsOf(async () => {
        stage = await must(ctx, 'stages.save', { id: stage.id, version: stage.version, doc: unwrap(moveMark(stage.doc, markId, 5)) });
      }, names);
      expect(again.map((q) => q.slice(0, 40))).toEqual(sent.map((q) => q.slice(0, 40)));
      again.forEach((q, i) => expect(names[i] !== undefined, q).toBe(/\$1/.test(q)));
      // The audit row written in as literals is the row the chain seals: verify reads it back intact.
      expect(await verifyAudit(ctx.store.query, ctx.store.audit, { kind: 'all' })).toMatchObject({ intact: true });
    });

    it('two workstations saving at once: each row chained once after the true tail, every save kept and audited', async () => {
      const room = await world.open();
      const { lesion, surgeon } = await seed(room);
      const lab = await world.second(room);
      await signInAs(lab, surgeon);
      let a = await stageWithFinding(room, lesion.id);
      let b = await stageWithFinding(room, lesion.id);
      b = (await must(lab, 'stages.list', { lesionId: lesion.id })).find((s) => s.id === b.id)!;
      const before = Number((await room.store.query.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      await Promise.all([
        (async () => {
          for (let i = 0; i < 25; i++) a = await must(room, 'stages.save', { id: a.id, version: a.version, doc: noted(a, `room ${i}`) });
        })(),
        (async () => {
          for (let i = 0; i < 25; i++) b = await must(lab, 'stages.save', { id: b.id, version: b.version, doc: noted(b, `lab ${i}`) });
        })(),
      ]);
      const seqs = (await room.store.query.selectFrom('audit_events').select('seq').orderBy('seq').execute()).map((r) => r.seq);
      expect(seqs).toHaveLength(before + 50);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      expect([a.version, b.version]).toEqual([27, 27]);
      expect(await verifyAudit(room.store.query, room.store.audit, { kind: 'all' })).toMatchObject({ intact: true });
    });

    it('an audit row held for the COMMIT that the server refuses: the change is rolled back, said in words, and the next one is kept', async () => {
      const ctx = await world.open();
      const { lesion } = await seed(ctx);
      let stage = await stageWithFinding(ctx, lesion.id);
      const schema = await schemaOf(ctx);
      // The server refuses one stage's next audit row (as a full disk or a revoked right would refuse it).
      await ctx.store.query.executeQuery(CompiledQuery.raw(`CREATE FUNCTION "${schema}".refuse_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit row refused'; END $$`));
      await ctx.store.query.executeQuery(
        CompiledQuery.raw(`CREATE TRIGGER refuse_row BEFORE INSERT ON "${schema}".audit_events FOR EACH ROW WHEN (NEW.entity_id = '${stage.id}') EXECUTE FUNCTION "${schema}".refuse_row()`),
      );
      const refused = await dispatch(ctx, 'stages.save', { id: stage.id, version: stage.version, doc: noted(stage, 'not kept') });
      expect(refused).toMatchObject({ ok: false, error: { code: 'storage', message: expect.stringMatching(/could not complete the change.*Nothing was saved/) } });
      // Nothing of it was kept: the stage is as it was, and no audit row names it.
      expect((await must(ctx, 'stages.list', { lesionId: lesion.id })).find((s) => s.id === stage.id)).toMatchObject({ version: stage.version, doc: stage.doc });
      await ctx.store.query.executeQuery(CompiledQuery.raw(`DROP TRIGGER refuse_row ON "${schema}".audit_events`));
      stage = await must(ctx, 'stages.save', { id: stage.id, version: stage.version, doc: noted(stage, 'kept') });
      expect(stage.doc.findings[0]!.note).toBe('kept');
      expect(await verifyAudit(ctx.store.query, ctx.store.audit, { kind: 'all' })).toMatchObject({ intact: true });
    });

    it('a write rolled back after its audit row announces nothing, and the next write chains after the kept tail', async () => {
      const ctx = await world.open();
      await seed(ctx);
      const listener = new pg.Client({ connectionString: inject('postgresUrl') });
      await listener.connect();
      const heard: string[] = [];
      listener.on('notification', (n) => {
        const notice = parseNotice(n.payload);
        if (notice) heard.push(String(notice.entityId));
      });
      try {
        await listener.query(`LISTEN "${changesChannel(await schemaOf(ctx))}"`);
        const failed = await asUser(ctx, async (w) => {
          await putSetting(w, 'clinicName', 'Never kept');
          await appendAudit(w, { entity: 'settings', entityId: 'rolled-back', action: 'update', before: null, after: { clinicName: 'Never kept' } });
          throw new Error('a later step failed');
        }).catch((e: unknown) => e);
        expect((failed as Error).message).toBe('a later step failed');
        await must(ctx, 'settings.update', { clinicName: 'Kept clinic' });
        await expect.poll(() => heard, { timeout: 10_000 }).toContain('clinic');
        expect(heard).not.toContain('rolled-back');
        // Outside a transaction an announcement has no COMMIT to wait for: it is sent at once.
        await ctx.store.audit!.announce!(ctx.store.query, { seq: 0, entity: 'settings', entityId: 'outside', action: 'update', userId: 'nobody' });
        await expect.poll(() => heard, { timeout: 10_000 }).toContain('outside');
        expect(await verifyAudit(ctx.store.query, ctx.store.audit, { kind: 'all' })).toMatchObject({ intact: true });
      } finally {
        await listener.end();
      }
    });
  },
  ['postgres'],
);

// A server of this test's own, stopped under a query in progress.
const url = inject('postgresUrl');
const bin = url ? findPostgresBin() : null;
if (url && !bin && process.env[REQUIRE_VARIABLE] === '1') throw new Error(`${REQUIRE_VARIABLE}=1 but PostgreSQL's binaries are missing: the server-stop test needs them`);
let server: TestServer | null = null;
beforeAll(async () => {
  if (bin) server = await startPrivateServer(bin);
}, 60_000);
afterAll(() => server?.stop());

describe.skipIf(!bin)('the clinic server stopped under a query in progress', () => {
  it('fails that call with the server’s words, keeps the store’s thread running, and works again once the server is back', { timeout: 90_000 }, async () => {
    const s = server!;
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-driver-'));
    const store = await openClinicStore({ kind: 'server', pool: { connectionString: s.url, max: 2 } }, { auditKey: TEST_AUDIT_KEY, auditHeadFile: path.join(dir, 'head') });
    try {
      const slow = store.query
        .transaction()
        .execute(async (db) => {
          await db.selectNoFrom((eb) => eb.fn('pg_sleep', [eb.lit(20)]).as('slept')).execute();
        })
        .catch((e: unknown) => e);
      // The sleep is running on the server when it stops.
      await new Promise((r) => setTimeout(r, 500));
      s.halt!();
      const failure = (await slow) as Error;
      expect(failure).toBeInstanceOf(Error);
      expect(failure.message).toMatch(/terminat|shut ?down|connection/i);
      s.start!();
      await expect.poll(async () => (await store.query.selectNoFrom((eb) => eb.lit(1).as('one')).execute().catch(() => null))?.length ?? 0, { timeout: 30_000 }).toBe(1);
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
