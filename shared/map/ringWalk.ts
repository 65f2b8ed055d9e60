import { projectOnSegment } from '../geometry/segment';
import type { Point, Ring } from '../geometry/types';

/**
 * Positions along a block's boundary by arc length, so an ink or a positive margin can be
 * stored as two points on the boundary and drawn as the stretch between them.
 */
export function ringLengths(ring: Ring): { cumulative: number[]; total: number } {
  const cumulative = [0];
  let total = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] as Point;
    const b = ring[(i + 1) % ring.length] as Point;
    total += Math.hypot(b.x - a.x, b.y - a.y);
    cumulative.push(total);
  }
  return { cumulative, total };
}

/** The arc-length position of the boundary point nearest to p, and how far p is from it. */
export function projectOnRing(ring: Ring, p: Point): { s: number; distance: number; point: Point; edgeIndex: number } {
  const { cumulative } = ringLengths(ring);
  let best = { s: 0, distance: Number.POSITIVE_INFINITY, point: ring[0] as Point, edgeIndex: 0 };
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] as Point;
    const b = ring[(i + 1) % ring.length] as Point;
    const proj = projectOnSegment(p, a, b);
    if (proj.distance < best.distance) {
      const len = Math.hypot(b.x - a.x, b.y - a.y);
      best = { s: (cumulative[i] as number) + proj.t * len, distance: proj.distance, point: proj.point, edgeIndex: i };
    }
  }
  return best;
}

export function pointAtS(ring: Ring, s: number): Point {
  const { cumulative, total } = ringLengths(ring);
  const t = ((s % total) + total) % total;
  for (let i = 0; i < ring.length; i++) {
    const end = cumulative[i + 1] as number;
    if (t <= end) {
      const start = cumulative[i] as number;
      const a = ring[i] as Point;
      const b = ring[(i + 1) % ring.length] as Point;
      const f = end === start ? 0 : (t - start) / (end - start);
      return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f };
    }
  }
  return ring[0] as Point;
}

/**
 * The boundary path from `from` to `to`, counter-clockwise (the ring's direction). Equal
 * ends mean the whole boundary. Points are snapped onto the ring first.
 */
export function walkRing(ring: Ring, from: Point, to: Point): Point[] {
  const { cumulative, total } = ringLengths(ring);
  const s0 = projectOnRing(ring, from).s;
  let s1 = projectOnRing(ring, to).s;
  if (s1 <= s0 + 1e-9) s1 += total;
  const path: Point[] = [pointAtS(ring, s0)];
  // Vertices strictly between s0 and s1, over at most two laps of the cumulative table.
  for (let lap = 0; lap < 2; lap++) {
    for (let i = 0; i < ring.length; i++) {
      const s = (cumulative[i] as number) + lap * total;
      if (s > s0 + 1e-9 && s < s1 - 1e-9) path.push(ring[i] as Point);
    }
  }
  path.push(pointAtS(ring, s1));
  return path;
}

/** Length of the stretch from → to along the ring. */
export function stretchLength(ring: Ring, from: Point, to: Point): number {
  const { total } = ringLengths(ring);
  const s0 = projectOnRing(ring, from).s;
  let s1 = projectOnRing(ring, to).s;
  if (s1 <= s0 + 1e-9) s1 += total;
  return s1 - s0;
}
