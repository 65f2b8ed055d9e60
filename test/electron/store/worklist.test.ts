import { describe, expect, it } from 'vitest';
import { beforeAndAfter } from './auditRebuild';
import type { ServiceContext } from '../../../electron/services/context';
import { inkById } from '../../../shared/catalog';
import { buildPayload, formatPayload } from '../../../shared/labels/payload';
import { deriveStage } from '../../../shared/map/derive';
import type { MapDocument } from '../../../shared/map/document';
import { addFinding, addInk } from '../../../shared/map/edits';
import type { StageRecord, WorklistRow } from '../../../shared/records';
import { addUser, auditCount, makeCase, makeLesion, makePatient, must, refused, reopen, signInSurgeon, useTempWorld, TEST_PASSWORD, auditTrail } from './helpers';
import { bisected, blockNumbered, blockRows, newId, peripheralTumor, quartered, unwrap } from './maps';

const world = useTempWorld();
const DAY = '2026-05-12';

const create = async (ctx: ServiceContext, lesionId: string, doc: MapDocument): Promise<StageRecord> => await must(ctx, 'stages.create', { lesionId, doc });
const worklist = async (ctx: ServiceContext, date = DAY): Promise<readonly WorklistRow[]> => await must(ctx, 'worklist.list', { date });
const rowOf = async (ctx: ServiceContext, blockId: string): Promise<WorklistRow> => {
  const row = (await worklist(ctx)).find((r) => r.blockId === blockId);
  if (!row) throw new Error(`block ${blockId} is not on the worklist`);
  return row;
};

/** What the worklist should say a block's inks are: the map's inks on that block, by name, in order, each once. */
const inkNamesOf = (doc: MapDocument, blockId: string): string[] => [
  ...new Set(doc.inks.filter((k) => k.blockId === blockId).map((k) => inkById(k.ink)?.name ?? k.ink)),
];

/** Two patients on the day (entered out of name order), one on another day. */
async function day(ctx: ServiceContext) {
  const surgeon = await signInSurgeon(ctx);
  const zeller = await makePatient(ctx, { familyName: 'Zeller', givenName: 'Anna', mrn: 'Z-100' });
  const abbott = await makePatient(ctx, { familyName: 'Abbott', givenName: 'Ben', mrn: 'A-200' });
  const other = await makePatient(ctx, { familyName: 'Aaron', givenName: 'Otto', mrn: 'O-300' });

  const zCase = await makeCase(ctx, zeller.id, surgeon.id, { dateOfSurgery: DAY, accessionNumber: 'S26-0102' });
  const zA = await makeLesion(ctx, zCase.id);
  const zA1 = await create(ctx, zA.id, bisected());

  const aCase = await makeCase(ctx, abbott.id, surgeon.id, { dateOfSurgery: DAY, accessionNumber: 'S26-0101' });
  const aA = await makeLesion(ctx, aCase.id);
  const aB = await makeLesion(ctx, aCase.id, { siteId: 'posterior-neck', laterality: null });
  // Lesion B's stage is taken before lesion A's second stage: the list still goes A, then B.
  const aA1 = await create(ctx, aA.id, quartered());
  const aB1 = await create(ctx, aB.id, bisected());
  const aA2 = await create(ctx, aA.id, bisected());

  const oCase = await makeCase(ctx, other.id, surgeon.id, { dateOfSurgery: '2026-05-13', accessionNumber: 'S26-0200' });
  const oA1 = await create(ctx, (await makeLesion(ctx, oCase.id)).id, quartered());
  return { surgeon, zeller, abbott, zCase, aCase, zA, aA, aB, zA1, aA1, aA2, aB1, oA1 };
}

