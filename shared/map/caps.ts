import { boundingBox } from '../geometry/polygon';
import { ellipseRing, simplifyPath, simplifyRing } from '../geometry/shapes';
import { segmentIntersection } from '../geometry/segment';
import type { Box, Point } from '../geometry/types';

/**
 * How big one stage's map may be, so that no map the store accepts costs more than 200 ms of
 * geometry (deriveStage: dividing every piece along its cuts, checking pieces apart) on the
 * lab's PCs. The worst map these caps allow is timed by test/bench/geometry.bench.ts
 * (`store.worst_map_geometry`). Before them a map of 60 cuts × 500 points passed the schema
 * and cost 7.5 s before it was refused.
 *
 * Generous for drawing by hand: a freehand outline is smoothed and simplified to 0.1 mm, so
 * even a 60 mm wavy specimen comes out at one or two hundred points; a hand-drawn cut at
 * 0.2 mm has a few dozen at most and a template cut two; a stage rarely has more than a dozen
 * cuts or six pieces. Dividing costs grow with the square of the segments that may meet, and
 * most with every crossing of cuts (each makes a corner of up to four blocks), so crossings are
 * capped too: a stage holds at most 99 blocks, and every crossing adds at most one.
 */
export const MAP_CAPS = {
  pieces: 12,
  outlinePoints: 400,
  cutsPerPiece: 24,
  cutPoints: 50,
  /** Every cut of the stage together: each cut segment is located against its whole outline. */
  allCutPoints: 300,
  marksPerPiece: 24,
  blocks: 99,
  inks: 1000,
  findings: 1000,
  /** A deep tumor area is lassoed, or a whole block's outline; it is drawn, never divided. */
  areaPoints: 1000,
  /** Every outline, cut and tumor area point of the stage together (an ellipse counts as its 72 drawn points). */
  totalPoints: 1500,
  /**
   * Where cuts cross each other or a piece's outline. Each crossing inside the tissue adds a
   * block and a stage holds 99: a 12 × 12 grid of straight cuts (169 blocks, already too many)
   * crosses 192 times, a 12-piece radial template 66 + 12.
   */
  crossings: 200,
} as const;

/**
 * The parts of a stage's map the caps look at. Named here, not imported from document.ts,
 * because document.ts checks every map against these caps: neither module imports the other.
 */
type Outline =
  | { readonly kind: 'ellipse'; readonly cx: number; readonly cy: number; readonly rx: number; readonly ry: number; readonly rotation: number }
  | { readonly kind: 'polygon' | 'freehand'; readonly points: readonly Point[] };
interface MapDocument {
  readonly pieces: readonly { readonly outline: Outline; readonly cuts: readonly { readonly points: readonly Point[] }[] }[];
  readonly inks: readonly unknown[];
  readonly findings: readonly { readonly kind: string; readonly area?: readonly Point[] }[];
}

/** What an ellipse outline is drawn and divided as (ellipseRing's segments). */
const ELLIPSE_POINTS = 72;

const outlinePointCount = (o: Outline): number => (o.kind === 'ellipse' ? ELLIPSE_POINTS : o.points.length);

/** Every outline, cut and deep-area point of the map. */
export function mapPointCount(doc: MapDocument): number {
  let n = 0;
  for (const p of doc.pieces) {
    n += outlinePointCount(p.outline);
    for (const c of p.cuts) n += c.points.length;
  }
  for (const f of doc.findings) if (f.kind === 'tumor-deep' && f.area) n += f.area.length;
  return n;
}

interface Segment {
  readonly a: Point;
  readonly b: Point;
  readonly box: Box;
  /** Which cut it belongs to and where, so neighbours along one cut are not a crossing; -1 for the outline. */
  readonly cut: number;
  readonly index: number;
}

const segment = (a: Point, b: Point, cut: number, index: number): Segment => ({ a, b, box: boundingBox([a, b]), cut, index });
const apart = (p: Box, q: Box): boolean => p.maxX < q.minX || q.maxX < p.minX || p.maxY < q.minY || q.maxY < p.minY;

/**
 * Places where a stage's cuts cross each other or their piece's outline, counted up to
 * `limit` + 1 and no further, so counting stays cheap however tangled the map is.
 */
