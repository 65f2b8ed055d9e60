/**
 * The case's coding summary (cases.coding) and its additional codes (cases.setAdditionalCodes),
 * through dispatch against real SQLite files. Worked examples from DOMAIN.md "CPT codes":
 * nose, 3 stages of 7, 3 and 2 blocks → 17311 ×1, 17312 ×2, 17315 ×2; back, 2 stages of 6
 * and 7 blocks → 17313 ×1, 17314 ×1, 17315 ×3 (the second lesion's first stage with the
 * distinct-lesion modifier). The summary is derived from the stages on every read.
 */
import { describe, expect, it } from 'vitest';
import { beforeAndAfter } from './auditRebuild';
import type { ServiceContext } from '../../../electron/services/context';
import type { CaseCoding } from '../../../shared/api';
import type { Lesion, StageRecord } from '../../../shared/records';
import type { UserId } from '../../../shared/ids';
import { auditCount, makeCase, makeLesion, makePatient, must, refused, reopen, signInSurgeon, useTempWorld, auditTrail } from './helpers';
import { resliced, sliced, unwrap } from './maps';
import { EMPTY_MAP } from '../../../shared/map/document';
import { markRestClear } from '../../../shared/map/readings';

const world = useTempWorld();
const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

/** Adds one stage per entry, each map cut into that many blocks. */
async function addStages(ctx: ServiceContext, lesion: Lesion, blocks: readonly number[]): Promise<StageRecord[]> {
  const stages: StageRecord[] = [];
  for (const n of blocks) {
    const stage = await must(ctx, 'stages.create', { lesionId: lesion.id, doc: sliced(n) });
    expect(stage.blockCount).toBe(n);
    stages.push(stage);
  }
  return stages;
}

/** A signed-in surgeon's case: lesion A on the left nasal ala (BCC), lesion B on the left back (BCC). */
async function twoLesionCase() {
  const ctx = world.open(world.file());
  const surgeon = await signInSurgeon(ctx);
  const patient = await makePatient(ctx);
  const kase = await makeCase(ctx, patient.id, surgeon.id);
  const a = await makeLesion(ctx, kase.id, { siteId: 'nasal-ala', laterality: 'left', tumorTypeId: 'bcc-nodular' });
  const b = await makeLesion(ctx, kase.id, { siteId: 'back', laterality: 'left', tumorTypeId: 'bcc-superficial' });
  return { ctx, surgeon, kase, a, b };
}

/** The worked example: A with stages of 7, 3 and 2 blocks; B with stages of 6 and 7 blocks. */
async function workedExample() {
  const world = await twoLesionCase();
  const stagesA = await addStages(world.ctx, world.a, [7, 3, 2]);
  const stagesB = await addStages(world.ctx, world.b, [6, 7]);
  return { ...world, stagesA, stagesB };
}

const coding = async (ctx: ServiceContext, caseId: string): Promise<CaseCoding> => await must(ctx, 'cases.coding', { id: caseId });

/** The CPT lines as a coder reads them: code, units, modifiers, lesion labels. */
const lines = (c: CaseCoding) => c.result.lines.map((l) => [l.code, l.units, l.modifiers, l.lesionLabels.join(',')]);
const warnings = (c: CaseCoding) => c.result.warnings.map((w) => ({ kind: w.kind, severity: w.severity, lesionId: w.lesionId, code: w.code }));

const WORKED_LINES = [
  ['17311', 1, [], 'A'],
  ['17312', 2, [], 'A'],
  ['17315', 2, [], 'A'],
  ['17313', 1, ['59'], 'B'],
  ['17314', 1, [], 'B'],
  ['17315', 3, [], 'B'],
];

