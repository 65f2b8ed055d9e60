import type { Point, Ring } from '../geometry/types';
import { length } from '../geometry/vec';

/**
 * Positions along a block's boundary by arc length, so an ink or a positive margin can be
 * stored as two points on the boundary and drawn as the stretch between them.
 */
export function ringLengths(ring: Ring): RingLengths {
  let known = lengthsOf.get(ring);
  if (known) return known;
  const cumulative = [0];
  let total = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] as Point;
    const b = ring[(i + 1) % ring.length] as Point;
    total += length(b.x - a.x, b.y - a.y);
    cumulative.push(total);
  }
  known = { cumulative, total };
  lengthsOf.set(ring, known);
  return known;
}

export interface RingLengths {
  readonly cumulative: readonly number[];
  readonly total: number;
}

/** Rings are never changed once made, so their lengths are worked out once each. */
const lengthsOf = new WeakMap<Ring, RingLengths>();

/**
 * The arc-length position of the boundary point nearest to p, and how far p is from it.
 * Every save checks each ink's two ends this way (inkPlacement.ts), so the walk allocates
 * nothing per edge: the arithmetic is projectOnSegment's, step for step, so the answer is the
 * same to the last bit.
 */
export function projectOnRing(ring: Ring, p: Point): { s: number; distance: number; point: Point; edgeIndex: number } {
  let bestDistance = Number.POSITIVE_INFINITY;
  let bestIndex = 0;
  let bestT = 0;
  let bestX = 0;
  let bestY = 0;
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const a = ring[i] as Point;
    const b = ring[i + 1 === n ? 0 : i + 1] as Point;
    // projectOnSegment(p, a, b), inlined: t clamped to the segment, the foot, its distance.
    const abx = b.x - a.x;
    const aby = b.y - a.y;
    const len2 = abx * abx + aby * aby;
    const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((p.x - a.x) * abx + (p.y - a.y) * aby) / len2));
    const fx = a.x + (b.x - a.x) * t;
    const fy = a.y + (b.y - a.y) * t;
    const d = length(p.x - fx, p.y - fy);
    if (d < bestDistance) {
      bestDistance = d;
      bestIndex = i;
      bestT = t;
      bestX = fx;
      bestY = fy;
    }
  }
  if (n === 0) return { s: 0, distance: Number.POSITIVE_INFINITY, point: ring[0] as Point, edgeIndex: 0 };
  const a = ring[bestIndex] as Point;
  const b = ring[(bestIndex + 1) % n] as Point;
  const len = length(b.x - a.x, b.y - a.y);
  const { cumulative } = ringLengths(ring);
  return { s: (cumulative[bestIndex] as number) + bestT * len, distance: bestDistance, point: { x: bestX, y: bestY }, edgeIndex: bestIndex };
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
