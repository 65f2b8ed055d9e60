import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeCase } from '../../../shared/coding';
import { shapeArea, union } from '../../../shared/geometry/offset';
import { area, containsPoint } from '../../../shared/geometry/polygon';
import { bisectCuts, quarterCuts, radialCuts } from '../../../shared/geometry/templates';
import { deriveStage, outlineRing } from '../../../shared/map/derive';
import { EMPTY_MAP, type MapDocument, type Outline } from '../../../shared/map/document';
import { addCut, addFinding, addInk, addMark, addPiece, removePiece, renumberBlocks, setCuts, translatePiece } from '../../../shared/map/edits';
import { ids, must } from './docs';

const ellipseAt = (cx: number, cy: number, rx = 6, ry = 4.5, rotation = 0): Outline => ({ kind: 'ellipse', cx, cy, rx, ry, rotation });
const labels = (doc: MapDocument) => deriveStage(doc, 2, 'stage-dash-number').blocks.map((b) => b.label);

/** Up to four pieces, each in its own 30 mm cell so they never overlap, each divided its own way. */
const stageArbitrary = fc.array(
  fc.record({
    rx: fc.double({ min: 3, max: 12, noNaN: true }),
    ry: fc.double({ min: 3, max: 12, noNaN: true }),
    rotation: fc.double({ min: 0, max: Math.PI, noNaN: true }),
    division: fc.integer({ min: 1, max: 6 }),
  }),
  { minLength: 1, maxLength: 4 },
);

function buildStage(pieces: readonly { rx: number; ry: number; rotation: number; division: number }[]): MapDocument {
  const newId = ids('p');
  let doc = EMPTY_MAP;
  pieces.forEach((p, i) => {
    doc = must(addPiece(doc, ellipseAt(i * 30, (i % 2) * 5, p.rx, p.ry, p.rotation), newId));
    const piece = doc.pieces[i]!;
    const ring = outlineRing(piece.outline);
    const cuts = p.division === 1 ? [] : p.division === 2 ? bisectCuts(ring) : p.division === 4 ? quarterCuts(ring) : radialCuts(ring, p.division);
    if (cuts.length) doc = must(setCuts(doc, piece.id, cuts, newId));
  });
  return doc;
}

