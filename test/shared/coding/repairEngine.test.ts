import { describe, expect, it } from 'vitest';
import { claimLines, codingCsv, parseCodingCsv } from '../../../shared/coding/csv';
import { codeRepairs, type RepairLesionInput } from '../../../shared/coding/repairEngine';
import { codingSummaryText } from '../../../shared/coding/summary';
import { lesionRepairSchema, type LesionRepair, type LesionRepairInput } from '../../../shared/records/repair';

/**
 * Held-out style scenarios: each expected line was worked out by hand from the rules R1-R7 in
 * shared/coding/repairCodes.ts (DOMAIN.md "Repairs after Mohs"), not by running the engine.
 */
function repair(r: Partial<LesionRepairInput> & Pick<LesionRepairInput, 'kind' | 'siteIds'>): LesionRepair {
  return lesionRepairSchema.parse({ defectDepth: null, lengthCm: null, primaryDefect: null, secondaryDefect: null, graft: null, laterOn: '', ...r });
}
const rect = (lengthCm: number, widthCm: number) => ({ lengthCm, widthCm });
const linear = (kind: 'simple' | 'intermediate' | 'complex', site: string, lengthCm: number | null) => repair({ kind, siteIds: [site], lengthCm });
const flap = (site: string, p: [number, number], s: [number, number]) =>
  repair({ kind: 'adjacent-tissue-transfer', siteIds: [site], flapName: 'Rotation flap', primaryDefect: rect(...p), secondaryDefect: rect(...s) });
const graft = (kind: 'split-thickness-graft' | 'full-thickness-graft', site: string, l: number, w: number) => repair({ kind, siteIds: [site], graft: rect(l, w) });

const lesions = (...repairs: LesionRepair[]): RepairLesionInput[] => repairs.map((r, i) => ({ id: `l${i}`, label: String.fromCharCode(65 + i), repair: r }));
const codes = (input: RepairLesionInput[]) => codeRepairs(input).lines.map((l) => [l.code, l.units, l.lesionLabels.join('+')]);

