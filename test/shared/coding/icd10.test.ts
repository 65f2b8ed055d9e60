import { describe, expect, it } from 'vitest';
import { ANATOMIC_SITES } from '../../../shared/catalog/anatomicSites';
import { TUMOR_TYPES } from '../../../shared/catalog/tumorTypes';
import { suggestIcd10 } from '../../../shared/coding/icd10';
import { ICD10_ROWS, ICD10_SOURCE, SIDED_ICD_GROUPS, SITE_ICD_GROUP, type IcdSiteGroup } from '../../../shared/coding/icd10Table';
import type { Laterality } from '../../../shared/records/lesion';

describe('suggestIcd10: reviewed codes', () => {
  const cases: [string, Laterality | null, string, string][] = [
    ['nasal-ala', 'right', 'bcc-nodular', 'C44.311'],
    ['nasal-tip', null, 'scc-nos', 'C44.321'],
    ['scalp', null, 'scc-well-differentiated', 'C44.42'],
    ['posterior-neck', null, 'bcc-superficial', 'C44.41'],
    ['back', 'left', 'bcc-superficial', 'C44.519'],
    ['upper-arm', 'left', 'bcc-nodular', 'C44.619'],
    ['upper-arm', 'right', 'bcc-nodular', 'C44.612'],
    ['dorsal-hand', 'right', 'scc-nos', 'C44.622'],
    ['thigh', 'right', 'scc-nos', 'C44.722'],
    ['pretibial', 'left', 'bcc-nos', 'C44.719'],
    ['medial-cheek', 'right', 'scc-in-situ', 'D04.39'],
    ['nose', null, 'scc-in-situ', 'D04.39'],
    ['forearm', 'left', 'scc-in-situ', 'D04.62'],
    ['chest', 'left', 'scc-in-situ', 'D04.5'],
    ['upper-eyelid', 'right', 'bcc-nodular', 'C44.1121'],
    ['lower-eyelid', 'right', 'bcc-nodular', 'C44.1122'],
    ['upper-eyelid', 'left', 'bcc-nodular', 'C44.1191'],
    ['lower-eyelid', 'left', 'bcc-infiltrative', 'C44.1192'],
    ['lower-eyelid', 'left', 'scc-nos', 'C44.1292'],
    ['upper-eyelid', 'right', 'sebaceous-carcinoma', 'C44.1321'],
    ['lower-eyelid', 'right', 'scc-in-situ', 'D04.112'],
    ['upper-lip', 'left', 'bcc-nodular', 'C44.01'],
    ['lower-lip', 'right', 'scc-nos', 'C44.02'],
    ['helix', 'right', 'bcc-nodular', 'C44.212'],
    ['ear-lobe', 'left', 'scc-nos', 'C44.229'],
    ['breast', 'left', 'bcc-nodular', 'C44.511'],
    ['perianal', null, 'scc-nos', 'C44.520'],
    ['scrotum', null, 'scc-nos', 'C63.2'],
    ['penis', null, 'bcc-nodular', 'C60.9'],
    ['scrotum', null, 'scc-in-situ', 'D07.61'],
    ['medial-cheek', 'left', 'lentigo-maligna', 'D03.39'],
    ['forearm', 'left', 'melanoma-in-situ', 'D03.62'],
    ['nose', null, 'melanoma-invasive', 'C43.31'],
    ['upper-back', 'right', 'melanoma-invasive', 'C43.59'],
    ['scalp', null, 'merkel-cell-carcinoma', 'C4A.4'],
    ['calf', 'right', 'merkel-cell-carcinoma', 'C4A.71'],
  ];
  for (const [siteId, laterality, tumorTypeId, code] of cases) {
    it(`${tumorTypeId} of ${laterality ?? ''} ${siteId} → ${code}`, () => {
      const s = suggestIcd10({ siteId, laterality, tumorTypeId });
      expect(s.code).toBe(code);
      expect('verify' in s && s.verify).toBeFalsy();
    });
  }

  it('flags codes a coder must confirm instead of presenting them as settled', () => {
    for (const [siteId, tumorTypeId] of [
      ['upper-vermilion', 'scc-nos'],
      ['vulva', 'bcc-nodular'],
      ['columella', 'bcc-nodular'],
      ['nipple-areola', 'bcc-nodular'],
      ['back', 'dfsp'],
    ] as const) {
      const s = suggestIcd10({ siteId, laterality: 'left', tumorTypeId });
      expect(s.code, siteId).not.toBeNull();
      expect(s, siteId).toMatchObject({ verify: true });
      expect('verifyReason' in s && s.verifyReason, siteId).toBeTruthy();
    }
  });

  it('asks for the side where the code carries it', () => {
    for (const laterality of [null, 'midline', 'bilateral'] as const) {
      const s = suggestIcd10({ siteId: 'upper-arm', laterality, tumorTypeId: 'bcc-nodular' });
      expect(s.code).toBeNull();
      expect('reason' in s && s.reason).toMatch(/right or left/);
    }
  });

  it('lets the coder choose upper or lower lid for a canthus, offering both codes', () => {
    const s = suggestIcd10({ siteId: 'medial-canthus', laterality: 'right', tumorTypeId: 'bcc-nodular' });
    expect(s).toMatchObject({ code: null, candidates: ['C44.1121', 'C44.1122'] });
  });

  it('does not invent a code for a tumor type with no single code, or unknown inputs', () => {
    expect(suggestIcd10({ siteId: 'nose', laterality: null, tumorTypeId: 'atypical-fibroxanthoma' }).code).toBeNull();
    expect(suggestIcd10({ siteId: 'penis', laterality: null, tumorTypeId: 'merkel-cell-carcinoma' }).code).toBeNull();
    expect(suggestIcd10({ siteId: 'nowhere', laterality: null, tumorTypeId: 'bcc-nodular' }).code).toBeNull();
    expect(suggestIcd10({ siteId: 'nose', laterality: null, tumorTypeId: 'bcc-unknown' }).code).toBeNull();
  });
});

