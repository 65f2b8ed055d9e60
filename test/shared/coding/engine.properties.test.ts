import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANATOMIC_SITES, siteById } from '../../../shared/catalog/anatomicSites';
import { codingCsv, parseCodingCsv } from '../../../shared/coding/csv';
import { codeCase, type CodingLesionInput } from '../../../shared/coding/engine';
import type { CodingLine } from '../../../shared/coding/types';

const siteIds = [...ANATOMIC_SITES.map((s) => s.id), 'not-a-site'];

const lesionsArb = fc
  .array(
    fc.record({
      siteId: fc.constantFrom(...siteIds),
      deepStructures: fc.boolean(),
      blocks: fc.array(fc.nat({ max: 14 }), { maxLength: 7 }),
    }),
    { maxLength: 7 },
  )
  .map((rows) =>
    rows.map(
      (r, i): CodingLesionInput => ({
        id: `lesion-${i}`,
        label: String.fromCharCode(65 + i),
        siteId: r.siteId,
        deepStructures: r.deepStructures,
        stages: r.blocks.map((blockCount) => ({ blockCount })),
      }),
    ),
  );

const modifierArb = fc.constantFrom('59' as const, 'XS' as const);

const nonEmpty = (l: CodingLesionInput): number[] => l.stages.map((s) => s.blockCount).filter((b) => b > 0);
const codable = (l: CodingLesionInput): boolean => nonEmpty(l).length > 0 && (l.deepStructures || siteById(l.siteId) !== undefined);
const linesOf = (lines: readonly CodingLine[], l: CodingLesionInput, code?: string): CodingLine[] =>
  lines.filter((line) => line.lesionIds.includes(l.id) && (code === undefined || line.code === code));
const unitsOf = (lines: readonly CodingLine[]): number => lines.reduce((s, l) => s + l.units, 0);

describe('codeCase properties', () => {
  it('+17315 units equal the sum over stages of max(0, blocks - 5), per lesion and for the day', () => {
    fc.assert(
      fc.property(lesionsArb, (lesions) => {
        const { lines } = codeCase({ lesions });
        let day = 0;
        for (const l of lesions) {
          const expected = codable(l) ? nonEmpty(l).reduce((s, b) => s + Math.max(0, b - 5), 0) : 0;
          expect(unitsOf(linesOf(lines, l, '17315'))).toBe(expected);
          day += expected;
        }
        expect(unitsOf(lines.filter((x) => x.code === '17315'))).toBe(day);
      }),
    );
  });

  it('exactly one first-stage line (1 unit) per lesion with a stage that has blocks', () => {
    fc.assert(
      fc.property(lesionsArb, (lesions) => {
        const { lines } = codeCase({ lesions });
        for (const l of lesions) {
          const first = linesOf(lines, l).filter((x) => x.code === '17311' || x.code === '17313');
          expect(first).toHaveLength(codable(l) ? 1 : 0);
          if (first[0]) expect(first[0].units).toBe(1);
        }
      }),
    );
  });

  it('later-stage units equal the stages with blocks minus one, in the family of the first stage', () => {
    fc.assert(
      fc.property(lesionsArb, (lesions) => {
        const { lines } = codeCase({ lesions });
        for (const l of lesions) {
          if (!codable(l)) {
            expect(linesOf(lines, l)).toEqual([]);
            continue;
          }
          const family = l.deepStructures ? '17311' : siteById(l.siteId)?.cptFamily;
          const [same, other] = family === '17311' ? ['17312', '17314'] : ['17314', '17312'];
          expect(unitsOf(linesOf(lines, l, same))).toBe(nonEmpty(l).length - 1);
          expect(linesOf(lines, l, other)).toEqual([]);
          expect(linesOf(lines, l, family)).toHaveLength(1);
        }
      }),
    );
  });

  it('modifiers appear only on first-stage lines of lesions after the first coded one', () => {
    fc.assert(
      fc.property(lesionsArb, modifierArb, (lesions, modifier) => {
        const { lines } = codeCase({ lesions, distinctLesionModifier: modifier });
        const coded = lesions.filter(codable);
        coded.forEach((l, i) => {
          for (const line of linesOf(lines, l)) {
            const isFirst = line.code === '17311' || line.code === '17313';
            expect(line.modifiers).toEqual(isFirst && i > 0 ? [modifier] : []);
          }
        });
      }),
    );
  });

  it('every line belongs to one lesion and has at least one unit', () => {
    fc.assert(
      fc.property(lesionsArb, (lesions) => {
        for (const line of codeCase({ lesions }).lines) {
          expect(line.lesionIds).toHaveLength(1);
          expect(line.lesionLabels).toHaveLength(1);
          expect(line.units).toBeGreaterThanOrEqual(1);
          expect(line.reason.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});

describe('coding CSV round trip', () => {
  it('reads back the engine\'s lines exactly', () => {
    fc.assert(
      fc.property(lesionsArb, modifierArb, (lesions, modifier) => {
        const result = codeCase({ lesions, distinctLesionModifier: modifier });
        const back = parseCodingCsv(codingCsv(result));
        expect(back).toEqual({ ok: true, value: result.lines });
      }),
    );
  });

  const text = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', ';', '\\', '\n', '\r', '\r\n', 'é', '×', '=') });
  const lineArb = fc.record({
    code: fc.constantFrom('17311' as const, '17312' as const, '17313' as const, '17314' as const, '17315' as const),
    units: fc.integer({ min: 1, max: 99 }),
    modifiers: fc.array(fc.constantFrom('59', 'XS', 'X;S'), { maxLength: 2 }),
    lesionIds: fc.array(text.filter((s) => s.length > 0), { minLength: 1, maxLength: 3 }),
    lesionLabels: fc.array(text.filter((s) => s.length > 0), { minLength: 1, maxLength: 3 }),
    reason: text,
  });

  it('keeps commas, quotes, line breaks and list separators in any field', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 6 }), (lines) => {
        expect(parseCodingCsv(codingCsv({ lines }))).toEqual({ ok: true, value: lines });
      }),
    );
  });
});