const SCENARIOS: [string, LesionRepair[], (string | number)[][]][] = [
  ['nose, simple 2.0 cm: face group, up to 2.5', [linear('simple', 'nose', 2.0)], [['12011', 1, 'A']]],
  ['nasal ala, simple 2.6 cm: face band 2.6-5.0', [linear('simple', 'nasal-ala', 2.6)], [['12013', 1, 'A']]],
  ['helix, simple 5.1 cm: face band 5.1-7.5', [linear('simple', 'helix', 5.1)], [['12014', 1, 'A']]],
  ['back, simple 7.5 cm: band 2.6-7.5', [linear('simple', 'back', 7.5)], [['12002', 1, 'A']]],
  ['back, simple 7.6 cm: band 7.6-12.5', [linear('simple', 'back', 7.6)], [['12004', 1, 'A']]],
  ['chest, simple 31 cm: over 30', [linear('simple', 'chest', 31)], [['12007', 1, 'A']]],
  ['forehead, simple 30 cm: face band 20.1-30', [linear('simple', 'forehead', 30)], [['12017', 1, 'A']]],
  ['forearm, intermediate 3.0 cm: 12031 group band 2.6-7.5', [linear('intermediate', 'forearm', 3.0)], [['12032', 1, 'A']]],
  ['dorsal hand, intermediate 2.0 cm: hands are the 12041 group', [linear('intermediate', 'dorsal-hand', 2.0)], [['12041', 1, 'A']]],
  ['neck, intermediate 12.6 cm: 12041 group band 12.6-20', [linear('intermediate', 'lateral-neck', 12.6)], [['12045', 1, 'A']]],
  ['cheek, intermediate 4.0 cm: face band 2.6-5.0', [linear('intermediate', 'medial-cheek', 4.0)], [['12052', 1, 'A']]],
  ['nose 2.0 + cheek 1.5 intermediate: same group, added to 3.5 cm', [linear('intermediate', 'nose', 2.0), linear('intermediate', 'medial-cheek', 1.5)], [['12052', 1, 'A+B']]],
  ['back 2.0 + forearm 3.0 simple: trunk and extremities share 12001, 5.0 cm', [linear('simple', 'back', 2.0), linear('simple', 'forearm', 3.0)], [['12002', 1, 'A+B']]],
  ['nose simple 2.0 + nose intermediate 2.0: different complexity, not added', [linear('simple', 'nose', 2.0), linear('intermediate', 'nasal-tip', 2.0)], [['12051', 1, 'B'], ['12011', 1, 'A']]],
  ['nose 2.0 + cheek 2.0 complex: different complex groups', [linear('complex', 'nose', 2.0), linear('complex', 'medial-cheek', 2.0)], [['13131', 1, 'B'], ['13151', 1, 'A']]],
  ['back, complex 1.0 cm: no complex code (reported as simple/intermediate)', [linear('complex', 'back', 1.0)], []],
  ['back, complex 1.1 cm: 13100', [linear('complex', 'back', 1.1)], [['13100', 1, 'A']]],
  ['scalp, complex 7.5 cm: 13121 only', [linear('complex', 'scalp', 7.5)], [['13121', 1, 'A']]],
  ['scalp, complex 7.6 cm: 13121 + one 13122', [linear('complex', 'scalp', 7.6)], [['13121', 1, 'A'], ['13122', 1, 'A']]],
  ['forehead, complex 13.0 cm: 5.5 cm beyond 7.5 is two add-on units', [linear('complex', 'forehead', 13.0)], [['13132', 1, 'A'], ['13133', 2, 'A']]],
  ['ear, complex 12.5 cm: exactly 5 cm beyond is one unit', [linear('complex', 'helix', 12.5)], [['13152', 1, 'A'], ['13153', 1, 'A']]],
  ['axilla, complex 2.0 cm: the axilla is in the 13131 group', [linear('complex', 'axilla', 2.0)], [['13131', 1, 'A']]],
  ['axilla, simple 2.0 cm: but 12001 for a simple repair', [linear('simple', 'axilla', 2.0)], [['12001', 1, 'A']]],
  ['nose flap 1.5x1.2 + 2.0x1.5 = 4.8 sq cm', [flap('nose', [1.5, 1.2], [2.0, 1.5])], [['14060', 1, 'A']]],
  ['cheek flap 2x2 + 3x3 = 13 sq cm', [flap('lateral-cheek', [2, 2], [3, 3])], [['14041', 1, 'A']]],
  ['chest flap 4x4 + 5x5 = 41 sq cm: 14301 any area', [flap('chest', [4, 4], [5, 5])], [['14301', 1, 'A']]],
  ['scalp flap 6x5 + 8x6 = 78 sq cm: 14301 + one 14302', [flap('scalp', [6, 5], [8, 6])], [['14301', 1, 'A'], ['14302', 1, 'A']]],
  ['back flap 10x6 + 10x6.1 = 121 sq cm: 61 beyond 60 is three 14302', [flap('back', [10, 6], [10, 6.1])], [['14301', 1, 'A'], ['14302', 3, 'A']]],
  ['flaps on two lesions are coded each on its own', [flap('nose', [1, 1], [2, 2]), flap('nasal-tip', [1, 1], [2, 2])], [['14060', 1, 'A'], ['14060', 1, 'B']]],
  ['nose FTSG 2x1.5 = 3 sq cm', [graft('full-thickness-graft', 'nasal-ala', 2, 1.5)], [['15260', 1, 'A']]],
  ['forearm FTSG 5x5 = 25 sq cm: 15220 + one 15221', [graft('full-thickness-graft', 'forearm', 5, 5)], [['15220', 1, 'A'], ['15221', 1, 'A']]],
  ['leg STSG 12x10 = 120 sq cm: 15100 + one 15101', [graft('split-thickness-graft', 'calf', 12, 10)], [['15100', 1, 'A'], ['15101', 1, 'A']]],
  ['scalp STSG 8x8 = 64 sq cm: scalp is the 15120 group', [graft('split-thickness-graft', 'scalp', 8, 8)], [['15120', 1, 'A']]],
  ['filleted finger flap: 14350', [repair({ kind: 'adjacent-tissue-transfer', siteIds: ['finger'], flapName: 'Filleted finger or toe flap' })], [['14350', 1, 'A']]],
  ['linear repair with no measured length: no code', [linear('intermediate', 'nose', null)], []],
  ['second intention: no code', [repair({ kind: 'second-intention', siteIds: ['nose'] })], []],
  ['graft and complex repair: graft listed first', [linear('complex', 'back', 3), graft('full-thickness-graft', 'nose', 1, 1)], [['15260', 1, 'B'], ['13101', 1, 'A']]],
];

