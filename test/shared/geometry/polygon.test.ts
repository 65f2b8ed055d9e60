import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CROSSING_REASON,
  area,
  boundingBox,
  centroid,
  containsPoint,
  isCounterClockwise,
  isSimple,
  locatePoint,
  perimeter,
  segmentIntersection,
  signedArea,
  toCounterClockwise,
  type Ring,
} from '../../../shared/geometry';
import { ellipseArb, starArb } from './support';

const sq: Ring = [
  { x: 0, y: 0 },
  { x: 10, y: 0 },
  { x: 10, y: 10 },
  { x: 0, y: 10 },
];

describe('ring measures', () => {
  it('area, orientation and its normalisation', () => {
    expect(signedArea(sq)).toBe(100);
    expect(signedArea([...sq].reverse())).toBe(-100);
    expect(area([...sq].reverse())).toBe(100);
    expect(isCounterClockwise(sq)).toBe(true);
    expect(isCounterClockwise(toCounterClockwise([...sq].reverse()))).toBe(true);
    expect(toCounterClockwise(sq)).toBe(sq);
  });

  it('centroid, bounding box, perimeter', () => {
    expect(centroid(sq)).toEqual({ x: 5, y: 5 });
    const tri = [
      { x: 0, y: 0 },
      { x: 6, y: 0 },
      { x: 0, y: 3 },
    ];
    expect(centroid(tri).x).toBeCloseTo(2, 12);
    expect(centroid(tri).y).toBeCloseTo(1, 12);
    expect(boundingBox(tri)).toEqual({ minX: 0, minY: 0, maxX: 6, maxY: 3 });
    expect(perimeter(sq)).toBe(40);
    // Far from the origin the centroid stays exact (the sums are taken relative to a vertex).
    const far = sq.map((p) => ({ x: p.x + 1e6, y: p.y - 1e6 }));
    expect(centroid(far).x).toBeCloseTo(1e6 + 5, 6);
  });

  it('point location with a boundary tolerance', () => {
    expect(locatePoint(sq, { x: 5, y: 5 })).toBe('inside');
    expect(locatePoint(sq, { x: 15, y: 5 })).toBe('outside');
    expect(locatePoint(sq, { x: 10, y: 5 })).toBe('boundary');
    expect(locatePoint(sq, { x: 10.05, y: 5 }, 0.1)).toBe('boundary');
    expect(locatePoint(sq, { x: 0, y: 0 })).toBe('boundary');
    expect(containsPoint(sq, { x: 10, y: 10 })).toBe(true);
    expect(containsPoint(sq, { x: -1, y: 10 })).toBe(false);
  });

  it('segment intersection', () => {
    const x = segmentIntersection({ x: 0, y: 0 }, { x: 10, y: 10 }, { x: 0, y: 10 }, { x: 10, y: 0 });
    expect(x?.point).toEqual({ x: 5, y: 5 });
    expect(x?.t).toBe(0.5);
    expect(segmentIntersection({ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 0, y: 1 }, { x: 1, y: 1 })).toBeNull();
    expect(segmentIntersection({ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 2, y: -1 }, { x: 2, y: 1 })).toBeNull();
  });
});

describe('isSimple', () => {
  it('accepts simple rings, convex or not', () => {
    expect(isSimple(sq)).toEqual({ ok: true });
    expect(
      isSimple([
        { x: 0, y: 0 },
        { x: 1, y: 0 },
        { x: 0, y: 1 },
      ]),
    ).toEqual({ ok: true });
    const notch = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
      { x: 5, y: 2 },
      { x: 0, y: 10 },
    ];
    expect(isSimple(notch)).toEqual({ ok: true });
  });

  it('rejects crossing, touching and folding back with the reason the surgeon reads', () => {
    const bowtie = [
      { x: 0, y: 0 },
      { x: 10, y: 10 },
      { x: 10, y: 0 },
      { x: 0, y: 10 },
    ];
    expect(isSimple(bowtie)).toEqual({ ok: false, reason: CROSSING_REASON });
    // A vertex touching another edge.
    const touch = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
      { x: 5, y: 0 },
      { x: 0, y: 10 },
    ];
    expect(isSimple(touch)).toEqual({ ok: false, reason: CROSSING_REASON });
    const fold = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 5, y: 0 },
      { x: 5, y: 5 },
    ];
    expect(isSimple(fold)).toEqual({ ok: false, reason: CROSSING_REASON });
  });

  it('rejects too few points and no area', () => {
    expect(
      isSimple([
        { x: 0, y: 0 },
        { x: 1, y: 1 },
        { x: 1, y: 1 },
      ]),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/three/) });
    expect(
      isSimple([
        { x: 0, y: 0 },
        { x: 1, y: 1 },
        { x: 2, y: 2 },
      ]),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/area/) });
  });

  it('random ellipses and stars are simple in either direction', () => {
    fc.assert(
      fc.property(fc.oneof(ellipseArb, starArb), (ring) => {
        expect(isSimple(ring).ok).toBe(true);
        expect(isSimple([...ring].reverse()).ok).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
