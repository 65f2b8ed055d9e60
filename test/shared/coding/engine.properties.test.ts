import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANATOMIC_SITES, siteById } from '../../../shared/catalog/anatomicSites';
import { claimCsv, claimLines, codingCsv, parseCodingCsv } from '../../../shared/coding/csv';
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

  it('the claim opens with the first 17311 lesion (else the first 17313 one), without a modifier; every other first stage carries it', () => {
    fc.assert(
      fc.property(lesionsArb, modifierArb, (lesions, modifier) => {
        const { lines } = codeCase({ lesions, distinctLesionModifier: modifier });
        const coded = lesions.filter(codable);
        const familyOf = (l: CodingLesionInput) => (l.deepStructures ? '17311' : siteById(l.siteId)?.cptFamily);
        const opener = coded.find((l) => familyOf(l) === '17311') ?? coded[0];
        if (opener) expect(lines[0]?.lesionIds).toEqual([opener.id]);
        for (const l of coded) {
          for (const line of linesOf(lines, l)) {
            const isFirst = line.code === '17311' || line.code === '17313';
            expect(line.modifiers).toEqual(isFirst && l !== opener ? [modifier] : []);
          }
        }
      }),
    );
  });

  it('claim order: no 17313 first stage comes before a 17311 one, and each lesion\'s lines stay together in lesion order within a family', () => {
    fc.assert(
      fc.property(lesionsArb, (lesions) => {
        const { lines } = codeCase({ lesions });
        const firsts = lines.filter((l) => l.code === '17311' || l.code === '17313').map((l) => l.code);
        expect(firsts).toEqual([...firsts].sort());
        const order = lines.map((l) => l.lesionIds[0]).filter((id, i, all) => id !== all[i - 1]);
        expect(new Set(order).size).toBe(order.length);
        const index = (id: string | undefined) => lesions.findIndex((l) => l.id === id);
        for (let i = 1; i < order.length; i++) {
          const [a, b] = [lines.find((l) => l.lesionIds[0] === order[i - 1]), lines.find((l) => l.lesionIds[0] === order[i])];
          if (a?.code === b?.code) expect(index(order[i - 1])).toBeLessThan(index(order[i]));
        }
      }),
    );
  });

  it('a lesion outcome never changes the lines; each lesion not cleared gets exactly one warning', () => {
    const outcomeArb = fc.constantFrom(undefined, null, { kind: 'cleared' as const }, { kind: 'stopped' as const, reason: 'tolerance' }, { kind: 'referred' as const });
    fc.assert(
      fc.property(lesionsArb, fc.array(outcomeArb, { minLength: 7, maxLength: 7 }), (lesions, outcomes) => {
        const withOutcomes = lesions.map((l, i) => ({ ...l, outcome: outcomes[i] }));
        const result = codeCase({ lesions: withOutcomes });
        expect(result.lines).toEqual(codeCase({ lesions }).lines);
        const notCleared = withOutcomes.filter((l) => l.outcome?.kind === 'stopped' || l.outcome?.kind === 'referred').map((l) => l.id);
        expect(result.warnings.filter((w) => w.kind === 'lesion-not-cleared').map((w) => w.lesionId)).toEqual(notCleared);
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
  it('reads back the claim lines of any case exactly', () => {
    fc.assert(
      fc.property(lesionsArb, modifierArb, (lesions, modifier) => {
        const result = codeCase({ lesions, distinctLesionModifier: modifier, additionalCodes: [{ code: '88314', units: 4 }] });
        const input = {
          dateOfService: '2026-03-14',
          cliaNumber: '12D3456789',
          lesions: lesions.map((l, i) => ({ id: l.id, label: l.label, icd10: i % 2 === 0 ? 'C44.311' : null })),
          result,
        };
        const expected = claimLines(input);
        expect(expected).toHaveLength(result.lines.length + 1);
        expect(parseCodingCsv(codingCsv(input))).toEqual({ ok: true, value: expected });
      }),
    );
  });

  const text = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', ';', '\\', '\n', '\r', '\r\n', 'é', '×', '=') });
  const lineArb = fc.record({
    dateOfService: fc.constantFrom('2026-01-02', '2025-12-31'),
    lesionLabel: text,
    lesionId: text,
    icd10: fc.constantFrom('', 'C44.311', 'D04.39'),
    code: fc.constantFrom('17311', '17312', '17313', '17314', '17315', '88314', '88342'),
    modifiers: fc.array(fc.constantFrom('59', 'XS', 'X;S', 'a\\b'), { maxLength: 2 }),
    units: fc.integer({ min: 1, max: 99 }),
    cliaNumber: fc.constantFrom('', '12D3456789'),
    reason: text,
  });

  it('keeps commas, quotes, line breaks and list separators in any field', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 6 }), (lines) => {
        expect(parseCodingCsv(claimCsv(lines))).toEqual({ ok: true, value: lines });
      }),
    );
  });
});
