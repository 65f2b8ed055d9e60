import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  area,
  bisectCuts,
  centroid,
  clockHour,
  ellipseRing,
  quarterCuts,
  radialCuts,
  splitSpecimen,
} from '../../../shared/geometry';
import { crescentArb, ellipseArb, expectTiling, outlineArb, samplesArb } from './support';

describe('cut templates', () => {
  it('bisect, quarter and radial n give 2, 4 and n blocks on any ellipse', () => {
    fc.assert(
      fc.property(
        ellipseArb,
        fc.double({ min: 0, max: Math.PI, noNaN: true }),
        fc.integer({ min: 2, max: 12 }),
        (e, angle, n) => {
          for (const [cuts, count] of [
            [bisectCuts(e, angle), 2],
            [quarterCuts(e, angle), 4],
            [radialCuts(e, n, angle), n],
          ] as const) {
            const r = splitSpecimen(e, cuts);
            expectTiling(e, cuts, r);
            if (r.ok) expect(r.blocks).toHaveLength(count);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('radial pieces of a circle are equal, and three rays meet in the centre', () => {
    const c = ellipseRing(0, 0, 10, 10, 0, 72);
    const r = splitSpecimen(c, radialCuts(c, 3));
    expect(r.ok && r.blocks.length).toBe(3);
    if (!r.ok) return;
    for (const b of r.blocks) {
      expect(area(b.ring)).toBeCloseTo(area(c) / 3, 6);
      expect(b.ring.some((p) => Math.hypot(p.x, p.y) < 1e-9)).toBe(true);
    }
    // The first ray points to 12 o'clock, so block 1 sits between 12 and 4 o'clock.
    expect(clockHour(centroid(r.blocks[0]!.ring))).toBe(2);
  });

  it('fewer than two radial pieces needs no cut', () => {
    expect(radialCuts(ellipseRing(0, 0, 5, 5), 1)).toEqual([]);
  });

  it('templates on crescents and stars still tile (a bisected crescent may give 3 pieces)', () => {
    fc.assert(
      fc.property(
        fc.oneof(crescentArb, outlineArb),
        fc.double({ min: 0, max: Math.PI, noNaN: true }),
        fc.integer({ min: 2, max: 8 }),
        samplesArb,
        (o, angle, n, samples) => {
          for (const cuts of [bisectCuts(o, angle), quarterCuts(o, angle), radialCuts(o, n, angle)]) {
            const r = splitSpecimen(o, cuts);
            expectTiling(o, cuts, r, samples);
            if (r.ok) expect(r.blocks.length).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
