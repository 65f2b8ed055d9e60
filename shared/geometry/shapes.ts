import type { OutlineResult, Point, Polyline, Ring } from './types';
import { area, dedupePoints, isSimple, toCounterClockwise } from './polygon';
import { distanceToSegment, segmentIntersection } from './segment';
import { at, distance, isFinitePoint, lerp } from './vec';

/** Outlines from the drawing tools: ellipse by drag, polygon by clicks, freehand by pen. */

/** Smallest specimen worth mapping; below it a drawn outline is a slip of the pen. */
export const MIN_OUTLINE_AREA_MM2 = 1;

/** An ellipse as a counter-clockwise ring; 72 segments keep the error under 0.1 % of its area. */
export function ellipseRing(cx: number, cy: number, rx: number, ry: number, rotationRad = 0, segments = 72): Ring {
  const n = Math.max(3, Math.round(segments));
  const cos = Math.cos(rotationRad);
  const sin = Math.sin(rotationRad);
  const ring: Point[] = [];
  for (let k = 0; k < n; k++) {
    const a = (2 * Math.PI * k) / n;
    const ex = Math.abs(rx) * Math.cos(a);
    const ey = Math.abs(ry) * Math.sin(a);
    ring.push({ x: cx + ex * cos - ey * sin, y: cy + ex * sin + ey * cos });
  }
  return ring;
}

/**
 * Ramer–Douglas–Peucker on an open path: keeps the ends and every point farther than
 * toleranceMm from the chord it would be dropped into. Iterative, so long pen strokes
 * cannot overflow the stack.
 */
export function simplifyPath(points: Polyline, toleranceMm: number): Point[] {
  if (points.length < 3) return [...points];
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [i, j] = stack.pop() as [number, number];
    let worst = -1;
    let worstD = toleranceMm;
    for (let k = i + 1; k < j; k++) {
      const d = distanceToSegment(points[k] as Point, points[i] as Point, points[j] as Point);
      if (d > worstD) {
        worstD = d;
        worst = k;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([i, worst], [worst, j]);
    }
  }
  return points.filter((_, k) => keep[k] === 1);
}

/** RDP on a closed ring: split at the point farthest from the first, simplify both halves. */
export function simplifyRing(ring: Ring, toleranceMm: number): Point[] {
  if (ring.length < 4) return [...ring];
  const first = ring[0] as Point;
  let far = 1;
  for (let k = 2; k < ring.length; k++) if (distance(first, ring[k] as Point) > distance(first, ring[far] as Point)) far = k;
  const left = simplifyPath(ring.slice(0, far + 1), toleranceMm);
  const right = simplifyPath([...ring.slice(far), first], toleranceMm);
  return [...left, ...right.slice(1, -1)];
}

/**
 * Chaikin corner cutting: each pass replaces every corner by two points at 1/4 and 3/4 of
 * its edges, rounding pen jitter. An open path keeps its end points; a closed one has none.
 * Iterations are capped at 6 since each pass doubles the points.
 */
export function smoothPath(points: Polyline, iterations: number, closed = false): Point[] {
  let pts = [...points];
  const passes = Math.min(6, Math.max(0, Math.floor(iterations)));
  for (let it = 0; it < passes && pts.length >= 3; it++) {
    const next: Point[] = [];
    const edges = closed ? pts.length : pts.length - 1;
    if (!closed) next.push(pts[0] as Point);
    for (let i = 0; i < edges; i++) {
      const a = at(pts, i);
      const b = at(pts, i + 1);
      next.push(lerp(a, b, 0.25), lerp(a, b, 0.75));
    }
    if (!closed) next.push(pts[pts.length - 1] as Point);
    pts = next;
  }
  return pts;
}

/**
 * Checks points as a specimen outline and returns them as a counter-clockwise ring:
 * finite numbers, at least three distinct points, area over 1 mm², no self-crossing.
 */
export function validateOutline(points: readonly Point[], minAreaMm2 = MIN_OUTLINE_AREA_MM2): OutlineResult {
  if (!points.every(isFinitePoint)) return { ok: false, reason: 'The outline has a point that is not a number.' };
  const pts = dedupePoints(points, 1e-6, true);
  if (pts.length < 3) return { ok: false, reason: 'The outline needs at least three distinct points.' };
  const simple = isSimple(pts);
  if (!simple.ok) return simple;
  if (area(pts) <= minAreaMm2) return { ok: false, reason: `The outline is too small: its area is under ${minAreaMm2} mm².` };
  return { ok: true, ring: toCounterClockwise(pts) };
}

export interface FreehandOptions {
  /** Chaikin passes; 2 removes pen jitter without visibly rounding corners. */
  readonly smoothIterations?: number;
  /** RDP tolerance; the caller may scale it with zoom (about one screen pixel in mm). */
  readonly toleranceMm?: number;
}

/**
 * A pen stroke as a specimen outline: the stroke is closed (last point joins the first),
 * a small overshoot past the starting point is trimmed, then smoothed, simplified and
 * validated. A stroke that crosses itself elsewhere is rejected with a reason.
 */
export function outlineFromFreehand(points: Polyline, options: FreehandOptions = {}): OutlineResult {
  if (!points.every(isFinitePoint)) return { ok: false, reason: 'The outline has a point that is not a number.' };
  const raw = dedupePoints(points, 1e-6, true);
  if (raw.length < 3) return { ok: false, reason: 'The outline needs at least three distinct points.' };
  const loop = trimOvershoot(raw);
  const smooth = smoothPath(loop, options.smoothIterations ?? 2, true);
  const simplified = simplifyRing(smooth, options.toleranceMm ?? 0.1);
  return validateOutline(simplified);
}

/**
 * People close a loop by drawing past where they started. When a segment near the end of
 * the stroke crosses one near its start, keep the loop between the two crossings. "Near"
 * means the cut-off tails together are at most a fifth of the stroke, so a figure-eight is
 * left alone (and then rejected as crossing itself).
 */
export function trimOvershoot(points: Polyline): Point[] {
  const n = points.length;
  if (n < 4) return [...points];
  const cum: number[] = [0];
  for (let i = 1; i < n; i++) cum.push((cum[i - 1] as number) + distance(points[i - 1] as Point, points[i] as Point));
  const total = cum[n - 1] as number;
  const limit = total / 5;
  for (let i = 0; i < n - 1 && (cum[i] as number) <= limit; i++) {
    for (let j = n - 2; j > i + 1 && total - (cum[j + 1] as number) <= limit; j--) {
      const a = points[i] as Point;
      const b = points[i + 1] as Point;
      const c = points[j] as Point;
      const d = points[j + 1] as Point;
      const hit = segmentIntersection(a, b, c, d);
      if (!hit) continue;
      const head = cum[i]! + hit.t * distance(a, b);
      const tail = total - (cum[j]! + hit.u * distance(c, d));
      if (head + tail > limit) continue;
      return [hit.point, ...points.slice(i + 1, j + 1)];
    }
  }
  return [...points];
}
