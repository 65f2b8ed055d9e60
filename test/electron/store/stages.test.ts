import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../../electron/services/context';
import { LOOP_REASON } from '../../../shared/geometry/split';
import { EMPTY_MAP, type MapDocument } from '../../../shared/map/document';
import { bisectCuts } from '../../../shared/geometry/templates';
import { outlineRing } from '../../../shared/map/derive';
import { addFinding, addPiece, relabelBlock, renumberBlocks, setCuts, setFindingNote } from '../../../shared/map/edits';
import { markBlockClear, markRestClear } from '../../../shared/map/readings';
import type { StageRecord } from '../../../shared/records';
import { beforeAndAfter } from './auditRebuild';
import { auditCount, makeLesion, must, refused, reopen, seed, useTempWorld, TEST_PASSWORD, auditTrail } from './helpers';
import { bisected, blockNumbered, blockRows, findingRows, newId, peripheralTumor, quartered, resliced, stageRow, unwrap } from './maps';

const world = useTempWorld();
const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

/** Runs a write and checks it appended exactly one audit event; returns that event. */
async function audited<T>(ctx: ServiceContext, write: () => Promise<T>): Promise<{ value: T; event: Awaited<ReturnType<typeof must<'audit.list'>>>[number] }> {
  const before = auditCount(ctx);
  const value = await write();
  expect(auditCount(ctx)).toBe(before + 1);
  const [event] = await auditTrail(ctx, { limit: 1 });
  if (!event) throw new Error('no audit event');
  return { value, event };
}

/** Everything a refused write could have touched: the stage, block and finding rows, and the audit trail. */
function snapshot(ctx: ServiceContext, stageId: string) {
  return { stage: stageRow(ctx, stageId), blocks: blockRows(ctx, stageId), findings: findingRows(ctx, stageId), audits: auditCount(ctx) };
}

async function setup() {
  const ctx = world.open(world.file());
  const { surgeon, lesion } = await seed(ctx);
  return { ctx, surgeon, lesion };
}

const create = async (ctx: ServiceContext, lesionId: string, doc: MapDocument): Promise<StageRecord> => await must(ctx, 'stages.create', { lesionId, doc });
const save = async (ctx: ServiceContext, stage: StageRecord, doc: MapDocument): Promise<StageRecord> =>
  await must(ctx, 'stages.save', { id: stage.id, version: stage.version, doc });

