import type { Point, Polyline } from './types';
import type { Block, Edge, EdgeKind } from './split';
import { projectOnSegment } from './segment';
import { distance, lerp } from './vec';

/**
 * Positions along a block's boundary, for inks and margin findings that cover a stretch of
 * an edge. A place on the boundary is (edgeIndex, t) with t in [0, 1] from edge.a to edge.b,
 * or an arc length s from the start of the first edge.
 */

export const edgeLength = (e: Edge): number => distance(e.a, e.b);

export const boundaryLength = (block: Block): number => block.edges.reduce((s, e) => s + edgeLength(e), 0);

export interface BoundaryPoint {
  readonly point: Point;
  readonly edgeIndex: number;
  readonly t: number;
}

/** The point at arc length s along the boundary; s wraps around (negative counts back). */
export function pointAlongEdges(block: Block, s: number): BoundaryPoint {
  const total = boundaryLength(block);
  let rest = total > 0 ? ((s % total) + total) % total : 0;
  for (let i = 0; i < block.edges.length; i++) {
    const e = block.edges[i] as Edge;
    const len = edgeLength(e);
    if (rest <= len || i === block.edges.length - 1) {
      const t = len > 0 ? Math.min(1, rest / len) : 0;
      return { point: lerp(e.a, e.b, t), edgeIndex: i, t };
    }
    rest -= len;
  }
  return { point: { x: 0, y: 0 }, edgeIndex: -1, t: 0 }; // a block always has edges
}

/** Arc length from the boundary's start to (edgeIndex, t). */
export function arcLengthAt(block: Block, edgeIndex: number, t: number): number {
  let s = 0;
  for (let i = 0; i < edgeIndex && i < block.edges.length; i++) s += edgeLength(block.edges[i] as Edge);
  const e = block.edges[edgeIndex];
  return e ? s + Math.min(1, Math.max(0, t)) * edgeLength(e) : s;
}

/** The part of one edge from t0 to t1 (either order), as a two-point polyline. */
export function stretch(block: Block, edgeIndex: number, t0: number, t1: number): Polyline {
  const e = block.edges[edgeIndex];
  if (!e) return [];
  const clamp = (t: number): number => Math.min(1, Math.max(0, t));
  const [lo, hi] = t0 <= t1 ? [clamp(t0), clamp(t1)] : [clamp(t1), clamp(t0)];
  return [lerp(e.a, e.b, lo), lerp(e.a, e.b, hi)];
}

/**
 * The boundary from arc length s0 forward (counter-clockwise) to s1, through the corners
 * between; wraps past the start when s1 < s0. For a stretch over several edges.
 */
export function stretchAlong(block: Block, s0: number, s1: number): Polyline {
  const total = boundaryLength(block);
  if (total <= 0) return [];
  const from = ((s0 % total) + total) % total;
  let span = (((s1 - s0) % total) + total) % total;
  if (span === 0 && s1 !== s0) span = total;
  const start = pointAlongEdges(block, from);
  const out: Point[] = [start.point];
  let s = arcLengthAt(block, start.edgeIndex, 1) - from; // distance to the end of the first edge
  let i = start.edgeIndex;
  const n = block.edges.length;
  while (s < span) {
    const corner = (block.edges[i % n] as Edge).b;
    if (distance(corner, out[out.length - 1] as Point) > 0) out.push(corner);
    i++;
    s += edgeLength(block.edges[i % n] as Edge);
  }
  out.push(pointAlongEdges(block, from + span).point);
  return out;
}

export interface NearestEdge {
  readonly edgeIndex: number;
  readonly t: number;
  readonly distanceMm: number;
}

/** The edge closest to a point; the ink tool applies its own hit tolerance to distanceMm. */
export function nearestEdge(block: Block, p: Point): NearestEdge {
  let best: NearestEdge = { edgeIndex: -1, t: 0, distanceMm: Infinity };
  block.edges.forEach((e, i) => {
    const pr = projectOnSegment(p, e.a, e.b);
    if (pr.distance < best.distanceMm) best = { edgeIndex: i, t: pr.t, distanceMm: pr.distance };
  });
  return best;
}

/** A maximal run of consecutive edges on the same line of the drawing: the outline, or one cut. */
export interface Side {
  readonly kind: EdgeKind;
  readonly cutIndex?: number;
  /** Index of the run's first edge; the run may wrap past the last edge. */
  readonly firstEdge: number;
  readonly edgeCount: number;
  readonly lengthMm: number;
}

/**
 * The block's sides: peripheral stretches and one side per cut it borders. A curved margin
 * or freehand cut is many short edges; inking "the 12 o'clock cut side" means a whole side.
 */
export function blockSides(block: Block): Side[] {
  const edges = block.edges;
  const n = edges.length;
  const key = (e: Edge): string => (e.kind === 'cut' ? `cut${e.cutIndex ?? -1}` : 'peripheral');
  let start = 0;
  while (start < n && key(edges[start] as Edge) === key(edges[(start - 1 + n) % n] as Edge)) start++;
  if (start === n) start = 0; // one side all round: the block is the whole outline
  const sides: Side[] = [];
  for (let k = 0; k < n; k++) {
    const i = (start + k) % n;
    const e = edges[i] as Edge;
    const last = sides[sides.length - 1];
    if (last && key(edges[(i - 1 + n) % n] as Edge) === key(e) && k > 0) {
      sides[sides.length - 1] = { ...last, edgeCount: last.edgeCount + 1, lengthMm: last.lengthMm + edgeLength(e) };
    } else {
      sides.push({
        kind: e.kind,
        ...(e.cutIndex === undefined ? {} : { cutIndex: e.cutIndex }),
        firstEdge: i,
        edgeCount: 1,
        lengthMm: edgeLength(e),
      });
    }
  }
  return sides;
}