export function countCrossings(doc: MapDocument, limit: number = MAP_CAPS.crossings): number {
  let n = 0;
  for (const piece of doc.pieces) {
    const o = piece.outline;
    const ring = o.kind === 'ellipse' ? ellipseRing(o.cx, o.cy, o.rx, o.ry, o.rotation) : o.points;
    const outline = ring.map((p, i) => segment(p, ring[(i + 1) % ring.length] as Point, -1, i));
    const cuts = piece.cuts.flatMap((c, k) => c.points.slice(1).map((p, i) => segment(c.points[i] as Point, p, k, i)));
    for (let i = 0; i < cuts.length; i++) {
      const s = cuts[i] as Segment;
      for (let j = i + 1; j < cuts.length + outline.length; j++) {
        const t = (j < cuts.length ? cuts[j] : outline[j - cuts.length]) as Segment;
        if (apart(s.box, t.box)) continue;
        if (t.cut === s.cut && t.index - s.index === 1) continue;
        if (segmentIntersection(s.a, s.b, t.a, t.b) && ++n > limit) return n;
      }
    }
  }
  return n;
}

/**
 * Why a map is bigger than a stage can be (its message names the count and the most allowed),
 * or null. The store's schema and every shape edit check it.
 */
export function capsProblem(doc: MapDocument): string | null {
  // A save checks the caps twice (the schema, then the ink check): count once per document.
  let known = capsChecked.get(doc);
  if (known === undefined) capsChecked.set(doc, (known = capsProblemOf(doc)));
  return known;
}

const capsChecked = new WeakMap<MapDocument, string | null>();

function capsProblemOf(doc: MapDocument): string | null {
  const c = MAP_CAPS;
  if (doc.pieces.length > c.pieces) return `This map has too many pieces (${doc.pieces.length}); the most a stage can hold is ${c.pieces}.`;
  for (const p of doc.pieces) {
    const points = outlinePointCount(p.outline);
    if (points > c.outlinePoints) return `An outline has too many points (${points}); the most an outline can have is ${c.outlinePoints}. Draw it again more simply.`;
    if (p.cuts.length > c.cutsPerPiece) return `A piece has too many cuts (${p.cuts.length}); the most a piece can have is ${c.cutsPerPiece}.`;
    const long = p.cuts.find((cut) => cut.points.length > c.cutPoints);
    if (long) return `A cut has too many points (${long.points.length}); the most a cut can have is ${c.cutPoints}. Draw it again more simply.`;
  }
  if (doc.inks.length > c.inks) return `This map has too many inked edges (${doc.inks.length}); the most a stage can have is ${c.inks}.`;
  if (doc.findings.length > c.findings) return `This map has too many findings (${doc.findings.length}); the most a stage can have is ${c.findings}.`;
  const area = doc.findings.find((f) => (f.area?.length ?? 0) > c.areaPoints);
  if (area) return `A tumor area has too many points (${area.area?.length}); the most an area can have is ${c.areaPoints}. Draw it again more simply.`;
  const cutPoints = doc.pieces.reduce((n, p) => n + p.cuts.reduce((m, cut) => m + cut.points.length, 0), 0);
  if (cutPoints > c.allCutPoints) return `The cuts of this map have too many points (${cutPoints}); the most a map's cuts can have together is ${c.allCutPoints}.`;
  const total = mapPointCount(doc);
  if (total > c.totalPoints) return `This map has too many points (${total}); the most a map can hold is ${c.totalPoints}.`;
  const crossings = countCrossings(doc);
  if (crossings > c.crossings) {
    return `The cuts of this map cross each other or the outline too many times (more than ${c.crossings}); a stage holds at most ${c.blocks} blocks. Remove some cuts.`;
  }
  return null;
}

/**
 * A drawn line brought within `max` points by simplifying it further (the tolerance doubles
 * from `toleranceMm` until it fits), so a long pen stroke is never refused only for its detail.
 */
export function fitPoints(points: readonly Point[], max: number, toleranceMm: number, closed: boolean): Point[] {
  let tol = toleranceMm * 2;
  let out = [...points];
  while (out.length > max && tol < 1000) {
    out = closed ? simplifyRing(points, tol) : simplifyPath(points, tol);
    tol *= 2;
  }
  return out;
}
