/**
 * The case's coding summary (cases.coding) and its additional codes (cases.setAdditionalCodes),
 * through dispatch against real SQLite files. Worked examples from DOMAIN.md "CPT codes":
 * nose, 3 stages of 7, 3 and 2 blocks → 17311 ×1, 17312 ×2, 17315 ×2; back, 2 stages of 6
 * and 7 blocks → 17313 ×1, 17314 ×1, 17315 ×3 (the second lesion's first stage with the
 * distinct-lesion modifier). The summary is derived from the stages on every read.
 */
import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../../electron/services/context';
import type { CaseCoding } from '../../../shared/api';
import type { Lesion, StageRecord } from '../../../shared/records';
import { auditCount, makeCase, makeLesion, makePatient, must, refused, reopen, signInSurgeon, useTempWorld } from './helpers';
import { resliced, sliced } from './maps';

const world = useTempWorld();
const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

/** Adds one stage per entry, each map cut into that many blocks. */
function addStages(ctx: ServiceContext, lesion: Lesion, blocks: readonly number[]): StageRecord[] {
  return blocks.map((n) => {
    const stage = must(ctx, 'stages.create', { lesionId: lesion.id, doc: sliced(n) });
    expect(stage.blockCount).toBe(n);
    return stage;
  });
}

/** A signed-in surgeon's case: lesion A on the left nasal ala (BCC), lesion B on the left back (BCC). */
function twoLesionCase() {
  const ctx = world.open(world.file());
  const surgeon = signInSurgeon(ctx);
  const patient = makePatient(ctx);
  const kase = makeCase(ctx, patient.id, surgeon.id);
  const a = makeLesion(ctx, kase.id, { siteId: 'nasal-ala', laterality: 'left', tumorTypeId: 'bcc-nodular' });
  const b = makeLesion(ctx, kase.id, { siteId: 'back', laterality: 'left', tumorTypeId: 'bcc-superficial' });
  return { ctx, surgeon, kase, a, b };
}

/** The worked example: A with stages of 7, 3 and 2 blocks; B with stages of 6 and 7 blocks. */
function workedExample() {
  const world = twoLesionCase();
  const stagesA = addStages(world.ctx, world.a, [7, 3, 2]);
  const stagesB = addStages(world.ctx, world.b, [6, 7]);
  return { ...world, stagesA, stagesB };
}

