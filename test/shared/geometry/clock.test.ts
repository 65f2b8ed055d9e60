import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clockAngle,
  clockDirection,
  clockHour,
  clockPosition,
  ellipseRing,
  pointAtClock,
  difference,
} from '../../../shared/geometry';

describe('clock positions', () => {
  it('12 is +y, 3 is +x, 6 is -y, 9 is -x', () => {
    expect(clockHour({ x: 0, y: 5 })).toBe(12);
    expect(clockHour({ x: 5, y: 0 })).toBe(3);
    expect(clockHour({ x: 0, y: -5 })).toBe(6);
    expect(clockHour({ x: -5, y: 0 })).toBe(9);
    expect(clockHour({ x: 1, y: 1 })).toBe(2); // 1:30 rounds to 2
    expect(clockHour({ x: 7, y: 7 }, { x: 5, y: 5 })).toBe(2);
    expect(clockPosition({ x: -1e-15, y: 1 })).toBe(0);
  });

  it('clockAngle is the mathematical angle of an hour', () => {
    expect(clockAngle(12)).toBeCloseTo(-1.5 * Math.PI, 12);
    expect(clockAngle(3)).toBeCloseTo(0, 12);
    expect(clockDirection(12).y).toBeCloseTo(1, 12);
    expect(clockDirection(9).x).toBeCloseTo(-1, 12);
  });

  it('the hour of the direction of an hour is that hour', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.double({ min: 0.1, max: 100, noNaN: true }), (h, r) => {
        const d = clockDirection(h);
        expect(clockHour({ x: d.x * r, y: d.y * r })).toBe(h);
      }),
    );
  });

  it('pointAtClock finds the outline at an hour, for reference nicks', () => {
    const e = ellipseRing(0, 0, 20, 10);
    const p12 = pointAtClock(e, 12);
    expect(p12?.x).toBeCloseTo(0, 9);
    expect(p12?.y).toBeCloseTo(10, 9);
    const p3 = pointAtClock(e, 3);
    expect(p3?.x).toBeCloseTo(20, 9);
    expect(p3?.y).toBeCloseTo(0, 9);
    const p9 = pointAtClock(e, 9, { x: 5, y: 0 });
    expect(p9?.x).toBeCloseTo(-20, 9);
  });

  it('on a crescent seen from outside it, some hours miss', () => {
    const crescent = difference([ellipseRing(0, 0, 10, 10)], [ellipseRing(5, 0, 9, 9)])[0]!.outer;
    expect(pointAtClock(crescent, 9, { x: 5, y: 0 })?.x).toBeCloseTo(-10, 3);
    expect(pointAtClock(crescent, 3, { x: 5, y: 0 })).toBeNull();
  });
});