describe('the worklist of a day', () => {
  it("lists every block of the day's stages, by patient, lesion, stage and block, with labels and inks", async () => {
    const ctx = world.open(world.file());
    const d = await day(ctx);
    const rows = await worklist(ctx);
    expect(rows.map((r) => [r.patientName, r.lesionLabel, r.stageNumber, r.blockLabel])).toEqual([
      ['Abbott, Ben', 'A', 1, '1-1'],
      ['Abbott, Ben', 'A', 1, '1-2'],
      ['Abbott, Ben', 'A', 1, '1-3'],
      ['Abbott, Ben', 'A', 1, '1-4'],
      ['Abbott, Ben', 'A', 2, '2-1'],
      ['Abbott, Ben', 'A', 2, '2-2'],
      ['Abbott, Ben', 'B', 1, '1-1'],
      ['Abbott, Ben', 'B', 1, '1-2'],
      ['Zeller, Anna', 'A', 1, '1-1'],
      ['Zeller, Anna', 'A', 1, '1-2'],
    ]);
    expect(rows[0]).toEqual({
      blockId: blockNumbered(d.aA1.doc, 1).id,
      version: 1,
      caseId: d.aCase.id,
      lesionId: d.aA.id,
      stageId: d.aA1.id,
      dateOfSurgery: DAY,
      patientName: 'Abbott, Ben',
      mrn: 'A-200',
      accessionNumber: 'S26-0101',
      lesionLabel: 'A',
      siteLabel: 'Left nasal ala',
      stageNumber: 1,
      blockLabel: '1-1',
      inks: inkNamesOf(d.aA1.doc, blockNumbered(d.aA1.doc, 1).id),
      status: 'excised',
      updatedAt: d.aA1.updatedAt,
      histology: null,
    });
    expect(rows.find((r) => r.lesionId === d.aB.id)?.siteLabel).toBe('Posterior neck');
    expect(rows.find((r) => r.caseId === d.zCase.id)).toMatchObject({ mrn: 'Z-100', accessionNumber: 'S26-0102' });

    // Every block's inks are the map's, by name: a quartered block has its two cut sides inked in two colors.
    for (const stage of [d.aA1, d.aA2, d.aB1, d.zA1]) {
      for (const ref of stage.doc.blocks) {
        const row = rows.find((r) => r.blockId === ref.id);
        expect(row?.inks).toEqual(inkNamesOf(stage.doc, ref.id));
      }
    }
    expect(rows.filter((r) => r.stageId === d.aA1.id).every((r) => r.inks.length === 2 && r.inks.every((n) => /^[A-Z][a-z]+$/.test(n)))).toBe(true);

    // The other day has only its own case; a day without cases is empty.
    expect((await worklist(ctx, '2026-05-13')).map((r) => r.stageId)).toEqual(Array(4).fill(d.oA1.id));
    expect(await worklist(ctx, '2026-05-14')).toEqual([]);
  });

  it('names each ink once, in the order the map lists them, and follows relabelled blocks', async () => {
    const ctx = world.open(world.file());
    const d = await day(ctx);
    const ref = blockNumbered(d.aA1.doc, 1);
    const [first] = inkNamesOf(d.aA1.doc, ref.id);
    // Ink the block's outer edge with the color one of its cut sides already has.
    const block = deriveStage(d.aA1.doc, 1, 'stage-dash-number').blocks.find((b) => b.ref.id === ref.id);
    const outer = block?.sides.find((s) => s.kind === 'peripheral');
    if (!outer || !first) throw new Error('block 1 has no outer side or no ink');
    const inkId = d.aA1.doc.inks.find((k) => k.blockId === ref.id)!.ink;
    const doc = unwrap(addInk(d.aA1.doc, ref.id, inkId, { from: outer.from, to: outer.to }, newId));
    expect(doc.inks.filter((k) => k.blockId === ref.id)).toHaveLength(3);
    await must(ctx, 'stages.save', { id: d.aA1.id, version: d.aA1.version, doc });
    expect((await rowOf(ctx, ref.id)).inks).toEqual(inkNamesOf(d.aA1.doc, ref.id));
    expect((await rowOf(ctx, ref.id)).inks).toHaveLength(2);
  });
});

