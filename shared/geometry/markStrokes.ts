import type { InkPattern } from '../catalog/inkPalette';
import type { Point } from './types';
import { length } from './vec';

/**
 * The strokes that draw an inked edge or a tumor band, shared by the editor canvas and the
 * printed sheet so both show the same shapes. Everything is in map units along a stretch of
 * a block's edge whose block lies to its left (rings run counter-clockwise, y up);
 * `mm` is how many map units one millimetre of the drawing takes (paper mm on the sheet,
 * a few screen pixels in the editor). Shapes, not only dashes, tell the inks apart, so they
 * still read when printed or copied in black and white.
 */
export interface Stroke {
  readonly points: readonly Point[];
  readonly width: number;
  /** Dash lengths, in map units; absent for a continuous line. */
  readonly dash?: readonly number[];
  readonly cap: 'butt' | 'round';
}

/** Where things sit inside the edge, in drawing mm: inks on the edge, tumor deeper, letters beyond both. */
export const MARK_LAYOUT = {
  /** Centre of the ink band; every ink pattern stays within 0–1.1 mm inside the edge. */
  inkInset: 0.55,
  /** Tumor's band and its ticks, clear of the ink band so red ink never sits on tumor's place. */
  tumorInset: 1.5,
  tumorTick: 1.1,
  /** Centre of an ink's letter: past the ink band, at the middle of the stretch (never at its ends). */
  letterInset: 2.4,
} as const;

/** The path moved d map units to its left (into the block). */
export function offsetPath(points: readonly Point[], d: number): Point[] {
  return points.map((p, i) => {
    const prev = points[Math.max(0, i - 1)] as Point;
    const next = points[Math.min(points.length - 1, i + 1)] as Point;
    const dx = next.x - prev.x;
    const dy = next.y - prev.y;
    const len = length(dx, dy) || 1;
    return { x: p.x - (dy / len) * d, y: p.y + (dx / len) * d };
  });
}

const pathLength = (points: readonly Point[]): number => {
  let s = 0;
  for (let i = 1; i < points.length; i++) s += length((points[i] as Point).x - (points[i - 1] as Point).x, (points[i] as Point).y - (points[i - 1] as Point).y);
  return s;
};

/** The point at arc length s along the path, and the unit direction there. */
function sampleAt(points: readonly Point[], s: number): { at: Point; dir: Point } {
  let rest = Math.max(0, s);
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    const len = length(b.x - a.x, b.y - a.y);
    if (len === 0) continue;
    const dir = { x: (b.x - a.x) / len, y: (b.y - a.y) / len };
    if (rest <= len || i === points.length - 1) {
      const t = Math.min(rest, len);
      return { at: { x: a.x + dir.x * t, y: a.y + dir.y * t }, dir };
    }
    rest -= len;
  }
  return { at: points[0] ?? { x: 0, y: 0 }, dir: { x: 1, y: 0 } };
}

/** The middle of the path by length (not its middle vertex: a straight cut has only its two ends). */
export function midpointAlong(points: readonly Point[]): { at: Point; dir: Point } {
  return sampleAt(points, pathLength(points) / 2);
}

/** Where an ink's letter goes: the middle of its stretch, moved into the block past the ink and tumor bands' start. */
export function inkLetterPlace(stretch: readonly Point[], mm: number): Point {
  const { at, dir } = midpointAlong(stretch);
  const d = MARK_LAYOUT.letterInset * mm;
  return { x: at.x - dir.y * d, y: at.y + dir.x * d };
}

/** Evenly spaced stations along the path, about `step` apart, away from its ends by half a step. */
function stations(points: readonly Point[], step: number): { at: Point; dir: Point }[] {
  const total = pathLength(points);
  const n = Math.max(1, Math.round(total / step));
  return Array.from({ length: n }, (_, i) => sampleAt(points, ((i + 0.5) * total) / n));
}

const normal = (dir: Point): Point => ({ x: -dir.y, y: dir.x });
const move = (p: Point, v: Point, d: number): Point => ({ x: p.x + v.x * d, y: p.y + v.y * d });

