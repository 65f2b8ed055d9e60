import type { Point } from './types';
import type { GraphEdge } from './arrangement';

/**
 * Faces of a connected planar graph, by the turn rule: arriving at a vertex, leave by the
 * next edge clockwise from the one you came in on. Each face is then walked with its
 * inside on the left, so bounded faces come out counter-clockwise (positive area) and the
 * single unbounded face clockwise.
 *
 * Half-edge h of edge k runs u→v when h = 2k and v→u when h = 2k + 1.
 */

export interface Face {
  /** Half-edges in walking order. */
  readonly halfEdges: readonly number[];
  /** Signed area (shoelace): > 0 for a bounded face. */
  readonly signedArea: number;
}

export const tail = (edges: readonly GraphEdge[], h: number): number => {
  const e = edges[h >> 1] as GraphEdge;
  return h % 2 === 0 ? e.u : e.v;
};

export const head = (edges: readonly GraphEdge[], h: number): number => {
  const e = edges[h >> 1] as GraphEdge;
  return h % 2 === 0 ? e.v : e.u;
};

export function walkFaces(vertices: readonly Point[], edges: readonly GraphEdge[]): Face[] {
  const out = new Map<number, number[]>();
  for (let h = 0; h < 2 * edges.length; h++) {
    const v = tail(edges, h);
    const list = out.get(v);
    if (list) list.push(h);
    else out.set(v, [h]);
  }
  const angle = (h: number): number => {
    const a = vertices[tail(edges, h)] as Point;
    const b = vertices[head(edges, h)] as Point;
    return Math.atan2(b.y - a.y, b.x - a.x);
  };
  // Position of each half-edge in its tail vertex's counter-clockwise order.
  const position = new Int32Array(2 * edges.length);
  for (const list of out.values()) {
    list.sort((p, q) => angle(p) - angle(q));
    list.forEach((h, i) => (position[h] = i));
  }
  const next = (h: number): number => {
    const twin = h ^ 1;
    const list = out.get(tail(edges, twin)) as number[];
    const i = position[twin] as number;
    return list[(i - 1 + list.length) % list.length] as number;
  };

  const visited = new Uint8Array(2 * edges.length);
  const faces: Face[] = [];
  for (let start = 0; start < 2 * edges.length; start++) {
    if (visited[start]) continue;
    const halfEdges: number[] = [];
    let s = 0;
    let h = start;
    // Bounded by the half-edge count: a walk can only revisit through a bug, never loop forever.
    for (let guard = 0; !visited[h] && guard <= 2 * edges.length; guard++) {
      visited[h] = 1;
      halfEdges.push(h);
      const a = vertices[tail(edges, h)] as Point;
      const b = vertices[head(edges, h)] as Point;
      s += a.x * b.y - b.x * a.y;
      h = next(h);
    }
    faces.push({ halfEdges, signedArea: s / 2 });
  }
  return faces;
}

/** True when some edge has the same face on both sides (a bridge), i.e. the face has a slit. */
export const hasBridge = (face: Face): boolean => {
  const set = new Set(face.halfEdges);
  return face.halfEdges.some((h) => set.has(h ^ 1));
};
