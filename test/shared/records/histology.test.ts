import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stainCodeSuggestions, type StainedBlock } from '../../../shared/coding/stainCodes';
import {
  EMPTY_LAB,
  EMPTY_READING,
  histologyLabSchema,
  histologyReadingSchema,
  histologySummary,
  qualitySummary,
  readingSummary,
  STAIN_KINDS,
  type Stain,
} from '../../../shared/records/histology';

const he: Stain = { name: 'H&E', kind: 'routine' };
const mart1: Stain = { name: 'MART-1', kind: 'immuno' };
const sox10: Stain = { name: 'SOX10', kind: 'immuno' };
const pas: Stain = { name: 'PAS', kind: 'special' };

describe('histology lab record', () => {
  it('accepts the empty record and a full one', () => {
    expect(histologyLabSchema.parse(EMPTY_LAB)).toEqual(EMPTY_LAB);
    const full = { slides: 3, levels: 2, stains: [he, mart1], quality: 'problems', problems: ['folds', 'incomplete-epidermis'], recut: true };
    expect(histologyLabSchema.parse(full)).toEqual(full);
  });

  it('refuses problems without naming them, names with adequate, a re-cut of an adequate section', () => {
    const msg = (x: unknown) => histologyLabSchema.safeParse(x).error?.issues[0]?.message;
    expect(msg({ ...EMPTY_LAB, quality: 'problems' })).toMatch(/Name the section problems/);
    expect(msg({ ...EMPTY_LAB, quality: 'adequate', problems: ['holes'] })).toMatch(/Name the section problems/);
    expect(msg({ ...EMPTY_LAB, quality: 'adequate', recut: true })).toMatch(/re-cut/);
    expect(msg({ ...EMPTY_LAB, slides: 0 })).toMatch(/at least 1/);
    expect(msg({ ...EMPTY_LAB, slides: 2.5 })).toMatch(/whole number/);
    expect(msg({ ...EMPTY_LAB, slides: 500 })).toMatch(/at most 30/);
    expect(msg({ ...EMPTY_LAB, levels: 2 })).toMatch(/slides were cut/);
    expect(msg({ ...EMPTY_LAB, stains: [he, { name: 'h&e', kind: 'routine' }] })).toMatch(/listed twice/);
    expect(msg({ ...EMPTY_LAB, stains: [{ name: ' ', kind: 'immuno' }] })).toMatch(/needs a name/);
  });

  it('summarises slides, levels and stains compactly', () => {
    expect(histologySummary(EMPTY_LAB)).toBe('');
    expect(histologySummary({ ...EMPTY_LAB, slides: 1 })).toBe('1 slide');
    expect(histologySummary({ ...EMPTY_LAB, slides: 3, levels: 2, stains: [he, mart1] })).toBe('3 slides, 2 levels · H&E, MART-1');
    expect(qualitySummary({ ...EMPTY_LAB, quality: 'problems', problems: ['chatter', 'incomplete-deep'], recut: true })).toBe('Chatter, Incomplete deep margin — re-cut');
    expect(qualitySummary({ ...EMPTY_LAB, quality: 'adequate' })).toBe('Adequate');
  });
});

describe('histology reading', () => {
  it('takes a known subtype, perineural invasion with a nerve size, a note', () => {
    const r = { tumorSubtypeId: 'bcc-infiltrative', perineural: 'present', nerveSizeMm: 0.2, note: ' deep focus ' };
    const parsed = histologyReadingSchema.parse(r);
    expect(parsed.note).toBe('deep focus');
    expect(readingSummary(parsed)).toBe('Basal cell carcinoma, infiltrative; Perineural invasion (nerve 0.2 mm); deep focus');
    expect(readingSummary(EMPTY_READING)).toBe('');
  });

  it('refuses an unknown subtype and a nerve size without invasion', () => {
    expect(histologyReadingSchema.safeParse({ ...EMPTY_READING, tumorSubtypeId: 'nope' }).error?.issues[0]?.message).toMatch(/from the list/);
    expect(histologyReadingSchema.safeParse({ ...EMPTY_READING, perineural: 'absent', nerveSizeMm: 1 }).error?.issues[0]?.message).toMatch(/only with perineural/);
  });
});

describe('stain code suggestions', () => {
  it('follows DOMAIN.md: routine none, 88314 per block, 88342 first antibody, +88341 each more, 88344 multiplex', () => {
    const blocks: StainedBlock[] = [
      { name: 'A 1-1', stains: [he] },
      { name: 'A 1-2', stains: [he, mart1] },
      { name: 'A 2-1', stains: [mart1, sox10, pas, { name: 'Giemsa', kind: 'special' }] },
      { name: 'A 2-2', stains: [{ name: 'MART-1/Ki-67', kind: 'multiplex' }] },
    ];
    const lines = stainCodeSuggestions(blocks);
    expect(lines.map((l) => [l.code, l.units, l.modifiers.join()])).toEqual([
      ['88314', 1, '59'],
      ['88342', 2, '59'],
      ['88341', 1, '59'],
      ['88344', 1, '59'],
    ]);
    expect(lines[0]?.reason).toContain('PAS, Giemsa on block A 2-1');
    expect(lines[1]?.reason).toContain('MART-1 on block A 1-2; MART-1 on block A 2-1');
    expect(lines[2]?.reason).toContain('SOX10 on block A 2-1');
  });

  it('suggests nothing for routine stains only', () => {
    expect(stainCodeSuggestions([{ name: 'A 1-1', stains: [he, { name: 'Toluidine blue', kind: 'routine' }] }])).toEqual([]);
  });

  it('units add up to what the blocks hold (property)', () => {
    const stain = fc.record({ name: fc.string({ minLength: 1, maxLength: 8 }), kind: fc.constantFrom(...STAIN_KINDS) });
    fc.assert(
      fc.property(fc.array(fc.array(stain, { maxLength: 6 }), { maxLength: 10 }), (stainsPerBlock) => {
        const blocks = stainsPerBlock.map((stains, i) => ({ name: `A 1-${i + 1}`, stains }));
        const units = Object.fromEntries(stainCodeSuggestions(blocks).map((l) => [l.code, l.units]));
        const of = (k: string) => stainsPerBlock.map((s) => s.filter((x) => x.kind === k).length);
        expect(units['88314'] ?? 0).toBe(of('special').filter((n) => n > 0).length);
        expect(units['88342'] ?? 0).toBe(of('immuno').filter((n) => n > 0).length);
        expect(units['88341'] ?? 0).toBe(of('immuno').reduce((s, n) => s + Math.max(0, n - 1), 0));
        expect(units['88344'] ?? 0).toBe(of('multiplex').reduce((s, n) => s + n, 0));
      }),
    );
  });
});
