import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  area,
  carryForwardOutline,
  defectSize,
  difference,
  ellipseRing,
  intersection,
  locatePoint,
  offsetPolyline,
  offsetRing,
  shapeArea,
  union,
  type Ring,
} from '../../../shared/geometry';
import { ellipseArb, starArb } from './support';

const rect = (x: number, y: number, w: number, h: number): Ring => [
  { x, y },
  { x: x + w, y },
  { x: x + w, y: y + h },
  { x, y: y + h },
];

describe('boolean operations', () => {
  it('unions touching and overlapping rings, whatever their orientation', () => {
    const u = union([rect(0, 0, 10, 10), [...rect(10, 0, 10, 10)].reverse()]);
    expect(u).toHaveLength(1);
    expect(shapeArea(u[0]!)).toBeCloseTo(200, 9);
    expect(union([rect(0, 0, 10, 10), rect(20, 0, 5, 5)]).map(shapeArea)).toEqual([100, 25]);
  });

  it('keeps holes as holes', () => {
    const ring = difference([rect(0, 0, 10, 10)], [rect(3, 3, 4, 4)]);
    expect(ring).toHaveLength(1);
    expect(ring[0]!.holes).toHaveLength(1);
    expect(shapeArea(ring[0]!)).toBeCloseTo(84, 9);
    expect(
      intersection([rect(0, 0, 10, 10)], [rect(10, 0, 10, 10)])
        .map(shapeArea)
        .reduce((a, b) => a + b, 0),
    ).toBe(0);
  });

  it('offsets with round corners', () => {
    const grown = offsetRing(rect(0, 0, 10, 10), 2);
    expect(grown).toHaveLength(1);
    expect(shapeArea(grown[0]!)).toBeCloseTo(100 + 80 + Math.PI * 4, 0);
    expect(offsetRing(rect(0, 0, 10, 10), -6)).toEqual([]);
    const band = offsetPolyline(
      [
        { x: 0, y: 0 },
        { x: 10, y: 0 },
      ],
      1,
    );
    expect(shapeArea(band[0]!)).toBeCloseTo(20 + Math.PI, 1);
  });
});

describe('carryForwardOutline', () => {
  const positivesArb = fc.array(fc.oneof(ellipseArb, starArb), { minLength: 1, maxLength: 3 });

  it('contains every positive area, grown by the margin', () => {
    fc.assert(
      fc.property(positivesArb, fc.double({ min: 0.5, max: 5, noNaN: true }), (positives, margin) => {
        const grown = carryForwardOutline(positives, margin);
        expect(grown.length).toBeGreaterThan(0);
        for (const p of positives) {
          for (const v of p) expect(grown.some((g) => locatePoint(g, v) === 'inside')).toBe(true);
        }
        const left = difference(positives, grown).reduce((s, x) => s + shapeArea(x), 0);
        const total = union(positives).reduce((s, x) => s + shapeArea(x), 0);
        expect(left / total).toBeLessThan(1e-9);
        // Grown by the margin, not more: within the positive areas' bounding box plus the margin.
        const xs = positives.flat().map((v) => v.x);
        for (const g of grown) for (const v of g) expect(v.x).toBeLessThanOrEqual(Math.max(...xs) + margin + 1e-6);
      }),
      { numRuns: 60 },
    );
  });

  it('defaults to a 2 mm margin, fills holes and can be limited to a region', () => {
    const [g] = carryForwardOutline([rect(0, 0, 4, 4)]);
    expect(area(g!)).toBeCloseTo(16 + 32 + Math.PI * 4, 0);
    // A ring of positive areas leaves no hole in the next stage.
    const frame = [rect(0, 0, 20, 2), rect(0, 18, 20, 2), rect(0, 0, 2, 20), rect(18, 0, 2, 20)];
    const filled = carryForwardOutline(frame, 1);
    expect(filled).toHaveLength(1);
    expect(locatePoint(filled[0]!, { x: 10, y: 10 })).toBe('inside');
    const clipped = carryForwardOutline([rect(0, 0, 4, 4)], 2, rect(-10, -10, 20, 12));
    expect(Math.max(...clipped[0]!.map((p) => p.y))).toBeCloseTo(2, 6);
    expect(carryForwardOutline([])).toEqual([]);
  });
});

describe('defectSize', () => {
  it('measures an axis-aligned 20 × 10 ellipse as 20 × 10', () => {
    const d = defectSize([ellipseRing(0, 0, 10, 5)]);
    expect(d.lengthMm).toBeCloseTo(20, 1);
    expect(d.widthMm).toBeCloseTo(10, 1);
  });

  it('measures the union of stages along its own axis, length ≥ width', () => {
    const d = defectSize([ellipseRing(0, 0, 10, 5, Math.PI / 4), ellipseRing(0, 0, 10, 5, Math.PI / 4 + 0.01)]);
    expect(d.lengthMm).toBeGreaterThanOrEqual(d.widthMm);
    expect(d.lengthMm).toBeCloseTo(20, 0);
    const two = defectSize([rect(0, 0, 10, 10), rect(10, 0, 10, 10)]);
    expect(two.lengthMm).toBeCloseTo(20, 6);
    expect(two.widthMm).toBeCloseTo(10, 6);
    expect(defectSize([])).toMatchObject({ lengthMm: 0, widthMm: 0 });
  });
});
