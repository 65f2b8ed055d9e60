import { describe, expect, it } from 'vitest';
import {
  BLOCKS_INCLUDED_PER_STAGE,
  CPT_CODES_SOURCE,
  FAMILY_CODES,
  MOHS_CODES,
  displayCode,
  type MohsCode,
} from '../../../shared/coding/cptCodes';
import { BILLABLE_IN_ADDITION, checkAdditionalCode, EXCLUDED_CODES_SOURCE, EXCLUDED_WITH_MOHS } from '../../../shared/coding/excludedCodes';
import { MUE_SOURCE, MUE_TABLE, mueFor } from '../../../shared/coding/mue';

const ALL: MohsCode[] = ['17311', '17312', '17313', '17314', '17315'];

describe('CPT code table', () => {
  it('has a reviewable source and 5 blocks per stage', () => {
    expect(CPT_CODES_SOURCE).toMatch(/DOMAIN\.md/);
    expect(BLOCKS_INCLUDED_PER_STAGE).toBe(5);
  });

  it('marks 17312, 17314 and 17315 as add-ons exempt from modifier 51', () => {
    for (const code of ALL) {
      const addOn = code === '17312' || code === '17314' || code === '17315';
      expect(MOHS_CODES[code].addOn, code).toBe(addOn);
      expect(MOHS_CODES[code].exemptFromModifier51, code).toBe(addOn);
      expect(displayCode(code)).toBe(addOn ? `+${code}` : code);
    }
  });

  it('pairs first and additional stage codes by family', () => {
    expect(FAMILY_CODES['17311']).toEqual({ firstStage: '17311', additionalStage: '17312' });
    expect(FAMILY_CODES['17313']).toEqual({ firstStage: '17313', additionalStage: '17314' });
    expect(MOHS_CODES['17315'].family).toBeNull();
    expect(MOHS_CODES['17315'].addOnTo).toEqual(['17311', '17312', '17313', '17314']);
  });

  it('keeps the descriptors of DOMAIN.md', () => {
    expect(MOHS_CODES['17311'].descriptor).toMatch(/head, neck, hands, feet, genitalia, or any location with surgery directly involving muscle, cartilage, bone, tendon, major nerves, or vessels; first stage, up to 5 tissue blocks$/);
    expect(MOHS_CODES['17313'].descriptor).toMatch(/trunk, arms, or legs; first stage, up to 5 tissue blocks$/);
    expect(MOHS_CODES['17315'].descriptor).toMatch(/each additional block after the first 5 tissue blocks, any stage/);
  });
});

describe('MUE table', () => {
  it('has one row per Mohs code and per other code the engine knows, with its source', () => {
    expect(MUE_TABLE.map((e) => e.code)).toEqual([...ALL, '88314', '88342', '88341', '88344', '88311', '11102', '11104', '11106', '88331']);
    for (const e of MUE_TABLE.slice(ALL.length)) expect(e, e.code).toMatchObject({ units: null, note: expect.stringMatching(/CMS/) });
    expect(MUE_SOURCE).toMatch(/CMS/);
  });

  it('holds only the values DOMAIN.md gives, and null with a note for the rest', () => {
    expect(mueFor('17311')).toMatchObject({ units: 4, quarter: expect.stringMatching(/2026/) });
    expect(mueFor('17312')).toMatchObject({ units: 6, quarter: expect.stringMatching(/2026/) });
    for (const code of ['17313', '17314', '17315'] as const) {
      expect(mueFor(code)).toMatchObject({ units: null, note: expect.stringMatching(/CMS quarterly practitioner MUE file/) });
    }
  });
});

describe('checkAdditionalCode', () => {
  it('has a source line', () => {
    expect(EXCLUDED_CODES_SOURCE).toMatch(/DOMAIN\.md/);
  });

  for (const code of ['88300', '88302', '88304', '88305', '88307', '88309', '88329', '88330', '88332']) {
    it(`warns that ${code} is not billed with Mohs for the same specimens`, () => {
      const c = checkAdditionalCode(code);
      expect(c.status).toBe('excluded');
      expect(c.warning).toMatchObject({ kind: 'excluded-code', severity: 'warn', code });
    });
  }

  const conditional: [string, string[], RegExp][] = [
    ['88314', ['59'], /special stain.*one unit per block stained/],
    ['88342', ['59'], /immunostain.*one unit per block for its first antibody/],
    ['+88341', ['59'], /immunostain.*one unit per additional antibody/],
    ['88344', ['59'], /multiplex immunostain/],
    ['88311', [], /decalcification/],
    ['11104', ['59'], /no prior pathology/],
    ['88331', ['59'], /diagnostic biopsy.*not of a Mohs layer.*Otherwise it is not billed/],
  ];
  for (const [code, modifiers, reason] of conditional) {
    it(`says when ${code} is billable in addition, and with which modifier`, () => {
      const c = checkAdditionalCode(code);
      expect(c.status).toBe('conditional');
      expect(c.modifiers).toEqual(modifiers);
      expect(c.reason).toMatch(reason);
      expect(c.warning).toMatchObject({ kind: 'conditional-code', severity: 'info' });
    });
  }

  it('keeps immunostains out of the codes bundled with Mohs', () => {
    for (const code of ['88341', '88342', '88344']) {
      expect(EXCLUDED_WITH_MOHS.some((r) => Number(code) >= r.from && Number(code) <= r.to), code).toBe(false);
    }
    expect(EXCLUDED_CODES_SOURCE).toMatch(/immunostains \(88342, \+88341, 88344\) are not included/);
  });

  it('calls 88343 a deleted code, not an immunostain to bill', () => {
    const c = checkAdditionalCode('88343');
    expect(c.status).toBe('deleted');
    expect(c.warning).toMatchObject({ kind: 'deleted-code', severity: 'warn', code: '88343' });
    expect(BILLABLE_IN_ADDITION.some((r) => r.codes.includes('88343'))).toBe(false);
  });

  it('leaves codes it does not list to the NCCI edits', () => {
    const c = checkAdditionalCode('12032');
    expect(c.status).toBe('not-listed');
    expect(c.warning).toBeUndefined();
    expect(c.reason).toMatch(/NCCI/);
  });
});
