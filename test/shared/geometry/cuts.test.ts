import { describe, expect, it } from 'vitest';
import { cutFromFreehand, ellipseRing, extendCutEnds, splitSpecimen, type Point } from '../../../shared/geometry';
import { expectTiling } from './support';

const circle = ellipseRing(0, 0, 10, 10);
/** A wobbly horizontal stroke from x0 to x1. */
const stroke = (x0: number, x1: number): Point[] =>
  Array.from({ length: 60 }, (_, k) => ({ x: x0 + ((x1 - x0) * k) / 59, y: 0.03 * Math.sin(k) }));

describe('freehand cuts', () => {
  it('a stroke stopping just short of the outline is carried on to it and divides the specimen', () => {
    const cut = cutFromFreehand(stroke(-9, 9), circle);
    expect(cut.length).toBeLessThan(20);
    expect(Math.hypot(cut[0]!.x, cut[0]!.y)).toBeGreaterThan(9.9);
    expect(Math.hypot(cut.at(-1)!.x, cut.at(-1)!.y)).toBeGreaterThan(9.9);
    const r = splitSpecimen(circle, [cut]);
    expectTiling(circle, [cut], r);
    expect(r.ok && r.blocks.length).toBe(2);
    expect(r.ok && r.ignoredCuts).toEqual([]);
  });

  it('an end far from the outline stays as drawn, and the cut is then ignored', () => {
    const cut = cutFromFreehand(stroke(-9, 4), circle);
    expect(cut.at(-1)!.x).toBeCloseTo(4, 1);
    const r = splitSpecimen(circle, [cut]);
    expect(r.ok && r.ignoredCuts).toEqual([0]);
  });

  it('ends outside the outline are left alone; too few points give no cut', () => {
    const line = [
      { x: -20, y: 1 },
      { x: 20, y: 1 },
    ];
    expect(extendCutEnds(line, circle, 2)).toEqual(line);
    expect(cutFromFreehand([{ x: 1, y: 1 }], circle)).toEqual([]);
  });
});
