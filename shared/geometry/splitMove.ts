import { centroid, dedupePoints, isSimple, signedArea, toleranceFor, boundingBox, boxExtent, area, containsPoint } from './polygon';
import { segmentsTouch } from './segment';
import { orderBlocks, startAtTop, type Block, type Edge, type SplitResult } from './split';
import type { Point, Polyline, Ring } from './types';

/**
 * Splitting again after one outline corner moved, without rebuilding the arrangement: when
 * no cut comes near the corner's old or new sides, every block is as it was except the one
 * that has the corner, which gets the new point. Used while a corner is dragged (one split
 * per frame); when anything near the corner could change the division it answers null and
 * the caller splits in full. Tests check it gives exactly what splitSpecimen gives.
 */
export function splitAfterCornerMove(before: Ring, split: SplitResult, outline: Ring, cuts: readonly Polyline[]): SplitResult | null {
  if (!split.ok || before.length !== outline.length || outline.length < 4) return null;
  let index = -1;
  for (let i = 0; i < outline.length; i++) {
    const a = before[i] as Point;
    const b = outline[i] as Point;
    if (a.x === b.x && a.y === b.y) continue;
    if (index >= 0) return null; // more than one corner moved
    index = i;
  }
  if (index < 0) return split;
  const n = outline.length;
  const old = before[index] as Point;
  const moved = outline[index] as Point;
  if (!Number.isFinite(moved.x) || !Number.isFinite(moved.y)) return null;
  const prev = outline[(index + n - 1) % n] as Point;
  const next = outline[(index + 1) % n] as Point;

  const tol = toleranceFor(outline);
  // The full split works on the outline without repeated points, counter-clockwise: the same
  // points in both, in the same turn, or this shortcut does not apply.
  if (dedupePoints(outline, tol, true).length !== n || dedupePoints(before, toleranceFor(before), true).length !== n) return null;
  if (Math.sign(signedArea(outline)) !== Math.sign(signedArea(before))) return null;
  const simple = isSimple(outline, tol);
  if (!simple.ok) return simple;

  // No cut may touch the region swept by the corner's two sides (both triangles on prev–next).
  const margin = Math.max(1e-6, 1e3 * tol);
  const sides: [Point, Point][] = [[prev, old], [old, next], [prev, moved], [moved, next], [prev, next]];
  const swept = [[prev, old, next], [prev, moved, next]];
  for (const cut of cuts) {
    for (let k = 0; k < cut.length; k++) {
      const c = cut[k] as Point;
      if (swept.some((t) => containsPoint(t, c, margin))) return null;
      const d = cut[k + 1];
      if (d && sides.some(([a, b]) => segmentsTouch(a, b, c, d, margin))) return null;
    }
  }

  const same = (p: Point) => p.x === old.x && p.y === old.y;
  const owners = split.blocks.filter((b) => b.ring.some(same));
  if (owners.length !== 1) return null;
  const owner = owners[0] as Block;
  const edges: Edge[] = owner.edges.map((e) => ({ ...e, a: same(e.a) ? moved : e.a, b: same(e.b) ? moved : e.b }));
  const changed = startAtTop(edges);
  // Rounding-error faces are dropped by the full split; leave anything that small to it.
  const dust = tol * boxExtent(boundingBox(outline));
  if (area(changed.ring) <= 1e3 * dust) return null;
  const blocks = split.blocks.map((b) => (b === owner ? changed : b));
  const ring = signedArea(outline) < 0 ? [...outline].reverse() : outline;
  return { ok: true, blocks: orderBlocks(blocks, centroid(ring)), ignoredCuts: split.ignoredCuts };
}