describe('stage 1: an ellipse cut into quarters', () => {
  it('stores the map and one block row per piece, labelled 1-1 … 1-4, with the stage pending', async () => {
    const { ctx, surgeon, lesion } = await setup();
    const doc = quartered();
    const { value: stage, event } = await audited(ctx, async () => await create(ctx, lesion.id, doc));
    expect(stage).toMatchObject({ lesionId: lesion.id, number: 1, blockCount: 4, result: 'pending', version: 1 });
    expect(stage.doc).toEqual(doc);
    expect(event).toMatchObject({ entity: 'stage', entityId: stage.id, action: 'create', userId: surgeon.id, before: null, after: asJson(stage) });

    const rows = blockRows(ctx, stage.id);
    expect(rows.map((r) => [r.position, r.label, r.lab_status, r.margin_result, r.version])).toEqual([
      [1, '1-1', 'excised', 'pending', 1],
      [2, '1-2', 'excised', 'pending', 1],
      [3, '1-3', 'excised', 'pending', 1],
      [4, '1-4', 'excised', 'pending', 1],
    ]);
    expect(rows.map((r) => r.id).sort()).toEqual(doc.blocks.map((b) => b.id).sort());
    // Each block's inks (the template's default: its two cut sides) are listed with their stretch.
    for (const r of rows) {
      const inks = doc.inks.filter((k) => k.blockId === r.id).map((k) => ({ ink: k.ink, stretch: k.stretch }));
      expect(inks).toHaveLength(2);
      expect(JSON.parse(r.inks)).toEqual(inks);
    }
    expect(stageRow(ctx, stage.id)).toMatchObject({ block_count: 4, result: 'pending', map_doc_version: 2, number: 1 });
    expect(await must(ctx, 'stages.list', { lesionId: lesion.id })).toEqual([stage]);
  });

  it('a stage without an outline yet is stored with no blocks', async () => {
    const { ctx, lesion } = await setup();
    const stage = await create(ctx, lesion.id, EMPTY_MAP);
    expect(stage).toMatchObject({ number: 1, blockCount: 0, result: 'pending' });
    expect(blockRows(ctx, stage.id)).toEqual([]);
  });

  it('tumor at the peripheral edge of block 2 makes that block and the stage positive, with a finding row', async () => {
    const { ctx, lesion } = await setup();
    const stage = await create(ctx, lesion.id, quartered());
    const finding = peripheralTumor(stage.doc, 2, 'nodular BCC at the edge');
    const doc = unwrap(addFinding(stage.doc, finding));
    const { value: saved, event } = await audited(ctx, async () => await save(ctx, stage, doc));
    expect(saved).toMatchObject({ id: stage.id, version: 2, result: 'positive', blockCount: 4 });
    expect(saved.doc).toEqual(doc);
    expect(event).toMatchObject({ entity: 'stage', entityId: stage.id, action: 'update', before: null, after: null });
    expect(await beforeAndAfter(ctx, event!)).toEqual({ before: asJson(stage), after: asJson(saved) });
    expect(event!.changes).toContainEqual({ op: 'add', path: '/doc/findings/-', value: asJson(finding) });

    const rows = blockRows(ctx, stage.id);
    expect(rows.map((r) => [r.label, r.margin_result])).toEqual([
      ['1-1', 'pending'],
      ['1-2', 'positive'],
      ['1-3', 'pending'],
      ['1-4', 'pending'],
    ]);
    // Only the block that changed has a new version.
    expect(rows.map((r) => r.version)).toEqual([1, 2, 1, 1]);
    expect(findingRows(ctx, stage.id)).toEqual([
      expect.objectContaining({
        id: finding.id,
        block_id: blockNumbered(doc, 2).id,
        kind: 'tumor-peripheral',
        note: 'nodular BCC at the edge',
        version: 1,
      }),
    ]);
    expect(JSON.parse(findingRows(ctx, stage.id)[0]?.location ?? 'null')).toEqual({ stretch: finding.stretch });
    expect(stageRow(ctx, stage.id)).toMatchObject({ result: 'positive', block_count: 4 });

    // Editing the note keeps the finding's row (and bumps its version); removing the tumor clears it.
    const noted = await save(ctx, saved, unwrap(setFindingNote(doc, finding.id, 'infiltrative')));
    expect(findingRows(ctx, stage.id)).toEqual([expect.objectContaining({ id: finding.id, note: 'infiltrative', version: 2 })]);
    const cleared = await save(ctx, noted, unwrap(markRestClear({ ...doc, findings: [] })));
    expect(cleared.result).toBe('clear');
    expect(findingRows(ctx, stage.id)).toEqual([]);
    expect(blockRows(ctx, stage.id).map((r) => r.margin_result)).toEqual(['clear', 'clear', 'clear', 'clear']);
  });

  it('a save rewrites only the rows that changed: untouched blocks and findings keep their row, version and time', async () => {
    const { ctx, lesion } = await setup();
    const stage = await create(ctx, lesion.id, quartered());
    const first = peripheralTumor(stage.doc, 1, 'first');
    const second = peripheralTumor(stage.doc, 3, 'second');
    const both = await save(ctx, stage, unwrap(addFinding(unwrap(addFinding(stage.doc, first)), second)));
    const rowsOf = () =>
      ctx.store.db
        .prepare('SELECT f.rowid AS rowid, f.id, f.note, f.version, f.updated_at FROM margin_findings f JOIN blocks b ON b.id = f.block_id WHERE b.stage_id = ? ORDER BY f.id')
        .all(stage.id) as { rowid: number; id: string; note: string; version: number; updated_at: string }[];
    const blocksBefore = blockRows(ctx, stage.id);
    const findingsBefore = rowsOf();
    await new Promise((r) => setTimeout(r, 5)); // a later clock, so a rewritten row would show it
    const noted = await save(ctx, both, unwrap(setFindingNote(both.doc, second.id, 'second, infiltrative')));
    const findingsAfter = rowsOf();
    expect(findingsAfter.find((f) => f.id === first.id)).toEqual(findingsBefore.find((f) => f.id === first.id));
    expect(findingsAfter.find((f) => f.id === second.id)).toMatchObject({ note: 'second, infiltrative', version: 2 });
    expect(blockRows(ctx, stage.id)).toEqual(blocksBefore);
    // Removing the first finding drops its row and leaves the other as it was.
    const kept = rowsOf().find((f) => f.id === second.id);
    await save(ctx, noted, { ...noted.doc, findings: noted.doc.findings.filter((f) => f.id !== first.id) });
    expect(rowsOf()).toEqual([kept]);
    expect(blockRows(ctx, stage.id).map((r) => r.margin_result)).toEqual(['pending', 'pending', 'positive', 'pending']);
  });

  it('a save from a stale version is refused with stale, and nothing changes (no audit event either)', async () => {
    const { ctx, lesion } = await setup();
    const stage = await create(ctx, lesion.id, quartered());
    const current = await save(ctx, stage, unwrap(relabelBlock(stage.doc, blockNumbered(stage.doc, 1).id, 'A')));
    const before = snapshot(ctx, stage.id);
    const doc = unwrap(addFinding(stage.doc, peripheralTumor(stage.doc, 3)));
    const error = await refused(ctx, 'stages.save', { id: stage.id, version: stage.version, doc });
    expect(error.code).toBe('stale');
    expect(error.message).toMatch(/changed by someone else/);
    expect(snapshot(ctx, stage.id)).toEqual(before);
    expect(await must(ctx, 'stages.list', { lesionId: lesion.id })).toEqual([current]);
  });

  it("keeps the histotech's lab status through later map edits", async () => {
    const { ctx, lesion } = await setup();
    const stage = await create(ctx, lesion.id, quartered());
    const target = blockNumbered(stage.doc, 3).id;
    ctx.store.db.prepare(`UPDATE blocks SET lab_status = 'embedded' WHERE id = ?`).run(target);
    const doc = unwrap(addFinding(stage.doc, peripheralTumor(stage.doc, 3)));
    const saved = await save(ctx, stage, doc);
    await save(ctx, saved, unwrap(relabelBlock(doc, target, 'X3')));
    const row = blockRows(ctx, stage.id).find((r) => r.id === target);
    expect(row).toMatchObject({ lab_status: 'embedded', label: 'X3', margin_result: 'positive' });
    expect(blockRows(ctx, stage.id).filter((r) => r.id !== target).map((r) => r.lab_status)).toEqual(['excised', 'excised', 'excised']);
  });

  it('renumbering (positions swap between blocks) saves without tripping the one-position-per-block rule', async () => {
    const { ctx, lesion } = await setup();
    const stage = await create(ctx, lesion.id, quartered());
    const ids = [1, 2, 3, 4].map((n) => blockNumbered(stage.doc, n).id);
    ctx.store.db.prepare(`UPDATE blocks SET lab_status = 'cut' WHERE id = ?`).run(ids[0]);
    // Reverse the numbers: 1↔4, 2↔3, as a hand renumbering leaves them.
    const reversed: MapDocument = { ...stage.doc, blocks: stage.doc.blocks.map((b) => ({ ...b, number: 5 - b.number })) };
    const saved = await save(ctx, stage, reversed);
    expect(blockRows(ctx, stage.id).map((r) => [r.id, r.position, r.label])).toEqual([
      [ids[3], 1, '1-1'],
      [ids[2], 2, '1-2'],
      [ids[1], 3, '1-3'],
      [ids[0], 4, '1-4'],
    ]);
    // Renumber in clock order again: every position moves back.
    const renumbered = await save(ctx, saved, unwrap(renumberBlocks(reversed)));
    expect(renumbered.doc.blocks.map((b) => [b.id, b.number])).toEqual(ids.map((id, i) => [id, i + 1]));
    expect(blockRows(ctx, stage.id).map((r) => [r.id, r.position, r.label, r.lab_status])).toEqual([
      [ids[0], 1, '1-1', 'cut'],
      [ids[1], 2, '1-2', 'excised'],
      [ids[2], 3, '1-3', 'excised'],
      [ids[3], 4, '1-4', 'excised'],
    ]);
  });

  it('recutting drops the rows of blocks that no longer exist, with their findings, and keeps the rest', async () => {
    const { ctx, lesion } = await setup();
    const stage = await create(ctx, lesion.id, quartered());
    const quarters = blockRows(ctx, stage.id);
    const tumor = [1, 2, 3, 4].map((n) => peripheralTumor(stage.doc, n));
    const withTumor = await save(ctx, stage, tumor.reduce((d, f) => unwrap(addFinding(d, f)), stage.doc));
    expect(findingRows(ctx, stage.id)).toHaveLength(4);
    // Bisect instead: each half keeps one quarter's block (and its finding), the other two go.
    const piece = withTumor.doc.pieces[0]!;
    const halves = unwrap(setCuts(withTumor.doc, piece.id, bisectCuts(outlineRing(piece.outline)), newId, false));
    expect(halves.blocks).toHaveLength(2);
    const kept = halves.blocks.map((b) => b.id);
    expect(quarters.filter((r) => kept.includes(r.id))).toHaveLength(2);

    const saved = await save(ctx, withTumor, halves);
    expect(saved).toMatchObject({ blockCount: 2, result: 'positive' });
    const rows = blockRows(ctx, stage.id);
    expect(rows.map((r) => [r.id, r.position])).toEqual([...halves.blocks].sort((a, b) => a.number - b.number).map((b) => [b.id, b.number]));
    // The surviving rows are the same rows (created with the stage), not new ones.
    for (const r of rows) expect(r.created_at).toBe(quarters.find((q) => q.id === r.id)?.created_at);
    expect(findingRows(ctx, stage.id).map((f) => [f.id, f.block_id])).toEqual(
      halves.findings.map((f) => [f.id, f.blockId]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(ctx.store.db.prepare('SELECT count(*) AS n FROM blocks').get()).toEqual({ n: 2 });
    expect(ctx.store.db.prepare('SELECT count(*) AS n FROM margin_findings').get()).toEqual({ n: 2 });
  });
});

describe('maps that cannot be stored are refused and nothing is written', () => {
  it('cuts that cannot divide the specimen: invalid_input with the geometry reason', async () => {
    const { ctx, lesion } = await setup();
    const stage = await create(ctx, lesion.id, quartered());
    const before = snapshot(ctx, stage.id);
    // A closed square cut inside the specimen that reaches no edge.
    const loop = [
      { x: 2, y: 1 },
      { x: 4, y: 1 },
      { x: 4, y: 3 },
      { x: 2, y: 3 },
      { x: 2, y: 1 },
    ];
    const doc: MapDocument = { ...stage.doc, pieces: stage.doc.pieces.map((p) => ({ ...p, cuts: [...p.cuts, { id: newId(), points: loop }] })) };
    expect(await refused(ctx, 'stages.save', { id: stage.id, version: stage.version, doc })).toEqual({ code: 'invalid_input', message: LOOP_REASON });
    expect(snapshot(ctx, stage.id)).toEqual(before);
    expect(await refused(ctx, 'stages.create', { lesionId: lesion.id, doc })).toEqual({ code: 'invalid_input', message: LOOP_REASON });
    expect(await must(ctx, 'stages.list', { lesionId: lesion.id })).toHaveLength(1);
    expect(auditCount(ctx)).toBe(before.audits);
  });

  it("blocks that do not match the cuts: invalid_input asking to undo", async () => {
    const { ctx, lesion } = await setup();
    const stage = await create(ctx, lesion.id, quartered());
    const before = snapshot(ctx, stage.id);
    const last = blockNumbered(stage.doc, 4).id;
    const missing: MapDocument = {
      ...stage.doc,
      blocks: stage.doc.blocks.filter((b) => b.id !== last),
      inks: stage.doc.inks.filter((k) => k.blockId !== last),
    };
    const error = await refused(ctx, 'stages.save', { id: stage.id, version: stage.version, doc: missing });
    expect(error).toEqual({ code: 'invalid_input', message: "The map's blocks do not match its cuts; undo the last change." });
    // Two blocks with one number would break the lab's labels.
    const twice: MapDocument = { ...stage.doc, blocks: stage.doc.blocks.map((b) => (b.number === 4 ? { ...b, number: 3 } : b)) };
    expect((await refused(ctx, 'stages.save', { id: stage.id, version: stage.version, doc: twice })).code).toBe('invalid_input');
    expect(snapshot(ctx, stage.id)).toEqual(before);
  });

  it('a document that does not match the map schema: invalid_input', async () => {
    const { ctx, lesion } = await setup();
    const stage = await create(ctx, lesion.id, quartered());
    const before = snapshot(ctx, stage.id);
    const bad: unknown[] = [
      { ...stage.doc, schemaVersion: 3 },
      // An older map version is read from the database (upgraded), never accepted from the editor.
      { ...stage.doc, schemaVersion: 1 },
      { ...stage.doc, blocks: [{ ...stage.doc.blocks[0], number: 0 }, ...stage.doc.blocks.slice(1)] },
      { ...stage.doc, inks: [{ ...stage.doc.inks[0], ink: 'plaid' }] },
      { ...stage.doc, extra: true },
      { ...stage.doc, pieces: stage.doc.pieces.map((p) => ({ ...p, outline: { kind: 'ellipse', cx: 0, cy: 0, rx: -1, ry: 2, rotation: 0 } })) },
      { ...stage.doc, blocks: stage.doc.blocks.map(({ readClear: _, ...b }) => b) },
    ];
    for (const doc of bad) {
      expect((await refused(ctx, 'stages.save', { id: stage.id, version: stage.version, doc })).code).toBe('invalid_input');
      expect((await refused(ctx, 'stages.create', { lesionId: lesion.id, doc })).code).toBe('invalid_input');
    }
    expect(snapshot(ctx, stage.id)).toEqual(before);
    expect(await must(ctx, 'stages.list', { lesionId: lesion.id })).toHaveLength(1);
  });

  it("one stage's map may not take over another stage's blocks", async () => {
    const { ctx, lesion } = await setup();
    const first = await create(ctx, lesion.id, quartered());
    const audits = auditCount(ctx);
    expect((await refused(ctx, 'stages.create', { lesionId: lesion.id, doc: first.doc })).code).toBe('conflict');
    expect(await must(ctx, 'stages.list', { lesionId: lesion.id })).toEqual([first]);
    expect(blockRows(ctx, first.id)).toHaveLength(4);
    expect(auditCount(ctx)).toBe(audits);
  });

  it('stages of a lesion, or a stage, that do not exist: not_found', async () => {
    const { ctx } = await setup();
    expect((await refused(ctx, 'stages.list', { lesionId: 'no-such-lesion' })).code).toBe('not_found');
    expect((await refused(ctx, 'stages.create', { lesionId: 'no-such-lesion', doc: quartered() })).code).toBe('not_found');
    expect((await refused(ctx, 'stages.save', { id: 'no-such-stage', version: 1, doc: quartered() })).code).toBe('not_found');
    expect((await refused(ctx, 'stages.remove', { id: 'no-such-stage', version: 1 })).code).toBe('not_found');
  });

  it('nobody signed in: no_user, nothing written', async () => {
    const { ctx, lesion } = await setup();
    const stage = await create(ctx, lesion.id, quartered());
    await must(ctx, 'session.signOut');
    const before = snapshot(ctx, stage.id);
    expect((await refused(ctx, 'stages.save', { id: stage.id, version: 1, doc: bisected() })).code).toBe('no_user');
    expect((await refused(ctx, 'stages.create', { lesionId: lesion.id, doc: quartered() })).code).toBe('no_user');
    expect((await refused(ctx, 'stages.remove', { id: stage.id, version: 1 })).code).toBe('no_user');
    expect(snapshot(ctx, stage.id)).toEqual(before);
  });
});

describe('stages of a lesion', () => {
  it("labels blocks by the clinic's convention: roman-dash-number gives II-1 … for stage 2", async () => {
    const { ctx, lesion } = await setup();
    await must(ctx, 'settings.update', { blockLabelConvention: 'roman-dash-number' });
    await create(ctx, lesion.id, quartered());
    const second = await create(ctx, lesion.id, bisected());
    expect(second.number).toBe(2);
    expect(blockRows(ctx, second.id).map((r) => r.label)).toEqual(['II-1', 'II-2']);
    await must(ctx, 'settings.update', { blockLabelConvention: 'stage-letter' });
    await save(ctx, second, second.doc);
    expect(blockRows(ctx, second.id).map((r) => r.label)).toEqual(['2A', '2B']);
  });

  it('numbers stages 1, 2, 3 per lesion; only the last can be removed, with its blocks and findings', async () => {
    const { ctx, lesion, surgeon } = await setup();
    const other = await makeLesion(ctx, lesion.caseId);
    const s1 = await create(ctx, lesion.id, quartered());
    const s2 = await create(ctx, lesion.id, bisected());
    const s3doc = bisected();
    const s3 = await create(ctx, lesion.id, unwrap(addFinding(s3doc, peripheralTumor(s3doc, 2))));
    expect([s1, s2, s3].map((s) => s.number)).toEqual([1, 2, 3]);
    expect((await create(ctx, other.id, quartered())).number).toBe(1);
    expect((await must(ctx, 'stages.list', { lesionId: lesion.id })).map((s) => s.id)).toEqual([s1.id, s2.id, s3.id]);

    const audits = auditCount(ctx);
    expect(await refused(ctx, 'stages.remove', { id: s2.id, version: s2.version })).toEqual({ code: 'invalid_input', message: 'Only the last stage can be removed.' });
    expect((await refused(ctx, 'stages.remove', { id: s3.id, version: s3.version + 1 })).code).toBe('stale');
    expect(auditCount(ctx)).toBe(audits);
    expect(blockRows(ctx, s2.id)).toHaveLength(2);

    const { value: removed, event } = await audited(ctx, async () => await must(ctx, 'stages.remove', { id: s3.id, version: s3.version }));
    expect(removed).toBeNull();
    expect(event).toMatchObject({ entity: 'stage', entityId: s3.id, action: 'delete', userId: surgeon.id, before: asJson(s3), after: null });
    expect(stageRow(ctx, s3.id)).toBeUndefined();
    expect(blockRows(ctx, s3.id)).toEqual([]);
    expect(ctx.store.db.prepare('SELECT count(*) AS n FROM margin_findings').get()).toEqual({ n: 0 });
    expect((await must(ctx, 'stages.list', { lesionId: lesion.id })).map((s) => s.number)).toEqual([1, 2]);

    // Stage 2 is the last one now; a new stage takes number 3 again.
    await must(ctx, 'stages.remove', { id: s2.id, version: s2.version });
    expect((await create(ctx, lesion.id, bisected())).number).toBe(2);
  });

  it("a stored map that cannot be read is reported (storage) and left exactly as it was", async () => {
    const { ctx, lesion } = await setup();
    const s1 = await create(ctx, lesion.id, quartered());
    const s2 = await create(ctx, lesion.id, bisected());
    const damaged = JSON.stringify({ ...s2.doc, blocks: 'torn' });
    ctx.store.db.prepare('UPDATE stages SET map_doc = ? WHERE id = ?').run(damaged, s2.id);
    const before = snapshot(ctx, s2.id);

    const error = await refused(ctx, 'stages.list', { lesionId: lesion.id });
    expect(error.code).toBe('storage');
    expect(error.message).toMatch(/^Stage 2's map cannot be read and was left untouched\. The stored map is not valid \(blocks: /);
    // Saving over it or removing it does not replace it either.
    expect((await refused(ctx, 'stages.save', { id: s2.id, version: s2.version, doc: bisected() })).code).toBe('storage');
    expect((await refused(ctx, 'stages.remove', { id: s2.id, version: s2.version })).code).toBe('storage');
    expect(snapshot(ctx, s2.id)).toEqual(before);
    expect(stageRow(ctx, s2.id)).toMatchObject({ map_doc: damaged });

    // Not JSON at all, or written by a newer Layermap: the same, with a message saying which.
    ctx.store.db.prepare('UPDATE stages SET map_doc = ? WHERE id = ?').run('{"schemaVersion":1,', s2.id);
    expect((await refused(ctx, 'stages.list', { lesionId: lesion.id })).message).toMatch(/^Stage 2's map cannot be read and was left untouched\..*not a JSON document/);
    ctx.store.db.prepare('UPDATE stages SET map_doc = ? WHERE id = ?').run(JSON.stringify({ ...s2.doc, schemaVersion: 7 }), s2.id);
    expect((await refused(ctx, 'stages.list', { lesionId: lesion.id })).message).toMatch(/^Stage 2's map cannot be read and was left untouched\..*newer Layermap \(map version 7\)/);
    expect(stageRow(ctx, s1.id)).toMatchObject({ map_doc: JSON.stringify(s1.doc) });
  });

  it('everything survives closing and reopening: maps read back equal to what was saved', async () => {
    const { ctx, lesion, surgeon } = await setup();
    const s1 = await create(ctx, lesion.id, quartered());
    const s1doc = unwrap(addFinding(s1.doc, peripheralTumor(s1.doc, 2, 'at 3 o’clock')));
    const s1b = await save(ctx, s1, s1doc);
    const outline = { kind: 'polygon' as const, points: [{ x: -3, y: 4 }, { x: 5, y: 2 }, { x: 6, y: 9 }, { x: -2, y: 11 }] };
    const s2doc = unwrap(markRestClear(bisected(outline)));
    const s2 = await create(ctx, lesion.id, s2doc);
    const rows = [blockRows(ctx, s1.id), blockRows(ctx, s2.id)];
    const findings = findingRows(ctx, s1.id);
    const audits = auditCount(ctx);

    const again = reopen(world, ctx);
    const listed = await must(again, 'stages.list', { lesionId: lesion.id });
    expect(listed).toEqual([s1b, s2]);
    expect(listed.map((s) => s.doc)).toEqual([s1doc, s2doc]);
    expect(listed.map((s) => [s.number, s.result, s.blockCount])).toEqual([
      [1, 'positive', 4],
      [2, 'clear', 2],
    ]);
    expect([blockRows(again, s1.id), blockRows(again, s2.id)]).toEqual(rows);
    expect(findingRows(again, s1.id)).toEqual(findings);
    expect(auditCount(again)).toBe(audits);

    await must(again, 'session.signIn', { userId: surgeon.id, secret: TEST_PASSWORD });
    expect((await save(again, s2, s2doc)).version).toBe(2);
  });
});

describe('tissue already in the lab', () => {
  it('cannot disappear from the map or with its stage, so its lab status is never lost', async () => {
    const { ctx, lesion } = await setup();
    const stage = await create(ctx, lesion.id, quartered());
    ctx.store.db.prepare("UPDATE blocks SET lab_status = 'embedded' WHERE stage_id = ? AND position = 2").run(stage.id);
    const before = snapshot(ctx, stage.id);
    // Bisecting instead of quartering would remove block 1-2, which the lab has embedded.
    expect(await refused(ctx, 'stages.save', { id: stage.id, version: stage.version, doc: resliced(stage.doc, 2) })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/lab has already started on block 1-2 \(embedded\)/),
    });
    expect(await refused(ctx, 'stages.remove', { id: stage.id, version: stage.version })).toMatchObject({ code: 'invalid_input' });
    expect(snapshot(ctx, stage.id)).toEqual(before);
  });
});

describe('a stage of several pieces, read block by block', () => {
  /** One round of excision from two places: a quartered piece and a bisected one beside it, plus a small undivided one. */
  function threePieces(): MapDocument {
    let doc = quartered();
    doc = unwrap(addPiece(doc, { kind: 'ellipse', cx: 25, cy: 0, rx: 6, ry: 4, rotation: 0 }, newId));
    const second = doc.pieces[1]!;
    doc = unwrap(setCuts(doc, second.id, bisectCuts(outlineRing(second.outline)), newId));
    return unwrap(addPiece(doc, { kind: 'ellipse', cx: 0, cy: 20, rx: 3, ry: 3, rotation: 0 }, newId));
  }

  it('stores every block of every piece as one stage: block count, rows numbered across pieces, coding of one stage', async () => {
    const { ctx, lesion } = await setup();
    const stage = await create(ctx, lesion.id, threePieces());
    expect(stage).toMatchObject({ blockCount: 7, result: 'pending' });
    expect(blockRows(ctx, stage.id).map((r) => [r.position, r.label])).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => [n, `1-${n}`]));
    const { lines } = (await must(ctx, 'cases.coding', { id: lesion.caseId })).result;
    // One stage of 7 blocks: 17311 with 2 units of +17315, never a second stage code.
    expect(lines.map((l) => [l.code, l.units])).toEqual([['17311', 1], ['17315', 2]]);
  });

  it('blocks read clear in any order make the stage clear, stored in the block rows and surviving a restart', async () => {
    const { ctx, lesion } = await setup();
    let stage = await create(ctx, lesion.id, threePieces());
    const ids = [...stage.doc.blocks].reverse().map((b) => b.id);
    for (const [k, id] of ids.entries()) {
      stage = await save(ctx, stage, unwrap(markBlockClear(stage.doc, id)));
      expect(stage.result).toBe(k === ids.length - 1 ? 'clear' : 'pending');
    }
    expect(blockRows(ctx, stage.id).map((r) => r.margin_result)).toEqual(Array(7).fill('clear'));
    const again = reopen(world, ctx);
    const [read] = await must(again, 'stages.list', { lesionId: lesion.id });
    expect(read).toMatchObject({ result: 'clear', blockCount: 7, doc: stage.doc });
  });

  it('refuses overlapping pieces and blocks pointing at no piece', async () => {
    const { ctx, lesion } = await setup();
    const doc = threePieces();
    const overlapping = { ...doc, pieces: doc.pieces.map((p, i) => (i === 1 ? { ...p, outline: { kind: 'ellipse' as const, cx: 3, cy: 0, rx: 6, ry: 4, rotation: 0 } } : p)) };
    expect(await refused(ctx, 'stages.create', { lesionId: lesion.id, doc: overlapping })).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/Piece 2 overlaps piece 1/) });
    const orphan = { ...doc, blocks: doc.blocks.map((b, i) => (i === 0 ? { ...b, pieceId: 'nowhere' } : b)) };
    expect((await refused(ctx, 'stages.create', { lesionId: lesion.id, doc: orphan })).code).toBe('invalid_input');
  });
});
