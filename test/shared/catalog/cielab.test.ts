import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { colorDistance, deltaE76, hexToLab, relativeLuminance } from '../../../shared/catalog/cielab';

// Reference values: sRGB primaries in CIELAB (D65, 2°), as tabulated by Bruce Lindbloom's
// color calculator and the CSS Color 4 sample code (to 0.01).
const REFERENCE: readonly [string, number, number, number][] = [
  ['#ffffff', 100, 0, 0],
  ['#000000', 0, 0, 0],
  ['#ff0000', 53.24, 80.09, 67.2],
  ['#00ff00', 87.73, -86.18, 83.18],
  ['#0000ff', 32.3, 79.19, -107.86],
  ['#808080', 53.59, 0, 0],
];

describe('CIELAB and CIE76 ΔE', () => {
  it.each(REFERENCE)('converts %s to its tabulated L*a*b*', (hex, L, a, b) => {
    const lab = hexToLab(hex);
    expect(lab.L).toBeCloseTo(L, 1);
    expect(lab.a).toBeCloseTo(a, 1);
    expect(lab.b).toBeCloseTo(b, 1);
  });

  it('gives 100 between white and black and 0 between a color and itself', () => {
    expect(colorDistance('#ffffff', '#000000')).toBeCloseTo(100, 4);
    expect(colorDistance('#c62828', '#C62828')).toBe(0);
    // Red and blue primaries: √((53.24−32.30)² + (80.09−79.19)² + (67.20+107.86)²) ≈ 176.3.
    expect(colorDistance('#ff0000', '#0000ff')).toBeCloseTo(176.31, 1);
  });

  it('is a distance: symmetric, and obeys the triangle inequality', () => {
    const hex = fc.integer({ min: 0, max: 0xffffff }).map((n) => `#${n.toString(16).padStart(6, '0')}`);
    fc.assert(
      fc.property(hex, hex, hex, (x, y, z) => {
        expect(colorDistance(x, y)).toBeCloseTo(colorDistance(y, x), 9);
        expect(colorDistance(x, z)).toBeLessThanOrEqual(colorDistance(x, y) + colorDistance(y, z) + 1e-9);
        expect(deltaE76(hexToLab(x), hexToLab(x))).toBe(0);
      }),
    );
  });

  it('gives relative luminance 1 for white, 0 for black, 0.2126 for red', () => {
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 4);
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#ff0000')).toBeCloseTo(0.2126, 3);
  });

  it('refuses anything but #rrggbb', () => {
    expect(() => hexToLab('red')).toThrow(/#rrggbb/);
    expect(() => hexToLab('#fff')).toThrow(/#rrggbb/);
  });
});