describe('repair code scenarios (worked out from the rules in repairCodes.ts)', () => {
  it('has at least 20 scenarios', () => expect(SCENARIOS.length).toBeGreaterThanOrEqual(20));
  it.each(SCENARIOS)('%s', (_name, repairs, expected) => {
    expect(codes(lesions(...repairs))).toEqual(expected);
  });
});

describe('repair flags for the coder', () => {
  const kinds = (input: RepairLesionInput[]) => codeRepairs(input).flags.map((f) => `${f.severity}:${f.kind}`);

  it('a complex repair of 1.0 cm or less asks the coder to report it as simple or intermediate', () => {
    const r = codeRepairs(lesions(linear('complex', 'back', 0.8)));
    expect(r.lines).toEqual([]);
    expect(r.flags[0]?.message).toContain('reported as a simple or intermediate repair');
  });

  it('a repair spanning two site groups is coded under the first site and flagged', () => {
    const r = codeRepairs(lesions(repair({ kind: 'complex', siteIds: ['nasal-ala', 'medial-cheek'], lengthCm: 3 })));
    expect(r.lines.map((l) => l.code)).toEqual(['13152']);
    expect(r.flags.find((f) => f.kind === 'spans-groups')?.message).toContain('spans two site groups');
  });

  it('no measured size: no code, only a message saying what to measure', () => {
    const r = codeRepairs(lesions(repair({ kind: 'adjacent-tissue-transfer', siteIds: ['nose'], flapName: 'Bilobed flap', primaryDefect: rect(1, 1) })));
    expect(r.lines).toEqual([]);
    expect(r.flags).toEqual([expect.objectContaining({ kind: 'no-measured-size', severity: 'warn', message: expect.stringContaining('no measured secondary defect: no repair code') })]);
  });

  it('flags payer-dependent modifiers whenever there is a repair line, and never adds one', () => {
    const r = codeRepairs(lesions(linear('simple', 'nose', 1)));
    expect(r.lines.every((l) => l.modifiers.length === 0)).toBe(true);
    expect(kinds(lesions(linear('simple', 'nose', 1)))).toContain('warn:modifiers');
    expect(kinds(lesions(repair({ kind: 'second-intention', siteIds: ['nose'] })))).toEqual(['info:no-repair']);
  });

  it('a judgement-call site asks the coder to confirm its group', () => {
    expect(kinds(lesions(linear('intermediate', 'nasolabial-fold', 2)))).toContain('warn:group-judgement');
  });

  it('a delayed repair or referral says who and when, and codes nothing today', () => {
    const r = codeRepairs(lesions(repair({ kind: 'referred', siteIds: ['lower-eyelid'], laterBy: 'Dr Okafor, oculoplastics', laterOn: '2026-12-02' })));
    expect(r.lines).toEqual([]);
    expect(r.flags[0]?.message).toBe('Lesion A: referred for repair, by Dr Okafor, oculoplastics on 2026-12-02: coded on that day by whoever repairs it, not today.');
  });

  it('a filleted flap on a site that is not a digit is refused with a reason', () => {
    expect(kinds(lesions(repair({ kind: 'adjacent-tissue-transfer', siteIds: ['forearm'], flapName: 'Filleted finger or toe flap' })))).toContain('warn:fillet-not-digit');
  });

  it('each reason line shows the sizes it used, with the area formula', () => {
    const [line] = codeRepairs(lesions(flap('nose', [1.5, 1.2], [2, 1.5]))).lines;
    expect(line?.reason).toBe('Rotation flap, lesion A: primary 1.5 cm × 1.2 cm = 1.8 sq cm + secondary 2 cm × 1.5 cm = 3 sq cm = 4.8 sq cm; eyelids, nose, ears, lips, up to 10 sq cm.');
    const [summed] = codeRepairs(lesions(linear('intermediate', 'nose', 2), linear('intermediate', 'medial-cheek', 1.5))).lines;
    expect(summed?.reason).toContain('lesion A 2 cm + lesion B 1.5 cm = 3.5 cm (same complexity and site group, added: CPT)');
  });
});

