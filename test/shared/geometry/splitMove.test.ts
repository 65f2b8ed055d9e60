import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ellipseRing, splitSpecimen, type Point, type Ring } from '../../../shared/geometry';
import { splitAfterCornerMove } from '../../../shared/geometry/splitMove';
import { radialCuts } from '../../../shared/geometry/templates';
import { crossingSpec, freeSpec, lineSpec, outlineArb, pencilSpec, placeCuts, vertexSpec } from './support';

const moveCorner = (ring: Ring, index: number, to: Point): Ring => ring.map((p, i) => (i === index ? to : p));

describe('splitting again after one corner moved', () => {
  it('redoes only the block at the corner of a radially cut specimen (the editor bench drag)', () => {
    const ring = ellipseRing(0, 0, 16, 12, 0, 72);
    const cuts = radialCuts(ring, 12);
    const before = splitSpecimen(ring, cuts);
    // Corner 3 sits between two radial cuts (every 6th corner is near one).
    const after = moveCorner(ring, 3, { x: ring[3]!.x + 1.2, y: ring[3]!.y + 0.8 });
    const quick = splitAfterCornerMove(ring, before, after, cuts);
    expect(quick).not.toBeNull();
    expect(quick).toEqual(splitSpecimen(after, cuts));
    if (!quick?.ok || !before.ok) throw new Error('not divided');
    // Every other block is the very same object: nothing else was recomputed or needs redrawing.
    expect(quick.blocks.filter((b) => before.blocks.includes(b))).toHaveLength(11);
  });

  it('redoes only the two blocks on either side of a radial cut that ends at the moved corner', () => {
    const ring = ellipseRing(0, 0, 16, 12, 0, 72);
    const cuts = radialCuts(ring, 12);
    const before = splitSpecimen(ring, cuts);
    if (!before.ok) throw new Error('not divided');
    // Corner 0 (3 o'clock) is where a radial cut meets the outline: outward, inward, along the rim.
    for (const to of [{ x: 17, y: 0.5 }, { x: 15, y: -0.7 }, { x: 16.2, y: -1.4 }]) {
      const after = moveCorner(ring, 0, to);
      const quick = splitAfterCornerMove(ring, before, after, cuts);
      expect(quick).not.toBeNull();
      expect(quick).toEqual(splitSpecimen(after, cuts));
      if (!quick?.ok) throw new Error('not divided');
      expect(quick.blocks.filter((b) => before.blocks.includes(b))).toHaveLength(10);
    }
  });

  it('follows the drag frame by frame, each split starting from the last, as the editor does', () => {
    const ring = ellipseRing(27, 18, 25, 16.5, 0, 72);
    const cuts = radialCuts(ring, 12);
    let outline: Ring = ring;
    let split = splitSpecimen(ring, cuts);
    for (let i = 1; i <= 40; i++) {
      const next = moveCorner(ring, 0, { x: ring[0]!.x + 1.5 * Math.sin(i / 5), y: ring[0]!.y + 1.2 * Math.cos(i / 5) });
      const quick = splitAfterCornerMove(outline, split, next, cuts);
      expect(quick).not.toBeNull();
      expect(quick).toEqual(splitSpecimen(next, cuts));
      outline = next;
      split = quick!;
    }
  });

  it('leaves it to the full split when several corners moved or nothing applies', () => {
    const ring = ellipseRing(0, 0, 16, 12, 0, 72);
    const cuts = radialCuts(ring, 12);
    const before = splitSpecimen(ring, cuts);
    const two = moveCorner(moveCorner(ring, 3, { x: 15, y: 3 }), 9, { x: 12, y: 9 });
    expect(splitAfterCornerMove(ring, before, two, cuts)).toBeNull();
    expect(splitAfterCornerMove(ring, { ok: false, reason: 'x' }, moveCorner(ring, 3, { x: 15, y: 3 }), cuts)).toBeNull();
  });

  it('refuses an outline the move made cross itself, as the full split does', () => {
    const ring = ellipseRing(0, 0, 16, 12, 0, 72);
    const cuts = radialCuts(ring, 12);
    const crossed = moveCorner(ring, 3, { x: -20, y: 1 });
    expect(splitAfterCornerMove(ring, splitSpecimen(ring, cuts), crossed, cuts)).toEqual(splitSpecimen(crossed, cuts));
  });

  it('gives exactly what a full split gives, for any outline, cuts and corner move', () => {
    fc.assert(
      fc.property(
        outlineArb,
        fc.array(fc.oneof(lineSpec, crossingSpec, freeSpec, vertexSpec, pencilSpec), { minLength: 0, maxLength: 4 }),
        fc.nat(),
        fc.double({ min: -0.4, max: 0.4, noNaN: true }),
        fc.double({ min: -0.4, max: 0.4, noNaN: true }),
        (ring, specs, k, dx, dy) => {
          const cuts = placeCuts(specs, ring);
          const before = splitSpecimen(ring, cuts);
          const index = k % ring.length;
          const span = Math.max(...ring.map((p) => Math.hypot(p.x, p.y)));
          const after = moveCorner(ring, index, { x: ring[index]!.x + dx * span, y: ring[index]!.y + dy * span });
          const quick = splitAfterCornerMove(ring, before, after, cuts);
          if (quick !== null) expect(quick).toEqual(splitSpecimen(after, cuts));
        },
      ),
      { numRuns: 400 },
    );
  }, 60_000);

  it('gives exactly what a full split gives when the moved corner is where cuts end', () => {
    fc.assert(
      fc.property(
        outlineArb,
        fc.array(fc.oneof(lineSpec, crossingSpec, freeSpec), { minLength: 0, maxLength: 3 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }),
        fc.nat(),
        fc.double({ min: -0.2, max: 0.2, noNaN: true }),
        fc.double({ min: -0.2, max: 0.2, noNaN: true }),
        (ring, specs, far, k, dx, dy) => {
          const index = k % ring.length;
          const corner = ring[index]!;
          const span = Math.max(...ring.map((p) => Math.hypot(p.x, p.y)));
          // Cuts from the corner through the specimen and out (as a radial cut meets the outline), plus others.
          const ends = placeCuts(far.map((u) => ({ type: 'crossing' as const, from: u, to: u, via: [] })), ring).map((c) => [corner, c[0]!]);
          const cuts = [...ends, ...placeCuts(specs, ring)];
          const before = splitSpecimen(ring, cuts);
          const after = moveCorner(ring, index, { x: corner.x + dx * span, y: corner.y + dy * span });
          const quick = splitAfterCornerMove(ring, before, after, cuts);
          if (quick !== null) expect(quick).toEqual(splitSpecimen(after, cuts));
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);
});
