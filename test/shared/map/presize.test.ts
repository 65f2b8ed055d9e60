import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minAreaRectangle } from '../../../shared/geometry/hull';
import { deriveStage, outlineRing } from '../../../shared/map/derive';
import { EMPTY_MAP, mapDocumentSchema } from '../../../shared/map/document';
import { presizeFirstStage } from '../../../shared/map/presize';
import { ids } from './docs';

describe('the first stage pre-sized from the lesion', () => {
  it('draws a 12 × 9 mm lesion with a 2 mm margin as a 16 × 13 mm ellipse on the lesion centre, one block', () => {
    const plan = presizeFirstStage({ lengthMm: 12, widthMm: 9 }, 2, ids('p'));
    expect(plan.doc.pieces).toHaveLength(1);
    expect(plan.doc.pieces[0]!.outline).toEqual({ kind: 'ellipse', cx: 0, cy: 0, rx: 8, ry: 6.5, rotation: 0 });
    // The size shown "as drawn" (the Inspector's smallest enclosing rectangle) is the lesion plus the margin.
    const drawn = minAreaRectangle(outlineRing(plan.doc.pieces[0]!.outline));
    expect(drawn.lengthMm).toBeCloseTo(16, 1);
    expect(drawn.widthMm).toBeCloseTo(13, 1);
    expect(deriveStage(plan.doc, 1, 'stage-dash-number').blocks.map((b) => b.label)).toEqual(['1-1']);
    expect(plan.notice).toBe('Pre-sized from the lesion, 12 × 9 mm with a 2 mm margin: 16 × 13 mm as drawn. Adjust it to the tissue taken.');
  });

  it('pre-draws nothing without a usable pre-op size', () => {
    for (const size of [null, { lengthMm: 0, widthMm: 9 }, { lengthMm: 12, widthMm: Number.NaN }, { lengthMm: -3, widthMm: 4 }]) {
      expect(presizeFirstStage(size, 2, ids('p'))).toEqual({ doc: EMPTY_MAP, notice: null });
    }
  });

  it('is always a valid stored map, the pre-op size plus twice the margin each way', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 500, noNaN: true }),
        fc.double({ min: 0.5, max: 500, noNaN: true }),
        fc.double({ min: 0.5, max: 20, noNaN: true }),
        (lengthMm, widthMm, margin) => {
          const plan = presizeFirstStage({ lengthMm, widthMm }, margin, ids('p'));
          expect(mapDocumentSchema.safeParse(plan.doc).success).toBe(true);
          const o = plan.doc.pieces[0]!.outline;
          if (o.kind !== 'ellipse') throw new Error('not an ellipse');
          expect(2 * o.rx).toBeCloseTo(lengthMm + 2 * margin, 9);
          expect(2 * o.ry).toBeCloseTo(widthMm + 2 * margin, 9);
          expect(plan.doc.blocks).toHaveLength(1);
        },
      ),
      { numRuns: 60 },
    );
  });
});
