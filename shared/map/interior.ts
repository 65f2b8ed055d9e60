import { centroid, locatePoint } from '../geometry/polygon';
import type { Point, Ring } from '../geometry/types';
import { length } from '../geometry/vec';

/**
 * A point well inside a ring: the centroid when it is inside, else the middle of the widest
 * inside span on a few horizontal lines (crescents and L-shapes have outside centroids).
 * Used as a block's anchor and as the place its label is drawn.
 */
export function interiorPoint(ring: Ring): Point {
  const c = centroid(ring);
  if (locatePoint(ring, c) === 'inside' && edgeClearance(ring, c) > 0) {
    const best = widestSpan(ring, c.y);
    // Keep the centroid unless it hugs an edge much more than the widest span's middle would.
    if (!best || edgeClearance(ring, c) >= 0.5 * best.halfWidth) return c;
  }
  const ys = ring.map((p) => p.y);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  let best: { point: Point; halfWidth: number } | null = null;
  for (let k = 1; k < 16; k++) {
    const span = widestSpan(ring, minY + ((maxY - minY) * k) / 16);
    if (span && (!best || span.halfWidth > best.halfWidth)) best = span;
  }
  return best?.point ?? c;
}

function widestSpan(ring: Ring, y: number): { point: Point; halfWidth: number } | null {
  const xs: number[] = [];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] as Point;
    const b = ring[(i + 1) % ring.length] as Point;
    if ((a.y <= y && b.y > y) || (b.y <= y && a.y > y)) xs.push(a.x + ((y - a.y) / (b.y - a.y)) * (b.x - a.x));
  }
  xs.sort((p, q) => p - q);
  let best: { point: Point; halfWidth: number } | null = null;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const x0 = xs[i] as number;
    const x1 = xs[i + 1] as number;
    if (!best || (x1 - x0) / 2 > best.halfWidth) best = { point: { x: (x0 + x1) / 2, y }, halfWidth: (x1 - x0) / 2 };
  }
  return best;
}

function edgeClearance(ring: Ring, p: Point): number {
  let d = Number.POSITIVE_INFINITY;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] as Point;
    const b = ring[(i + 1) % ring.length] as Point;
    const abx = b.x - a.x;
    const aby = b.y - a.y;
    const len2 = abx * abx + aby * aby;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * abx + (p.y - a.y) * aby) / len2));
    d = Math.min(d, length(p.x - (a.x + t * abx), p.y - (a.y + t * aby)));
  }
  return d;
}
