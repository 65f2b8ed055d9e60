/**
 * The costliest maps the caps (shared/map/caps.ts) let through, for the bench line
 * `store.worst_map_geometry`, the caps' unit test and the store fuzz test. Each spends the
 * whole point budget where dividing costs most: long wavy outlines (every cut segment is
 * tested against every outline segment), a grid of cuts crossing each other (every crossing
 * is a corner of four blocks), many pieces (every pair is checked for overlap).
 */
import type { Point } from '../../../shared/geometry/types';
import { MAP_CAPS, countCrossings, mapPointCount } from '../../../shared/map/caps';
import { MAP_DOCUMENT_VERSION, type MapDocument, type Piece } from '../../../shared/map/document';

/** A wavy circle of n points: bumps on the outline so no two of its edges are alike. */
export function wavyRing(n: number, r: number, cx = 0, cy = 0): Point[] {
  return Array.from({ length: n }, (_, k) => {
    const a = (2 * Math.PI * k) / n;
    const rr = r * (1 + 0.03 * Math.sin(17 * a));
    return { x: cx + rr * Math.cos(a), y: cy + rr * Math.sin(a) };
  });
}

/** A straight line from a to b drawn with n points (a pen stroke is many short segments). */
function line(a: Point, b: Point, n: number): Point[] {
  return Array.from({ length: n }, (_, k) => ({ x: a.x + ((b.x - a.x) * k) / (n - 1), y: a.y + ((b.y - a.y) * k) / (n - 1) }));
}

/** A piece with a grid of `across` × `down` cuts, each drawn with `cutPoints` points, reaching past its outline. */
function gridPiece(id: string, outline: Point[], cx: number, r: number, across: number, down: number, cutPoints: number): Piece {
  const reach = r * 1.2;
  const cuts = [
    ...Array.from({ length: across }, (_, i) => {
      const x = cx - r * 0.8 + (1.6 * r * (i + 0.5)) / across;
      return line({ x, y: -reach }, { x: x + 0.01, y: reach }, cutPoints);
    }),
    ...Array.from({ length: down }, (_, i) => {
      const y = -r * 0.8 + (1.6 * r * (i + 0.5)) / down;
      return line({ x: cx - reach, y }, { x: cx + reach, y: y + 0.01 }, cutPoints);
    }),
  ];
  return { id, outline: { kind: 'freehand', points: outline }, marks: [], cuts: cuts.map((points, k) => ({ id: `${id}-cut-${k}`, points })) };
}

const map = (pieces: Piece[]): MapDocument => ({ schemaVersion: MAP_DOCUMENT_VERSION, pieces, blocks: [], inks: [], findings: [] });

/** One big piece: the longest outline, 24 cuts in a 12 × 12 grid, the rest of the points along the cuts. */
export function worstOnePiece(): MapDocument {
  const c = MAP_CAPS;
  const cutPoints = Math.min(c.cutPoints, Math.floor(c.allCutPoints / c.cutsPerPiece), Math.floor((c.totalPoints - c.outlinePoints) / c.cutsPerPiece));
  return map([gridPiece('one', wavyRing(c.outlinePoints, 40), 0, 40, c.cutsPerPiece / 2, c.cutsPerPiece / 2, cutPoints)]);
}

/** The most pieces, side by side, sharing the points: every pair is checked for overlap, each is cut in a grid. */
export function worstManyPieces(): MapDocument {
  const c = MAP_CAPS;
  const r = 10;
  // 2 × 2 cuts per piece: 4 crossings and 8 outline crossings each, within the stage's crossing cap.
  const cutPoints = Math.floor(c.allCutPoints / (4 * c.pieces));
  const outlinePoints = Math.min(c.outlinePoints, Math.floor(c.totalPoints / c.pieces) - 4 * cutPoints);
  return map(Array.from({ length: c.pieces }, (_, i) => gridPiece(`p${i}`, wavyRing(outlinePoints, r, i * 2.2 * r), i * 2.2 * r, r, 2, 2, cutPoints)));
}

/** Every worst map, named for messages. */
export const WORST_MAPS: readonly (readonly [string, () => MapDocument])[] = [
  ['one piece, longest outline, 12 × 12 cuts', worstOnePiece],
  ['twelve pieces, each cut 2 × 2', worstManyPieces],
];

/** Checks a worst map really is at the caps' edge (so a change to the generator cannot make the bench easy). */
export function describeWorst(doc: MapDocument): { points: number; crossings: number } {
  return { points: mapPointCount(doc), crossings: countCrossings(doc, Number.POSITIVE_INFINITY) };
}
