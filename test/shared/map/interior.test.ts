import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundingBox, containsPoint, locatePoint } from '../../../shared/geometry/polygon';
import { distanceToSegment } from '../../../shared/geometry/segment';
import { ellipseRing } from '../../../shared/geometry/shapes';
import { radialCuts } from '../../../shared/geometry/templates';
import type { Point, Ring } from '../../../shared/geometry/types';
import { distance } from '../../../shared/geometry/vec';
import { deriveStage, outlineRing } from '../../../shared/map/derive';
import { EMPTY_MAP, type MapDocument } from '../../../shared/map/document';
import { addPiece, setCuts } from '../../../shared/map/edits';
import { interiorPoint } from '../../../shared/map/interior';
import { ids, must } from './docs';

/** How far p is from the nearest edge of the ring. */
const distanceToRing = (ring: Ring, p: Point): number => Math.min(...ring.map((a, i) => distanceToSegment(p, a, ring[(i + 1) % ring.length]!)));

/** How far the roomiest point of the ring is from its edges, found the slow way (a fine grid). */
function roomiest(ring: Ring): number {
  const box = boundingBox(ring);
  let best = 0;
  for (let i = 1; i < 120; i++) {
    for (let j = 1; j < 120; j++) {
      const p = { x: box.minX + ((box.maxX - box.minX) * i) / 120, y: box.minY + ((box.maxY - box.minY) * j) / 120 };
      if (locatePoint(ring, p) === 'inside') best = Math.max(best, distanceToRing(ring, p));
    }
  }
  return best;
}

/** A 50 × 33 mm specimen cut in twelve wedges from its centre, as the radial template cuts it. */
function twelveWedges(): { doc: MapDocument; rings: Ring[] } {
  const newId = ids();
  const placed = must(addPiece(EMPTY_MAP, { kind: 'polygon', points: [...ellipseRing(0, 0, 25, 16.5, 0, 72)] }, newId));
  const piece = placed.pieces[0]!;
  const doc = must(setCuts(placed, piece.id, radialCuts(outlineRing(piece.outline), 12), newId));
  return { doc, rings: deriveStage(doc, 1, 'stage-dash-number').blocks.map((b) => b.ring) };
}

describe("a block's anchor (where its label is drawn)", () => {
  it('sits in the roomy middle of a long thin wedge, not against one of its cuts', () => {
    // The wedge from 3 o'clock to 2 o'clock, 25 mm long: its widest horizontal span lies along
    // the 3 o'clock cut, where the label of the wedge below met it across the line.
    const wedge: Ring = [{ x: 0, y: 0 }, ...Array.from({ length: 11 }, (_, k) => ({ x: 25 * Math.cos((k * Math.PI) / 60), y: 25 * Math.sin((k * Math.PI) / 60) }))];
    const at = interiorPoint(wedge);
    expect(containsPoint(wedge, at)).toBe(true);
    expect(distanceToRing(wedge, at)).toBeGreaterThan(0.8 * roomiest(wedge));
  });

  it('of every wedge of a radially cut specimen is inside it and well away from its edges', () => {
    const { doc, rings } = twelveWedges();
    expect(doc.blocks).toHaveLength(12);
    for (const block of doc.blocks) {
      const ring = rings.find((r) => containsPoint(r, block.anchor))!;
      expect(ring, `block ${block.number}`).toBeDefined();
      expect(distanceToRing(ring, block.anchor), `block ${block.number}`).toBeGreaterThan(0.7 * roomiest(ring));
    }
  });

  it('of two neighbouring wedges are apart by more than a label is tall: no two labels meet across a cut', () => {
    const { doc } = twelveWedges();
    const anchors: Point[] = doc.blocks.map((b) => b.anchor);
    let nearest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < anchors.length; i++) {
      for (let j = i + 1; j < anchors.length; j++) nearest = Math.min(nearest, distance(anchors[i]!, anchors[j]!));
    }
    // A label is about 13 px tall: under a millimetre at the zoom that fits this specimen (about
    // 17 px per mm). The two wedges along 3 o'clock had their anchors 1.36 mm apart before.
    expect(nearest).toBeGreaterThan(5);
  });

  it('is inside crescents and L-shapes, whose centroid is not, and in their roomiest part', () => {
    const crescent: Ring = [
      ...Array.from({ length: 25 }, (_, k) => ({ x: 10 * Math.cos((k * Math.PI) / 24), y: 10 * Math.sin((k * Math.PI) / 24) })),
      ...Array.from({ length: 25 }, (_, k) => ({ x: -7 * Math.cos((k * Math.PI) / 24), y: 7 * Math.sin((k * Math.PI) / 24) })),
    ];
    const ell: Ring = [
      { x: 0, y: 0 },
      { x: 20, y: 0 },
      { x: 20, y: 4 },
      { x: 4, y: 4 },
      { x: 4, y: 20 },
      { x: 0, y: 20 },
    ];
    for (const ring of [crescent, ell]) {
      const at = interiorPoint(ring);
      expect(locatePoint(ring, at)).toBe('inside');
      expect(distanceToRing(ring, at)).toBeGreaterThan(0.6 * roomiest(ring));
    }
  });

  it('of any ellipse, however long and turned, is inside it and near its middle', () => {
    fc.assert(
      fc.property(fc.double({ min: 2, max: 30, noNaN: true }), fc.double({ min: 0.5, max: 30, noNaN: true }), fc.double({ min: 0, max: Math.PI, noNaN: true }), (rx, ry, turn) => {
        const ring = ellipseRing(3, -2, rx, ry, turn, 48);
        const at = interiorPoint(ring);
        expect(locatePoint(ring, at)).toBe('inside');
        expect(distanceToRing(ring, at)).toBeGreaterThan(0.8 * Math.min(rx, ry));
      }),
      { numRuns: 60 },
    );
  });
});
