import type { Point, Polyline, Ring } from './types';
import { locatePoint } from './polygon';
import { projectionOnSegment, segmentIntersection } from './segment';
import { distance, lerp } from './vec';

/**
 * The planar graph of a specimen outline and its cut lines: every segment is split where it
 * meets another, nearly coincident points are merged, the parts of cuts outside the
 * specimen are dropped, and dangling cut ends are pruned. Its faces are the blocks.
 * Computed in floating point with a tolerance `tol` far below anything drawn; the face
 * areas then sum to the outline's area up to rounding.
 */

/** One input segment: an outline edge or one straight piece of a cut polyline. */
export interface SourceSegment {
  readonly a: Point;
  readonly b: Point;
  readonly kind: 'peripheral' | 'cut';
  /** Index of the cut in the caller's list; -1 for the outline. */
  readonly cutIndex: number;
}

/** A piece of one source segment between two graph vertices. */
export interface GraphEdge {
  readonly u: number;
  readonly v: number;
  readonly source: number;
}

export interface Arrangement {
  /** Vertex positions by id; merged ids point at their representative's position. */
  readonly vertices: readonly Point[];
  readonly edges: readonly GraphEdge[];
  readonly sources: readonly SourceSegment[];
}

interface Split {
  readonly t: number;
  readonly v: number;
}

/**
 * `sides`, when given, keeps only those outline sides (by index of their first corner): the
 * re-split after a corner move builds the graph of one region only (splitMove.ts). Vertex
 * ids keep their relative order, so merged points keep the same representative.
 */
