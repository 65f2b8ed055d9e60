import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INK_PALETTE } from '../../../shared/catalog/inkPalette';
import { quarterCuts } from '../../../shared/geometry/templates';
import { deriveStage, outlineRing } from '../../../shared/map/derive';
import { EMPTY_MAP, type MapDocument } from '../../../shared/map/document';
import { addInk, addPiece, moveOutlineVertex, removeCut, setCuts, type EditResult } from '../../../shared/map/edits';
import { inkProblem, savedMapSchema } from '../../../shared/map/inkPlacement';

let n = 0;
const newId = () => `k-${++n}`;
const must = (r: EditResult): MapDocument => {
  if (!r.ok) throw new Error(r.reason);
  return r.doc;
};
const SQUARE = [
  { x: -10, y: -10 },
  { x: 10, y: -10 },
  { x: 10, y: 10 },
  { x: -10, y: 10 },
];
/** A 20 mm square (a polygon, so its corners can be dragged) in quarters, cut edges inked by default. */
function quartered(): MapDocument {
  const doc = must(addPiece(EMPTY_MAP, { kind: 'polygon', points: SQUARE }, newId));
  const piece = doc.pieces[0]!;
  return must(setCuts(doc, piece.id, quarterCuts(outlineRing(piece.outline)), newId));
}
const inkName = (id: string) => INK_PALETTE.find((i) => i.id === id)!.name.toLowerCase();
const saveMessages = (doc: MapDocument): string[] => {
  const r = savedMapSchema.safeParse(doc);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('inks on their block', () => {
  it('accepts the inks the editor places', () => {
    const doc = quartered();
    expect(doc.inks.length).toBeGreaterThan(0);
    expect(inkProblem(doc)).toBeNull();
    expect(saveMessages(doc)).toEqual([]);
  });

  it('refuses an ink off its block: moved into the block, or on another block', () => {
    const doc = quartered();
    const ink = doc.inks[0]!;
    const block = doc.blocks.find((b) => b.id === ink.blockId)!;
    // One end moved to the block's anchor, inside it.
    const inside = { ...ink, stretch: { from: block.anchor, to: ink.stretch.to } };
    expect(saveMessages({ ...doc, inks: [inside, ...doc.inks.slice(1)] })).toEqual([
      `The ${inkName(ink.ink)} ink of block ${block.number} is not on that block's edge; undo the last change, or ink the edge again.`,
    ]);
    // The outer side of the diagonally opposite quarter, which touches this block nowhere but the centre.
    const opposite = deriveStage(doc, 1, 'stage-dash-number').blocks.find(
      (b) => Math.sign(b.ref.anchor.x) !== Math.sign(block.anchor.x) && Math.sign(b.ref.anchor.y) !== Math.sign(block.anchor.y),
    )!;
    const outer = opposite.sides.find((s) => s.kind === 'peripheral')!;
    expect(saveMessages({ ...doc, inks: [{ ...ink, stretch: { from: outer.from, to: outer.to } }] })[0]).toMatch(/is not on that block's edge/);
    // An ink on a block the map does not have.
    expect(saveMessages({ ...doc, inks: [{ ...ink, blockId: 'no-such-block' }] })).toEqual(['An ink is on a block this map does not have; undo the last change.']);
  });

  it('refuses an ink end anywhere inside its block (property)', () => {
    const doc = quartered();
    const ink = doc.inks[0]!;
    const anchor = doc.blocks.find((b) => b.id === ink.blockId)!.anchor;
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.9, noNaN: true }), fc.boolean(), (t, which) => {
        // Between the anchor and a point of the (convex) quarter's edge: strictly inside it.
        const end = which ? ink.stretch.from : ink.stretch.to;
        const at = { x: anchor.x + (end.x - anchor.x) * t, y: anchor.y + (end.y - anchor.y) * t };
        const stretch = which ? { ...ink.stretch, from: at } : { ...ink.stretch, to: at };
        expect(inkProblem({ ...doc, inks: [{ ...ink, stretch }] })).not.toBeNull();
      }),
      { numRuns: 60 },
    );
  });

  it('addInk refuses a stretch off the block, and inks a side of it', () => {
    const doc = quartered();
    const block = deriveStage(doc, 1, 'stage-dash-number').blocks[0]!;
    const side = block.sides[0]!;
    expect(addInk(doc, block.ref.id, 'black', { from: side.from, to: side.to }, newId).ok).toBe(true);
    expect(addInk(doc, block.ref.id, 'black', { from: { x: 50, y: 50 }, to: side.to }, newId)).toEqual({
      ok: false,
      reason: "An ink goes on the block's own edge; click on the edge of the block.",
    });
  });

  it('inks follow their blocks through outline drags and removed cuts: every result can be saved (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.double({ min: -4, max: 4, noNaN: true }), fc.double({ min: -4, max: 4, noNaN: true }), (corner, dx, dy) => {
        const doc = quartered();
        const p = SQUARE[corner]!;
        const moved = moveOutlineVertex(doc, doc.pieces[0]!.id, corner, { x: p.x + dx, y: p.y + dy }, newId);
        if (moved.ok) expect(saveMessages(moved.doc)).toEqual([]);
        const fewer = removeCut(doc, doc.pieces[0]!.cuts[0]!.id, newId);
        if (fewer.ok) expect(saveMessages(fewer.doc)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});
