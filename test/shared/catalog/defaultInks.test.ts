import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INK_ORDER, inkSetsForBlocks } from '../../../shared/catalog/defaultInks';
import { inkById } from '../../../shared/catalog/inkPalette';
import { quarterCuts, radialCuts } from '../../../shared/geometry/templates';
import { deriveStage, outlineRing } from '../../../shared/map/derive';
import { EMPTY_MAP, type MapDocument } from '../../../shared/map/document';
import { setCuts, addPiece } from '../../../shared/map/edits';

const key = (inks: readonly string[]) => [...inks].sort().join('+');
const binomial = (n: number, k: number): number => (k < 0 || k > n ? 0 : k === 0 ? 1 : (binomial(n - 1, k - 1) * n) / k);

describe('default inks of a template', () => {
  it('keeps the familiar rotation where it is already unique: quartered, bisected', () => {
    expect(inkSetsForBlocks([2, 2, 2, 2])).toEqual([
      ['blue', 'yellow'],
      ['yellow', 'black'],
      ['black', 'green'],
      ['green', 'blue'],
    ]);
    expect(inkSetsForBlocks([1, 1])).toEqual([['blue'], ['yellow']]);
    expect(inkSetsForBlocks([0])).toEqual([[]]);
  });

  it('gives six radial pieces six different pairs of the four default inks', () => {
    const sets = inkSetsForBlocks([2, 2, 2, 2, 2, 2]);
    expect(new Set(sets.map(key)).size).toBe(6);
    expect(sets.flat().every((id) => ['blue', 'yellow', 'black', 'green'].includes(id))).toBe(true);
  });

  it('never gives two blocks the same set of inks, nor one block the same ink twice (any edge counts)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 30 }), (counts) => {
        const sets = inkSetsForBlocks(counts);
        expect(sets).toHaveLength(counts.length);
        const seen = new Set<string>();
        sets.forEach((inks, i) => {
          // A block is either inked on every cut edge or, when every set is taken, left for the surgeon.
          expect([0, counts[i]]).toContain(inks.length);
          if (inks.length === 0) return;
          expect(new Set(inks).size).toBe(inks.length);
          for (const id of inks) expect(inkById(id)?.id).toBe(id);
          expect(seen.has(key(inks))).toBe(false);
          seen.add(key(inks));
        });
        // Nobody is left uninked while a set of that size is still free.
        sets.forEach((inks, i) => {
          const k = counts[i]!;
          if (k > 0 && inks.length === 0) {
            const taken = sets.filter((s) => s.length === k).length;
            expect(taken).toBe(binomial(INK_ORDER.length, k));
          }
        });
      }),
    );
  });

  it('radial templates with more pieces than default inks: every block a distinct ink pair, red never needed up to 12', () => {
    let n = 0;
    const newId = () => `id-${++n}`;
    fc.assert(
      fc.property(
        fc.record({
          rx: fc.double({ min: 4, max: 30, noNaN: true }),
          ry: fc.double({ min: 4, max: 30, noNaN: true }),
          rotation: fc.double({ min: 0, max: Math.PI, noNaN: true }),
        }),
        fc.integer({ min: 2, max: 12 }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        ({ rx, ry, rotation }, pieces, angle) => {
          const placed = addPiece(EMPTY_MAP, { kind: 'ellipse', cx: 0, cy: 0, rx, ry, rotation }, newId);
          if (!placed.ok) throw new Error(placed.reason);
          const cut = setCuts(placed.doc, placed.doc.pieces[0]!.id, radialCuts(outlineRing(placed.doc.pieces[0]!.outline), pieces, angle), newId);
          if (!cut.ok) throw new Error(cut.reason);
          const doc: MapDocument = cut.doc;
          const blocks = deriveStage(doc, 1, 'stage-dash-number').blocks;
          expect(blocks).toHaveLength(pieces);
          const sets = blocks.map((b) => doc.inks.filter((k) => k.blockId === b.ref.id).map((k) => k.ink));
          for (const [i, b] of blocks.entries()) {
            expect(sets[i]).toHaveLength(b.sides.filter((s) => s.kind === 'cut').length);
            expect(new Set(sets[i]).size).toBe(sets[i]!.length);
          }
          expect(new Set(sets.map(key)).size).toBe(pieces);
          expect(doc.inks.some((k) => k.ink === 'red')).toBe(false);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a quartered specimen still gets blue-yellow, yellow-black, black-green, green-blue', () => {
    let n = 0;
    const newId = () => `q-${++n}`;
    const placed = addPiece(EMPTY_MAP, { kind: 'ellipse', cx: 0, cy: 0, rx: 12, ry: 9, rotation: 0 }, newId);
    if (!placed.ok) throw new Error(placed.reason);
    const cut = setCuts(placed.doc, placed.doc.pieces[0]!.id, quarterCuts(outlineRing(placed.doc.pieces[0]!.outline)), newId);
    if (!cut.ok) throw new Error(cut.reason);
    const blocks = deriveStage(cut.doc, 1, 'stage-dash-number').blocks;
    expect(blocks.map((b) => cut.doc.inks.filter((k) => k.blockId === b.ref.id).map((k) => k.ink).sort().join('+'))).toEqual([
      'blue+yellow',
      'black+yellow',
      'black+green',
      'blue+green',
    ]);
  });
});
