import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapToPhoto, photoToMap, type PhotoFrame } from '../../../shared/photos/placement';
import { photoCalibrationSchema, photoPlacementSchema, pxPerMm } from '../../../shared/records/photo';

const frame = (over: Partial<PhotoFrame['placement']> = {}, scale = 1): PhotoFrame => ({
  width: 4000,
  height: 3000,
  // A 10 mm ruler drawn 200 px long: 20 px per mm.
  calibration: { x1: 100, y1: 2900, x2: 300, y2: 2900, lengthMm: 10 },
  placement: { x: 0, y: 0, rotationDeg: 0, opacity: 0.6, shown: true, ...over },
  scale,
});

describe('a calibrated photo in the map frame', () => {
  it('pixels per mm are the ruler line’s length over the millimetres typed', () => {
    expect(pxPerMm({ x1: 0, y1: 0, x2: 30, y2: 40, lengthMm: 5 })).toBe(10);
  });

  it('the photo’s centre sits at the placement; the ruler’s ends are its length apart in mm; rows flip (map +y is up)', () => {
    const f = frame({ x: 3, y: -2 });
    expect(photoToMap(f, 2000, 1500)).toEqual({ x: 3, y: -2 });
    const a = photoToMap(f, 100, 2900);
    const b = photoToMap(f, 300, 2900);
    expect(Math.hypot(b.x - a.x, b.y - a.y)).toBeCloseTo(10, 9);
    expect(photoToMap(f, 2000, 1480).y).toBeCloseTo(-1, 9);
  });

  it('a quarter turn counter-clockwise takes the photo’s right to the map’s 12 o’clock', () => {
    const p = photoToMap(frame({ rotationDeg: 90 }), 2200, 1500);
    expect(p.x).toBeCloseTo(0, 9);
    expect(p.y).toBeCloseTo(10, 9);
  });

  it('the display copy lands where the full picture does', () => {
    const s = 2048 / 4000;
    const full = photoToMap(frame({ rotationDeg: 33, x: 1 }), 1234, 567);
    const shown = photoToMap({ ...frame({ rotationDeg: 33, x: 1 }, s), width: 2048, height: 1536 }, 1234 * s, 567 * s);
    expect(shown.x).toBeCloseTo(full.x, 6);
    expect(shown.y).toBeCloseTo(full.y, 6);
  });

  it('map → photo undoes photo → map, and distances scale by the calibration only', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: -360, max: 360, noNaN: true }),
        fc.double({ min: 0, max: 4000, noNaN: true }),
        fc.double({ min: 0, max: 3000, noNaN: true }),
        (x, y, rotationDeg, u, v) => {
          const f = frame({ x, y, rotationDeg });
          const back = mapToPhoto(f, photoToMap(f, u, v));
          expect(back.u).toBeCloseTo(u, 6);
          expect(back.v).toBeCloseTo(v, 6);
          const c = photoToMap(f, 2000, 1500);
          const p = photoToMap(f, u, v);
          expect(Math.hypot(p.x - c.x, p.y - c.y)).toBeCloseTo(Math.hypot(u - 2000, v - 1500) / 20, 6);
        },
      ),
    );
  });

  it('refuses a ruler line under 10 px, a length under 1 mm, and an opacity under 10%', () => {
    expect(photoCalibrationSchema.safeParse({ x1: 0, y1: 0, x2: 5, y2: 0, lengthMm: 10 }).success).toBe(false);
    expect(photoCalibrationSchema.safeParse({ x1: 0, y1: 0, x2: 50, y2: 0, lengthMm: 0.5 }).success).toBe(false);
    expect(photoPlacementSchema.safeParse({ x: 0, y: 0, rotationDeg: 0, opacity: 0.05, shown: true }).success).toBe(false);
  });
});
