/**
 * The core of the store on every engine (engines.ts: a SQLite file, PGlite, the real PostgreSQL
 * server): cases, lesions, stage saves with the version check, the worklist, the audit chain's
 * append and verify, case search; what a restart keeps; two workstations at once.
 */
import { expect, it } from 'vitest';
import type { ServiceContext } from '../../../electron/services/context';
import { dispatch } from '../../../electron/services/dispatch';
import { recordVersions } from '../../../electron/store/auditVersions';
import type { OperationName, OpInput, OpResult } from '../../../shared/api';
import type { MapDocument } from '../../../shared/map/document';
import { addFinding } from '../../../shared/map/edits';
import type { StageRecord } from '../../../shared/records';
import { forEachEngine } from './engines';
import { auditCountOf, auditTrail, lesionInput, makeCase, makeLesion, makePatient, must, refused, seed, signInAs } from './helpers';
import { bisected, peripheralTumor, quartered, unwrap } from './maps';

const create = async (ctx: ServiceContext, lesionId: string, doc: MapDocument): Promise<StageRecord> => await must(ctx, 'stages.create', { lesionId, doc });
const save = async (ctx: ServiceContext, stage: StageRecord, doc: MapDocument): Promise<StageRecord> =>
  await must(ctx, 'stages.save', { id: stage.id, version: stage.version, doc });

/**
 * must(), answering "busy" as the store worker's queue does (electron/worker/requestQueue.ts):
 * by trying again. Only SQLite says busy (another program holds the file's write lock); on
 * PostgreSQL a writer waits for the lock on the server.
 */