describe('moving a block through the lab', () => {
  it('a histotech changes the status: version-guarded, audited with before and after, shown on the list', async () => {
    const ctx = world.open(world.file());
    const d = await day(ctx);
    const tech = await addUser(ctx, 'histotech', 'Tess Lab');
    await must(ctx, 'session.signIn', { userId: tech.id, secret: TEST_PASSWORD });
    const blockId = blockNumbered(d.aA1.doc, 2).id;
    const row = await rowOf(ctx, blockId);

    const audits = auditCount(ctx);
    const moved = await must(ctx, 'blocks.setStatus', { id: blockId, version: row.version, status: 'grossed' });
    expect(moved).toMatchObject({ blockId, status: 'grossed', version: row.version + 1, blockLabel: '1-2' });
    expect(moved.updatedAt > row.updatedAt).toBe(true);
    expect(auditCount(ctx)).toBe(audits + 1);
    const [event] = await auditTrail(ctx, { limit: 1 });
    expect(event).toMatchObject({
      entity: 'block',
      entityId: blockId,
      action: 'update',
      userId: tech.id,
      userName: 'Tess Lab',
    });
    expect(await beforeAndAfter(ctx, event!)).toEqual({ before: { status: 'excised' }, after: { status: 'grossed' } });
    expect(await rowOf(ctx, blockId)).toEqual(moved);
    // Only that block moved.
    expect((await worklist(ctx)).filter((r) => r.blockId !== blockId).every((r) => r.status === 'excised' && r.version === 1)).toBe(true);

    // Every status in turn, and back one step.
    let current = moved;
    for (const status of ['embedded', 'cut', 'stained', 'ready', 'read', 'ready'] as const) {
      current = await must(ctx, 'blocks.setStatus', { id: blockId, version: current.version, status });
      expect(current.status).toBe(status);
    }
    const events = (await auditTrail(ctx, { entityId: blockId, limit: 100 })).reverse();
    const trail: unknown[] = [];
    for (const e of events) {
      const { before, after } = await beforeAndAfter(ctx, e);
      trail.push([before, after]);
    }
    expect(trail).toEqual(
      [
        ['excised', 'grossed'],
        ['grossed', 'embedded'],
        ['embedded', 'cut'],
        ['cut', 'stained'],
        ['stained', 'ready'],
        ['ready', 'read'],
        ['read', 'ready'],
      ].map(([b, a]) => [{ status: b }, { status: a }]),
    );

    // Choosing the status it already has changes nothing and records nothing.
    const count = auditCount(ctx);
    expect(await must(ctx, 'blocks.setStatus', { id: blockId, version: current.version, status: 'ready' })).toEqual(current);
    expect(auditCount(ctx)).toBe(count);
  });

  it('any signed-in user may change it; nobody signed in may not', async () => {
    const ctx = world.open(world.file());
    const d = await day(ctx);
    const blockId = blockNumbered(d.zA1.doc, 1).id;
    const byDoctor = await must(ctx, 'blocks.setStatus', { id: blockId, version: 1, status: 'read' });
    expect(byDoctor.status).toBe('read');
    expect((await auditTrail(ctx, { limit: 1 }))[0]).toMatchObject({ entity: 'block', userId: d.surgeon.id });
    await must(ctx, 'session.signOut', {});
    expect((await refused(ctx, 'blocks.setStatus', { id: blockId, version: byDoctor.version, status: 'ready' })).code).toBe('no_user');
    ctx.session.userId = d.surgeon.id; // back at work, to read the unchanged block
    expect((await rowOf(ctx, blockId)).status).toBe('read');
  });

  it('refuses a stale version (another workstation moved it first) and writes nothing', async () => {
    const ctx = world.open(world.file());
    const d = await day(ctx);
    const blockId = blockNumbered(d.aA1.doc, 3).id;
    const seen = await rowOf(ctx, blockId);
    const other = await must(ctx, 'blocks.setStatus', { id: blockId, version: seen.version, status: 'grossed' });
    const audits = auditCount(ctx);
    const error = await refused(ctx, 'blocks.setStatus', { id: blockId, version: seen.version, status: 'embedded' });
    expect(error.code).toBe('stale');
    expect(error.message).toMatch(/changed by someone else/);
    // Even choosing the status it now has is refused on an old version: the user saw something else.
    expect((await refused(ctx, 'blocks.setStatus', { id: blockId, version: seen.version, status: 'grossed' })).code).toBe('stale');
    expect(auditCount(ctx)).toBe(audits);
    expect(await rowOf(ctx, blockId)).toEqual(other);
  });

  it('refuses an unknown status, a missing block and a bad date by validation', async () => {
    const ctx = world.open(world.file());
    const d = await day(ctx);
    const blockId = blockNumbered(d.aA1.doc, 1).id;
    const audits = auditCount(ctx);
    expect(await refused(ctx, 'blocks.setStatus', { id: blockId, version: 1, status: 'lost' })).toEqual({
      code: 'invalid_input',
      message: expect.stringContaining('Unknown lab status.'),
    });
    expect((await refused(ctx, 'blocks.setStatus', { id: blockId, version: 1 })).code).toBe('invalid_input');
    expect((await refused(ctx, 'blocks.setStatus', { id: blockId, version: 0, status: 'cut' })).code).toBe('invalid_input');
    expect((await refused(ctx, 'blocks.setStatus', { id: 'no-such-block', version: 1, status: 'cut' })).code).toBe('not_found');
    expect((await refused(ctx, 'worklist.list', { date: '12/05/2026' })).code).toBe('invalid_input');
    expect(auditCount(ctx)).toBe(audits);
    expect(blockRows(ctx, d.aA1.id).map((r) => r.lab_status)).toEqual(['excised', 'excised', 'excised', 'excised']);
  });
});