const coding = (ctx: ServiceContext, caseId: string): CaseCoding => must(ctx, 'cases.coding', { id: caseId });

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
  it('codes the worked example: nose 7, 3, 2 blocks and back 6, 7 blocks', () => {
    const { ctx, kase, a, b } = workedExample();
    const c = coding(ctx, kase.id);
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

  it("lists each lesion in label order with its stages, site, ICD-10 and AUC area", () => {
    const { ctx, kase, a, b } = workedExample();
    const c = coding(ctx, kase.id);
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
      },
    ]);
  });

  it("reads each stage's result and the lesion's final defect from the record", () => {
    const { ctx, kase, a, stagesA } = workedExample();
    const last = stagesA[2];
    if (!last) throw new Error('no stage 3');
    must(ctx, 'stages.save', { id: last.id, version: last.version, doc: { ...last.doc, read: true } });
    const lesion = must(ctx, 'lesions.get', { id: a.id }).lesion;
    must(ctx, 'lesions.setMapFacts', { id: a.id, version: lesion.version, twelveOClock: 'superior', finalDefect: { lengthMm: 18, widthMm: 14, source: 'measured' } });
    const [la] = coding(ctx, kase.id).lesions;
    expect(la?.stages.map((s) => [s.number, s.blockCount, s.result])).toEqual([
      [1, 7, 'pending'],
      [2, 3, 'pending'],
      [3, 2, 'clear'],
    ]);
    expect(la?.finalDefect).toEqual({ lengthMm: 18, widthMm: 14, source: 'measured' });
  });

  it('puts the distinct-lesion modifier of the setting on the later lesion: XS instead of 59', () => {
    const { ctx, kase } = workedExample();
    must(ctx, 'settings.update', { distinctLesionModifier: 'XS' });
    const c = coding(ctx, kase.id);
    expect(c.distinctLesionModifier).toBe('XS');
    expect(lines(c)).toEqual(WORKED_LINES.map((l) => (l[2] as string[]).length > 0 ? [l[0], l[1], ['XS'], l[3]] : l));
    expect(c.result.lines[3]?.reason).toMatch(/modifier XS: distinct lesion/);
    must(ctx, 'settings.update', { distinctLesionModifier: '59' });
    expect(lines(coding(ctx, kase.id))).toEqual(WORKED_LINES);
  });

  it('codes the claim in order when the trunk lesion was added first: the 17311 opens the claim, the 17313 carries 59', () => {
    const ctx = world.open(world.file());
    const surgeon = signInSurgeon(ctx);
    const kase = makeCase(ctx, makePatient(ctx).id, surgeon.id);
    const back = makeLesion(ctx, kase.id, { siteId: 'back', laterality: 'left', tumorTypeId: 'bcc-superficial' });
    const nose = makeLesion(ctx, kase.id, { siteId: 'nasal-ala', laterality: 'left', tumorTypeId: 'bcc-nodular' });
    addStages(ctx, back, [2, 3]);
    addStages(ctx, nose, [4]);
    expect(lines(coding(ctx, kase.id))).toEqual([
      ['17311', 1, [], 'B'],
      ['17313', 1, ['59'], 'A'],
      ['17314', 1, [], 'A'],
    ]);
  });

  it('carries the clinic CLIA number, and uses the MUE table loaded in Settings', () => {
    const { ctx, kase } = workedExample();
    must(ctx, 'settings.update', { cliaNumber: '12d3456789' });
    const mueFile = [
      'HCPCS/CPT Code,Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale',
      ...['17311,4', '17312,6', '17313,1', '17314,5', '17315,15'].map((r) => `${r},3 Date of Service Edit: Clinical,Clinical: Data`),
    ].join('\r\n');
    must(ctx, 'settings.loadMueFile', { fileName: 'MUE_Eff_2026-04-01.csv', text: mueFile });
    const c = coding(ctx, kase.id);
    expect(c.cliaNumber).toBe('12D3456789');
    expect(c.mue).toMatchObject({ origin: 'cms-file', quarter: '2026 Q2 (effective 2026-04-01)' });
    expect(c.mue.source).toMatch(/MUE_Eff_2026-04-01\.csv/);
    expect(lines(c)).toEqual(WORKED_LINES);
    // 17313 ×1 is at the loaded MUE of 1: no warning. A second trunk lesion goes over it.
    expect(warnings(c)).toEqual([]);
    const third = makeLesion(ctx, kase.id, { siteId: 'chest', laterality: 'right', tumorTypeId: 'bcc-nodular' });
    addStages(ctx, third, [2]);
    expect(warnings(coding(ctx, kase.id))).toEqual([{ kind: 'mue-exceeded', severity: 'warn', lesionId: undefined, code: '17313' }]);
  });

  it('survives closing and reopening the database unchanged', () => {
    const { ctx, kase } = workedExample();
    must(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: kase.version, codes: [{ code: '88342', units: 2 }] });
    const before = coding(ctx, kase.id);
    const again = reopen(world, ctx);
    expect(coding(again, kase.id)).toEqual(before);
  });

  it('refuses an unknown case with not_found', () => {
    const ctx = world.open(world.file());
    expect(refused(ctx, 'cases.coding', { id: '00000000-0000-4000-8000-00000000dead' }).code).toBe('not_found');
  });
});

