import type { Point, Polyline, Ring } from './types';
import { buildArrangement, type Arrangement, type GraphEdge, type SourceSegment } from './arrangement';
import { clockPosition } from './clock';
import { head, hasBridge, tail, walkFaces, type Face } from './faces';
import {
  boundingBox,
  boxExtent,
  centroid,
  containsPoint,
  dedupePoints,
  isSimple,
  toCounterClockwise,
  toleranceFor,
} from './polygon';
import { distance, isFinitePoint } from './vec';

/**
 * Dividing a specimen into tissue blocks along cut lines.
 *
 * Method: the outline and the cuts form a planar graph (arrangement.ts); its bounded faces
 * (faces.ts) are the blocks. Faces of a planar subdivision tile the outline by
 * construction, so there are no gaps or overlaps to repair afterwards; each block edge
 * remembers which input segment it lies on, hence whether it is peripheral margin or cut.
 *
 * Cut policy:
 * - Only the parts of a cut inside the specimen count; a cut may start and end outside.
 * - A dangling end (a cut that stops inside the specimen without reaching the outline or
 *   another cut) is ignored: it divides no tissue, so it is trimmed back to the last place
 *   it meets something. A cut that divides nothing at all is listed in `ignoredCuts` so the
 *   editor can tell the surgeon.
 * - Cuts may meet at a shared point (radial pieces) and may cross each other.
 * - A cut (or several) that closes a loop not connected to the outline, or connected by a
 *   single line, is rejected: the piece around it would have a hole or a slit.
 *
 * Block order: by the clock position of each block's centroid seen from the outline's
 * centroid, from 12 o'clock clockwise (how surgeons number pieces); ties nearest first.
 */

export type EdgeKind = 'peripheral' | 'cut';

/** One straight side of a block, in ring order (b of one edge is a of the next). */
export interface Edge {
  readonly a: Point;
  readonly b: Point;
  /** 'peripheral': on the specimen's outline (the margin inspected); 'cut': on a cut line (inked). */
  readonly kind: EdgeKind;
  /** For cut edges, the index of the cut in the list given to splitSpecimen. */
  readonly cutIndex?: number;
}

export interface Block {
  /** Counter-clockwise; ring[i] === edges[i].a. Starts at its top-most point. */
  readonly ring: Ring;
  readonly edges: readonly Edge[];
}

export type SplitResult =
  | { readonly ok: true; readonly blocks: readonly Block[]; readonly ignoredCuts: readonly number[] }
  | { readonly ok: false; readonly reason: string };

export interface SplitOptions {
  /** Centre for numbering blocks by clock position; default the outline's centroid. */
  readonly centre?: Point;
}

export const LOOP_REASON = 'A cut closes a loop that does not reach the edge of the specimen; draw cuts from edge to edge.';

export function splitSpecimen(outline: Ring, cuts: readonly Polyline[], options: SplitOptions = {}): SplitResult {
  if (!outline.every(isFinitePoint)) return { ok: false, reason: 'The outline has a point that is not a number.' };
  if (!cuts.every((c) => c.every(isFinitePoint))) return { ok: false, reason: 'A cut line has a point that is not a number.' };
  const tol = toleranceFor(outline);
  const ring = toCounterClockwise(dedupePoints(outline, tol, true));
  const simple = isSimple(ring, tol);
  if (!simple.ok) return simple;

  const arr = buildArrangement(ring, cuts, tol);
  if (!connected(arr)) return { ok: false, reason: LOOP_REASON };
  const dust = tol * boxExtent(boundingBox(ring));
  const blocks: Block[] = [];
  for (const face of walkFaces(arr.vertices, arr.edges)) {
    if (face.signedArea <= 0) continue; // the unbounded face, outside the outline
    if (hasBridge(face)) return { ok: false, reason: LOOP_REASON };
    // Near-coincident cut crossings can leave faces of rounding-error size: not tissue.
    if (face.signedArea <= dust) continue;
    blocks.push(blockOf(arr, face));
  }

  const used = new Set(arr.edges.map((e) => (arr.sources[e.source] as SourceSegment).cutIndex));
  const ignoredCuts = cuts.map((_, i) => i).filter((i) => !used.has(i));
  return { ok: true, blocks: orderBlocks(blocks, options.centre ?? centroid(ring)), ignoredCuts };
}

/** Index of the block containing the point (boundary included), or -1. */
export function blockIndexAt(blocks: readonly Block[], p: Point): number {
  return blocks.findIndex((b) => containsPoint(b.ring, p));
}

/** Every edge reachable from the outline; otherwise some cuts enclose a loop on their own. */
export function connected(arr: Arrangement): boolean {
  const adj = new Map<number, number[]>();
  const link = (a: number, b: number): void => {
    const list = adj.get(a);
    if (list) list.push(b);
    else adj.set(a, [b]);
  };
  for (const e of arr.edges) {
    link(e.u, e.v);
    link(e.v, e.u);
  }
  const start = arr.edges[0]?.u;
  if (start === undefined) return true;
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length > 0) {
    for (const w of adj.get(stack.pop() as number) ?? []) {
      if (!seen.has(w)) {
        seen.add(w);
        stack.push(w);
      }
    }
  }
  return arr.edges.every((e) => seen.has(e.u));
}

/** A face as a block: consecutive pieces of one input segment become one straight edge. */
export function blockOf(arr: Arrangement, face: Face): Block {
  const hs = face.halfEdges;
  const src = (h: number): number => (arr.edges[h >> 1] as GraphEdge).source;
  const n = hs.length;
  // Start where the source changes, so no merged run wraps around the end of the list.
  let start = 0;
  while (start < n && src(hs[start] as number) === src(hs[(start - 1 + n) % n] as number)) start++;
  if (start === n) start = 0;
  const edges: Edge[] = [];
  for (let k = 0; k < n; k++) {
    const h = hs[(start + k) % n] as number;
    const a = arr.vertices[tail(arr.edges, h)] as Point;
    const b = arr.vertices[head(arr.edges, h)] as Point;
    const s = src(h);
    const last = edges[edges.length - 1];
    if (last && k > 0 && src(hs[(start + k - 1) % n] as number) === s) {
      edges[edges.length - 1] = { ...last, b };
      continue;
    }
    const source = arr.sources[s] as SourceSegment;
    edges.push(source.kind === 'cut' ? { a, b, kind: 'cut', cutIndex: source.cutIndex } : { a, b, kind: 'peripheral' });
  }
  return startAtTop(edges);
}

/** A block from its edges in ring order, started at the top-most point (then left-most) so it does not depend on walk order. */
export function startAtTop(edges: readonly Edge[]): Block {
  let top = 0;
  edges.forEach((e, i) => {
    const t = (edges[top] as Edge).a;
    if (e.a.y > t.y || (e.a.y === t.y && e.a.x < t.x)) top = i;
  });
  const rotated = [...edges.slice(top), ...edges.slice(0, top)];
  return { ring: rotated.map((e) => e.a), edges: rotated };
}

/** Blocks in clock order of their centroids seen from `centre`, from 12 clockwise; ties nearest first. */
export function orderBlocks(blocks: readonly Block[], centre: Point): Block[] {
  const keyed = blocks.map((b) => {
    const c = centroid(b.ring);
    return { b, c, hour: clockPosition(c, centre), r: distance(c, centre) };
  });
  keyed.sort((p, q) => p.hour - q.hour || p.r - q.r || p.c.x - q.c.x || p.c.y - q.c.y);
  return keyed.map((k) => k.b);
}