describe('the repair record', () => {
  it('refuses sizes that do not apply to the repair, and a flap without a name, with plain messages', () => {
    const bad = lesionRepairSchema.safeParse({ kind: 'simple', siteIds: ['nose'], defectDepth: null, lengthCm: 2, primaryDefect: null, secondaryDefect: null, graft: rect(1, 1), laterOn: '' });
    expect(bad.success ? '' : bad.error.issues[0]?.message).toBe('A graft size does not apply to linear repair, simple; clear it.');
    const noName = lesionRepairSchema.safeParse({ kind: 'adjacent-tissue-transfer', siteIds: ['nose'], defectDepth: null, lengthCm: null, primaryDefect: null, secondaryDefect: null, graft: null, laterOn: '' });
    expect(noName.success ? '' : noName.error.issues[0]?.message).toBe('Name the flap, e.g. rotation flap.');
    const mm = lesionRepairSchema.safeParse({ kind: 'simple', siteIds: ['nose'], defectDepth: null, lengthCm: 250, primaryDefect: null, secondaryDefect: null, graft: null, laterOn: '' });
    expect(mm.success ? '' : mm.error.issues[0]?.message).toBe('Repair length must be at most 100 cm; check the unit (centimetres).');
    const who = lesionRepairSchema.safeParse({ kind: 'delayed', siteIds: ['nose'], defectDepth: null, lengthCm: null, primaryDefect: null, secondaryDefect: null, graft: null, laterOn: '' });
    expect(who.success ? '' : who.error.issues[0]?.message).toBe('Say who will repair the wound.');
  });
});

describe('repair lines in the coding summary and the CSV', () => {
  const input = lesions(linear('intermediate', 'nose', 2), linear('intermediate', 'medial-cheek', 1.5), graft('full-thickness-graft', 'helix', 2, 1.5));
  const repairResult = codeRepairs(input);
  const empty = { lines: [], additionalLines: [], warnings: [] };

  it('the CSV carries each repair line after the Mohs lines, a summed one naming both lesions, and reads back the same', () => {
    const claim = { dateOfService: '2026-11-28', cliaNumber: '05D1234567', lesions: input.map((l, i) => ({ id: l.id, label: l.label, icd10: `C44.31${i}` })), result: empty, repair: repairResult };
    const rows = claimLines(claim).map((l) => [l.lesionLabel, l.icd10, l.code, l.units]);
    expect(rows).toEqual([
      ['C', 'C44.312', '15260', 1],
      ['A+B', 'C44.310', '12052', 1],
    ]);
    const back = parseCodingCsv(codingCsv(claim));
    expect(back.ok && back.value.map((l) => [l.lesionLabel, l.code, l.reason])).toEqual(claimLines(claim).map((l) => [l.lesionLabel, l.code, l.reason]));
  });

  it('the plain-text summary lists the repair lines and the flags', () => {
    const text = codingSummaryText(empty, [], repairResult);
    expect(text).toContain('Repair\n  15260 x1  lesion C  Full-thickness graft, lesion C: 2 cm × 1.5 cm = 3 sq cm');
    expect(text).toContain('  12052 x1  lesion A, B  Intermediate repair');
    expect(text).toContain('! Modifiers on repair lines vary by payer');
  });
});