describe('the coding summary of a two-lesion case', () => {
  it('codes the worked example: nose 7, 3, 2 blocks and back 6, 7 blocks', async () => {
    const { ctx, kase, a, b } = await workedExample();
    const c = await coding(ctx, kase.id);
    expect(lines(c)).toEqual(WORKED_LINES);
    expect(c.result.lines.map((l) => l.lesionIds)).toEqual([[a.id], [a.id], [a.id], [b.id], [b.id], [b.id]]);
    expect(c.result.warnings).toEqual([]);
    expect(c.result.lines[0]?.reason).toBe(
      'Stage 1 of lesion A (nasal ala: head/neck family), 7 blocks: 5 included, 2 billed as +17315; first line of the claim, no distinct-lesion modifier: the highest-valued first stage today (17311 over 17313)',
    );
    expect(c.result.lines[3]?.reason).toMatch(/^Stage 1 of lesion B \(back: trunk family\), 6 blocks: 5 included, 1 billed as \+17315; modifier 59/);
    expect(c.result.lines[5]?.reason).toMatch(/stage 1 has 6 blocks \(1 over\), stage 2 has 7 blocks \(2 over\)/);
    expect(c).toMatchObject({ caseId: kase.id, dateOfSurgery: kase.dateOfSurgery, distinctLesionModifier: '59', cliaNumber: '', additionalCodes: [] });
    expect(c.mue).toMatchObject({ origin: 'built-in', quarter: null });
  });

  it("lists each lesion in label order with its stages, site, ICD-10 and AUC area", async () => {
    const { ctx, kase, a, b } = await workedExample();
    const c = await coding(ctx, kase.id);
    const pending = (blocks: number[]) => blocks.map((blockCount, i) => ({ number: i + 1, blockCount, result: 'pending' }));
    expect(c.lesions).toEqual([
      {
        lesionId: a.id,
        label: 'A',
        siteId: 'nasal-ala',
        siteLabel: 'Nasal ala',
        laterality: 'left',
        tumorTypeId: 'bcc-nodular',
        deepStructures: false,
        aucArea: 'H',
        icd10: { code: 'C44.311', description: expect.stringMatching(/basal cell carcinoma/i) as unknown },
        stages: pending([7, 3, 2]),
        finalDefect: null,
        outcome: null,
        repair: null,
      },
      {
        lesionId: b.id,
        label: 'B',
        siteId: 'back',
        siteLabel: 'Back',
        laterality: 'left',
        tumorTypeId: 'bcc-superficial',
        deepStructures: false,
        aucArea: 'L',
        icd10: expect.objectContaining({ code: 'C44.519' }) as unknown,
        stages: pending([6, 7]),
        finalDefect: null,
        outcome: null,
        repair: null,
      },
    ]);
  });

  it("reads each stage's result and the lesion's final defect from the record", async () => {
    const { ctx, kase, a, stagesA } = await workedExample();
    const last = stagesA[2];
    if (!last) throw new Error('no stage 3');
    await must(ctx, 'stages.save', { id: last.id, version: last.version, doc: unwrap(markRestClear(last.doc)) });
    const lesion = (await must(ctx, 'lesions.get', { id: a.id })).lesion;
    await must(ctx, 'lesions.setMapFacts', { id: a.id, version: lesion.version, twelveOClock: 'superior', finalDefect: { lengthMm: 18, widthMm: 14, source: 'measured' } });
    const [la] = (await coding(ctx, kase.id)).lesions;
    expect(la?.stages.map((s) => [s.number, s.blockCount, s.result])).toEqual([
      [1, 7, 'pending'],
      [2, 3, 'pending'],
      [3, 2, 'clear'],
    ]);
    expect(la?.finalDefect).toEqual({ lengthMm: 18, widthMm: 14, source: 'measured' });
  });

  it('puts the distinct-lesion modifier of the setting on the later lesion: XS instead of 59', async () => {
    const { ctx, kase } = await workedExample();
    await must(ctx, 'settings.update', { distinctLesionModifier: 'XS' });
    const c = await coding(ctx, kase.id);
    expect(c.distinctLesionModifier).toBe('XS');
    expect(lines(c)).toEqual(WORKED_LINES.map((l) => (l[2] as string[]).length > 0 ? [l[0], l[1], ['XS'], l[3]] : l));
    expect(c.result.lines[3]?.reason).toMatch(/modifier XS: distinct lesion/);
    await must(ctx, 'settings.update', { distinctLesionModifier: '59' });
    expect(lines(await coding(ctx, kase.id))).toEqual(WORKED_LINES);
  });

  it('codes the claim in order when the trunk lesion was added first: the 17311 opens the claim, the 17313 carries 59', async () => {
    const ctx = world.open(world.file());
    const surgeon = await signInSurgeon(ctx);
    const kase = await makeCase(ctx, (await makePatient(ctx)).id, surgeon.id);
    const back = await makeLesion(ctx, kase.id, { siteId: 'back', laterality: 'left', tumorTypeId: 'bcc-superficial' });
    const nose = await makeLesion(ctx, kase.id, { siteId: 'nasal-ala', laterality: 'left', tumorTypeId: 'bcc-nodular' });
    await addStages(ctx, back, [2, 3]);
    await addStages(ctx, nose, [4]);
    expect(lines(await coding(ctx, kase.id))).toEqual([
      ['17311', 1, [], 'B'],
      ['17313', 1, ['59'], 'A'],
      ['17314', 1, [], 'A'],
    ]);
  });

  it('carries the clinic CLIA number, and uses the MUE table loaded in Settings', async () => {
    const { ctx, kase } = await workedExample();
    await must(ctx, 'settings.update', { cliaNumber: '12d3456789' });
    const mueFile = [
      'HCPCS/CPT Code,Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale',
      ...['17311,4', '17312,6', '17313,1', '17314,5', '17315,15'].map((r) => `${r},3 Date of Service Edit: Clinical,Clinical: Data`),
    ].join('\r\n');
    await must(ctx, 'settings.loadMueFile', { fileName: 'MUE_Eff_2026-04-01.csv', text: mueFile });
    const c = await coding(ctx, kase.id);
    expect(c.cliaNumber).toBe('12D3456789');
    expect(c.mue).toMatchObject({ origin: 'cms-file', quarter: '2026 Q2 (effective 2026-04-01)' });
    expect(c.mue.source).toMatch(/MUE_Eff_2026-04-01\.csv/);
    expect(lines(c)).toEqual(WORKED_LINES);
    // 17313 ×1 is at the loaded MUE of 1: no warning. A second trunk lesion goes over it.
    expect(warnings(c)).toEqual([]);
    const third = await makeLesion(ctx, kase.id, { siteId: 'chest', laterality: 'right', tumorTypeId: 'bcc-nodular' });
    await addStages(ctx, third, [2]);
    expect(warnings(await coding(ctx, kase.id))).toEqual([{ kind: 'mue-exceeded', severity: 'warn', lesionId: undefined, code: '17313' }]);
  });

  it('survives closing and reopening the database unchanged', async () => {
    const { ctx, kase } = await workedExample();
    await must(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: kase.version, codes: [{ code: '88342', units: 2 }] });
    const before = await coding(ctx, kase.id);
    const again = reopen(world, ctx);
    expect(await coding(again, kase.id)).toEqual(before);
  });

  it('refuses an unknown case with not_found', async () => {
    const ctx = world.open(world.file());
    await signInSurgeon(ctx);
    expect((await refused(ctx, 'cases.coding', { id: '00000000-0000-4000-8000-00000000dead' })).code).toBe('not_found');
  });
});

