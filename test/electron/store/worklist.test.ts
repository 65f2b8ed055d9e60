import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../../electron/services/context';
import { inkById } from '../../../shared/catalog';
import { buildPayload, formatPayload } from '../../../shared/labels/payload';
import { deriveStage } from '../../../shared/map/derive';
import type { MapDocument } from '../../../shared/map/document';
import { addFinding, addInk } from '../../../shared/map/edits';
import type { StageRecord, WorklistRow } from '../../../shared/records';
import { addUser, auditCount, makeCase, makeLesion, makePatient, must, refused, reopen, signInSurgeon, useTempWorld } from './helpers';
import { bisected, blockNumbered, blockRows, newId, peripheralTumor, quartered, unwrap } from './maps';

const world = useTempWorld();
const DAY = '2026-05-12';

const create = (ctx: ServiceContext, lesionId: string, doc: MapDocument): StageRecord => must(ctx, 'stages.create', { lesionId, doc });
const worklist = (ctx: ServiceContext, date = DAY): readonly WorklistRow[] => must(ctx, 'worklist.list', { date });
const rowOf = (ctx: ServiceContext, blockId: string): WorklistRow => {
  const row = worklist(ctx).find((r) => r.blockId === blockId);
  if (!row) throw new Error(`block ${blockId} is not on the worklist`);
  return row;
};

/** What the worklist should say a block's inks are: the map's inks on that block, by name, in order, each once. */
const inkNamesOf = (doc: MapDocument, blockId: string): string[] => [
  ...new Set(doc.inks.filter((k) => k.blockId === blockId).map((k) => inkById(k.ink)?.name ?? k.ink)),
];

/** Two patients on the day (entered out of name order), one on another day. */
function day(ctx: ServiceContext) {
  const surgeon = signInSurgeon(ctx);
  const zeller = makePatient(ctx, { familyName: 'Zeller', givenName: 'Anna', mrn: 'Z-100' });
  const abbott = makePatient(ctx, { familyName: 'Abbott', givenName: 'Ben', mrn: 'A-200' });
  const other = makePatient(ctx, { familyName: 'Aaron', givenName: 'Otto', mrn: 'O-300' });

  const zCase = makeCase(ctx, zeller.id, surgeon.id, { dateOfSurgery: DAY, accessionNumber: 'S26-0102' });
  const zA = makeLesion(ctx, zCase.id);
  const zA1 = create(ctx, zA.id, bisected());

  const aCase = makeCase(ctx, abbott.id, surgeon.id, { dateOfSurgery: DAY, accessionNumber: 'S26-0101' });
  const aA = makeLesion(ctx, aCase.id);
  const aB = makeLesion(ctx, aCase.id, { siteId: 'posterior-neck', laterality: null });
  // Lesion B's stage is taken before lesion A's second stage: the list still goes A, then B.
  const aA1 = create(ctx, aA.id, quartered());
  const aB1 = create(ctx, aB.id, bisected());
  const aA2 = create(ctx, aA.id, bisected());

  const oCase = makeCase(ctx, other.id, surgeon.id, { dateOfSurgery: '2026-05-13', accessionNumber: 'S26-0200' });
  const oA1 = create(ctx, makeLesion(ctx, oCase.id).id, quartered());
  return { surgeon, zeller, abbott, zCase, aCase, zA, aA, aB, zA1, aA1, aA2, aB1, oA1 };
}

describe('the worklist of a day', () => {
  it("lists every block of the day's stages, by patient, lesion, stage and block, with labels and inks", () => {
    const ctx = world.open(world.file());
    const d = day(ctx);
    const rows = worklist(ctx);
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
    expect(worklist(ctx, '2026-05-13').map((r) => r.stageId)).toEqual(Array(4).fill(d.oA1.id));
    expect(worklist(ctx, '2026-05-14')).toEqual([]);
  });

  it('names each ink once, in the order the map lists them, and follows relabelled blocks', () => {
    const ctx = world.open(world.file());
    const d = day(ctx);
    const ref = blockNumbered(d.aA1.doc, 1);
    const [first] = inkNamesOf(d.aA1.doc, ref.id);
    // Ink the block's outer edge with the color one of its cut sides already has.
    const block = deriveStage(d.aA1.doc, 1, 'stage-dash-number').blocks.find((b) => b.ref.id === ref.id);
    const outer = block?.sides.find((s) => s.kind === 'peripheral');
    if (!outer || !first) throw new Error('block 1 has no outer side or no ink');
    const inkId = d.aA1.doc.inks.find((k) => k.blockId === ref.id)!.ink;
    const doc = unwrap(addInk(d.aA1.doc, ref.id, inkId, { from: outer.from, to: outer.to }, newId));
    expect(doc.inks.filter((k) => k.blockId === ref.id)).toHaveLength(3);
    must(ctx, 'stages.save', { id: d.aA1.id, version: d.aA1.version, doc });
    expect(rowOf(ctx, ref.id).inks).toEqual(inkNamesOf(d.aA1.doc, ref.id));
    expect(rowOf(ctx, ref.id).inks).toHaveLength(2);
  });
});

