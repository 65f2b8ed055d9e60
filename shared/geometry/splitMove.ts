import { centroid, dedupePoints, isSimple, signedArea, toleranceFor, boundingBox, boxExtent, area, containsPoint } from './polygon';
import { segmentsTouch } from './segment';
import { buildArrangement } from './arrangement';
import { hasBridge, tail, walkFaces } from './faces';
import { blockOf, connected, orderBlocks, startAtTop, type Block, type Edge, type SplitResult } from './split';
import type { Box, Point, Polyline, Ring } from './types';

/**
 * Splitting again after one outline corner moved, without rebuilding the whole arrangement:
 * when no cut comes near the corner's old or new sides, every block is as it was except the
 * one that has the corner, which gets the new point; when cuts do (one ending at the corner),
 * only the blocks around the corner are divided again (splitAround). Used while a corner is
 * dragged (one split per frame); when neither applies it answers null and the caller splits
 * in full. Tests check it gives exactly what splitSpecimen gives.
 */
export function splitAfterCornerMove(before: Ring, split: SplitResult, outline: Ring, cuts: readonly Polyline[]): SplitResult | null {
  if (!split.ok || before.length !== outline.length || outline.length < 4) return null;
  let index = -1;
  for (let i = 0; i < outline.length; i++) {
    const a = before[i] as Point;
    const b = outline[i] as Point;
    // Object.is: 0 and -0 are the same place but not the same result (the test compares exactly).
    if (Object.is(a.x, b.x) && Object.is(a.y, b.y)) continue;
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
  const ring = signedArea(outline) < 0 ? [...outline].reverse() : outline;
  const near = (cut: Polyline): boolean =>
    cut.some((c, k) => {
      const d = cut[k + 1];
      return swept.some((t) => containsPoint(t, c, margin)) || (!!d && sides.some(([a, b]) => segmentsTouch(a, b, c, d, margin)));
    });
  if (cuts.some(near)) return splitAround(ring, cuts, split, boundingBox(swept.flat()), tol, margin);

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
  return { ok: true, blocks: orderBlocks(blocks, centroid(ring)), ignoredCuts: split.ignoredCuts };
}

/**
 * The re-split when cuts come near the moved corner (a cut ending at it, as radial cuts do):
 * the blocks whose box meets the swept region are divided again from the graph of only the
 * outline sides and cuts that reach their boxes; every other block is kept as it was. Every
 * point of that region comes from the same segments, intersected in the same order, as in the
 * full split, so the blocks are the same to the last bit. Answers null (split in full) when
 * the region's graph is not one piece, a face in it is dust or has a slit, or the blocks do
 * not tile the outline.
 */
function splitAround(ring: Ring, cuts: readonly Polyline[], split: SplitResult & { ok: true }, swept: Box, tol: number, margin: number): SplitResult | null {
  const sweptBox = grow(swept, margin);
  const changed = split.blocks.filter((b) => overlap(boundingBox(b.ring), sweptBox));
  const kept = split.blocks.filter((b) => !changed.includes(b));
  // Which cuts divide something: recomputed from the blocks, so the old answer must agree with that rule.
  const oldUsed = new Set(split.blocks.flatMap((b) => b.edges.map((e) => e.cutIndex ?? -1)));
  if (split.ignoredCuts.length !== cuts.length - [...oldUsed].filter((i) => i >= 0).length) return null;

  const region = grow(changed.reduce((box, b) => union(box, boundingBox(b.ring)), sweptBox), margin);
  const n = ring.length;
  const reaches = (a: Point, b: Point) => overlap(boundingBox([a, b]), region);
  const local = cuts.map((cut) => (cut.some((c, k) => k + 1 < cut.length && reaches(c, cut[k + 1] as Point)) || (cut.length === 1 && reaches(cut[0] as Point, cut[0] as Point)) ? cut : []));
  const arr = buildArrangement(ring, local, tol, (i) => reaches(ring[i] as Point, ring[(i + 1) % n] as Point));
  if (!connected(arr)) return null;

  const dust = tol * boxExtent(boundingBox(ring));
  const fresh: Block[] = [];
  for (const face of walkFaces(arr.vertices, arr.edges)) {
    if (face.signedArea <= 0) continue;
    const box = boundingBox(face.halfEdges.map((h) => arr.vertices[tail(arr.edges, h)] as Point));
    if (!inside(box, region)) continue; // reaches past the region: a face of a graph missing some lines
    if (hasBridge(face) || face.signedArea <= dust) return null;
    const block = blockOf(arr, face);
    if (!kept.some((k) => sameRing(k.ring, block.ring))) fresh.push(block);
  }
  const blocks = [...kept, ...fresh];
  // The blocks must tile the outline: a face that is not one of the full split's adds or leaves a gap.
  const total = blocks.reduce((sum, b) => sum + area(b.ring), 0);
  if (Math.abs(total - area(ring)) > 1e-9 * Math.max(1, area(ring))) return null;
  const used = new Set(blocks.flatMap((b) => b.edges.map((e) => e.cutIndex ?? -1)));
  return { ok: true, blocks: orderBlocks(blocks, centroid(ring)), ignoredCuts: cuts.map((_, i) => i).filter((i) => !used.has(i)) };
}

const grow = (b: Box, d: number): Box => ({ minX: b.minX - d, minY: b.minY - d, maxX: b.maxX + d, maxY: b.maxY + d });
const union = (a: Box, b: Box): Box => ({ minX: Math.min(a.minX, b.minX), minY: Math.min(a.minY, b.minY), maxX: Math.max(a.maxX, b.maxX), maxY: Math.max(a.maxY, b.maxY) });
const overlap = (a: Box, b: Box): boolean => a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY;
const inside = (a: Box, b: Box): boolean => a.minX >= b.minX && a.maxX <= b.maxX && a.minY >= b.minY && a.maxY <= b.maxY;

function sameRing(a: Ring, b: Ring): boolean {
  return a.length === b.length && a.every((p, i) => p.x === (b[i] as Point).x && p.y === (b[i] as Point).y);
}
