import { describe, expect, it } from 'vitest';
import {
  arcLengthAt,
  blockSides,
  boundaryLength,
  edgeLength,
  ellipseRing,
  nearestEdge,
  pointAlongEdges,
  quarterCuts,
  splitSpecimen,
  stretch,
  stretchAlong,
  type Block,
} from '../../../shared/geometry';

function only(r: ReturnType<typeof splitSpecimen>): readonly Block[] {
  if (!r.ok) throw new Error(r.reason);
  return r.blocks;
}

const square = only(
  splitSpecimen(
    [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
      { x: 0, y: 10 },
    ],
    [],
  ),
)[0]!;

describe('edges of a block', () => {
  it('starts at the top-most, left-most point and measures its boundary', () => {
    expect(square.edges[0]?.a).toEqual({ x: 0, y: 10 });
    expect(boundaryLength(square)).toBe(40);
    expect(edgeLength(square.edges[1]!)).toBe(10);
  });

  it('pointAlongEdges by arc length, wrapping around', () => {
    expect(pointAlongEdges(square, 5)).toEqual({ point: { x: 0, y: 5 }, edgeIndex: 0, t: 0.5 });
    expect(pointAlongEdges(square, 15).point).toEqual({ x: 5, y: 0 });
    expect(pointAlongEdges(square, 45).point).toEqual({ x: 0, y: 5 });
    expect(pointAlongEdges(square, -5).point).toEqual({ x: 5, y: 10 });
    expect(arcLengthAt(square, 1, 0.5)).toBe(15);
  });

  it('stretch of one edge, and a stretch over corners', () => {
    expect(stretch(square, 0, 0.8, 0.2)).toEqual([
      { x: 0, y: 8 },
      { x: 0, y: 2 },
    ]);
    expect(stretch(square, 9, 0, 1)).toEqual([]);
    expect(stretchAlong(square, 5, 15)).toEqual([
      { x: 0, y: 5 },
      { x: 0, y: 0 },
      { x: 5, y: 0 },
    ]);
    // Wrapping past the start.
    expect(stretchAlong(square, 35, 5)).toEqual([
      { x: 5, y: 10 },
      { x: 0, y: 10 },
      { x: 0, y: 5 },
    ]);
  });

  it('nearestEdge finds the clicked edge and where on it', () => {
    expect(nearestEdge(square, { x: 10.3, y: 4 })).toEqual({ edgeIndex: 2, t: 0.4, distanceMm: expect.closeTo(0.3, 12) });
    expect(nearestEdge(square, { x: 5, y: 5 }).distanceMm).toBe(5);
  });

  it('blockSides groups a quarter into cut, margin, cut', () => {
    const e = ellipseRing(0, 0, 10, 10);
    const blocks = only(splitSpecimen(e, quarterCuts(e)));
    for (const b of blocks) {
      const sides = blockSides(b);
      expect(sides.map((s) => s.kind).sort()).toEqual(['cut', 'cut', 'peripheral']);
      expect(sides.reduce((n, s) => n + s.edgeCount, 0)).toBe(b.edges.length);
      const cutSides = sides.filter((s) => s.kind === 'cut');
      expect(cutSides.map((s) => s.cutIndex).sort()).toEqual([0, 1]);
      for (const s of cutSides) expect(s.lengthMm).toBeCloseTo(10, 9);
    }
    expect(blockSides(square)).toEqual([{ kind: 'peripheral', firstEdge: 0, edgeCount: 4, lengthMm: 40 }]);
  });
});
