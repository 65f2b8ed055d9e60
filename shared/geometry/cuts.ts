import type { Point, Polyline, Ring } from './types';
import { dedupePoints, locatePoint } from './polygon';
import { raySegment } from './segment';
import { simplifyPath, smoothPath } from './shapes';
import { distance, isFinitePoint } from './vec';

/**
 * Hand-drawn cut lines, made ready for splitSpecimen. A stroke often stops just short of
 * the outline; splitSpecimen ignores dangling ends (they divide nothing), so an end that
 * stops inside the specimen close to the outline is carried on, in the stroke's direction,
 * to where it meets the outline. An end farther away stays as drawn, and is then ignored.
 */

export interface FreehandCutOptions {
  /** Chaikin passes on the open stroke; 1 is enough for a cut, which is mostly straight. */
  readonly smoothIterations?: number;
  /** RDP tolerance in mm. */
  readonly toleranceMm?: number;
  /** How far an end may be carried on to reach the outline, mm. */
  readonly snapMm?: number;
}

export const DEFAULT_CUT_SNAP_MM = 2;

/** A pen stroke as a cut: smoothed, simplified, ends carried to the outline. [] if under 2 points. */
export function cutFromFreehand(points: Polyline, outline: Ring, options: FreehandCutOptions = {}): Polyline {
  const pts = dedupePoints(points.filter(isFinitePoint), 1e-6, false);
  if (pts.length < 2) return [];
  const smooth = smoothPath(pts, options.smoothIterations ?? 1);
  const simple = simplifyPath(smooth, options.toleranceMm ?? 0.1);
  return extendCutEnds(simple, outline, options.snapMm ?? DEFAULT_CUT_SNAP_MM);
}

/** Carries each end that stops inside the outline on to the outline, if that is within maxMm. */
export function extendCutEnds(cut: Polyline, outline: Ring, maxMm: number): Polyline {
  if (cut.length < 2) return [...cut];
  const end = reach(cut, outline, maxMm);
  const start = reach([...cut].reverse(), outline, maxMm);
  return [...(start ? [start] : []), ...cut, ...(end ? [end] : [])];
}

/** Where the last point of `line`, carried on along its last direction, meets the outline. */
function reach(line: Polyline, outline: Ring, maxMm: number): Point | null {
  const tip = line[line.length - 1] as Point;
  if (locatePoint(outline, tip) !== 'inside') return null;
  // Direction from the nearest earlier point that is not the tip itself.
  let k = line.length - 2;
  while (k > 0 && distance(line[k] as Point, tip) === 0) k--;
  const from = line[k] as Point;
  const len = distance(from, tip);
  if (len === 0) return null;
  const dir = { x: (tip.x - from.x) / len, y: (tip.y - from.y) / len };
  let best = Infinity;
  for (let i = 0; i < outline.length; i++) {
    const s = raySegment(tip, dir, outline[i] as Point, outline[(i + 1) % outline.length] as Point);
    if (s !== null && s < best) best = s;
  }
  return best <= maxMm ? { x: tip.x + best * dir.x, y: tip.y + best * dir.y } : null;
}
