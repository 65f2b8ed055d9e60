import { clockDirection } from '../../../shared/geometry/clock';
import { centroid } from '../../../shared/geometry/polygon';
import type { Point, Ring } from '../../../shared/geometry/types';
import { length } from '../../../shared/geometry/vec';

/** Where a reference mark sits: on the outline at its clock hour, seen from the outline's centre. */
export function markPosition(ring: Ring, hour: number): { at: Point; direction: Point } {
  const c = centroid(ring);
  const direction = clockDirection(hour);
  // Walk out from the centre until leaving the outline's bounding radius, then back to the edge.
  let best: Point = c;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] as Point;
    const b = ring[(i + 1) % ring.length] as Point;
    const hit = rayHit(c, direction, a, b);
    if (hit && length(hit.x - c.x, hit.y - c.y) > length(best.x - c.x, best.y - c.y)) best = hit;
  }
  return { at: best, direction };
}

function rayHit(o: Point, d: Point, a: Point, b: Point): Point | null {
  const ex = b.x - a.x;
  const ey = b.y - a.y;
  const denom = d.x * ey - d.y * ex;
  if (Math.abs(denom) < 1e-12) return null;
  const t = ((a.x - o.x) * ey - (a.y - o.y) * ex) / denom;
  const u = ((a.x - o.x) * d.y - (a.y - o.y) * d.x) / denom;
  return t >= 0 && u >= 0 && u <= 1 ? { x: o.x + t * d.x, y: o.y + t * d.y } : null;
}