export function buildArrangement(outline: Ring, cuts: readonly Polyline[], tol: number, sides?: (i: number) => boolean): Arrangement {
  const vertices: Point[] = [...outline];
  const sources: SourceSegment[] = [];
  const ends: [number, number][] = [];
  const n = outline.length;
  for (let i = 0; i < n; i++) {
    if (sides && !sides(i)) continue;
    sources.push({ a: outline[i] as Point, b: outline[(i + 1) % n] as Point, kind: 'peripheral', cutIndex: -1 });
    ends.push([i, (i + 1) % n]);
  }
  cuts.forEach((cut, cutIndex) => {
    let prev = -1;
    for (const p of cut) {
      if (prev >= 0 && distance(vertices[prev] as Point, p) <= tol) continue;
      const id = vertices.push(p) - 1;
      if (prev >= 0) {
        sources.push({ a: vertices[prev] as Point, b: p, kind: 'cut', cutIndex });
        ends.push([prev, id]);
      }
      prev = id;
    }
  });

  const splits = intersectAll(sources, ends, vertices, tol);
  // Twice tol: a point within tol of a segment's end, across and along, is within √2·tol of it
  // but was not split there (too close to the end), so it must merge with that end instead.
  const rep = mergeClose(vertices, 2 * tol);
  const positions = vertices.map((_, id) => vertices[rep[id] as number] as Point);

  // Pieces between consecutive split points. A piece shared by two sources (a cut along the
  // outline, or two overlapping cuts) is kept once: the outline first, then the lower cut.
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  splits.forEach((list, source) => {
    sortByT(list);
    for (let k = 1; k < list.length; k++) {
      const u = rep[(list[k - 1] as Split).v] as number;
      const v = rep[(list[k] as Split).v] as number;
      if (u === v) continue;
      const key = u < v ? `${u},${v}` : `${v},${u}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const src = sources[source] as SourceSegment;
      // Cuts only divide tissue inside the specimen; on or outside the outline they do nothing.
      if (src.kind === 'cut') {
        const mid = lerp(positions[u] as Point, positions[v] as Point, 0.5);
        if (locatePoint(outline, mid, tol) !== 'inside') continue;
      }
      edges.push({ u, v, source });
    }
  });
  return { vertices: positions, edges: pruneDangling(edges, sources), sources };
}

/** Every place where a segment must be split: where another's end touches it, or they cross. */
function intersectAll(
  sources: readonly SourceSegment[],
  ends: readonly [number, number][],
  vertices: Point[],
  tol: number,
): Split[][] {
  const splits: Split[][] = ends.map(([a, b]) => [
    { t: 0, v: a },
    { t: 1, v: b },
  ]);
  const lens = sources.map((s) => distance(s.a, s.b));
  const interior = (t: number, len: number): boolean => t * len > tol && (1 - t) * len > tol;
  const cutsFrom = firstCut(sources);
  // Called directly for each end, not over arrays of pairs: this runs for hundreds of pairs on
  // every frame of a corner drag, and those arrays were garbage.
  const touches = (p: Point, id: number, on: SourceSegment, len: number, list: Split[]) => {
    const pr = projectionOnSegment(p, on.a, on.b);
    if (pr.distance <= tol && interior(pr.t, len)) list.push({ t: pr.t, v: id });
  };
  for (let i = 0; i < sources.length; i++) {
    const si = sources[i] as SourceSegment;
    const li = lens[i] as number;
    // The outline is validated simple, so outline pairs need no test: start j past it.
    for (let j = Math.max(i + 1, si.kind === 'cut' ? i + 1 : cutsFrom); j < sources.length; j++) {
      const sj = sources[j] as SourceSegment;
      if (!boxesNear(si, sj, tol)) continue;
      const lj = lens[j] as number;
      const [ia, ib] = ends[i] as [number, number];
      const [ja, jb] = ends[j] as [number, number];
      // Each end of one segment that touches the other's interior splits it there (ends of j on i first, then of i on j).
      touches(sj.a, ja, si, li, splits[i] as Split[]);
      touches(sj.b, jb, si, li, splits[i] as Split[]);
      touches(si.a, ia, sj, lj, splits[j] as Split[]);
      touches(si.b, ib, sj, lj, splits[j] as Split[]);
      const x = segmentIntersection(si.a, si.b, sj.a, sj.b);
      if (x && interior(x.t, li) && interior(x.u, lj)) {
        const id = vertices.push(x.point) - 1;
        (splits[i] as Split[]).push({ t: x.t, v: id });
        (splits[j] as Split[]).push({ t: x.u, v: id });
      }
    }
  }
  return splits;
}

/**
 * The split points along a segment in order of t, in place; stable, as Array.prototype.sort
 * is, so points at the same t keep their order. Most lists are the two ends, or a few points:
 * an insertion sort allocates nothing, where the built-in sort copies each list it sorts.
 */
function sortByT(list: Split[]): void {
  for (let k = 1; k < list.length; k++) {
    const x = list[k] as Split;
    let m = k - 1;
    while (m >= 0 && (list[m] as Split).t > x.t) {
      list[m + 1] = list[m] as Split;
      m--;
    }
    list[m + 1] = x;
  }
}

function firstCut(sources: readonly SourceSegment[]): number {
  const k = sources.findIndex((s) => s.kind === 'cut');
  return k < 0 ? sources.length : k;
}

function boxesNear(p: SourceSegment, q: SourceSegment, tol: number): boolean {
  return !(
    Math.max(p.a.x, p.b.x) + tol < Math.min(q.a.x, q.b.x) ||
    Math.max(q.a.x, q.b.x) + tol < Math.min(p.a.x, p.b.x) ||
    Math.max(p.a.y, p.b.y) + tol < Math.min(q.a.y, q.b.y) ||
    Math.max(q.a.y, q.b.y) + tol < Math.min(p.a.y, p.b.y)
  );
}

/**
 * Union-find over points within `radius` of each other (a grid of radius-sized cells finds
 * the neighbours). The lowest id represents a group, so outline vertices keep their position.
 */
function mergeClose(vertices: readonly Point[], radius: number): number[] {
  const parent = vertices.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  const cell = Math.max(radius, Number.MIN_VALUE);
  // Cells by column, then row: numeric keys (no string per lookup; this runs on every frame of a drag).
  const grid = new Map<number, Map<number, number[]>>();
  vertices.forEach((p, id) => {
    const cx = Math.floor(p.x / cell);
    const cy = Math.floor(p.y / cell);
    for (let dx = -1; dx <= 1; dx++) {
      const column = grid.get(cx + dx);
      if (!column) continue;
      for (let dy = -1; dy <= 1; dy++) {
        for (const other of column.get(cy + dy) ?? []) {
          if (distance(p, vertices[other] as Point) > radius) continue;
          const a = find(id);
          const b = find(other);
          if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
        }
      }
    }
    let column = grid.get(cx);
    if (!column) grid.set(cx, (column = new Map()));
    const bucket = column.get(cy);
    if (bucket) bucket.push(id);
    else column.set(cy, [id]);
  });
  return vertices.map((_, i) => find(i));
}

/**
 * Removes cut pieces that end inside the specimen without meeting anything (repeatedly, so
 * a whole dangling branch goes). Such an end divides no tissue; keeping it would leave a
 * slit in a block instead of a new block.
 */
function pruneDangling(edges: readonly GraphEdge[], sources: readonly SourceSegment[]): GraphEdge[] {
  const alive = edges.map(() => true);
  const incident = new Map<number, number[]>();
  const degree = new Map<number, number>();
  edges.forEach((e, k) => {
    for (const v of [e.u, e.v]) {
      const list = incident.get(v);
      if (list) list.push(k);
      else incident.set(v, [k]);
      degree.set(v, (degree.get(v) ?? 0) + 1);
    }
  });
  const stack = [...degree.keys()].filter((v) => degree.get(v) === 1);
  while (stack.length > 0) {
    const v = stack.pop() as number;
    if (degree.get(v) !== 1) continue;
    const k = (incident.get(v) ?? []).find((e) => alive[e]) as number;
    const e = edges[k] as GraphEdge;
    if ((sources[e.source] as SourceSegment).kind !== 'cut') continue;
    alive[k] = false;
    const other = e.u === v ? e.v : e.u;
    degree.set(v, 0);
    degree.set(other, (degree.get(other) ?? 1) - 1);
    if (degree.get(other) === 1) stack.push(other);
  }
  return edges.filter((_, k) => alive[k]);
}
