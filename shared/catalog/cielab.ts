// CIELAB and the CIE76 color difference, for checking that two printed colors cannot be
// taken for each other. sRGB (IEC 61966-2-1) → CIE XYZ → CIELAB with the D65 white point;
// CIE76 ΔE*ab is the straight distance in L*a*b*. About 2.3 is "just noticeable"; colors a
// glance must tell apart need far more, so the palette asks for 25 (see inkPalette.ts).

export interface Lab {
  readonly L: number;
  readonly a: number;
  readonly b: number;
}

const HEX = /^#[0-9a-f]{6}$/i;

export const isHexColor = (s: string): boolean => HEX.test(s);

/** 0..1 sRGB channels of a #rrggbb color; throws on anything else (a programming error). */
export function hexToRgb(hex: string): readonly [number, number, number] {
  if (!isHexColor(hex)) throw new Error(`not a #rrggbb color: ${hex}`);
  const c = (i: number) => parseInt(hex.slice(i, i + 2), 16) / 255;
  return [c(1), c(3), c(5)];
}

/** Undo the sRGB transfer curve: the light actually emitted, 0..1. */
const linear = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

/** Relative luminance (CIE Y, 0..1) of a color: how dark it prints in black and white. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = hexToRgb(hex).map(linear) as [number, number, number];
  return 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
}

// D65 reference white (CIE 1931 2° observer), Y normalised to 1.
const WHITE = { X: 0.95047, Y: 1, Z: 1.08883 } as const;
const EPS = (6 / 29) ** 3;
const f = (t: number): number => (t > EPS ? Math.cbrt(t) : t / (3 * (6 / 29) ** 2) + 4 / 29);

export function hexToLab(hex: string): Lab {
  const [r, g, b] = hexToRgb(hex).map(linear) as [number, number, number];
  const X = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
  const Y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const Z = 0.0193339 * r + 0.119192 * g + 0.9503041 * b;
  const fx = f(X / WHITE.X);
  const fy = f(Y / WHITE.Y);
  const fz = f(Z / WHITE.Z);
  return { L: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz) };
}

/** CIE76 ΔE*ab between two Lab colors. */
export function deltaE76(p: Lab, q: Lab): number {
  return Math.hypot(p.L - q.L, p.a - q.a, p.b - q.b);
}

/** CIE76 ΔE*ab between two #rrggbb colors. */
export const colorDistance = (x: string, y: string): number => deltaE76(hexToLab(x), hexToLab(y));