/** The strokes of one inked stretch of edge, in the ink's pattern. */
export function inkStrokes(stretch: readonly Point[], pattern: InkPattern, mm: number): Stroke[] {
  const line = offsetPath(stretch, MARK_LAYOUT.inkInset * mm);
  const u = (...v: number[]) => v.map((x) => x * mm);
  switch (pattern) {
    case 'solid':
      return [{ points: line, width: 0.7 * mm, cap: 'butt' }];
    case 'dashed':
      return [{ points: line, width: 0.7 * mm, dash: u(2, 1), cap: 'butt' }];
    case 'dotted':
      // Round dots 0.8 mm across, 1.3 mm apart: a near-zero dash with round caps.
      return [{ points: line, width: 0.8 * mm, dash: u(0.01, 1.3), cap: 'round' }];
    case 'dash-dot':
      return [{ points: line, width: 0.7 * mm, dash: u(2, 0.6, 0.35, 0.6), cap: 'butt' }];
    case 'double':
      return [
        { points: offsetPath(line, -0.33 * mm), width: 0.28 * mm, cap: 'butt' },
        { points: offsetPath(line, 0.33 * mm), width: 0.28 * mm, cap: 'butt' },
      ];
    case 'zigzag': {
      // A true zigzag across the band: peaks 0.4 mm each side of its centre, 0.6 mm apart.
      const total = pathLength(line);
      const n = Math.max(2, Math.round(total / (0.6 * mm)));
      const points = Array.from({ length: n + 1 }, (_, i) => {
        const { at, dir } = sampleAt(line, (i * total) / n);
        return i === 0 || i === n ? at : move(at, normal(dir), (i % 2 ? 0.4 : -0.4) * mm);
      });
      return [{ points, width: 0.3 * mm, cap: 'butt' }];
    }
    case 'crosses': {
      // A thin line with an × every 1.6 mm.
      const arm = 0.5 * mm;
      const crosses = stations(line, 1.6 * mm).flatMap(({ at, dir }): Stroke[] => {
        const a = { x: (dir.x - dir.y) * Math.SQRT1_2, y: (dir.y + dir.x) * Math.SQRT1_2 };
        const b = { x: (dir.x + dir.y) * Math.SQRT1_2, y: (dir.y - dir.x) * Math.SQRT1_2 };
        return [
          { points: [move(at, a, -arm), move(at, a, arm)], width: 0.3 * mm, cap: 'butt' },
          { points: [move(at, b, -arm), move(at, b, arm)], width: 0.3 * mm, cap: 'butt' },
        ];
      });
      return [{ points: line, width: 0.2 * mm, cap: 'butt' }, ...crosses];
    }
  }
}

/**
 * Tumor at a peripheral edge: the conventional red band, with ticks into the block every
 * 0.7 mm, set inside the ink band so an inked edge and a positive edge never share a line.
 */
export function tumorBandStrokes(stretch: readonly Point[], mm: number): Stroke[] {
  const band = offsetPath(stretch, MARK_LAYOUT.tumorInset * mm);
  const ticks = offsetPath(stretch, (MARK_LAYOUT.tumorInset + MARK_LAYOUT.tumorTick / 2) * mm);
  return [
    { points: band, width: 0.6 * mm, cap: 'round' },
    // Ticks as a wide dashed line: each dash is one tick across the band's inner side.
    { points: ticks, width: MARK_LAYOUT.tumorTick * mm, dash: [0.3 * mm, 0.4 * mm], cap: 'butt' },
  ];
}

/**
 * An edge that could not be evaluated: a chain of small open rings on the ink band's line,
 * unlike any ink (filled dots are yellow's) and unlike tumor's band.
 */
export function incompleteStrokes(stretch: readonly Point[], mm: number): Stroke[] {
  const line = offsetPath(stretch, MARK_LAYOUT.inkInset * mm);
  const r = 0.38 * mm;
  return stations(line, 1.5 * mm).map(({ at }) => ({
    points: Array.from({ length: 13 }, (_, i) => move(at, { x: Math.cos((i * Math.PI) / 6), y: Math.sin((i * Math.PI) / 6) }, r)),
    width: 0.22 * mm,
    cap: 'butt' as const,
  }));
}
