import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { projectionOnSegment, projectOnSegment } from '../../../shared/geometry/segment';

const coordinate = fc.double({ min: -200, max: 200, noNaN: true });
const point = fc.record({ x: coordinate, y: coordinate });

describe('projection onto a segment', () => {
  it('gives the same t and distance as projectOnSegment, to the bit, without a new object per call', () => {
    fc.assert(
      fc.property(point, point, point, fc.boolean(), (p, a, b, degenerate) => {
        const to = degenerate ? a : b; // a segment of length 0 too
        const full = projectOnSegment(p, a, to);
        const quick = projectionOnSegment(p, a, to);
        expect(Object.is(quick.t, full.t)).toBe(true);
        expect(Object.is(quick.distance, full.distance)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    // One object, reused: a caller reads it before the next call.
    expect(projectionOnSegment({ x: 0, y: 1 }, { x: 0, y: 0 }, { x: 2, y: 0 })).toBe(projectionOnSegment({ x: 5, y: 5 }, { x: 0, y: 0 }, { x: 1, y: 1 }));
  });
});
