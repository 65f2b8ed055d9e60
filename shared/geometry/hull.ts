import type { Point, Ring } from './types';
import { cross, length, sub } from './vec';

/** Convex hull and minimum-area enclosing rectangle, for measuring a defect. */

/** Andrew's monotone chain; counter-clockwise, collinear points dropped. */
export function convexHull(points: readonly Point[]): Ring {
  const pts = [...points].sort((p, q) => p.x - q.x || p.y - q.y);
  if (pts.length < 3) return pts;
  const half = (list: readonly Point[]): Point[] => {
    const h: Point[] = [];
    for (const p of list) {
      const turn = (): number => {
        const o = h[h.length - 2] as Point;
        return cross(sub(h[h.length - 1] as Point, o), sub(p, o));
      };
      while (h.length >= 2 && turn() <= 0) h.pop();
      h.push(p);
    }
    h.pop();
    return h;
  };
  return [...half(pts), ...half([...pts].reverse())];
}

export interface Rectangle {
  /** The longer side, mm. */
  readonly lengthMm: number;
  /** The shorter side, mm. */
  readonly widthMm: number;
  /** Its four corners, counter-clockwise, for drawing the measurement. */
  readonly corners: Ring;
}

/**
 * Smallest-area rectangle around the points. One side of it lies along a hull edge
 * (Freeman & Shapira), so trying each hull edge's direction finds it.
 */
export function minAreaRectangle(points: readonly Point[]): Rectangle {
  const hull = convexHull(points);
  if (hull.length === 0) return { lengthMm: 0, widthMm: 0, corners: [] };
  let best: { area: number; ux: Point; lo: [number, number]; hi: [number, number] } | null = null;
  for (let i = 0; i < Math.max(1, hull.length); i++) {
    const a = hull[i] as Point;
    const b = hull[(i + 1) % hull.length] as Point;
    const len = length(b.x - a.x, b.y - a.y);
    const ux = len > 0 ? { x: (b.x - a.x) / len, y: (b.y - a.y) / len } : { x: 1, y: 0 };
    let lo: [number, number] = [Infinity, Infinity];
    let hi: [number, number] = [-Infinity, -Infinity];
    for (const p of hull) {
      const s = p.x * ux.x + p.y * ux.y;
      const t = -p.x * ux.y + p.y * ux.x;
      lo = [Math.min(lo[0], s), Math.min(lo[1], t)];
      hi = [Math.max(hi[0], s), Math.max(hi[1], t)];
    }
    const area = (hi[0] - lo[0]) * (hi[1] - lo[1]);
    if (!best || area < best.area - 1e-12 * Math.abs(area)) best = { area, ux, lo, hi };
  }
  const { ux, lo, hi } = best as NonNullable<typeof best>;
  const corner = (s: number, t: number): Point => ({ x: s * ux.x - t * ux.y, y: s * ux.y + t * ux.x });
  const w = hi[0] - lo[0];
  const h = hi[1] - lo[1];
  return {
    lengthMm: Math.max(w, h),
    widthMm: Math.min(w, h),
    corners: [corner(lo[0], lo[1]), corner(hi[0], lo[1]), corner(hi[0], hi[1]), corner(lo[0], hi[1])],
  };
}
