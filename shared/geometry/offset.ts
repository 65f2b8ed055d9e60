/**
 * Boolean operations and offsetting, through clipper2-ts (a TypeScript port of Angus
 * Johnson's Clipper2). Chosen because it does robust union/intersection/difference AND
 * round-joined offsetting in one library, handles non-convex, touching and overlapping
 * input, is pure TypeScript with no dependencies, WASM or native code, ships its own types
 * and is maintained (validated against Clipper2's reference test suite). clipper2-js needs
 * Angular as a peer; polygon-clipping and martinez do booleans but no offsetting.
 *
 * Clipper works on integers: coordinates are scaled to PRECISION decimal places of a
 * millimetre (1 nm) and back, so results are exact to that grid.
 */
import { ClipType, Clipper, EndType, FillRule, JoinType, PolyTreeD, type PathD, type PathsD, type PolyPathD } from 'clipper2-ts';
import type { Polyline, Ring } from './types';
import { area, signedArea, toCounterClockwise } from './polygon';
import { minAreaRectangle } from './hull';

const PRECISION = 6;

/** The margin added around positive areas for the next stage unless the surgeon sets one. */
export const DEFAULT_MARGIN_MM = 2;

/** A region with holes; outer and holes are all counter-clockwise rings (the role says which). */
export interface Shape {
  readonly outer: Ring;
  readonly holes: readonly Ring[];
}

// Boolean operations read orientation (NonZero winding), so caller rings are made
// counter-clockwise first; Clipper's own output keeps its orientation until `toRing`.
const toPaths = (rings: readonly Ring[]): PathsD =>
  rings.map((r) => toCounterClockwise(r).map((p) => ({ x: p.x, y: p.y, z: 0 })));
const toRing = (path: PathD): Ring => toCounterClockwise(path.map((p) => ({ x: p.x, y: p.y })));

function shapesOf(op: ClipType, subject: PathsD, clip: PathsD | null): Shape[] {
  const tree = new PolyTreeD();
  Clipper.booleanOpDWithPolyTree(op, subject, clip, tree, FillRule.NonZero, PRECISION);
  return flatten(tree);
}

/** Outer boundaries at even depths of the tree, their holes one level down; islands in holes recurse. */
function flatten(node: PolyPathD): Shape[] {
  const shapes: Shape[] = [];
  for (let i = 0; i < node.count; i++) {
    const outer = node.child(i);
    const holes: Ring[] = [];
    for (let j = 0; j < outer.count; j++) {
      const hole = outer.child(j);
      if (hole.poly) holes.push(toRing(hole.poly));
      shapes.push(...flatten(hole));
    }
    if (outer.poly && outer.poly.length >= 3) shapes.push({ outer: toRing(outer.poly), holes });
  }
  return shapes.sort((a, b) => area(b.outer) - area(a.outer));
}

export const shapeArea = (s: Shape): number => area(s.outer) - s.holes.reduce((sum, h) => sum + area(h), 0);

export const union = (rings: readonly Ring[]): Shape[] => shapesOf(ClipType.Union, toPaths(rings), null);

export const intersection = (a: readonly Ring[], b: readonly Ring[]): Shape[] =>
  shapesOf(ClipType.Intersection, toPaths(a), toPaths(b));

export const difference = (a: readonly Ring[], b: readonly Ring[]): Shape[] =>
  shapesOf(ClipType.Difference, toPaths(a), toPaths(b));

/**
 * The ring grown (mm > 0) or shrunk (mm < 0) by a distance, with round corners as a margin
 * around tissue really is. Shrinking can split a ring in pieces or remove it.
 */
export function offsetRing(ring: Ring, mm: number): Shape[] {
  const grown = Clipper.inflatePathsD(toPaths([ring]), mm, JoinType.Round, EndType.Polygon, 2, PRECISION);
  // The offset output is flat; a union sorts it into outers and holes.
  return shapesOf(ClipType.Union, grown, null);
}

/**
 * A band of half-width mm around an open polyline, with round ends. A positive stretch of
 * edge becomes a positive area this way (a small mm, e.g. 0.05) before carry-forward.
 */
export function offsetPolyline(line: Polyline, mm: number): Shape[] {
  if (line.length < 2 || mm <= 0) return [];
  const path: PathD = line.map((p) => ({ x: p.x, y: p.y, z: 0 }));
  return shapesOf(ClipType.Union, Clipper.inflatePathsD([path], mm, JoinType.Round, EndType.Round, 2, PRECISION), null);
}

/**
 * The pre-placed outline of the next stage: the union of the positive areas grown by the
 * margin, optionally limited to `clipTo` (e.g. a region the surgeon must not cross).
 * Holes are filled, as a specimen has none. Without clipTo it contains every positive area.
 * Usually one ring; positive areas farther apart than twice the margin give several,
 * largest first, and the editor decides whether to take them as separate pieces.
 */
export function carryForwardOutline(positiveAreas: readonly Ring[], marginMm = DEFAULT_MARGIN_MM, clipTo?: Ring): Ring[] {
  if (positiveAreas.length === 0) return [];
  const margin = Math.max(0, marginMm);
  const outers = union(positiveAreas).map((s) => s.outer);
  const grown = union(outers.flatMap((r) => offsetRing(r, margin).map((s) => s.outer))).map((s) => s.outer);
  if (!clipTo) return grown;
  return intersection(grown, [clipTo]).map((s) => s.outer);
}

/**
 * Final defect size: the smallest rectangle around the union of all stages, length ≥ width.
 * The surgeon can overwrite it with a measured value; this is the computed suggestion.
 */
export function defectSize(stageOutlines: readonly Ring[]): { lengthMm: number; widthMm: number; corners: Ring } {
  const outers = union(stageOutlines.filter((r) => r.length >= 3 && Math.abs(signedArea(r)) > 0)).map((s) => s.outer);
  const rect = minAreaRectangle(outers.flat());
  return { lengthMm: rect.lengthMm, widthMm: rect.widthMm, corners: rect.corners };
}
