import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSimple } from '../../../shared/geometry/polygon';
import { outlineFromFreehand } from '../../../shared/geometry/shapes';
import type { Point } from '../../../shared/geometry/types';
import { capsProblem, countCrossings, fitPoints, MAP_CAPS, mapPointCount } from '../../../shared/map/caps';
import { deriveStage, forgetDivisionsByValue } from '../../../shared/map/derive';
import { EMPTY_MAP, mapDocumentSchema, type MapDocument, type Piece } from '../../../shared/map/document';
import { addCut, addPiece, setCuts } from '../../../shared/map/edits';
import { parseMapDocument } from '../../../shared/map/readMap';
import { wavyRing, WORST_MAPS, describeWorst } from './worstMaps';

let n = 0;
const newId = () => `id-${++n}`;
const messages = (doc: unknown): string[] => {
  const r = mapDocumentSchema.safeParse(doc);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};
const piece = (id: string, points: Point[], cuts: Point[][] = []): Piece => ({
  id,
  outline: { kind: 'freehand', points },
  marks: [],
  cuts: cuts.map((p, k) => ({ id: `${id}-c${k}`, points: p })),
});
const doc = (...pieces: Piece[]): MapDocument => ({ ...EMPTY_MAP, pieces });
/** A straight cut from x = -60 to 60 at height y, drawn with k points. */
const flatCut = (y: number, k: number): Point[] => Array.from({ length: k }, (_, i) => ({ x: -60 + (120 * i) / (k - 1), y }));
/** A zigzag across the whole piece, each of its k segments spanning the piece top to bottom. */
const zigzag = (k: number, vertical: boolean): Point[] =>
  Array.from({ length: k }, (_, i) => {
    const s = -44 + (88 * i) / (k - 1);
    const t = i % 2 ? 44 : -44;
    return vertical ? { x: s, y: t } : { x: t, y: s };
  });