describe("the surgeon's stages carry each block's lab status", () => {
  it('stages.list and a saved stage give the status by block id; a map save keeps it', async () => {
    const ctx = world.open(world.file());
    const d = await day(ctx);
    const ids = d.aA1.doc.blocks.map((b) => b.id);
    expect(d.aA1.labStatus).toEqual(Object.fromEntries(ids.map((id) => [id, 'excised'])));
    const target = blockNumbered(d.aA1.doc, 2).id;
    const seen = await rowOf(ctx, target);
    await must(ctx, 'blocks.setStatus', { id: target, version: seen.version, status: 'stained' });

    const [one, two] = await must(ctx, 'stages.list', { lesionId: d.aA.id });
    expect(one?.labStatus).toEqual({ ...Object.fromEntries(ids.map((id) => [id, 'excised'])), [target]: 'stained' });
    expect(two?.labStatus).toEqual(Object.fromEntries(d.aA2.doc.blocks.map((b) => [b.id, 'excised'])));
    // The stage itself did not change: lab tracking is not a map edit.
    expect(one?.version).toBe(d.aA1.version);

    // The surgeon marks tumor on that block and saves: the lab status stays, the block row moves on.
    const saved = await must(ctx, 'stages.save', { id: d.aA1.id, version: d.aA1.version, doc: unwrap(addFinding(d.aA1.doc, peripheralTumor(d.aA1.doc, 2))) });
    expect(saved.labStatus[target]).toBe('stained');
    const after = await rowOf(ctx, target);
    expect(after).toMatchObject({ status: 'stained', version: seen.version + 2 });
    // The histotech's screen still holds the version before the map save: told to reload, not overwritten.
    expect((await refused(ctx, 'blocks.setStatus', { id: target, version: seen.version + 1, status: 'ready' })).code).toBe('stale');

    // A new stage's blocks start at excised; after a restart everything reads the same.
    const reopened = reopen(world, ctx);
    expect((await must(reopened, 'stages.list', { lesionId: d.aA.id }))[0]?.labStatus[target]).toBe('stained');
    expect((await must(reopened, 'worklist.list', { date: DAY })).find((r) => r.blockId === target)).toEqual(after);
  });

  it('removing a stage takes its blocks off the worklist', async () => {
    const ctx = world.open(world.file());
    const d = await day(ctx);
    const stage = (await must(ctx, 'stages.list', { lesionId: d.aA.id }))[1]!;
    await must(ctx, 'stages.remove', { id: stage.id, version: stage.version });
    expect((await worklist(ctx)).some((r) => r.stageId === d.aA2.id)).toBe(false);
    expect(await worklist(ctx)).toHaveLength(8);
  });
});