describe('moving a block through the lab', () => {
  it('a histotech changes the status: version-guarded, audited with before and after, shown on the list', () => {
    const ctx = world.open(world.file());
    const d = day(ctx);
    const tech = addUser(ctx, 'histotech', 'Tess Lab');
    must(ctx, 'session.signIn', { userId: tech.id });
    const blockId = blockNumbered(d.aA1.doc, 2).id;
    const row = rowOf(ctx, blockId);

    const audits = auditCount(ctx);
    const moved = must(ctx, 'blocks.setStatus', { id: blockId, version: row.version, status: 'grossed' });
    expect(moved).toMatchObject({ blockId, status: 'grossed', version: row.version + 1, blockLabel: '1-2' });
    expect(moved.updatedAt > row.updatedAt).toBe(true);
    expect(auditCount(ctx)).toBe(audits + 1);
    const [event] = must(ctx, 'audit.list', { limit: 1 });
    expect(event).toMatchObject({
      entity: 'block',
      entityId: blockId,
      action: 'update',
      userId: tech.id,
      userName: 'Tess Lab',
      before: { status: 'excised' },
      after: { status: 'grossed' },
    });
    expect(rowOf(ctx, blockId)).toEqual(moved);
    // Only that block moved.
    expect(worklist(ctx).filter((r) => r.blockId !== blockId).every((r) => r.status === 'excised' && r.version === 1)).toBe(true);

    // Every status in turn, and back one step.
    let current = moved;
    for (const status of ['embedded', 'cut', 'stained', 'ready', 'read', 'ready'] as const) {
      current = must(ctx, 'blocks.setStatus', { id: blockId, version: current.version, status });
      expect(current.status).toBe(status);
    }
    const trail = must(ctx, 'audit.list', { entityId: blockId, limit: 100 }).map((e) => [e.before, e.after]).reverse();
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
    expect(must(ctx, 'blocks.setStatus', { id: blockId, version: current.version, status: 'ready' })).toEqual(current);
    expect(auditCount(ctx)).toBe(count);
  });

  it('any signed-in user may change it; nobody signed in may not', () => {
    const ctx = world.open(world.file());
    const d = day(ctx);
    const blockId = blockNumbered(d.zA1.doc, 1).id;
    const byDoctor = must(ctx, 'blocks.setStatus', { id: blockId, version: 1, status: 'read' });
    expect(byDoctor.status).toBe('read');
    expect(must(ctx, 'audit.list', { limit: 1 })[0]).toMatchObject({ entity: 'block', userId: d.surgeon.id });
    must(ctx, 'session.signOut', {});
    expect(refused(ctx, 'blocks.setStatus', { id: blockId, version: byDoctor.version, status: 'ready' }).code).toBe('no_user');
    expect(rowOf(ctx, blockId).status).toBe('read');
  });

  it('refuses a stale version (another workstation moved it first) and writes nothing', () => {
    const ctx = world.open(world.file());
    const d = day(ctx);
    const blockId = blockNumbered(d.aA1.doc, 3).id;
    const seen = rowOf(ctx, blockId);
    const other = must(ctx, 'blocks.setStatus', { id: blockId, version: seen.version, status: 'grossed' });
    const audits = auditCount(ctx);
    const error = refused(ctx, 'blocks.setStatus', { id: blockId, version: seen.version, status: 'embedded' });
    expect(error.code).toBe('stale');
    expect(error.message).toMatch(/changed by someone else/);
    // Even choosing the status it now has is refused on an old version: the user saw something else.
    expect(refused(ctx, 'blocks.setStatus', { id: blockId, version: seen.version, status: 'grossed' }).code).toBe('stale');
    expect(auditCount(ctx)).toBe(audits);
    expect(rowOf(ctx, blockId)).toEqual(other);
  });

  it('refuses an unknown status, a missing block and a bad date by validation', () => {
    const ctx = world.open(world.file());
    const d = day(ctx);
    const blockId = blockNumbered(d.aA1.doc, 1).id;
    const audits = auditCount(ctx);
    expect(refused(ctx, 'blocks.setStatus', { id: blockId, version: 1, status: 'lost' })).toEqual({
      code: 'invalid_input',
      message: expect.stringContaining('Unknown lab status.'),
    });
    expect(refused(ctx, 'blocks.setStatus', { id: blockId, version: 1 }).code).toBe('invalid_input');
    expect(refused(ctx, 'blocks.setStatus', { id: blockId, version: 0, status: 'cut' }).code).toBe('invalid_input');
    expect(refused(ctx, 'blocks.setStatus', { id: 'no-such-block', version: 1, status: 'cut' }).code).toBe('not_found');
    expect(refused(ctx, 'worklist.list', { date: '12/05/2026' }).code).toBe('invalid_input');
    expect(auditCount(ctx)).toBe(audits);
    expect(blockRows(ctx, d.aA1.id).map((r) => r.lab_status)).toEqual(['excised', 'excised', 'excised', 'excised']);
  });
});

