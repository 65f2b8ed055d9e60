import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSpecimen, type Polyline, type Ring } from '../../../shared/geometry';
import { radialCuts } from '../../../shared/geometry/templates';
import { blockLabel } from '../../../shared/map/labels';
import { deriveStage, dividePiece, outlineRing, sidesOf, type Division } from '../../../shared/map/derive';
import { EMPTY_MAP, type MapDocument, type Piece } from '../../../shared/map/document';
import { addFinding, addPiece, moveMark, setCuts, addMark } from '../../../shared/map/edits';
import { crossingSpec, freeSpec, lineSpec, outlineArb, placeCuts, vertexSpec } from '../geometry/support';
import { ids } from './docs';

/**
 * The store and the contract receive every map as new objects, so divisions and derivations
 * are reused by value (JSON text confirmed by exact comparison) and per document. What comes
 * out must be exactly what a full split and derive of that document give.
 */
const pieceOf = (ring: Ring, cuts: readonly Polyline[]): Piece => ({
  id: 'piece',
  outline: { kind: 'polygon', points: [...ring] },
  marks: [],
  cuts: cuts.map((points, i) => ({ id: `cut-${i}`, points: [...points] })),
});

/** The division a full split gives, in dividePiece's shape. */
function fullDivision(piece: Piece): Division {
  const split = splitSpecimen(outlineRing(piece.outline), piece.cuts.map((c) => c.points));
  return split.ok ? { ok: true, parts: split.blocks.map((b) => ({ ring: b.ring, edges: b.edges })) } : split;
}

function twelveBlocks(): MapDocument {
  const newId = ids('id-');
  const placed = addPiece(EMPTY_MAP, { kind: 'ellipse', cx: 0, cy: 0, rx: 15, ry: 11, rotation: 0 }, newId);
  if (!placed.ok) throw new Error(placed.reason);
  const cut = setCuts(placed.doc, placed.doc.pieces[0]!.id, radialCuts(outlineRing(placed.doc.pieces[0]!.outline), 12), newId);
  if (!cut.ok) throw new Error(cut.reason);
  const marked = addMark(cut.doc, cut.doc.pieces[0]!.id, 3, newId);
  if (!marked.ok) throw new Error(marked.reason);
  return marked.doc;
}

describe('divisions reused by value', () => {
  it('a copy of a piece (new objects, same geometry) gets the division a full split gives, computed once (property)', () => {
    fc.assert(
      fc.property(outlineArb, fc.array(fc.oneof(lineSpec, crossingSpec, freeSpec, vertexSpec), { maxLength: 4 }), (ring, specs) => {
        const piece = pieceOf(ring, placeCuts(specs, ring));
        const first = dividePiece(piece);
        const copy: Piece = structuredClone(piece);
        const again = dividePiece(copy);
        expect(again).toBe(first);
        expect(again).toEqual(fullDivision(copy));
      }),
      { numRuns: 60 },
    );
  });

  it('0 and -0 are different geometry: a copy differing only in the sign of a zero is split for itself', () => {
    const ring: Ring = [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 8 }, { x: 0, y: 8 }];
    const piece = pieceOf(ring, [[{ x: 5, y: -1 }, { x: 5, y: 9 }]]);
    const first = dividePiece(piece);
    const negative = pieceOf([{ x: -0, y: 0 }, ...ring.slice(1)], [[{ x: 5, y: -1 }, { x: 5, y: 9 }]]);
    const second = dividePiece(negative);
    expect(second).not.toBe(first);
    expect(second).toEqual(fullDivision(negative));
  });
});

describe('a derivation per document', () => {
  it('the same document derived for two stages and conventions: each gets its own labels, the rest as a full derive', () => {
    const doc = twelveBlocks();
    const one = deriveStage(doc, 1, 'stage-dash-number');
    const three = deriveStage(doc, 3, 'roman-dash-number');
    expect(one.blocks.map((b) => b.label)).toEqual(doc.blocks.map((_, i) => blockLabel('stage-dash-number', 1, i + 1)));
    expect(three.blocks.map((b) => b.label)).toEqual(doc.blocks.map((_, i) => blockLabel('roman-dash-number', 3, i + 1)));
    // Pieces list the same labelled blocks as the stage's list.
    expect(three.pieces[0]!.blocks).toEqual(three.blocks);
    const division = fullDivision(doc.pieces[0]!);
    if (!division.ok) throw new Error(division.reason);
    expect(three.blocks).toHaveLength(division.parts.length);
    for (const b of three.blocks) {
      const part = division.parts.find((p) => JSON.stringify(p.ring) === JSON.stringify(b.ring));
      expect(part).toBeDefined();
      expect(b.ring).toEqual(part!.ring);
      expect(b.sides).toEqual(sidesOf(part!.ring, part!.edges));
    }
  });

  it('each edit is a new document with its own derivation: a finding added or a mark moved shows at once', () => {
    const doc = twelveBlocks();
    const before = deriveStage(doc, 1, 'stage-dash-number');
    const block = before.blocks[4]!;
    const withTumor = addFinding(doc, { id: 'f1', blockId: block.ref.id, kind: 'scar', at: block.ref.anchor, note: 'scar' });
    if (!withTumor.ok) throw new Error(withTumor.reason);
    const after = deriveStage(withTumor.doc, 1, 'stage-dash-number');
    expect(after.blocks[4]!.findings.map((f) => f.id)).toEqual(['f1']);
    expect(before.blocks[4]!.findings).toEqual([]);
    const moved = moveMark(withTumor.doc, withTumor.doc.pieces[0]!.marks[0]!.id, 5);
    if (!moved.ok) throw new Error(moved.reason);
    expect(deriveStage(moved.doc, 1, 'stage-dash-number').pieces[0]!.piece.marks[0]!.hour).toBe(5);
  });
});
