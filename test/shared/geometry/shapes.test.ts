import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CROSSING_REASON,
  area,
  ellipseRing,
  isCounterClockwise,
  isSimple,
  outlineFromFreehand,
  simplifyPath,
  smoothPath,
  trimOvershoot,
  validateOutline,
  type Point,
} from '../../../shared/geometry';

/** A pen stroke around a circle with jitter, from angle a0 to a1 (radians). */
function stroke(r: number, a0: number, a1: number, n = 200, jitter = 0.05): Point[] {
  return Array.from({ length: n }, (_, k) => {
    const a = a0 + ((a1 - a0) * k) / (n - 1);
    const j = jitter * Math.sin(k * 7.3);
    return { x: (r + j) * Math.cos(a), y: (r + j) * Math.sin(a) };
  });
}

describe('ellipseRing', () => {
  it('is counter-clockwise with the polygon area of an inscribed 72-gon', () => {
    const e = ellipseRing(3, -2, 20, 10);
    expect(e).toHaveLength(72);
    expect(isCounterClockwise(e)).toBe(true);
    expect(area(e)).toBeCloseTo(36 * 20 * 10 * Math.sin((2 * Math.PI) / 72), 9);
    expect(area(e) / (Math.PI * 200)).toBeGreaterThan(0.998);
    expect(e[0]).toEqual({ x: 23, y: -2 });
  });

  it('rotates about its centre', () => {
    const e = ellipseRing(0, 0, 20, 10, Math.PI / 2, 4);
    expect(e[0]?.x).toBeCloseTo(0, 12);
    expect(e[0]?.y).toBeCloseTo(20, 12);
  });

  it('is always a valid outline when larger than 1 mm²', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 50, noNaN: true }),
        fc.double({ min: 1, max: 50, noNaN: true }),
        fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
        fc.integer({ min: 3, max: 200 }),
        (rx, ry, rot, n) => {
          const r = validateOutline(ellipseRing(0, 0, rx, ry, rot, n));
          expect(r.ok).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('freehand helpers', () => {
  it('simplifyPath keeps corners and drops jitter', () => {
    const zig = Array.from({ length: 50 }, (_, k) => ({ x: k, y: k % 2 === 0 ? 0 : 0.01 }));
    expect(simplifyPath(zig, 0.05)).toEqual([zig[0], zig[49]]);
    const corner = [
      { x: 0, y: 0 },
      { x: 5, y: 0.01 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
    ];
    expect(simplifyPath(corner, 0.1)).toEqual([corner[0], corner[2], corner[3]]);
    expect(simplifyPath(corner.slice(0, 2), 1)).toHaveLength(2);
  });

  it('smoothPath doubles the corners each pass and keeps open ends', () => {
    const p = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
    ];
    const s = smoothPath(p, 1);
    expect(s).toHaveLength(6);
    expect(s[0]).toEqual(p[0]);
    expect(s[5]).toEqual(p[2]);
    expect(smoothPath(p, 2, true)).toHaveLength(12);
    expect(smoothPath(p, 0)).toEqual(p);
  });

  it('turns a closed pen stroke into a smooth valid outline', () => {
    const r = outlineFromFreehand(stroke(10, 0, 2 * Math.PI * 0.98));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(area(r.ring)).toBeGreaterThan(Math.PI * 100 * 0.95);
    expect(r.ring.length).toBeLessThan(100);
    expect(isCounterClockwise(r.ring)).toBe(true);
  });

  it('trims a stroke that overshoots its start', () => {
    const s = stroke(10, 0, 2 * Math.PI * 1.1);
    const loop = trimOvershoot(s);
    expect(loop.length).toBeLessThan(s.length);
    expect(isSimple(loop).ok).toBe(true);
    const r = outlineFromFreehand(s);
    expect(r.ok).toBe(true);
    if (r.ok) expect(area(r.ring)).toBeGreaterThan(Math.PI * 100 * 0.95);
  });

  it('rejects a figure of eight, a scribble too small, and too few points', () => {
    const eight = Array.from({ length: 100 }, (_, k) => {
      const t = (2 * Math.PI * k) / 100;
      return { x: 10 * Math.sin(t), y: 5 * Math.sin(2 * t) };
    });
    expect(outlineFromFreehand(eight)).toEqual({ ok: false, reason: CROSSING_REASON });
    expect(outlineFromFreehand(stroke(0.4, 0, 6, 50, 0))).toMatchObject({ ok: false, reason: expect.stringMatching(/1 mm²/) });
    expect(
      outlineFromFreehand([
        { x: 0, y: 0 },
        { x: 1, y: 1 },
      ]),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/three/) });
    expect(
      validateOutline([
        { x: 0, y: 0 },
        { x: NaN, y: 1 },
        { x: 1, y: 0 },
      ]).ok,
    ).toBe(false);
  });
});