describe("the surgeon's stages carry each block's lab status", () => {
  it('stages.list and a saved stage give the status by block id; a map save keeps it', () => {
    const ctx = world.open(world.file());
    const d = day(ctx);
    const ids = d.aA1.doc.blocks.map((b) => b.id);
    expect(d.aA1.labStatus).toEqual(Object.fromEntries(ids.map((id) => [id, 'excised'])));
    const target = blockNumbered(d.aA1.doc, 2).id;
    const seen = rowOf(ctx, target);
    must(ctx, 'blocks.setStatus', { id: target, version: seen.version, status: 'stained' });

    const [one, two] = must(ctx, 'stages.list', { lesionId: d.aA.id });
    expect(one?.labStatus).toEqual({ ...Object.fromEntries(ids.map((id) => [id, 'excised'])), [target]: 'stained' });
    expect(two?.labStatus).toEqual(Object.fromEntries(d.aA2.doc.blocks.map((b) => [b.id, 'excised'])));
    // The stage itself did not change: lab tracking is not a map edit.
    expect(one?.version).toBe(d.aA1.version);

    // The surgeon marks tumor on that block and saves: the lab status stays, the block row moves on.
    const saved = must(ctx, 'stages.save', { id: d.aA1.id, version: d.aA1.version, doc: unwrap(addFinding(d.aA1.doc, peripheralTumor(d.aA1.doc, 2))) });
    expect(saved.labStatus[target]).toBe('stained');
    const after = rowOf(ctx, target);
    expect(after).toMatchObject({ status: 'stained', version: seen.version + 2 });
    // The histotech's screen still holds the version before the map save: told to reload, not overwritten.
    expect(refused(ctx, 'blocks.setStatus', { id: target, version: seen.version + 1, status: 'ready' }).code).toBe('stale');

    // A new stage's blocks start at excised; after a restart everything reads the same.
    const reopened = reopen(world, ctx);
    expect(must(reopened, 'stages.list', { lesionId: d.aA.id })[0]?.labStatus[target]).toBe('stained');
    expect(must(reopened, 'worklist.list', { date: DAY }).find((r) => r.blockId === target)).toEqual(after);
  });

  it('removing a stage takes its blocks off the worklist', () => {
    const ctx = world.open(world.file());
    const d = day(ctx);
    const stage = must(ctx, 'stages.list', { lesionId: d.aA.id })[1]!;
    must(ctx, 'stages.remove', { id: stage.id, version: stage.version });
    expect(worklist(ctx).some((r) => r.stageId === d.aA2.id)).toBe(false);
    expect(worklist(ctx)).toHaveLength(8);
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

  it('an LM2 label finds its block by id, on any day, and two lesions\' "1-1" are two blocks', () => {
    const ctx = world.open(world.file());
    const d = day(ctx);
    // Lesion A and lesion B of one case both have a block "1-1": each label finds its own.
    const a11 = rowOf(ctx, blockNumbered(d.aA1.doc, 1).id);
    const b11 = rowOf(ctx, blockNumbered(d.aB1.doc, 1).id);
    expect([a11.blockLabel, b11.blockLabel]).toEqual(['1-1', '1-1']);
    expect(lm2(a11)).not.toBe(lm2(b11));
    expect(must(ctx, 'worklist.scan', { text: lm2(a11) })).toEqual({ row: a11, format: 'LM2', differences: [] });
    expect(must(ctx, 'worklist.scan', { text: lm2(b11) })).toEqual({ row: b11, format: 'LM2', differences: [] });
    // A block of another day is found too (the worklist then shows that day); a scanner's trailing newline is ignored.
    const other = worklist(ctx, '2026-05-13')[2]!;
    expect(must(ctx, 'worklist.scan', { text: `${lm2(other)}\r\n` }).row).toEqual(other);
    // Scanning reads; it records nothing.
    const audits = auditCount(ctx);
    must(ctx, 'worklist.scan', { text: lm2(a11) });
    expect(auditCount(ctx)).toBe(audits);
  });

  it('a label printed before the record changed still finds its block, and says what differs', () => {
    const ctx = world.open(world.file());
    const d = day(ctx);
    const row = rowOf(ctx, blockNumbered(d.aA1.doc, 2).id);
    const found = must(ctx, 'worklist.scan', { text: lm2(row, { accession: '', block: '1-9' }) });
    expect(found.row).toEqual(row);
    expect(found.differences).toEqual([
      'the accession number is none on the label, “S26-0101” in the record',
      'the block label is “1-9” on the label, “1-2” in the record',
    ]);
  });

  it('an LM1 label (no block id) is matched by MRN, date, lesion, stage and block label', () => {
    const ctx = world.open(world.file());
    const d = day(ctx);
    const row = rowOf(ctx, blockNumbered(d.aA2.doc, 2).id);
    const old = formatPayload('LM1', ['A-200', DAY, 'A', '2', '2-2']);
    expect(must(ctx, 'worklist.scan', { text: old })).toEqual({ row, format: 'LM1', differences: [] });
    // Lesion B's block 1-1, not lesion A's.
    expect(must(ctx, 'worklist.scan', { text: formatPayload('LM1', ['A-200', DAY, 'B', '1', '1-1']) }).row.lesionId).toBe(d.aB.id);
    expect(refused(ctx, 'worklist.scan', { text: formatPayload('LM1', ['A-200', DAY, 'B', '1', '1-5']) })).toEqual({
      code: 'not_found',
      message: expect.stringMatching(/^No block in this database matches this label \(B 1-5 \(stage 1\), MRN A-200, 2026-05-12\)/),
    });
  });

  it('an LM1 label that fits two blocks (two cases of one patient on one day) is not guessed', () => {
    const ctx = world.open(world.file());
    const d = day(ctx);
    const again = makeCase(ctx, d.abbott.id, d.surgeon.id, { dateOfSurgery: DAY });
    create(ctx, makeLesion(ctx, again.id).id, bisected());
    const error = refused(ctx, 'worklist.scan', { text: formatPayload('LM1', ['A-200', DAY, 'A', '1', '1-1']) });
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/no block id and fits 2 blocks/);
    // The LM2 labels of the same two blocks are told apart by their ids.
    const ones = worklist(ctx).filter((r) => r.mrn === 'A-200' && r.lesionLabel === 'A' && r.blockLabel === '1-1');
    expect(ones).toHaveLength(2);
    expect(ones.map((r) => must(ctx, 'worklist.scan', { text: lm2(r) }).row.blockId)).toEqual(ones.map((r) => r.blockId));
  });

  it('refuses a foreign code, a damaged label and an unknown block with a message that says what to do', () => {
    const ctx = world.open(world.file());
    day(ctx);
    expect(refused(ctx, 'worklist.scan', { text: '4006381333931' })).toEqual({
      code: 'invalid_input',
      message: expect.stringMatching(/^That is not a Layermap block label\. .*Scan the square barcode/),
    });
    expect(refused(ctx, 'worklist.scan', { text: 'LM2|x|S|A-200|2026-05-12|A|1' })).toEqual({
      code: 'invalid_input',
      message: expect.stringMatching(/^That Layermap label cannot be read\. A Layermap LM2 label has 8 fields; this one has 7\. Print this block's labels again\./),
    });
    const gone = buildPayload({ blockId: 'not-in-this-db', accession: 'X-1', mrn: 'A-200', date: DAY, lesion: 'A', stage: 1, block: '1-1' });
    expect(refused(ctx, 'worklist.scan', { text: gone })).toEqual({
      code: 'not_found',
      message: expect.stringMatching(/No block in this database matches this label \(X-1 A 1-1 \(stage 1\), MRN A-200, 2026-05-12\)\. It may come from another/),
    });
    expect(refused(ctx, 'worklist.scan', {}).code).toBe('invalid_input');
    expect(refused(ctx, 'worklist.scan', { text: 'x'.repeat(5000) }).code).toBe('invalid_input');
  });

  it('a block whose stage was removed is no longer found', () => {
    const ctx = world.open(world.file());
    const d = day(ctx);
    const row = rowOf(ctx, blockNumbered(d.zA1.doc, 1).id);
    const label = lm2(row);
    expect(must(ctx, 'worklist.scan', { text: label }).row.blockId).toBe(row.blockId);
    must(ctx, 'stages.remove', { id: d.zA1.id, version: d.zA1.version });
    expect(refused(ctx, 'worklist.scan', { text: label }).code).toBe('not_found');
  });
});