describe('finding a block by scanning its label', () => {
  const lm2 = (row: WorklistRow, over: Partial<Record<'accession' | 'mrn' | 'block', string>> = {}): string =>
    buildPayload({
      blockId: row.blockId,
      accession: over.accession ?? row.accessionNumber,
      mrn: over.mrn ?? row.mrn,
      date: row.dateOfSurgery,
      lesion: row.lesionLabel,
      stage: row.stageNumber,
      block: over.block ?? row.blockLabel,
    });

  it('an LM2 label finds its block by id, on any day, and two lesions\' "1-1" are two blocks', async () => {
    const ctx = world.open(world.file());
    const d = await day(ctx);
    // Lesion A and lesion B of one case both have a block "1-1": each label finds its own.
    const a11 = await rowOf(ctx, blockNumbered(d.aA1.doc, 1).id);
    const b11 = await rowOf(ctx, blockNumbered(d.aB1.doc, 1).id);
    expect([a11.blockLabel, b11.blockLabel]).toEqual(['1-1', '1-1']);
    expect(lm2(a11)).not.toBe(lm2(b11));
    expect(await must(ctx, 'worklist.scan', { text: lm2(a11) })).toEqual({ row: a11, format: 'LM2', differences: [] });
    expect(await must(ctx, 'worklist.scan', { text: lm2(b11) })).toEqual({ row: b11, format: 'LM2', differences: [] });
    // A block of another day is found too (the worklist then shows that day); a scanner's trailing newline is ignored.
    const other = (await worklist(ctx, '2026-05-13'))[2]!;
    expect((await must(ctx, 'worklist.scan', { text: `${lm2(other)}\r\n` })).row).toEqual(other);
    // Scanning reads; it records nothing.
    const audits = auditCount(ctx);
    await must(ctx, 'worklist.scan', { text: lm2(a11) });
    expect(auditCount(ctx)).toBe(audits);
  });

  it('a label printed before the record changed still finds its block, and says what differs', async () => {
    const ctx = world.open(world.file());
    const d = await day(ctx);
    const row = await rowOf(ctx, blockNumbered(d.aA1.doc, 2).id);
    const found = await must(ctx, 'worklist.scan', { text: lm2(row, { accession: '', block: '1-9' }) });
    expect(found.row).toEqual(row);
    expect(found.differences).toEqual([
      'the accession number is none on the label, “S26-0101” in the record',
      'the block label is “1-9” on the label, “1-2” in the record',
    ]);
  });

  it('an LM1 label (no block id) is matched by MRN, date, lesion, stage and block label', async () => {
    const ctx = world.open(world.file());
    const d = await day(ctx);
    const row = await rowOf(ctx, blockNumbered(d.aA2.doc, 2).id);
    const old = formatPayload('LM1', ['A-200', DAY, 'A', '2', '2-2']);
    expect(await must(ctx, 'worklist.scan', { text: old })).toEqual({ row, format: 'LM1', differences: [] });
    // Lesion B's block 1-1, not lesion A's.
    expect((await must(ctx, 'worklist.scan', { text: formatPayload('LM1', ['A-200', DAY, 'B', '1', '1-1']) })).row.lesionId).toBe(d.aB.id);
    expect(await refused(ctx, 'worklist.scan', { text: formatPayload('LM1', ['A-200', DAY, 'B', '1', '1-5']) })).toEqual({
      code: 'not_found',
      message: expect.stringMatching(/^No block in this database matches this label \(B 1-5 \(stage 1\), MRN A-200, 2026-05-12\)/),
    });
  });

  it('an LM1 label that fits two blocks (two cases of one patient on one day) is not guessed', async () => {
    const ctx = world.open(world.file());
    const d = await day(ctx);
    const again = await makeCase(ctx, d.abbott.id, d.surgeon.id, { dateOfSurgery: DAY });
    await create(ctx, (await makeLesion(ctx, again.id)).id, bisected());
    const error = await refused(ctx, 'worklist.scan', { text: formatPayload('LM1', ['A-200', DAY, 'A', '1', '1-1']) });
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/no block id and fits 2 blocks/);
    // The LM2 labels of the same two blocks are told apart by their ids.
    const ones = (await worklist(ctx)).filter((r) => r.mrn === 'A-200' && r.lesionLabel === 'A' && r.blockLabel === '1-1');
    expect(ones).toHaveLength(2);
    expect(await Promise.all(ones.map(async (r) => (await must(ctx, 'worklist.scan', { text: lm2(r) })).row.blockId))).toEqual(ones.map((r) => r.blockId));
  });

  it('refuses a foreign code, a damaged label and an unknown block with a message that says what to do', async () => {
    const ctx = world.open(world.file());
    await day(ctx);
    expect(await refused(ctx, 'worklist.scan', { text: '4006381333931' })).toEqual({
      code: 'invalid_input',
      message: expect.stringMatching(/^That is not a Layermap block label\. .*Scan the square barcode/),
    });
    expect(await refused(ctx, 'worklist.scan', { text: 'LM2|x|S|A-200|2026-05-12|A|1' })).toEqual({
      code: 'invalid_input',
      message: expect.stringMatching(/^That Layermap label cannot be read\. A Layermap LM2 label has 8 fields; this one has 7\. Print this block's labels again\./),
    });
    const gone = buildPayload({ blockId: 'not-in-this-db', accession: 'X-1', mrn: 'A-200', date: DAY, lesion: 'A', stage: 1, block: '1-1' });
    expect(await refused(ctx, 'worklist.scan', { text: gone })).toEqual({
      code: 'not_found',
      message: expect.stringMatching(/No block in this database matches this label \(X-1 A 1-1 \(stage 1\), MRN A-200, 2026-05-12\)\. It may come from another/),
    });
    expect((await refused(ctx, 'worklist.scan', {})).code).toBe('invalid_input');
    expect((await refused(ctx, 'worklist.scan', { text: 'x'.repeat(5000) })).code).toBe('invalid_input');
  });

  it('a block whose stage was removed is no longer found', async () => {
    const ctx = world.open(world.file());
    const d = await day(ctx);
    const row = await rowOf(ctx, blockNumbered(d.zA1.doc, 1).id);
    const label = lm2(row);
    expect((await must(ctx, 'worklist.scan', { text: label })).row.blockId).toBe(row.blockId);
    await must(ctx, 'stages.remove', { id: d.zA1.id, version: d.zA1.version });
    expect((await refused(ctx, 'worklist.scan', { text: label })).code).toBe('not_found');
  });
});