describe('a stage of several pieces', () => {
  it('1–4 pieces: the blocks of each piece tile it exactly, no block crosses pieces, numbers run 1…n across the stage (property)', () => {
    fc.assert(
      fc.property(stageArbitrary, (spec) => {
        const doc = buildStage(spec);
        const derived = deriveStage(doc, 1, 'stage-dash-number');
        expect(derived.divisionProblem).toBeNull();
        expect(derived.pieces).toHaveLength(spec.length);
        for (const piece of derived.pieces) {
          const sum = piece.blocks.reduce((s, b) => s + b.areaMm2, 0);
          expect(sum).toBeCloseTo(area(piece.outline), 6);
          for (const b of piece.blocks) {
            expect(b.ref.pieceId).toBe(piece.piece.id);
            expect(containsPoint(piece.outline, b.ref.anchor)).toBe(true);
          }
        }
        // No two blocks share area, within a piece or across pieces: their union is as large as their sum.
        const blocks = derived.blocks;
        const covered = union(blocks.map((b) => b.ring)).reduce((s, x) => s + shapeArea(x), 0);
        expect(covered).toBeCloseTo(blocks.reduce((s, b) => s + b.areaMm2, 0), 4);
        const total = spec.reduce((s, p) => s + (p.division === 1 ? 1 : p.division), 0);
        expect(blocks.map((b) => b.ref.number)).toEqual(Array.from({ length: total }, (_, k) => k + 1));
      }),
      { numRuns: 30 },
    );
  }, 30_000);

  it('coding counts the blocks of every piece of a stage: +17315 for each beyond five, one stage code (property)', () => {
    fc.assert(
      fc.property(stageArbitrary, fc.integer({ min: 0, max: 3 }), (spec, laterStages) => {
        const derived = deriveStage(buildStage(spec), 1, 'stage-dash-number');
        const total = derived.blocks.length;
        expect(total).toBe(derived.pieces.reduce((s, p) => s + p.blocks.length, 0));
        const stages = [{ blockCount: total }, ...Array.from({ length: laterStages }, () => ({ blockCount: 1 }))];
        const { lines } = codeCase({ lesions: [{ id: 'L', label: 'A', siteId: 'nasal-ala', deepStructures: false, stages }] });
        const units = (code: string) => lines.filter((l) => l.code === code).reduce((s, l) => s + l.units, 0);
        expect(units('17311')).toBe(1);
        expect(units('17312')).toBe(laterStages);
        expect(units('17315')).toBe(Math.max(0, total - 5));
      }),
      { numRuns: 25 },
    );
  }, 30_000);

  it('numbers a second piece on from the first, in the clinic convention, and renumbers piece by piece', () => {
    const newId = ids('p');
    let doc = must(addPiece(EMPTY_MAP, ellipseAt(0, 0), newId));
    doc = must(setCuts(doc, doc.pieces[0]!.id, quarterCuts(outlineRing(doc.pieces[0]!.outline)), newId));
    doc = must(addPiece(doc, ellipseAt(20, 0), newId));
    expect(labels(doc)).toEqual(['2-1', '2-2', '2-3', '2-4', '2-5']);
    doc = must(setCuts(doc, doc.pieces[1]!.id, bisectCuts(outlineRing(doc.pieces[1]!.outline)), newId));
    expect(labels(doc)).toEqual(['2-1', '2-2', '2-3', '2-4', '2-5', '2-6']);
    expect(deriveStage(doc, 2, 'stage-letter').blocks.map((b) => b.label)).toEqual(['2A', '2B', '2C', '2D', '2E', '2F']);
    // Blocks of the second piece are its own: 5 and 6 lie in it, 1–4 in the first.
    const [first, second] = deriveStage(doc, 2, 'stage-dash-number').pieces;
    expect(first!.blocks.map((b) => b.ref.number).sort()).toEqual([1, 2, 3, 4]);
    expect(second!.blocks.map((b) => b.ref.number).sort()).toEqual([5, 6]);
    // Removing the first piece and renumbering brings the second to 1 and 2.
    const alone = must(renumberBlocks(must(removePiece(doc, doc.pieces[0]!.id))));
    expect(labels(alone)).toEqual(['2-1', '2-2']);
  });

  it('refuses an outline that overlaps a piece, saying which and what to do; touching apart is fine', () => {
    const newId = ids('p');
    const one = must(addPiece(EMPTY_MAP, ellipseAt(0, 0), newId));
    const overlap = addPiece(one, ellipseAt(8, 0), newId);
    expect(overlap).toMatchObject({ ok: false, reason: expect.stringMatching(/overlaps piece 1.*Delete/) });
    const square = (x: number): Outline => ({ kind: 'polygon', points: [{ x, y: 0 }, { x: x + 5, y: 0 }, { x: x + 5, y: 5 }, { x, y: 5 }] });
    const a = must(addPiece(EMPTY_MAP, square(0), newId));
    expect(addPiece(a, square(5), newId).ok).toBe(true);
  });

  it('moves one piece with its blocks, inks and findings, never onto another', () => {
    const newId = ids('p');
    let doc = must(addPiece(EMPTY_MAP, ellipseAt(0, 0), newId));
    doc = must(addPiece(doc, ellipseAt(20, 0), newId));
    const second = deriveStage(doc, 1, 'stage-dash-number').pieces[1]!.blocks[0]!;
    doc = must(addFinding(doc, { id: 'n', blockId: second.ref.id, kind: 'note', at: second.ref.anchor, note: '' }));
    doc = must(addInk(doc, second.ref.id, 'blue', { from: second.sides[0]!.from, to: second.sides[0]!.to }, newId));
    const moved = must(translatePiece(doc, doc.pieces[1]!.id, 0, 10));
    expect(moved.pieces[0]).toBe(doc.pieces[0]);
    expect(moved.findings[0]).toMatchObject({ at: { x: second.ref.anchor.x, y: second.ref.anchor.y + 10 } });
    expect(deriveStage(moved, 1, 'stage-dash-number').blocks.map((b) => b.inks.length)).toEqual([0, 1]);
    expect(translatePiece(doc, doc.pieces[1]!.id, -15, 0)).toMatchObject({ ok: false, reason: expect.stringMatching(/overlap piece 1/) });
  });

  it('a hand-drawn cut divides the piece it runs through, and one across two pieces is refused', () => {
    const newId = ids('p');
    let doc = must(addPiece(EMPTY_MAP, ellipseAt(0, 0), newId));
    doc = must(addPiece(doc, ellipseAt(20, 0), newId));
    const cut = must(addCut(doc, [{ x: 20, y: -10 }, { x: 20, y: 10 }], newId));
    expect(cut.pieces[1]!.cuts).toHaveLength(1);
    expect(cut.pieces[0]!.cuts).toHaveLength(0);
    expect(labels(cut)).toEqual(['2-1', '2-2', '2-3']);
    expect(addCut(doc, [{ x: -10, y: 1 }, { x: 30, y: 1 }], newId)).toMatchObject({ ok: false, reason: expect.stringMatching(/more than one piece/) });
    expect(addCut(doc, [{ x: -10, y: 30 }, { x: 30, y: 30 }], newId)).toMatchObject({ ok: false, reason: expect.stringMatching(/does not cross/) });
  });

  it('each piece has its own reference marks', () => {
    const newId = ids('p');
    let doc = must(addPiece(EMPTY_MAP, ellipseAt(0, 0), newId));
    doc = must(addPiece(doc, ellipseAt(20, 0), newId));
    doc = must(addMark(doc, doc.pieces[1]!.id, 3, newId));
    expect(doc.pieces.map((p) => p.marks.map((m) => m.hour))).toEqual([[], [3]]);
    expect(addMark(doc, doc.pieces[1]!.id, 3, newId)).toMatchObject({ ok: false, reason: expect.stringMatching(/3 o'clock on piece 2/) });
    expect(addMark(doc, doc.pieces[0]!.id, 3, newId).ok).toBe(true);
  });
});