describe('map caps', () => {
  it('accepts the worst maps the caps allow, which sit at the edge of the caps', () => {
    for (const [name, make] of WORST_MAPS) {
      const worst = make();
      expect(messages(worst), name).toEqual([]);
      const { points, crossings } = describeWorst(worst);
      // At the edge: most of the point budget spent, and many crossings (the costly kind of division).
      expect(points + crossings, name).toBeGreaterThan(0.8 * Math.min(MAP_CAPS.totalPoints, MAP_CAPS.outlinePoints + MAP_CAPS.allCutPoints));
      expect(crossings, name).toBeLessThanOrEqual(MAP_CAPS.crossings);
      expect(crossings, name).toBeGreaterThan(MAP_CAPS.crossings / 2);
    }
  });

  it('divides the worst maps in bounded time (the 200 ms figure itself is store.worst_map_geometry in the bench)', () => {
    for (const [name, make] of WORST_MAPS) {
      forgetDivisionsByValue(); // each its own split, not one an earlier test left by value
      const t0 = performance.now();
      const derived = deriveStage(make(), 1, 'stage-dash-number');
      expect(performance.now() - t0, name).toBeLessThan(5000);
      expect(derived.partCount, name).toBeGreaterThan(20);
    }
  });

  it('refuses each cap exceeded, with a message giving the count and the most allowed', () => {
    const c = MAP_CAPS;
    expect(messages(doc(piece('a', wavyRing(c.outlinePoints + 1, 20))))).toEqual([`An outline has too many points (${c.outlinePoints + 1}); the most an outline can have is ${c.outlinePoints}. Draw it again more simply.`]);
    expect(messages(doc(piece('a', wavyRing(40, 20), [flatCut(0, c.cutPoints + 1)])))).toEqual([`A cut has too many points (${c.cutPoints + 1}); the most a cut can have is ${c.cutPoints}. Draw it again more simply.`]);
    const manyCuts = Array.from({ length: c.cutsPerPiece + 1 }, (_, k) => flatCut(-15 + k, 2));
    expect(messages(doc(piece('a', wavyRing(40, 20), manyCuts)))).toEqual([`A piece has too many cuts (${c.cutsPerPiece + 1}); the most a piece can have is ${c.cutsPerPiece}.`]);
    const pieces = Array.from({ length: c.pieces + 1 }, (_, k) => piece(`p${k}`, wavyRing(8, 5, k * 12)));
    expect(messages(doc(...pieces))).toEqual([`This map has too many pieces (${c.pieces + 1}); the most a stage can hold is ${c.pieces}.`]);

    // Total points: four long outlines, each within its own cap.
    const four = Array.from({ length: 4 }, (_, k) => piece(`p${k}`, wavyRing(c.outlinePoints, 10, k * 25)));
    expect(messages(doc(...four))).toEqual([`This map has too many points (${4 * c.outlinePoints}); the most a map can hold is ${c.totalPoints}.`]);
    // All cuts together.
    const cutsOf = () => Array.from({ length: 8 }, (_, j) => flatCut(-8 + 2 * j, c.cutPoints));
    const cutHeavy = Array.from({ length: 2 }, (_, k) => piece(`p${k}`, wavyRing(40, 10, k * 150), cutsOf().map((cut) => cut.map((p) => ({ x: p.x / 10 + k * 150, y: p.y })))));
    expect(messages(doc(...cutHeavy))).toEqual([`The cuts of this map have too many points (${16 * c.cutPoints}); the most a map's cuts can have together is ${c.allCutPoints}.`]);
    // Crossings: two zigzags sweeping the piece cross each other at every pair of segments.
    const tangled = doc(piece('a', wavyRing(100, 40), [zigzag(20, true), zigzag(20, false)]));
    expect(countCrossings(tangled)).toBe(MAP_CAPS.crossings + 1); // counting stops past the cap
    expect(countCrossings(tangled, Number.POSITIVE_INFINITY)).toBeGreaterThan(300);
    expect(messages(tangled)).toEqual([
      `The cuts of this map cross each other or the outline too many times (more than ${c.crossings}); a stage holds at most ${c.blocks} blocks. Remove some cuts.`,
    ]);
  });

  it('refuses a map over the total points whatever the mix of outlines and cuts (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 12 }), fc.integer({ min: 3, max: MAP_CAPS.outlinePoints }), (pieces, points) => {
        const d = doc(...Array.from({ length: pieces }, (_, k) => piece(`p${k}`, wavyRing(points, 10, k * 25))));
        const over = mapPointCount(d) > MAP_CAPS.totalPoints;
        expect(capsProblem(d) !== null).toBe(over);
        expect(mapDocumentSchema.safeParse(d).success).toBe(!over);
      }),
      { numRuns: 40 },
    );
  });

  it('counts an ellipse as its 72 drawn points', () => {
    const ellipse: Piece = { id: 'e', outline: { kind: 'ellipse', cx: 0, cy: 0, rx: 10, ry: 6, rotation: 0 }, marks: [], cuts: [] };
    expect(mapPointCount(doc(ellipse))).toBe(72);
  });

  it('edits refuse a map over the caps before dividing it', () => {
    const one = addPiece(EMPTY_MAP, { kind: 'freehand', points: wavyRing(40, 20) }, newId);
    if (!one.ok) throw new Error(one.reason);
    const longCut = addCut(one.doc, flatCut(0, MAP_CAPS.cutPoints + 1), newId);
    expect(longCut).toEqual({ ok: false, reason: `A cut has too many points (${MAP_CAPS.cutPoints + 1}); the most a cut can have is ${MAP_CAPS.cutPoints}. Draw it again more simply.` });
    const tooMany = setCuts(one.doc, one.doc.pieces[0]!.id, [zigzag(20, true), zigzag(20, false)], newId);
    expect(tooMany.ok).toBe(false);
    const big = addPiece(EMPTY_MAP, { kind: 'freehand', points: wavyRing(MAP_CAPS.outlinePoints + 1, 20) }, newId);
    expect(big).toEqual({ ok: false, reason: `An outline has too many points (${MAP_CAPS.outlinePoints + 1}); the most an outline can have is ${MAP_CAPS.outlinePoints}. Draw it again more simply.` });
  });

  it('fits a very long wavy pen stroke within the outline cap, still a simple outline', () => {
    // 6,000 samples of a 90 mm wavy loop: far more detail than the cap after the usual 0.1 mm simplification.
    const stroke = Array.from({ length: 6000 }, (_, k) => {
      const a = (2 * Math.PI * k) / 6000;
      const r = 45 * (1 + 0.1 * Math.sin(150 * a));
      return { x: r * Math.cos(a), y: r * Math.sin(a) };
    });
    const outline = outlineFromFreehand(stroke);
    if (!outline.ok) throw new Error(outline.reason);
    expect(outline.ring.length).toBeGreaterThan(MAP_CAPS.outlinePoints);
    const fitted = fitPoints(outline.ring, MAP_CAPS.outlinePoints, 0.1, true);
    expect(fitted.length).toBeLessThanOrEqual(MAP_CAPS.outlinePoints);
    expect(isSimple(fitted).ok).toBe(true);
    expect(addPiece(EMPTY_MAP, { kind: 'freehand', points: fitted }, newId).ok).toBe(true);
    // A line already within the cap is left exactly as drawn.
    const short = flatCut(3, 10);
    expect(fitPoints(short, MAP_CAPS.cutPoints, 0.2, false)).toEqual(short);
  });

  it('a map saved before the caps still opens; only saving it again needs it within them', () => {
    // 600 outline points: what the schema allowed before the caps (up to 2000).
    const old = doc(piece('a', wavyRing(600, 20)));
    const read = parseMapDocument(JSON.parse(JSON.stringify(old)));
    expect(read.ok).toBe(true);
    expect(read.ok && read.doc).toEqual(old);
    expect(messages(old)).toEqual([`An outline has too many points (600); the most an outline can have is ${MAP_CAPS.outlinePoints}. Draw it again more simply.`]);
    // Beyond anything ever saved is still not a map.
    expect(parseMapDocument(JSON.parse(JSON.stringify(doc(piece('a', wavyRing(2001, 20))))))).toMatchObject({ ok: false });
  });
});
