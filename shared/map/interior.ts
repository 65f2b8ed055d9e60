import { boundingBox, centroid, locatePoint } from '../geometry/polygon';
import type { Point, Ring } from '../geometry/types';
import { length } from '../geometry/vec';

/**
 * A point well inside a ring, used as a block's anchor and as the place its label is drawn:
 * of the centroid (when inside) and the middles of the widest inside spans on a few horizontal
 * and a few vertical lines (crescents and L-shapes have outside centroids), the one farthest
 * from every edge. Farthest from the edges, not widest span: a long thin block (a narrow wedge
 * lying along 3 o'clock) has its widest horizontal span hard against one side, and the block
 * beside it the same against the other side of that cut, so their labels met across the line.
 */
export function interiorPoint(ring: Ring): Point {
  const c = centroid(ring);
  let best: Point | null = null;
  let clearance = 0;
  const consider = (p: Point | undefined) => {
    if (!p) return;
    const d = edgeClearance(ring, p);
    if (d > clearance && locatePoint(ring, p) === 'inside') {
      best = p;
      clearance = d;
    }
  };
  consider(c);
  const box = boundingBox(ring);
  // Vertical lines are horizontal ones of the ring mirrored across y = x (and the point mirrored back).
  const mirrored = ring.map((p) => ({ x: p.y, y: p.x }));
  for (let k = 1; k < 16; k++) {
    consider(widestSpan(ring, box.minY + ((box.maxY - box.minY) * k) / 16)?.point);
    const column = widestSpan(mirrored, box.minX + ((box.maxX - box.minX) * k) / 16)?.point;
    consider(column && { x: column.y, y: column.x });
  }
  return best ?? c;
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
