import type { SqliteStore } from '../../../electron/store/open';
import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../../electron/services/context';
import { addFinding, relabelBlock } from '../../../shared/map/edits';
import { auditCount, caseInput, lesionInput, must, patientInput, refused, seed, useTempWorld, TEST_PASSWORD } from './helpers';
import { blockNumbered, blockRows, peripheralTumor, quartered, unwrap } from './maps';

const world = useTempWorld();

/** The rows of a table as stored, for "nothing changed" checks. */
const rows = (ctx: ServiceContext<SqliteStore>, table: 'patients' | 'cases' | 'lesions') =>
  ctx.store.db.prepare(`SELECT * FROM ${table} ORDER BY id`).all();

function expectStale(error: { code: string; message: string }, what: string): void {
  expect(error.code).toBe('stale');
  expect(error.message).toContain(`This ${what} was changed by someone else`);
  expect(error.message).toContain('not saved');
}

describe('a save based on an old version is rejected (stale)', () => {
  it('lesion: v1 → v2 saves; a second save claiming v1 is refused, unchanged and unaudited', async () => {
    const ctx = world.open(world.file());
    const { lesion } = await seed(ctx);
    const read = (await must(ctx, 'lesions.get', { id: lesion.id })).lesion;
    expect(read.version).toBe(1);

    const saved = await must(ctx, 'lesions.update', { id: lesion.id, version: 1, ...lesionInput({ preopLengthMm: 10 }) });
    expect(saved.version).toBe(2);
    expect(saved.preopLengthMm).toBe(10);

    const table = rows(ctx, 'lesions');
    const audits = auditCount(ctx);
    expectStale(await refused(ctx, 'lesions.update', { id: lesion.id, version: 1, ...lesionInput({ preopLengthMm: 25 }) }), 'lesion');
    expect(rows(ctx, 'lesions')).toEqual(table);
    expect(auditCount(ctx)).toBe(audits);
    expect((await must(ctx, 'lesions.get', { id: lesion.id })).lesion).toMatchObject({ version: 2, preopLengthMm: 10 });

    // Saving again from the current version works.
    expect((await must(ctx, 'lesions.update', { id: lesion.id, version: 2, ...lesionInput({ preopLengthMm: 25 }) })).version).toBe(3);
  });

  it('patient: a second save claiming the old version is refused, unchanged and unaudited', async () => {
    const ctx = world.open(world.file());
    const { patient } = await seed(ctx);
    const fields = patientInput({ mrn: patient.mrn, familyName: 'Smyth' });
    expect((await must(ctx, 'patients.update', { id: patient.id, version: 1, ...fields })).version).toBe(2);

    const table = rows(ctx, 'patients');
    const audits = auditCount(ctx);
    expectStale(await refused(ctx, 'patients.update', { id: patient.id, version: 1, ...fields, familyName: 'Smith' }), 'patient record');
    expect(rows(ctx, 'patients')).toEqual(table);
    expect(auditCount(ctx)).toBe(audits);
    expect((await must(ctx, 'patients.search', { text: 'smyth' })).map((p) => p.id)).toEqual([patient.id]);
    expect(await must(ctx, 'patients.search', { text: 'smith' })).toEqual([]);
  });

  it('case: a second save claiming the old version is refused, unchanged and unaudited', async () => {
    const ctx = world.open(world.file());
    const { kase, surgeon } = await seed(ctx);
    expect((await must(ctx, 'cases.update', { id: kase.id, version: 1, ...caseInput(surgeon.id, { notes: 'first' }) })).version).toBe(2);

    const table = rows(ctx, 'cases');
    const audits = auditCount(ctx);
    expectStale(await refused(ctx, 'cases.update', { id: kase.id, version: 1, ...caseInput(surgeon.id, { notes: 'second' }) }), 'case');
    expect(rows(ctx, 'cases')).toEqual(table);
    expect(auditCount(ctx)).toBe(audits);
    expect((await must(ctx, 'cases.get', { id: kase.id })).case).toMatchObject({ version: 2, notes: 'first' });
  });

  it('a version from the future is refused too (never merged)', async () => {
    const ctx = world.open(world.file());
    const { lesion } = await seed(ctx);
    expectStale(await refused(ctx, 'lesions.update', { id: lesion.id, version: 7, ...lesionInput() }), 'lesion');
    expect((await must(ctx, 'lesions.get', { id: lesion.id })).lesion.version).toBe(1);
  });

  it('an update of a record that does not exist is not_found, not stale', async () => {
    const ctx = world.open(world.file());
    await seed(ctx);
    const e = await refused(ctx, 'lesions.update', { id: 'no-such-lesion', version: 1, ...lesionInput() });
    expect(e.code).toBe('not_found');
  });
});