describe('ICD-10-CM table', () => {
  it('has a source line naming the tabular year', () => {
    expect(ICD10_SOURCE).toMatch(/FY2026/);
  });

  it('maps every catalog site, and nothing else', () => {
    expect(Object.keys(SITE_ICD_GROUP).sort()).toEqual(ANATOMIC_SITES.map((s) => s.id).sort());
  });

  it('has one row per tumor group, site group and side', () => {
    const keys = ICD10_ROWS.map((r) => `${r.tumor}|${r.site}|${r.side ?? ''}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives sides exactly to sided site groups', () => {
    for (const row of ICD10_ROWS) expect(row.side !== undefined, row.code).toBe(SIDED_ICD_GROUPS.has(row.site));
  });

  it('covers every site group (both sides) for the common tumor groups', () => {
    const groups = [...new Set(Object.values(SITE_ICD_GROUP).map((m) => m.group))].filter((g) => g !== 'canthus');
    for (const tumor of ['bcc', 'scc', 'scc-in-situ', 'melanoma-in-situ', 'melanoma'] as const) {
      for (const site of groups) {
        const sides = SIDED_ICD_GROUPS.has(site) ? ['right', 'left'] : [undefined];
        for (const side of sides) {
          expect(ICD10_ROWS.some((r) => r.tumor === tumor && r.site === site && r.side === side), `${tumor} ${site} ${side ?? ''}`).toBe(true);
        }
      }
    }
  });

  it('writes codes in ICD-10-CM form', () => {
    for (const row of ICD10_ROWS) expect(row.code).toMatch(/^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/);
  });

  // Cross-checks of the hand-written rows against the tabular's own structure, so a swapped
  // side or histology shows up here rather than on a claim.
  it('C44 rows carry 1 for basal cell and 2 for squamous cell in the fifth character', () => {
    for (const row of ICD10_ROWS.filter((r) => r.code.startsWith('C44.'))) {
      if (row.tumor === 'bcc') expect(row.code[5], row.code).toBe('1');
      if (row.tumor === 'scc') expect(row.code[5], row.code).toBe('2');
    }
  });

  it('side and lid in the code agree with the row and its description', () => {
    const upperLower: Partial<Record<IcdSiteGroup, string>> = { 'eyelid-upper': '1', 'eyelid-lower': '2' };
    for (const row of ICD10_ROWS.filter((r) => r.side)) {
      expect(row.description, row.code).toMatch(new RegExp(`\\b${row.side}\\b`));
      if (row.code.startsWith('C44.')) {
        expect(row.code[6], row.code).toBe(row.side === 'right' ? '2' : '9');
        if (upperLower[row.site]) expect(row.code[7], row.code).toBe(upperLower[row.site]);
      } else {
        expect(row.code[5], row.code).toBe(row.side === 'right' ? '1' : '2');
        if (upperLower[row.site]) expect(row.code[6], row.code).toBe(upperLower[row.site]);
      }
      if (row.site === 'eyelid-upper') expect(row.description).toMatch(/upper eyelid/);
      if (row.site === 'eyelid-lower') expect(row.description).toMatch(/lower eyelid/);
    }
  });

  it('can suggest a code or a reason for every catalog site and tumor type', () => {
    for (const site of ANATOMIC_SITES) {
      for (const tumor of TUMOR_TYPES) {
        const s = suggestIcd10({ siteId: site.id, laterality: 'left', tumorTypeId: tumor.id });
        if (s.code === null) expect(s.reason.length).toBeGreaterThan(10);
        else expect(s.description.length).toBeGreaterThan(10);
      }
    }
  });
});
