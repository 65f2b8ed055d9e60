import type { Point } from './types';
import { cross, distance, dot, length, lerp, sub } from './vec';

/** Where a point projects onto segment ab: parameter t in [0, 1], the foot, and the distance. */
export interface Projection {
  readonly t: number;
  readonly point: Point;
  readonly distance: number;
}

export function projectOnSegment(p: Point, a: Point, b: Point): Projection {
  const ab = sub(b, a);
  const len2 = dot(ab, ab);
  const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, dot(sub(p, a), ab) / len2));
  const foot = lerp(a, b, t);
  return { t, point: foot, distance: distance(p, foot) };
}

/**
 * projectOnSegment's t and distance, by the same arithmetic (so the same bits), into one
 * object reused by every call: read it before the next call. For the arrangement's end
 * tests, hundreds per split on every frame of a corner drag, where four new objects a call
 * were garbage.
 */
export function projectionOnSegment(p: Point, a: Point, b: Point): { readonly t: number; readonly distance: number } {
  const abx = b.x - a.x;
  const aby = b.y - a.y;
  const len2 = abx * abx + aby * aby;
  const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((p.x - a.x) * abx + (p.y - a.y) * aby) / len2));
  projection.t = t;
  projection.distance = length(p.x - (a.x + (b.x - a.x) * t), p.y - (a.y + (b.y - a.y) * t));
  return projection;
}
const projection = { t: 0, distance: 0 };

export const distanceToSegment = (p: Point, a: Point, b: Point): number => projectOnSegment(p, a, b).distance;

/**
 * The crossing of segments ab and cd when they meet at a single point, with its parameter
 * on each (t along ab, u along cd, both within [0, 1]); null when they miss or are parallel.
 * Parallel overlaps are not points, so callers that care handle them via endpoint tests.
 */
export function segmentIntersection(
  a: Point,
  b: Point,
  c: Point,
  d: Point,
): { readonly t: number; readonly u: number; readonly point: Point } | null {
  // Plain arithmetic, no vectors: this runs for every pair of edges a cap check or a split
  // looks at, and most pairs miss, so nothing is allocated until they meet.
  const rx = b.x - a.x;
  const ry = b.y - a.y;
  const sx = d.x - c.x;
  const sy = d.y - c.y;
  const denom = rx * sy - ry * sx;
  // Relative threshold: nearly parallel segments give unstable parameters, treat as parallel.
  if (Math.abs(denom) <= 1e-14 * length(rx, ry) * length(sx, sy)) return null;
  const acx = c.x - a.x;
  const acy = c.y - a.y;
  const t = (acx * sy - acy * sx) / denom;
  const u = (acx * ry - acy * rx) / denom;
  if (t < 0 || t > 1 || u < 0 || u > 1) return null;
  return { t, u, point: lerp(a, b, t) };
}

/** True when the two closed segments come within `tol` of each other (cross, touch or overlap). */
export function segmentsTouch(a: Point, b: Point, c: Point, d: Point, tol: number): boolean {
  if (
    Math.max(a.x, b.x) + tol < Math.min(c.x, d.x) ||
    Math.max(c.x, d.x) + tol < Math.min(a.x, b.x) ||
    Math.max(a.y, b.y) + tol < Math.min(c.y, d.y) ||
    Math.max(c.y, d.y) + tol < Math.min(a.y, b.y)
  ) {
    return false;
  }
  if (properCross(a, b, c, d)) return true;
  return (
    distanceToSegment(a, c, d) <= tol ||
    distanceToSegment(b, c, d) <= tol ||
    distanceToSegment(c, a, b) <= tol ||
    distanceToSegment(d, a, b) <= tol
  );
}

/** Strict crossing: each segment's endpoints lie on opposite sides of the other's line. */
function properCross(a: Point, b: Point, c: Point, d: Point): boolean {
  const d1 = cross(sub(b, a), sub(c, a));
  const d2 = cross(sub(b, a), sub(d, a));
  const d3 = cross(sub(d, c), sub(a, c));
  const d4 = cross(sub(d, c), sub(b, c));
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/** How far along the ray origin + s·dir (s ≥ 0, dir not zero) it meets segment ab; null if it misses. */
export function raySegment(origin: Point, dir: Point, a: Point, b: Point): number | null {
  const e = sub(b, a);
  const denom = cross(dir, e);
  if (denom === 0) return null; // parallel: the neighbouring segments report the meeting point
  const ao = sub(a, origin);
  const s = cross(ao, e) / denom;
  const t = cross(ao, dir) / denom;
  return s >= 0 && t >= 0 && t <= 1 ? s : null;
}
