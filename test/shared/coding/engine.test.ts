import { describe, expect, it } from 'vitest';
import { ANATOMIC_SITES } from '../../../shared/catalog/anatomicSites';
import { aucAreaFor, codeCase, cptFamilyFor, type CodingLesionInput } from '../../../shared/coding/engine';
import type { CodingResult } from '../../../shared/coding/types';

function lesion(label: string, siteId: string, blocks: readonly number[], deepStructures = false): CodingLesionInput {
  return { id: `id-${label}`, label, siteId, deepStructures, stages: blocks.map((blockCount) => ({ blockCount })) };
}

/** code×units[-modifiers] per lesion label, the way a coder reads the claim. */
function claim(result: CodingResult): string[] {
  return result.lines.map((l) => `${l.lesionLabels.join('+')} ${l.code}x${l.units}${l.modifiers.map((m) => `-${m}`).join('')}`);
}

const kinds = (result: CodingResult): string[] => result.warnings.map((w) => w.kind);

describe('codeCase: worked examples (DOMAIN.md "CPT codes")', () => {
  const cases: { name: string; lesions: CodingLesionInput[]; expected: string[] }[] = [
    { name: 'nose, 3 stages with 7, 3, 2 blocks', lesions: [lesion('A', 'nose', [7, 3, 2])], expected: ['A 17311x1', 'A 17312x2', 'A 17315x2'] },
    { name: 'back, 2 stages with 6 and 7 blocks', lesions: [lesion('A', 'back', [6, 7])], expected: ['A 17313x1', 'A 17314x1', 'A 17315x3'] },
    { name: 'cheek, one stage with 3 blocks', lesions: [lesion('A', 'medial-cheek', [3])], expected: ['A 17311x1'] },
    { name: 'chest, exactly 5 blocks in one stage', lesions: [lesion('A', 'chest', [5])], expected: ['A 17313x1'] },
    { name: 'scalp, exactly 5 blocks in each of 3 stages', lesions: [lesion('A', 'scalp', [5, 5, 5])], expected: ['A 17311x1', 'A 17312x2'] },
    { name: 'thigh, 6 blocks in one stage', lesions: [lesion('A', 'thigh', [6])], expected: ['A 17313x1', 'A 17315x1'] },
    {
      name: 'helix, more than 5 blocks in two of three stages (counted within each stage)',
      lesions: [lesion('A', 'helix', [8, 5, 9])],
      expected: ['A 17311x1', 'A 17312x2', 'A 17315x7'],
    },
    { name: 'blocks never carry: 4 + 4 blocks is no +17315', lesions: [lesion('A', 'forearm', [4, 4])], expected: ['A 17313x1', 'A 17314x1'] },
    { name: 'finger is the hands family', lesions: [lesion('A', 'finger', [2, 1])], expected: ['A 17311x1', 'A 17312x1'] },
    { name: 'plantar foot is the feet family', lesions: [lesion('A', 'plantar-foot', [4])], expected: ['A 17311x1'] },
    { name: 'scrotum is the genitalia family', lesions: [lesion('A', 'scrotum', [2])], expected: ['A 17311x1'] },
    { name: 'pretibial leg is the legs family (AUC M does not change CPT)', lesions: [lesion('A', 'pretibial', [3, 2])], expected: ['A 17313x1', 'A 17314x1'] },
    { name: 'scalp is head, not trunk', lesions: [lesion('A', 'scalp', [2])], expected: ['A 17311x1'] },
    { name: 'deep structures on the upper arm: 17311 family', lesions: [lesion('A', 'upper-arm', [4, 3], true)], expected: ['A 17311x1', 'A 17312x1'] },
    { name: 'deep structures on the back with 7 blocks', lesions: [lesion('A', 'back', [7], true)], expected: ['A 17311x1', 'A 17315x2'] },
    {
      name: 'three lesions on one day: claim order puts the 17311 lesions first; 59 on every first stage but the claim\'s first',
      lesions: [lesion('A', 'nose', [3]), lesion('B', 'back', [2, 2]), lesion('C', 'helix', [6])],
      expected: ['A 17311x1', 'C 17311x1-59', 'C 17315x1', 'B 17313x1-59', 'B 17314x1'],
    },
    {
      name: 'a trunk lesion added before a head lesion: the 17311 opens the claim without a modifier, the 17313 gets 59',
      lesions: [lesion('A', 'back', [2, 2]), lesion('B', 'nose', [3])],
      expected: ['B 17311x1', 'A 17313x1-59', 'A 17314x1'],
    },
    {
      name: 'only trunk/limb lesions: the first one added opens the claim, the second and later get 59',
      lesions: [lesion('A', 'back', [3]), lesion('B', 'thigh', [2]), lesion('C', 'chest', [7])],
      expected: ['A 17313x1', 'B 17313x1-59', 'C 17313x1-59', 'C 17315x2'],
    },
    {
      name: 'deep structures make an arm lesion 17311, so it opens the claim before an earlier back lesion',
      lesions: [lesion('A', 'back', [2]), lesion('B', 'upper-arm', [2], true)],
      expected: ['B 17311x1', 'A 17313x1-59'],
    },
    {
      name: 'two head/neck lesions: the second 17311 is its own line with 59',
      lesions: [lesion('A', 'nasal-ala', [7, 3, 2]), lesion('B', 'temple', [2, 6])],
      expected: ['A 17311x1', 'A 17312x2', 'A 17315x2', 'B 17311x1-59', 'B 17312x1', 'B 17315x1'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(claim(codeCase({ lesions: c.lesions }))).toEqual(c.expected);
    });
  }

  it('uses XS instead of 59 when the clinic setting says so', () => {
    const result = codeCase({ lesions: [lesion('A', 'nose', [3]), lesion('B', 'chin', [2])], distinctLesionModifier: 'XS' });
    expect(claim(result)).toEqual(['A 17311x1', 'B 17311x1-XS']);
    expect(result.lines[1]?.reason).toMatch(/modifier XS: distinct lesion, the 2nd lesion coded 17311 today/);
  });

  it('says in the reasons which first stage opens the claim and why each other one carries the modifier', () => {
    const result = codeCase({ lesions: [lesion('A', 'back', [2]), lesion('B', 'nose', [3]), lesion('C', 'chin', [1])] });
    expect(claim(result)).toEqual(['B 17311x1', 'C 17311x1-59', 'A 17313x1-59']);
    expect(result.lines[0]?.reason).toMatch(/first line of the claim, no distinct-lesion modifier: the highest-valued first stage today \(17311 over 17313\)$/);
    expect(result.lines[1]?.reason).toMatch(/modifier 59: distinct lesion, the 2nd lesion coded 17311 today$/);
    expect(result.lines[2]?.reason).toMatch(/modifier 59: distinct lesion, a separate lesion after lesion B's 17311, which is valued above 17313 and opens the claim$/);
  });

  it('names the first 17313 lesion as the claim\'s first line when no lesion is 17311', () => {
    const result = codeCase({ lesions: [lesion('A', 'back', [2]), lesion('B', 'thigh', [2])] });
    expect(result.lines[0]?.reason).toMatch(/first line of the claim, no distinct-lesion modifier: the first lesion coded today \(no 17311 lesion today\)$/);
    expect(result.lines[1]?.reason).toMatch(/modifier 59: distinct lesion, the 2nd lesion coded 17313 today$/);
  });

  it('says nothing about claim order when only one lesion is coded', () => {
    const result = codeCase({ lesions: [lesion('A', 'back', [2])] });
    expect(result.lines[0]?.reason).toBe('Stage 1 of lesion A (back: trunk family), 2 blocks: all included (up to 5 per stage)');
  });

  it('gives each line a reason a coder can check against the map', () => {
    const result = codeCase({ lesions: [lesion('A', 'nasal-ala', [7, 3, 2])] });
    expect(result.lines.map((l) => l.reason)).toEqual([
      'Stage 1 of lesion A (nasal ala: head/neck family), 7 blocks: 5 included, 2 billed as +17315',
      'Lesion A (nasal ala: head/neck family), each stage after the first, one unit each: stage 2 (3 blocks), stage 3 (2 blocks); add-on, no modifier 51',
      'Lesion A (nasal ala: head/neck family), blocks beyond 5 counted within each stage: stage 1 has 7 blocks (2 over); add-on, no modifier 51',
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('keeps every line to one lesion', () => {
    const result = codeCase({ lesions: [lesion('A', 'nose', [6, 6]), lesion('B', 'back', [6, 6])] });
    for (const line of result.lines) expect(line.lesionIds).toHaveLength(1);
    expect(claim(result)).toEqual(['A 17311x1', 'A 17312x1', 'A 17315x2', 'B 17313x1-59', 'B 17314x1', 'B 17315x2']);
  });
});

describe('codeCase: warnings instead of guesses', () => {
  it('says so when deep structures move a trunk/arm/leg site to 17311', () => {
    const result = codeCase({ lesions: [lesion('A', 'upper-arm', [4], true)] });
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ kind: 'deep-structures-family', severity: 'info', lesionId: 'id-A' });
    expect(result.warnings[0]?.message).toMatch(/upper arm.*17313.*17311/);
  });

  it('does not warn about deep structures on a site already in 17311', () => {
    expect(codeCase({ lesions: [lesion('A', 'nose', [4], true)] }).warnings).toEqual([]);
  });

  it('does not code a stage with 0 blocks, and says which stage', () => {
    const result = codeCase({ lesions: [lesion('A', 'nose', [3, 0, 2])] });
    expect(claim(result)).toEqual(['A 17311x1', 'A 17312x1']);
    expect(result.warnings).toEqual([expect.objectContaining({ kind: 'empty-stage', lesionId: 'id-A' })]);
    expect(result.warnings[0]?.message).toMatch(/Stage 2 of lesion A has no blocks.*not coded/);
    expect(result.lines[1]?.reason).toMatch(/stage 3 \(2 blocks\)/);
  });

  it('codes the first stage with blocks as the first stage, and says so', () => {
    const result = codeCase({ lesions: [lesion('A', 'back', [0, 4])] });
    expect(claim(result)).toEqual(['A 17313x1']);
    expect(result.lines[0]?.reason).toMatch(/^Stage 2 of lesion A .*first stage with blocks/);
    expect(kinds(result)).toEqual(['empty-stage']);
  });

  it('warns about a lesion with no stages and codes nothing for it', () => {
    const result = codeCase({ lesions: [lesion('A', 'nose', [])] });
    expect(result.lines).toEqual([]);
    expect(result.warnings).toEqual([expect.objectContaining({ kind: 'no-stages', lesionId: 'id-A' })]);
  });

  it('rejects block counts that are not whole numbers', () => {
    const result = codeCase({ lesions: [lesion('A', 'nose', [2, -1, 2.5])] });
    expect(claim(result)).toEqual(['A 17311x1']);
    expect(kinds(result)).toEqual(['invalid-block-count', 'invalid-block-count']);
  });

  it('warns about an unknown site and does not guess its family', () => {
    const result = codeCase({ lesions: [lesion('A', 'elbw', [3])] });
    expect(result.lines).toEqual([]);
    expect(result.warnings).toEqual([expect.objectContaining({ kind: 'unknown-site', lesionId: 'id-A' })]);
    expect(result.warnings[0]?.message).toMatch(/"elbw".*not in the catalog/);
  });

  it('codes an unknown site with deep structures as 17311, the family for any location, and still warns', () => {
    const result = codeCase({ lesions: [lesion('A', 'elbw', [3], true)] });
    expect(claim(result)).toEqual(['A 17311x1']);
    expect(kinds(result)).toEqual(['unknown-site']);
  });

  it('calls a lesion with no site yet unclassified', () => {
    const result = codeCase({ lesions: [lesion('A', '  ', [3])] });
    expect(result.lines).toEqual([]);
    expect(kinds(result)).toEqual(['unclassified-site']);
  });

  it('gives the distinct-lesion modifier only after the first lesion that is coded', () => {
    const result = codeCase({ lesions: [lesion('A', 'elbw', [3]), lesion('B', 'nose', [2]), lesion('C', 'back', [2])] });
    expect(claim(result)).toEqual(['B 17311x1', 'C 17313x1-59']);
  });

  it('warns when 5 lesions of 17311 exceed the MUE of 4, keeping all 5 units', () => {
    const sites = ['nose', 'helix', 'chin', 'scalp', 'temple'];
    const result = codeCase({ lesions: sites.map((s, i) => lesion(String.fromCharCode(65 + i), s, [2])) });
    expect(result.lines.filter((l) => l.code === '17311')).toHaveLength(5);
    const mue = result.warnings.filter((w) => w.kind === 'mue-exceeded');
    expect(mue).toHaveLength(1);
    expect(mue[0]?.code).toBe('17311');
    expect(mue[0]?.message).toMatch(/5 units today exceed the MUE of 4/);
    expect(mue[0]?.message).toMatch(/adjudication indicator not recorded/);
    expect(mue[0]?.message).toMatch(/2026/);
  });

  it('does not warn at exactly the MUE', () => {
    const result = codeCase({ lesions: ['nose', 'helix', 'chin', 'scalp'].map((s, i) => lesion(String(i), s, [2])) });
    expect(kinds(result)).toEqual([]);
  });

  it('warns when stages exceed the 17312 MUE of 6', () => {
    const result = codeCase({ lesions: [lesion('A', 'nose', [1, 1, 1, 1, 1, 1, 1, 1])] });
    expect(claim(result)).toEqual(['A 17311x1', 'A 17312x7']);
    expect(result.warnings).toEqual([expect.objectContaining({ kind: 'mue-exceeded', code: '17312' })]);
  });

  it('never warns on codes whose MUE is not loaded (17313-17315)', () => {
    const result = codeCase({ lesions: Array.from({ length: 10 }, (_, i) => lesion(String(i), 'back', [20, 20, 20])) });
    expect(kinds(result)).toEqual([]);
  });

  it('applies an MUE table loaded from the CMS file, per line for indicator 1', () => {
    const mueTable = [{ code: '17315' as const, units: 8, adjudicationIndicator: 1 as const, quarter: '2026 Q2', source: 'test' }];
    const result = codeCase({ lesions: [lesion('A', 'back', [10, 10]), lesion('B', 'chest', [9])], mueTable });
    expect(result.warnings).toEqual([expect.objectContaining({ kind: 'mue-exceeded', code: '17315' })]);
    expect(result.warnings[0]?.message).toMatch(/10 units on one line exceed the MUE of 8 \(adjudication indicator 1, per claim line; 2026 Q2\)/);
  });

  const one = (code: string, units = 1) => ({ code, units });

  it('warns about pathology codes added to a Mohs case', () => {
    const result = codeCase({ lesions: [lesion('A', 'nose', [2])], additionalCodes: [one('88305'), one('88331'), one('99213')] });
    expect(result.warnings.map((w) => [w.kind, w.code])).toEqual([
      ['excluded-code', '88305'],
      ['conditional-code', '88331'],
    ]);
  });

  it('lists other codes after the Mohs lines with their units and the modifiers their rule needs', () => {
    const result = codeCase({ lesions: [lesion('A', 'nose', [2])], additionalCodes: [one('88314', 4), one('88342', 2), one('88341', 3), one('88344'), one('88311')] });
    expect(result.additionalLines.map((l) => [l.code, l.units, l.modifiers, l.status])).toEqual([
      ['88314', 4, ['59'], 'conditional'],
      ['88342', 2, ['59'], 'conditional'],
      ['88341', 3, ['59'], 'conditional'],
      ['88344', 1, ['59'], 'conditional'],
      ['88311', 1, [], 'conditional'],
    ]);
    expect(claim(result)).toEqual(['A 17311x1']);
  });

  it('does not call immunostains excluded: they are billable with 59, not bundled (DOMAIN.md)', () => {
    const result = codeCase({ lesions: [lesion('A', 'nose', [2])], additionalCodes: [one('88342'), one('88341'), one('88344')] });
    expect(result.warnings.filter((w) => w.severity === 'warn')).toEqual([]);
    for (const w of result.warnings) expect(w).toMatchObject({ kind: 'conditional-code', severity: 'info' });
  });

  it('warns that 88343 is a deleted code, naming what replaced it', () => {
    const result = codeCase({ lesions: [lesion('A', 'nose', [2])], additionalCodes: [one('88343')] });
    expect(result.warnings).toEqual([expect.objectContaining({ kind: 'deleted-code', severity: 'warn', code: '88343' })]);
    expect(result.warnings[0]?.message).toMatch(/deleted.*2015.*88341.*88344/);
    expect(result.additionalLines[0]).toMatchObject({ code: '88343', status: 'deleted', units: 1, modifiers: [] });
  });

  it('checks the units of other codes against a loaded MUE', () => {
    const mueTable = [{ code: '88314', units: 3, adjudicationIndicator: 3 as const, quarter: '2026 Q1', source: 'test' }];
    const over = codeCase({ lesions: [lesion('A', 'nose', [2])], additionalCodes: [one('88314', 4)], mueTable });
    expect(over.warnings.filter((w) => w.kind === 'mue-exceeded')).toEqual([expect.objectContaining({ code: '88314' })]);
    expect(over.warnings.find((w) => w.kind === 'mue-exceeded')?.message).toMatch(/^88314: 4 units today exceed the MUE of 3 \(adjudication indicator 3/);
    const at = codeCase({ lesions: [lesion('A', 'nose', [2])], additionalCodes: [one('88314', 3)], mueTable });
    expect(kinds(at)).toEqual(['conditional-code']);
  });
});

describe('codeCase: lesion outcome', () => {
  const withOutcome = (outcome: CodingLesionInput['outcome']): CodingLesionInput => ({ ...lesion('A', 'nose', [3, 2]), outcome });

  it('codes every stage of a lesion stopped before clear margins, and warns with the reason', () => {
    const result = codeCase({ lesions: [withOutcome({ kind: 'stopped', reason: 'patient could not tolerate further stages' })] });
    expect(claim(result)).toEqual(['A 17311x1', 'A 17312x1']);
    expect(result.warnings).toEqual([expect.objectContaining({ kind: 'lesion-not-cleared', severity: 'warn', lesionId: 'id-A' })]);
    expect(result.warnings[0]?.message).toMatch(/^Lesion A was stopped before its margins were clear \(patient could not tolerate further stages\)\. Every stage done is still coded/);
  });

  it('warns for a referred lesion, and says when no reason is recorded', () => {
    const result = codeCase({ lesions: [withOutcome({ kind: 'referred' })] });
    expect(claim(result)).toEqual(['A 17311x1', 'A 17312x1']);
    expect(result.warnings[0]?.message).toMatch(/^Lesion A was referred on before its margins were clear \(no reason recorded\)/);
  });

  it('does not warn for a cleared lesion or one with no outcome yet', () => {
    expect(codeCase({ lesions: [withOutcome({ kind: 'cleared' })] }).warnings).toEqual([]);
    expect(codeCase({ lesions: [withOutcome(null)] }).warnings).toEqual([]);
    expect(codeCase({ lesions: [withOutcome(undefined)] }).warnings).toEqual([]);
  });
});

describe('site catalog and the CPT family', () => {
  it('every catalog site gives its catalog family when no deep structures are involved', () => {
    for (const site of ANATOMIC_SITES) {
      const result = codeCase({ lesions: [lesion('A', site.id, [2, 2])] });
      expect(result.lines.map((l) => l.code), site.id).toEqual(site.cptFamily === '17311' ? ['17311', '17312'] : ['17313', '17314']);
      expect(result.warnings, site.id).toEqual([]);
      expect(cptFamilyFor(site.id, false)).toBe(site.cptFamily);
      expect(cptFamilyFor(site.id, true)).toBe('17311');
    }
  });

  it('reports the AUC area of a site, and null for an unknown site', () => {
    expect(aucAreaFor('nasal-ala')).toBe('H');
    expect(aucAreaFor('scalp')).toBe('M');
    expect(aucAreaFor('pretibial')).toBe('M');
    expect(aucAreaFor('back')).toBe('L');
    expect(aucAreaFor('nipple-areola')).toBe('H');
    expect(aucAreaFor('nowhere')).toBeNull();
  });
});