describe('the summary is derived from the stages on every read', () => {
  it('changes on the next read when a stage is added, its cuts change, or the last stage is removed', async () => {
    const { ctx, kase, b, stagesA } = await workedExample();
    const stored = asJson(await coding(ctx, kase.id));

    // A third stage of 8 blocks on B: one more 17314 unit, three more 17315 units.
    const [extra] = await addStages(ctx, b, [8]);
    expect(lines(await coding(ctx, kase.id))).toEqual([
      ['17311', 1, [], 'A'],
      ['17312', 2, [], 'A'],
      ['17315', 2, [], 'A'],
      ['17313', 1, ['59'], 'B'],
      ['17314', 2, [], 'B'],
      ['17315', 6, [], 'B'],
    ]);

    // A's stage 3 re-cut from 2 into 6 pieces: one more 17315 unit for A.
    const third = stagesA[2];
    if (!third || !extra) throw new Error('missing stage');
    const recut = await must(ctx, 'stages.save', { id: third.id, version: third.version, doc: resliced(third.doc, 6) });
    expect(recut.blockCount).toBe(6);
    const c = await coding(ctx, kase.id);
    expect(lines(c).slice(0, 3)).toEqual([
      ['17311', 1, [], 'A'],
      ['17312', 2, [], 'A'],
      ['17315', 3, [], 'A'],
    ]);
    expect(c.lesions[0]?.stages.map((s) => s.blockCount)).toEqual([7, 3, 6]);

    // Removing both changes brings back exactly the first summary.
    await must(ctx, 'stages.remove', { id: extra.id, version: extra.version });
    await must(ctx, 'stages.save', { id: third.id, version: recut.version, doc: resliced(recut.doc, 2) });
    expect(asJson(await coding(ctx, kase.id))).toEqual(stored);
  });

  it('reading it writes nothing: no audit event, no row changed', async () => {
    const { ctx, kase } = await workedExample();
    const audits = auditCount(ctx);
    const changes = (ctx.store.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    await coding(ctx, kase.id);
    await coding(ctx, kase.id);
    expect(auditCount(ctx)).toBe(audits);
    expect((ctx.store.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n).toBe(changes);
  });
});

describe('warnings', () => {
  it("warns 'no-stages' for a lesion with no stages, and codes the other as the day's first lesion", async () => {
    const { ctx, kase, a, b } = await twoLesionCase();
    await addStages(ctx, b, [6, 7]);
    const c = await coding(ctx, kase.id);
    expect(warnings(c)).toEqual([{ kind: 'no-stages', severity: 'warn', lesionId: a.id, code: undefined }]);
    expect(c.result.warnings[0]?.message).toBe('Lesion A has no stages recorded; nothing is coded for it.');
    // Nothing is coded for A, so B is the first lesion coded today: no distinct-lesion modifier.
    expect(lines(c)).toEqual([
      ['17313', 1, [], 'B'],
      ['17314', 1, [], 'B'],
      ['17315', 3, [], 'B'],
    ]);
    expect(c.lesions.map((l) => [l.label, l.stages.length])).toEqual([
      ['A', 0],
      ['B', 2],
    ]);
  });

  it("warns 'empty-stage' for a stage whose map has no blocks yet", async () => {
    const { ctx, kase, a } = await twoLesionCase();
    await must(ctx, 'stages.create', {
      lesionId: a.id,
      doc: EMPTY_MAP,
    });
    expect(warnings(await coding(ctx, kase.id)).map((w) => [w.kind, w.lesionId])).toEqual(
      expect.arrayContaining([
        ['empty-stage', a.id],
        ['no-stages', a.id],
      ]),
    );
  });

  it('codes a case with no lesions as no lines and no warnings', async () => {
    const ctx = world.open(world.file());
    const surgeon = await signInSurgeon(ctx);
    const kase = await makeCase(ctx, (await makePatient(ctx)).id, surgeon.id);
    expect(await coding(ctx, kase.id)).toMatchObject({ lesions: [], result: { lines: [], warnings: [] } });
  });
});

describe('additional codes', () => {
  it('stores them sorted with their units, audits the change, and warns: 88305 excluded with Mohs, 88342 only if an immunostain was done', async () => {
    const { ctx, surgeon, kase } = await workedExample();
    const audits = auditCount(ctx);
    const updated = await must(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: kase.version, codes: [{ code: '88342', units: 2 }, { code: ' 88305 ', units: 1 }] });
    expect(updated).toMatchObject({ id: kase.id, additionalCodes: [{ code: '88305', units: 1 }, { code: '88342', units: 2 }], version: kase.version + 1 });
    expect((await must(ctx, 'cases.get', { id: kase.id })).case).toEqual(updated);
    expect(ctx.store.db.prepare('SELECT additional_codes FROM cases WHERE id = ?').get(kase.id)).toEqual({
      additional_codes: '[{"code":"88305","units":1},{"code":"88342","units":2}]',
    });

    expect(auditCount(ctx)).toBe(audits + 1);
    const [event] = (await auditTrail(ctx, { entityId: kase.id, limit: 2 })).filter((e) => e.action !== 'open');
    expect(event).toMatchObject({ entity: 'case', entityId: kase.id, action: 'update', userId: surgeon.id });
    expect(await beforeAndAfter(ctx, event!)).toEqual({ before: asJson(kase), after: asJson(updated) });

    const c = await coding(ctx, kase.id);
    expect(c.additionalCodes).toEqual([{ code: '88305', units: 1 }, { code: '88342', units: 2 }]);
    expect(lines(c)).toEqual(WORKED_LINES); // never changes the Mohs lines
    expect(c.result.additionalLines.map((l) => [l.code, l.units, l.modifiers, l.status])).toEqual([
      ['88305', 1, [], 'excluded'],
      ['88342', 2, ['59'], 'conditional'],
    ]);
    expect(warnings(c)).toEqual([
      { kind: 'excluded-code', severity: 'warn', lesionId: undefined, code: '88305' },
      { kind: 'conditional-code', severity: 'info', lesionId: undefined, code: '88342' },
    ]);
    expect(c.result.warnings[1]?.message).toMatch(/^88342 .*billable with Mohs with modifier 59 only if an immunostain/);
  });

  it('reads a list stored before units were recorded (bare codes) as one unit each, and writes the new form on the next change', async () => {
    const { ctx, kase } = await twoLesionCase();
    ctx.store.db.prepare('UPDATE cases SET additional_codes = ? WHERE id = ?').run('["88305","88314"]', kase.id);
    const read = (await must(ctx, 'cases.get', { id: kase.id })).case;
    expect(read.additionalCodes).toEqual([{ code: '88305', units: 1 }, { code: '88314', units: 1 }]);
    expect((await coding(ctx, kase.id)).result.additionalLines.map((l) => [l.code, l.units])).toEqual([['88305', 1], ['88314', 1]]);
    await must(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: read.version, codes: [...read.additionalCodes.filter((c) => c.code !== '88314'), { code: '88314', units: 4 }] });
    expect(ctx.store.db.prepare('SELECT additional_codes FROM cases WHERE id = ?').get(kase.id)).toEqual({
      additional_codes: '[{"code":"88305","units":1},{"code":"88314","units":4}]',
    });
  });

  it('can be cleared again', async () => {
    const { ctx, kase } = await twoLesionCase();
    const set = await must(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: kase.version, codes: ['88305'] });
    const cleared = await must(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: set.version, codes: [] });
    expect(cleared).toMatchObject({ additionalCodes: [], version: kase.version + 2 });
    expect(warnings(await coding(ctx, kase.id)).filter((w) => w.code !== undefined)).toEqual([]);
  });

  it("refuses a save over someone else's change as stale, changing nothing", async () => {
    const { ctx, kase } = await twoLesionCase();
    await must(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: kase.version, codes: [{ code: '88342', units: 1 }] });
    const audits = auditCount(ctx);
    const error = await refused(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: kase.version, codes: [{ code: '88305', units: 1 }] });
    expect(error.code).toBe('stale');
    expect(error.message).toMatch(/This case was changed by someone else/);
    expect((await must(ctx, 'cases.get', { id: kase.id })).case).toMatchObject({ additionalCodes: [{ code: '88342', units: 1 }], version: kase.version + 1 });
    expect(auditCount(ctx)).toBe(audits);
  });

  it('refuses codes that are not five digits, or listed twice, with a message a user can act on', async () => {
    const { ctx, kase } = await twoLesionCase();
    const audits = auditCount(ctx);
    expect(await refused(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: kase.version, codes: ['8830'] })).toEqual({
      code: 'invalid_input',
      message: 'A CPT code is five digits, e.g. 88342.',
    });
    expect((await refused(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: kase.version, codes: ['+88341'] })).code).toBe('invalid_input');
    expect(await refused(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: kase.version, codes: ['88342', { code: '88342 ', units: 2 }] })).toEqual({
      code: 'invalid_input',
      message: 'A code is listed twice: change its units instead.',
    });
    expect(await refused(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: kase.version, codes: [{ code: '88314', units: 0 }] })).toEqual({
      code: 'invalid_input',
      message: 'Units must be at least 1.',
    });
    expect((await refused(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: kase.version, codes: [{ code: '88314', units: 1.5 }] })).message).toBe('Units must be a whole number.');
    expect((await must(ctx, 'cases.get', { id: kase.id })).case).toMatchObject({ additionalCodes: [], version: kase.version });
    expect(auditCount(ctx)).toBe(audits);
  });

  it('needs a signed-in user, and an existing case', async () => {
    const { ctx, kase } = await twoLesionCase();
    expect((await refused(ctx, 'cases.setAdditionalCodes', { id: '00000000-0000-4000-8000-00000000dead', version: 1, codes: [] })).code).toBe('not_found');
    await must(ctx, 'session.signOut');
    expect((await refused(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: kase.version, codes: ['88342'] })).code).toBe('no_user');
    expect((await refused(ctx, 'cases.get', { id: kase.id })).code).toBe('no_user');
    ctx.session.userId = kase.surgeonId as UserId;
    expect((await must(ctx, 'cases.get', { id: kase.id })).case.additionalCodes).toEqual([]);
  });

  it('reports a stored list that cannot be read instead of reading it as empty, and leaves it untouched', async () => {
    const { ctx, kase } = await twoLesionCase();
    for (const bad of ['not json', '{"codes":["88305"]}', '[88305]']) {
      ctx.store.db.prepare('UPDATE cases SET additional_codes = ? WHERE id = ?').run(bad, kase.id);
      for (const op of ['cases.get', 'cases.coding'] as const) {
        const error = await refused(ctx, op, { id: kase.id });
        expect(error.code).toBe('storage');
        expect(error.message).toMatch(/additional codes stored for case .* cannot be read and were left untouched/);
      }
      expect(ctx.store.db.prepare('SELECT additional_codes FROM cases WHERE id = ?').get(kase.id)).toEqual({ additional_codes: bad });
    }
  });

  it('keeps codes when the case itself is changed', async () => {
    const { ctx, kase } = await twoLesionCase();
    const set = await must(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: kase.version, codes: [{ code: '88314', units: 4 }] });
    const { id, version, patientId: _p, additionalCodes: _c, signature: _s, createdAt: _ca, updatedAt: _ua, ...fields } = set;
    const updated = await must(ctx, 'cases.update', { id, version, ...fields, notes: 'changed' });
    expect(updated).toMatchObject({ notes: 'changed', additionalCodes: [{ code: '88314', units: 4 }] });
  });
});
