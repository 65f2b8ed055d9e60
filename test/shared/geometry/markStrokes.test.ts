import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INK_PALETTE } from '../../../shared/catalog/inkPalette';
import { incompleteStrokes, inkLetterPlace, inkStrokes, MARK_LAYOUT, midpointAlong, tumorBandStrokes, type Stroke } from '../../../shared/geometry/markStrokes';
import type { Point } from '../../../shared/geometry/types';

/** A straight edge along +x: its block lies above (y > 0), as for a counter-clockwise ring. */
const EDGE: readonly Point[] = [{ x: 0, y: 0 }, { x: 20, y: 0 }];
const ys = (strokes: readonly Stroke[]) => strokes.flatMap((s) => s.points.map((p) => p.y));

describe('mark strokes shared by the canvas and the sheet', () => {
  it('puts an ink letter at the middle of its stretch, inside the block, never at an end', () => {
    // A straight cut has only its two ends as vertices: the letter must not sit on either.
    const at = inkLetterPlace(EDGE, 1);
    expect(at.x).toBeCloseTo(10, 9);
    expect(at.y).toBeCloseTo(MARK_LAYOUT.letterInset, 9);
    fc.assert(
      fc.property(fc.array(fc.record({ x: fc.double({ min: 0.5, max: 8, noNaN: true }), y: fc.double({ min: -3, max: 3, noNaN: true }) }), { minLength: 1, maxLength: 6 }), (steps) => {
        // A polyline going generally +x, of any shape: the letter sits half its length from each end.
        const path: Point[] = [{ x: 0, y: 0 }];
        for (const s of steps) path.push({ x: (path.at(-1) as Point).x + s.x, y: (path.at(-1) as Point).y + s.y });
        const mid = midpointAlong(path).at;
        const length = path.slice(1).reduce((sum, p, i) => sum + Math.hypot(p.x - path[i]!.x, p.y - path[i]!.y), 0);
        // Each step rises at most 6 per 1 across (|y| ≤ 3, x ≥ 0.5), so half the length
        // along the path is at least that much across: the letter is well away from both ends.
        const away = length / 2 / Math.sqrt(37) - 1e-9;
        expect(mid.x - path[0]!.x).toBeGreaterThanOrEqual(away);
        expect(path.at(-1)!.x - mid.x).toBeGreaterThanOrEqual(away);
      }),
    );
  });

  it('keeps every ink inside the block, in its band, clear of the tumor band', () => {
    for (const ink of INK_PALETTE) {
      const strokes = inkStrokes(EDGE, ink.pattern, 1);
      for (const s of strokes) {
        for (const y of s.points.map((p) => p.y)) {
          expect(y - s.width / 2, ink.id).toBeGreaterThanOrEqual(0);
          expect(y + s.width / 2, ink.id).toBeLessThanOrEqual(1.1 + 1e-9);
        }
      }
    }
    const tumor = tumorBandStrokes(EDGE, 1);
    const tumorInner = Math.min(...tumor.map((s) => Math.min(...s.points.map((p) => p.y)) - s.width / 2));
    expect(tumorInner).toBeGreaterThan(1.1);
  });

  it('draws zigzag and crosses as shapes, not dashes, so they differ from dash-dot in black and white', () => {
    const zigzag = inkStrokes(EDGE, 'zigzag', 1);
    expect(zigzag).toHaveLength(1);
    expect(zigzag[0]!.dash).toBeUndefined();
    const zy = ys(zigzag).slice(1, -1);
    expect(Math.max(...zy) - Math.min(...zy)).toBeCloseTo(0.8, 6);
    const crosses = inkStrokes(EDGE, 'crosses', 1);
    expect(crosses.length).toBeGreaterThan(10); // a base line and two strokes per ×, every 1.8 mm
    expect(crosses.slice(1).every((s) => s.points.length === 2 && s.points[0]!.x !== s.points[1]!.x && s.points[0]!.y !== s.points[1]!.y)).toBe(true);
    const dashDot = inkStrokes(EDGE, 'dash-dot', 1);
    expect(dashDot[0]!.dash?.length).toBe(4);
  });

  it('gives each pattern its own shape: stroke count, widths and dashes differ between any two', () => {
    const signature = (strokes: readonly Stroke[]) => JSON.stringify(strokes.map((s) => [s.points.length, s.width.toFixed(2), s.dash?.map((d) => d.toFixed(2)) ?? null, s.cap]));
    const all = [...INK_PALETTE.map((i) => signature(inkStrokes(EDGE, i.pattern, 1))), signature(tumorBandStrokes(EDGE, 1)), signature(incompleteStrokes(EDGE, 1))];
    expect(new Set(all).size).toBe(all.length);
  });

  it('scales with the drawing: mm map units per millimetre', () => {
    const at1 = inkStrokes(EDGE, 'solid', 1)[0]!;
    const at2 = inkStrokes(EDGE, 'solid', 0.5)[0]!;
    expect(at2.width).toBeCloseTo(at1.width / 2, 9);
    expect(at2.points[0]!.y).toBeCloseTo(at1.points[0]!.y / 2, 9);
  });
});
