/**
 * The nearest boundary point of a ring (ringWalk.ts projectOnRing), walked without allocating,
 * answers exactly what the plain walk over projectOnSegment answers: every save's ink check
 * and the editor's edge tools depend on it to the last bit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { projectOnSegment } from '../../../shared/geometry/segment';
import type { Point, Ring } from '../../../shared/geometry/types';
import { projectOnRing, ringLengths } from '../../../shared/map/ringWalk';

/** The walk as it was written first: each edge projected with projectOnSegment, the nearest kept. */
function plainProjection(ring: Ring, p: Point) {
  let cumulative = 0;
  let best = { s: 0, distance: Number.POSITIVE_INFINITY, point: ring[0] as Point, edgeIndex: 0 };
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] as Point;
    const b = ring[(i + 1) % ring.length] as Point;
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    const proj = projectOnSegment(p, a, b);
    if (proj.distance < best.distance) best = { s: cumulative + proj.t * len, distance: proj.distance, point: proj.point, edgeIndex: i };
    cumulative += len;
  }
  return best;
}

const coordinate = fc.double({ min: -80, max: 80, noNaN: true });
const point = fc.record({ x: coordinate, y: coordinate });

describe('projectOnRing', () => {
  it('finds the same nearest point, distance, edge and arc position as the plain walk', () => {
    fc.assert(
      fc.property(fc.array(point, { minLength: 3, maxLength: 40 }), point, (ring, p) => {
        const got = projectOnRing(ring, p);
        const want = plainProjection(ring, p);
        expect(got.edgeIndex).toBe(want.edgeIndex);
        expect(got.distance).toBe(want.distance);
        expect(got.point).toEqual(want.point);
        expect(got.s).toBeCloseTo(want.s, 9);
      }),
    );
  });

  it('finds a point on a corner and on a repeated corner (a zero-length edge)', () => {
    const square: Ring = [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }, { x: 0, y: 10 }];
    expect(projectOnRing(square, { x: 12, y: -1 })).toMatchObject({ point: { x: 10, y: 0 }, edgeIndex: 0, s: 10 });
    expect(projectOnRing(square, { x: 5, y: 11 })).toMatchObject({ point: { x: 5, y: 10 }, distance: 1, s: 25 });
    // The lengths are worked out once per ring and shared.
    expect(ringLengths(square)).toBe(ringLengths(square));
    expect(ringLengths(square).total).toBe(40);
  });
});