describe('the summary is derived from the stages on every read', () => {
  it('changes on the next read when a stage is added, its cuts change, or the last stage is removed', () => {
    const { ctx, kase, b, stagesA } = workedExample();
    const stored = asJson(coding(ctx, kase.id));

    // A third stage of 8 blocks on B: one more 17314 unit, three more 17315 units.
    const [extra] = addStages(ctx, b, [8]);
    expect(lines(coding(ctx, kase.id))).toEqual([
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
    const recut = must(ctx, 'stages.save', { id: third.id, version: third.version, doc: resliced(third.doc, 6) });
    expect(recut.blockCount).toBe(6);
    const c = coding(ctx, kase.id);
    expect(lines(c).slice(0, 3)).toEqual([
      ['17311', 1, [], 'A'],
      ['17312', 2, [], 'A'],
      ['17315', 3, [], 'A'],
    ]);
    expect(c.lesions[0]?.stages.map((s) => s.blockCount)).toEqual([7, 3, 6]);

    // Removing both changes brings back exactly the first summary.
    must(ctx, 'stages.remove', { id: extra.id, version: extra.version });
    must(ctx, 'stages.save', { id: third.id, version: recut.version, doc: resliced(recut.doc, 2) });
    expect(asJson(coding(ctx, kase.id))).toEqual(stored);
  });

  it('reading it writes nothing: no audit event, no row changed', () => {
    const { ctx, kase } = workedExample();
    const audits = auditCount(ctx);
    const changes = (ctx.store.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    coding(ctx, kase.id);
    coding(ctx, kase.id);
    expect(auditCount(ctx)).toBe(audits);
    expect((ctx.store.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n).toBe(changes);
  });
});

describe('warnings', () => {
  it("warns 'no-stages' for a lesion with no stages, and codes the other as the day's first lesion", () => {
    const { ctx, kase, a, b } = twoLesionCase();
    addStages(ctx, b, [6, 7]);
    const c = coding(ctx, kase.id);
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

  it("warns 'empty-stage' for a stage whose map has no blocks yet", () => {
    const { ctx, kase, a } = twoLesionCase();
    must(ctx, 'stages.create', {
      lesionId: a.id,
      doc: { schemaVersion: 1, outline: null, marks: [], cuts: [], blocks: [], inks: [], findings: [], read: false },
    });
    expect(warnings(coding(ctx, kase.id)).map((w) => [w.kind, w.lesionId])).toEqual(
      expect.arrayContaining([
        ['empty-stage', a.id],
        ['no-stages', a.id],
      ]),
    );
  });

  it('codes a case with no lesions as no lines and no warnings', () => {
    const ctx = world.open(world.file());
    const surgeon = signInSurgeon(ctx);
    const kase = makeCase(ctx, makePatient(ctx).id, surgeon.id);
    expect(coding(ctx, kase.id)).toMatchObject({ lesions: [], result: { lines: [], warnings: [] } });
  });
});

describe('additional codes', () => {
  it('stores them sorted with their units, audits the change, and warns: 88305 excluded with Mohs, 88342 only if an immunostain was done', () => {
    const { ctx, surgeon, kase } = workedExample();
    const audits = auditCount(ctx);
    const updated = must(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: kase.version, codes: [{ code: '88342', units: 2 }, { code: ' 88305 ', units: 1 }] });
    expect(updated).toMatchObject({ id: kase.id, additionalCodes: [{ code: '88305', units: 1 }, { code: '88342', units: 2 }], version: kase.version + 1 });
    expect(must(ctx, 'cases.get', { id: kase.id }).case).toEqual(updated);
    expect(ctx.store.db.prepare('SELECT additional_codes FROM cases WHERE id = ?').get(kase.id)).toEqual({
      additional_codes: '[{"code":"88305","units":1},{"code":"88342","units":2}]',
    });

    expect(auditCount(ctx)).toBe(audits + 1);
    const [event] = must(ctx, 'audit.list', { entityId: kase.id, limit: 1 });
    expect(event).toMatchObject({ entity: 'case', entityId: kase.id, action: 'update', userId: surgeon.id, before: asJson(kase), after: asJson(updated) });

    const c = coding(ctx, kase.id);
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

  it('reads a list stored before units were recorded (bare codes) as one unit each, and writes the new form on the next change', () => {
    const { ctx, kase } = twoLesionCase();
    ctx.store.db.prepare('UPDATE cases SET additional_codes = ? WHERE id = ?').run('["88305","88314"]', kase.id);
    const read = must(ctx, 'cases.get', { id: kase.id }).case;
    expect(read.additionalCodes).toEqual([{ code: '88305', units: 1 }, { code: '88314', units: 1 }]);
    expect(coding(ctx, kase.id).result.additionalLines.map((l) => [l.code, l.units])).toEqual([['88305', 1], ['88314', 1]]);
    must(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: read.version, codes: [...read.additionalCodes.filter((c) => c.code !== '88314'), { code: '88314', units: 4 }] });
    expect(ctx.store.db.prepare('SELECT additional_codes FROM cases WHERE id = ?').get(kase.id)).toEqual({
      additional_codes: '[{"code":"88305","units":1},{"code":"88314","units":4}]',
    });
  });

  it('can be cleared again', () => {
    const { ctx, kase } = twoLesionCase();
    const set = must(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: kase.version, codes: ['88305'] });
    const cleared = must(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: set.version, codes: [] });
    expect(cleared).toMatchObject({ additionalCodes: [], version: kase.version + 2 });
    expect(warnings(coding(ctx, kase.id)).filter((w) => w.code !== undefined)).toEqual([]);
  });

  it("refuses a save over someone else's change as stale, changing nothing", () => {
    const { ctx, kase } = twoLesionCase();
    must(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: kase.version, codes: [{ code: '88342', units: 1 }] });
    const audits = auditCount(ctx);
    const error = refused(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: kase.version, codes: [{ code: '88305', units: 1 }] });
    expect(error.code).toBe('stale');
    expect(error.message).toMatch(/This case was changed by someone else/);
    expect(must(ctx, 'cases.get', { id: kase.id }).case).toMatchObject({ additionalCodes: [{ code: '88342', units: 1 }], version: kase.version + 1 });
    expect(auditCount(ctx)).toBe(audits);
  });

  it('refuses codes that are not five digits, or listed twice, with a message a user can act on', () => {
    const { ctx, kase } = twoLesionCase();
    const audits = auditCount(ctx);
    expect(refused(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: kase.version, codes: ['8830'] })).toEqual({
      code: 'invalid_input',
      message: 'A CPT code is five digits, e.g. 88342.',
    });
    expect(refused(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: kase.version, codes: ['+88341'] }).code).toBe('invalid_input');
    expect(refused(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: kase.version, codes: ['88342', { code: '88342 ', units: 2 }] })).toEqual({
      code: 'invalid_input',
      message: 'A code is listed twice: change its units instead.',
    });
    expect(refused(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: kase.version, codes: [{ code: '88314', units: 0 }] })).toEqual({
      code: 'invalid_input',
      message: 'Units must be at least 1.',
    });
    expect(refused(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: kase.version, codes: [{ code: '88314', units: 1.5 }] }).message).toBe('Units must be a whole number.');
    expect(must(ctx, 'cases.get', { id: kase.id }).case).toMatchObject({ additionalCodes: [], version: kase.version });
    expect(auditCount(ctx)).toBe(audits);
  });

  it('needs a signed-in user, and an existing case', () => {
    const { ctx, kase } = twoLesionCase();
    expect(refused(ctx, 'cases.setAdditionalCodes', { id: '00000000-0000-4000-8000-00000000dead', version: 1, codes: [] }).code).toBe('not_found');
    must(ctx, 'session.signOut');
    expect(refused(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: kase.version, codes: ['88342'] }).code).toBe('no_user');
    expect(must(ctx, 'cases.get', { id: kase.id }).case.additionalCodes).toEqual([]);
  });

  it('reports a stored list that cannot be read instead of reading it as empty, and leaves it untouched', () => {
    const { ctx, kase } = twoLesionCase();
    for (const bad of ['not json', '{"codes":["88305"]}', '[88305]']) {
      ctx.store.db.prepare('UPDATE cases SET additional_codes = ? WHERE id = ?').run(bad, kase.id);
      for (const op of ['cases.get', 'cases.coding'] as const) {
        const error = refused(ctx, op, { id: kase.id });
        expect(error.code).toBe('storage');
        expect(error.message).toMatch(/additional codes stored for case .* cannot be read and were left untouched/);
      }
      expect(ctx.store.db.prepare('SELECT additional_codes FROM cases WHERE id = ?').get(kase.id)).toEqual({ additional_codes: bad });
    }
  });

  it('keeps codes when the case itself is changed', () => {
    const { ctx, kase } = twoLesionCase();
    const set = must(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: kase.version, codes: [{ code: '88314', units: 4 }] });
    const { id, version, patientId: _p, additionalCodes: _c, signature: _s, createdAt: _ca, updatedAt: _ua, ...fields } = set;
    const updated = must(ctx, 'cases.update', { id, version, ...fields, notes: 'changed' });
    expect(updated).toMatchObject({ notes: 'changed', additionalCodes: [{ code: '88314', units: 4 }] });
  });
});