async function whenFree<K extends OperationName>(ctx: ServiceContext, name: K, input: OpInput<K>): Promise<OpResult<K>> {
  for (let attempt = 0; ; attempt++) {
    const r = await dispatch(ctx, name, input);
    if (r.ok) return r.value;
    if (ctx.store.engine !== 'sqlite' || r.error.code !== 'storage' || !/busy/.test(r.error.message) || attempt > 200) {
      throw new Error(`${name} failed with ${r.error.code}: ${r.error.message}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

forEachEngine('cases and lesions', (world) => {
  it('creates a patient, a case and lesions A and B, and reads them back after a restart', async () => {
    let ctx = await world.open();
    const { surgeon, patient, kase, lesion } = await seed(ctx);
    const b = await makeLesion(ctx, kase.id, { siteId: 'posterior-neck', laterality: null });
    expect([lesion.label, b.label]).toEqual(['A', 'B']);
    ctx = await world.reopen(ctx);
    const detail = await must(ctx, 'cases.get', { id: kase.id });
    expect(detail.case).toMatchObject({ id: kase.id, patientId: patient.id, surgeonId: surgeon.id, accessionNumber: kase.accessionNumber, version: 1 });
    expect(detail.lesions.map((l) => [l.label, l.siteId, l.preopLengthMm, l.recurrent])).toEqual([
      ['A', lesion.siteId, 8, false],
      ['B', 'posterior-neck', 8, false],
    ]);
  });

  it('a lesion update moves its version on; a second update from the old version is refused as stale, nothing written', async () => {
    const ctx = await world.open();
    const { lesion } = await seed(ctx);
    const fields = { id: lesion.id, ...lesionInput(), preopLengthMm: 12.5 };
    const saved = await must(ctx, 'lesions.update', { ...fields, version: lesion.version });
    expect(saved).toMatchObject({ preopLengthMm: 12.5, version: lesion.version + 1 });
    const audits = await auditCountOf(ctx);
    const stale = await refused(ctx, 'lesions.update', { ...fields, version: lesion.version, preopLengthMm: 14 });
    expect(stale.code).toBe('stale');
    expect(await auditCountOf(ctx)).toBe(audits);
    expect((await must(ctx, 'lesions.get', { id: lesion.id })).lesion).toMatchObject({ preopLengthMm: 12.5, version: saved.version });
  });
});

forEachEngine('stages', (world) => {
  it('a stage is saved with its blocks; a positive margin makes it positive; a stale save is refused with nothing written', async () => {
    let ctx = await world.open();
    const { lesion } = await seed(ctx);
    const stage = await create(ctx, lesion.id, quartered());
    expect(stage).toMatchObject({ number: 1, blockCount: 4, result: 'pending', version: 1 });
    const doc = unwrap(addFinding(stage.doc, peripheralTumor(stage.doc, 2, 'nodular BCC at the edge')));
    const saved = await save(ctx, stage, doc);
    expect(saved).toMatchObject({ version: 2, result: 'positive', blockCount: 4 });
    expect(saved.doc).toEqual(doc);

    const audits = await auditCountOf(ctx);
    const stale = await refused(ctx, 'stages.save', { id: stage.id, version: stage.version, doc: bisected() });
    expect(stale.code).toBe('stale');
    expect(stale.message).toMatch(/changed by someone else/);
    expect(await auditCountOf(ctx)).toBe(audits);

    const second = await create(ctx, lesion.id, bisected());
    expect(second.number).toBe(2);
    ctx = await world.reopen(ctx);
    const stages = await must(ctx, 'stages.list', { lesionId: lesion.id });
    expect(stages.map((s) => [s.number, s.version, s.result, s.blockCount])).toEqual([
      [1, 2, 'positive', 4],
      [2, 1, 'pending', 2],
    ]);
    expect(stages[0]!.doc).toEqual(doc);
    // The audit alone rebuilds both versions, the create's deflated snapshot (format 3) included.
    const versions = await recordVersions(ctx.store.query, 'stage', stage.id);
    expect(versions.map((v) => v.record)).toEqual([stage, saved].map((s) => JSON.parse(JSON.stringify(s)) as unknown));
  });

  it('the worklist lists the day’s blocks and a histotech moves one on, with the version check', async () => {
    const ctx = await world.open();
    const { kase, lesion } = await seed(ctx);
    const stage = await create(ctx, lesion.id, bisected());
    const rows = await must(ctx, 'worklist.list', { date: kase.dateOfSurgery });
    expect(rows.map((r) => [r.lesionLabel, r.stageNumber, r.blockLabel, r.status])).toEqual([
      ['A', 1, '1-1', 'excised'],
      ['A', 1, '1-2', 'excised'],
    ]);
    const row = rows[1]!;
    const moved = await must(ctx, 'blocks.setStatus', { id: row.blockId, version: row.version, status: 'grossed' });
    expect(moved).toMatchObject({ blockId: row.blockId, status: 'grossed', version: row.version + 1 });
    expect((await refused(ctx, 'blocks.setStatus', { id: row.blockId, version: row.version, status: 'embedded' })).code).toBe('stale');
    expect((await must(ctx, 'worklist.list', { date: kase.dateOfSurgery })).map((r) => r.status)).toEqual(['excised', 'grossed']);
    expect((await must(ctx, 'stages.list', { lesionId: lesion.id }))[0]!.id).toBe(stage.id);
  });
});

forEachEngine('the audit chain', (world) => {
  it('every write appends one chained row; verify finds the trail intact, also after a restart', async () => {
    let ctx = await world.open();
    const { lesion } = await seed(ctx);
    const before = await auditCountOf(ctx);
    await create(ctx, lesion.id, quartered());
    expect(await auditCountOf(ctx)).toBe(before + 1);
    const [newest] = await auditTrail(ctx, { limit: 1 });
    expect(newest).toMatchObject({ entity: 'stage', action: 'create' });
    expect(await must(ctx, 'audit.verify', {})).toMatchObject({ intact: true });
    ctx = await world.reopen(ctx);
    expect(await must(ctx, 'audit.verify', {})).toMatchObject({ intact: true, headSeq: newest!.seq });
  });

  it('the database refuses to change or remove audit rows', async () => {
    const ctx = await world.open();
    await seed(ctx);
    const q = ctx.store.query;
    await expect(q.updateTable('audit_events').set({ action: 'forged' }).where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
    await expect(q.deleteFrom('audit_events').where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
    expect(await must(ctx, 'audit.verify', {})).toMatchObject({ intact: true });
  });
});

forEachEngine('case search', (world) => {
  it('finds cases by name prefix, MRN, date and month, newest first, whatever the case of the words', async () => {
    const ctx = await world.open();
    const { surgeon, kase } = await seed(ctx);
    const ida = await makePatient(ctx, { familyName: 'Östergaard', givenName: 'Ida', mrn: 'MRN-4411' });
    const ian = await makePatient(ctx, { familyName: 'Ostrowski', givenName: 'Ian', mrn: 'MRN-5522' });
    const march = await makeCase(ctx, ida.id, surgeon.id, { dateOfSurgery: '2026-03-02' });
    const april = await makeCase(ctx, ida.id, surgeon.id, { dateOfSurgery: '2026-04-20' });
    const ianCase = await makeCase(ctx, ian.id, surgeon.id, { dateOfSurgery: '2026-03-30' });
    const ids = async (text: string) => (await must(ctx, 'cases.search', { text, limit: 50 })).map((c) => c.caseId);
    expect(await ids('ostergaard')).toEqual([april.id, march.id]);
    expect(await ids('OST')).toEqual([april.id, ianCase.id, march.id]);
    expect(await ids('ost i')).toEqual([april.id, ianCase.id, march.id]);
    expect(await ids('ida ost')).toEqual([april.id, march.id]);
    expect(await ids('mrn-5522')).toEqual([ianCase.id]);
    expect(await ids('2026-03')).toEqual([ianCase.id, kase.id, march.id]);
    expect(await ids('2026-04-20')).toEqual([april.id]);
    expect(await ids('nobody')).toEqual([]);
  });
});

forEachEngine('two workstations', (world) => {
  it('the second save of one stage from the same version is refused as stale; the first is kept', async () => {
    const procedureRoom = await world.open();
    const { surgeon, lesion } = await seed(procedureRoom);
    const stage = await create(procedureRoom, lesion.id, quartered());
    const lab = await world.second(procedureRoom);
    await signInAs(lab, surgeon);
    const first = await save(procedureRoom, stage, unwrap(addFinding(stage.doc, peripheralTumor(stage.doc, 1))));
    const stale = await refused(lab, 'stages.save', { id: stage.id, version: stage.version, doc: bisected() });
    expect(stale.code).toBe('stale');
    expect((await must(lab, 'stages.list', { lesionId: lesion.id }))[0]).toMatchObject({ version: first.version, result: 'positive' });
  });

  it('writes from both at once are all kept, each audited once, and the chain stays whole', async () => {
    const a = await world.open();
    const { surgeon, kase } = await seed(a);
    const b = await world.second(a);
    await signInAs(b, surgeon);
    const before = await auditCountOf(a);
    const n = 6;
    const made = await Promise.all(
      Array.from({ length: n }, (_, i) => whenFree(i % 2 === 0 ? a : b, 'lesions.create', { caseId: kase.id, ...lesionInput({ preopLengthMm: 5 + i }) })),
    );
    // Labels are taken one writer at a time: A, B, C … each once.
    expect(made.map((l) => l.label).sort()).toEqual(['B', 'C', 'D', 'E', 'F', 'G']);
    expect(await auditCountOf(a)).toBe(before + n);
    expect(await must(a, 'audit.verify', {})).toMatchObject({ intact: true });
  });
});
