import type { Box, Check, Point, Ring } from './types';
import { distanceToSegment, segmentsTouch } from './segment';
import { at, distance, length } from './vec';

/** Measures and tests on one ring. Rings are closed implicitly (last point joins the first). */

export const CROSSING_REASON = 'The outline crosses itself; redraw it without crossing.';

/** Twice the signed area is the shoelace sum; positive when counter-clockwise (y up). */
export function signedArea(ring: Ring): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = at(ring, i);
    const b = at(ring, i + 1);
    s += a.x * b.y - b.x * a.y;
  }
  return s / 2;
}

export const area = (ring: Ring): number => Math.abs(signedArea(ring));

export const isCounterClockwise = (ring: Ring): boolean => signedArea(ring) > 0;

export const toCounterClockwise = (ring: Ring): Ring => (signedArea(ring) < 0 ? [...ring].reverse() : ring);

/** Area centroid; for a ring with (almost) no area, the mean of its points. */
export function centroid(ring: Ring): Point {
  let cx = 0;
  let cy = 0;
  let a2 = 0;
  // Shift to the first point: keeps the sums small, so rings far from the origin stay precise.
  const o = ring[0] ?? { x: 0, y: 0 };
  for (let i = 0; i < ring.length; i++) {
    const p = at(ring, i);
    const q = at(ring, i + 1);
    const px = p.x - o.x;
    const py = p.y - o.y;
    const qx = q.x - o.x;
    const qy = q.y - o.y;
    const c = px * qy - qx * py;
    a2 += c;
    cx += (px + qx) * c;
    cy += (py + qy) * c;
  }
  if (Math.abs(a2) <= 1e-12 * Math.max(1, boxExtent(boundingBox(ring)) ** 2)) {
    const n = Math.max(1, ring.length);
    return { x: ring.reduce((s, p) => s + p.x, 0) / n, y: ring.reduce((s, p) => s + p.y, 0) / n };
  }
  return { x: o.x + cx / (3 * a2), y: o.y + cy / (3 * a2) };
}

export function boundingBox(points: readonly Point[]): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  return { minX, minY, maxX, maxY };
}

/** Diagonal of a box, 0 for an empty one. */
export const boxExtent = (b: Box): number => (b.maxX >= b.minX ? length(b.maxX - b.minX, b.maxY - b.minY) : 0);

/**
 * Distance below which two points count as one. Relative to the drawing's size (not a fixed
 * number) so a 5 mm and a 100 mm specimen are treated alike; far below anything drawn.
 */
export const toleranceFor = (points: readonly Point[]): number => 1e-9 * Math.max(1, boxExtent(boundingBox(points)));

export function perimeter(ring: Ring): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) s += distance(at(ring, i), at(ring, i + 1));
  return s;
}

export type PointLocation = 'inside' | 'outside' | 'boundary';

/** Where p lies relative to the ring; within `tol` of an edge counts as on the boundary. */
export function locatePoint(ring: Ring, p: Point, tol = toleranceFor(ring)): PointLocation {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as Point;
    const b = ring[j] as Point;
    if (distanceToSegment(p, a, b) <= tol) return 'boundary';
    // Crossing number: count edges straddling the horizontal through p, right of p.
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside ? 'inside' : 'outside';
}

/** Inside or on the boundary. */
export const containsPoint = (ring: Ring, p: Point, tol?: number): boolean => locatePoint(ring, p, tol) !== 'outside';

/** Drops consecutive points closer than tol, including a last point that repeats the first. */
export function dedupePoints(points: readonly Point[], tol: number, closed: boolean): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (!last || distance(last, p) > tol) out.push(p);
  }
  while (closed && out.length > 1 && distance(out[0] as Point, out[out.length - 1] as Point) <= tol) out.pop();
  return out;
}

/**
 * Whether the ring is a simple polygon: at least three distinct points, some area, and no
 * edge crossing, touching or doubling back over another. An outline that fails cannot be
 * divided into blocks, so the reason is meant for the surgeon.
 */
export function isSimple(ring: Ring, tol = toleranceFor(ring)): Check {
  const pts = dedupePoints(ring, tol, true);
  const n = pts.length;
  if (n < 3) return { ok: false, reason: 'The outline needs at least three distinct points.' };
  // Neighbours share a point; they only fail by folding back over each other.
  for (let i = 0; n > 3 && i < n; i++) {
    const a = at(pts, i);
    const b = at(pts, i + 1);
    const c = at(pts, i + 2);
    if (distanceToSegment(c, a, b) <= tol || distanceToSegment(a, b, c) <= tol) return { ok: false, reason: CROSSING_REASON };
  }
  // Other pairs: sweep in x, so only segments whose x-ranges overlap are compared
  // (near-linear for outlines; the editor re-checks while a vertex is dragged).
  const order = Array.from({ length: n }, (_, i) => i);
  const lo = order.map((i) => Math.min(at(pts, i).x, at(pts, i + 1).x));
  const hi = order.map((i) => Math.max(at(pts, i).x, at(pts, i + 1).x));
  order.sort((p, q) => (lo[p] as number) - (lo[q] as number));
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    for (let m = k + 1; m < n && (lo[order[m] as number] as number) <= (hi[i] as number) + tol; m++) {
      const j = order[m] as number;
      const gap = Math.abs(i - j);
      if (gap === 1 || gap === n - 1) continue;
      if (segmentsTouch(at(pts, i), at(pts, i + 1), at(pts, j), at(pts, j + 1), tol)) {
        return { ok: false, reason: CROSSING_REASON };
      }
    }
  }
  // After the crossing test, so a symmetric bow-tie (zero net area) is called what it is.
  if (area(pts) <= tol * boxExtent(boundingBox(pts))) return { ok: false, reason: 'The outline has no area.' };
  return { ok: true };
}