describe('two windows (two connections) on one file', () => {
  it('the window that saves second with what it read first is told, and the first save stands', async () => {
    const file = world.file();
    const a = world.open(file);
    const { surgeon, lesion } = await seed(a);
    const b = world.open(file);
    await must(b, 'session.signIn', { userId: surgeon.id, secret: TEST_PASSWORD });

    // Both windows show version 1.
    const seenByA = (await must(a, 'lesions.get', { id: lesion.id })).lesion;
    const seenByB = (await must(b, 'lesions.get', { id: lesion.id })).lesion;
    expect([seenByA.version, seenByB.version]).toEqual([1, 1]);

    await must(a, 'lesions.update', { id: lesion.id, version: seenByA.version, ...lesionInput({ siteDetail: 'saved by A' }) });
    const audits = auditCount(b);
    expectStale(await refused(b, 'lesions.update', { id: lesion.id, version: seenByB.version, ...lesionInput({ siteDetail: 'saved by B' }) }), 'lesion');
    expect(auditCount(b)).toBe(audits);

    for (const ctx of [a, b]) {
      expect((await must(ctx, 'lesions.get', { id: lesion.id })).lesion).toMatchObject({ version: 2, siteDetail: 'saved by A' });
    }
  });

  it("a stage map autosaved in one window makes the other window's next save stale, and the first map stands", async () => {
    const file = world.file();
    const a = world.open(file);
    const { surgeon, lesion } = await seed(a);
    const stage = await must(a, 'stages.create', { lesionId: lesion.id, doc: quartered() });
    const b = world.open(file);
    await must(b, 'session.signIn', { userId: surgeon.id, secret: TEST_PASSWORD });
    const [seenByB] = await must(b, 'stages.list', { lesionId: lesion.id });
    if (!seenByB) throw new Error('window B sees no stage');

    const fromA = unwrap(addFinding(stage.doc, peripheralTumor(stage.doc, 2)));
    const savedByA = await must(a, 'stages.save', { id: stage.id, version: stage.version, doc: fromA });
    const blocks = blockRows(b, stage.id);
    const audits = auditCount(b);
    const fromB = unwrap(relabelBlock(seenByB.doc, blockNumbered(seenByB.doc, 1).id, 'B1'));
    expectStale(await refused(b, 'stages.save', { id: stage.id, version: seenByB.version, doc: fromB }), 'stage');
    expect(blockRows(b, stage.id)).toEqual(blocks);
    expect(auditCount(b)).toBe(audits);
    for (const ctx of [a, b]) expect(await must(ctx, 'stages.list', { lesionId: lesion.id })).toEqual([savedByA]);
  });

  it('a case saved in one window is seen at once by the other (no cached reads)', async () => {
    const file = world.file();
    const a = world.open(file);
    const { surgeon, patient } = await seed(a);
    const b = world.open(file);
    await must(b, 'session.signIn', { userId: surgeon.id, secret: TEST_PASSWORD }); // the same surgeon, in the second window too
    const created = await must(a, 'cases.create', { patientId: patient.id, ...caseInput(surgeon.id, { dateOfSurgery: '2026-04-01' }) });
    expect((await must(b, 'cases.search', { text: '2026-04-01' })).map((c) => c.caseId)).toEqual([created.id]);
  });
});
