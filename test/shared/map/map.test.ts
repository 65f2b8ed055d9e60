import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containsPoint, area } from '../../../shared/geometry/polygon';
import { quarterCuts, bisectCuts } from '../../../shared/geometry/templates';
import { planNextStage } from '../../../shared/map/carryForward';
import { deriveStage, outlineRing } from '../../../shared/map/derive';
import { EMPTY_MAP, type MapDocument } from '../../../shared/map/document';
import { parseMapDocument } from '../../../shared/map/readMap';
import { addCut, addFinding, addInk, moveOutlineVertex, relabelBlock, removeCut, renumberBlocks, setCuts, addPiece } from '../../../shared/map/edits';
import { ellipseRing } from '../../../shared/geometry/shapes';
import { markBlockClear, markRestClear } from '../../../shared/map/readings';
import { blockLabel, toLetters, toRoman } from '../../../shared/map/labels';
import { walkRing } from '../../../shared/map/ringWalk';
import { ids, must } from './docs';

const ellipse = (newId = ids()) => must(addPiece(EMPTY_MAP, { kind: 'ellipse', cx: 0, cy: 0, rx: 12, ry: 9, rotation: 0 }, newId));
const quartered = (newId = ids()) => {
  const doc = ellipse(newId);
  return must(setCuts(doc, doc.pieces[0]!.id, quarterCuts(outlineRing(doc.pieces[0]!.outline)), newId));
};

describe('block labels by the clinic convention', () => {
  it.each([
    ['stage-dash-number', '2-3'],
    ['roman-dash-number', 'II-3'],
    ['stage-letter', '2C'],
    ['stage-dash-letter', '2-C'],
  ] as const)('%s writes stage 2 block 3 as %s', (convention, label) => expect(blockLabel(convention, 2, 3)).toBe(label));
  it('counts past the alphabet and into roman numerals', () => {
    expect([toLetters(1), toLetters(26), toLetters(27)]).toEqual(['A', 'Z', 'AA']);
    expect([toRoman(4), toRoman(9), toRoman(14)]).toEqual(['IV', 'IX', 'XIV']);
  });
});

describe('the stored map document', () => {
  it('round-trips through JSON and validation', () => {
    const doc = quartered();
    expect(parseMapDocument(JSON.parse(JSON.stringify(doc)))).toEqual({ ok: true, doc });
  });
  it('refuses a map from a newer Layermap and a damaged map, saying why', () => {
    expect(parseMapDocument({ ...EMPTY_MAP, schemaVersion: 9 })).toMatchObject({ ok: false, reason: expect.stringMatching(/newer Layermap/) });
    expect(parseMapDocument({ ...EMPTY_MAP, cuts: 'x' })).toMatchObject({ ok: false, reason: expect.stringMatching(/cuts/) });
    expect(parseMapDocument({ ...EMPTY_MAP, inks: [{ id: 'k', blockId: 'b', ink: 'purple-haze', stretch: { from: { x: 0, y: 0 }, to: { x: 1, y: 1 } } }] }).ok).toBe(false);
  });
});

describe('editing a stage', () => {
  it('keeps block ids, inks and findings when a cut elsewhere changes, and drops them with their block', () => {
    const newId = ids();
    const one = ellipse(newId);
    const doc = must(setCuts(one, one.pieces[0]!.id, bisectCuts(outlineRing(one.pieces[0]!.outline)), newId));
    const left = deriveStage(doc, 1, 'stage-dash-number').blocks[1]!;
    const withFinding = must(addFinding(doc, { id: 'f1', blockId: left.ref.id, kind: 'scar', at: left.ref.anchor, note: '' }));
    // Add a horizontal cut: the left half splits; the finding stays with the piece its block's anchor is in.
    const piece = withFinding.pieces[0]!;
    const more = must(setCuts(withFinding, piece.id, [...piece.cuts.map((c) => c.points), [{ x: -20, y: 0.5 }, { x: 20, y: 0.5 }]], newId, false));
    expect(more.blocks).toHaveLength(4);
    // setCuts replaces the cuts, so the ids are new and findings of vanished blocks are dropped: nothing dangles.
    const blockIds = new Set(more.blocks.map((b) => b.id));
    expect(more.findings.every((f) => blockIds.has(f.blockId))).toBe(true);
    const fewer = must(removeCut(more, more.pieces[0]!.cuts[1]!.id, newId));
    expect(fewer.blocks).toHaveLength(2);
    expect(fewer.inks.every((k) => fewer.blocks.some((b) => b.id === k.blockId))).toBe(true);
  });

  it('a cut through one block leaves the other blocks, their inks and numbers untouched', () => {
    const newId = ids();
    const doc = quartered(newId);
    const before = deriveStage(doc, 1, 'stage-dash-number').blocks;
    const withNote = must(addFinding(doc, { id: 'n', blockId: before[0]!.ref.id, kind: 'note', at: before[0]!.ref.anchor, note: 'x' }));
    const cut = must(addCut(withNote, [{ x: 1, y: 12 }, { x: 14, y: 1 }], newId));
    const after = deriveStage(cut, 1, 'stage-dash-number').blocks;
    expect(after).toHaveLength(5);
    for (const b of before.slice(1)) {
      const same = after.find((a) => a.ref.id === b.ref.id);
      expect(same?.label).toBe(b.label);
      expect(same?.inks).toEqual(b.inks);
    }
    // The split block's new piece takes the next free number.
    expect(after.map((b) => b.label).sort()).toEqual(['1-1', '1-2', '1-3', '1-4', '1-5']);
  });

  it('a corner moved in one block keeps the very block records of the others (the canvas redraws only what changed)', () => {
    const newId = ids();
    const placed = must(addPiece(EMPTY_MAP, { kind: 'polygon', points: [...ellipseRing(0, 0, 12, 9, 0, 24)] }, newId));
    const doc = must(setCuts(placed, placed.pieces[0]!.id, quarterCuts(outlineRing(placed.pieces[0]!.outline)), newId));
    // The corner at 45°, inside one quarter: not on a cut.
    const corner = outlineRing(doc.pieces[0]!.outline)[3]!;
    const moved = must(moveOutlineVertex(doc, doc.pieces[0]!.id, 3, { x: corner.x + 1, y: corner.y + 1 }, newId));
    expect(moved.pieces[0]!.outline).not.toEqual(doc.pieces[0]!.outline);
    // Every block whose anchor came out the same is the same record; at least the three quarters the corner is not in.
    for (const b of moved.blocks) {
      const was = doc.blocks.find((x) => x.id === b.id)!;
      if (was.anchor.x === b.anchor.x && was.anchor.y === b.anchor.y) expect(b).toBe(was);
      else expect(b).toEqual({ ...was, anchor: b.anchor });
    }
    expect(moved.blocks.filter((b) => doc.blocks.includes(b)).length).toBeGreaterThanOrEqual(3);
  });

  it('numbers a fresh division in clock order and renumbers on request, dropping hand labels', () => {
    const doc = quartered();
    const labelled = must(relabelBlock(doc, doc.blocks[0]!.id, 'X'));
    expect(deriveStage(labelled, 1, 'stage-dash-number').blocks.map((b) => b.label)).toEqual(['X', '1-2', '1-3', '1-4']);
    expect(deriveStage(must(renumberBlocks(labelled)), 1, 'stage-dash-number').blocks.map((b) => b.label)).toEqual(['1-1', '1-2', '1-3', '1-4']);
    expect(relabelBlock(doc, doc.blocks[0]!.id, 'much-too-long-label').ok).toBe(false);
  });

  it('derives block results from findings and reads clear only a block without tumor', () => {
    const doc = quartered();
    const [b1, b2] = deriveStage(doc, 1, 'stage-dash-number').blocks;
    const peripheral = b1!.sides.find((s) => s.kind === 'peripheral')!;
    const positive = must(addFinding(doc, { id: 'f', blockId: b1!.ref.id, kind: 'tumor-peripheral', stretch: { from: peripheral.from, to: peripheral.to }, note: '' }));
    expect(markBlockClear(positive, b1!.ref.id, 'Block 1-1')).toMatchObject({ ok: false, reason: expect.stringMatching(/Block 1-1 has tumor/) });
    const incomplete = must(addFinding(must(markRestClear(doc)), { id: 'g', blockId: b2!.ref.id, kind: 'incomplete', stretch: { from: peripheral.from, to: peripheral.to }, note: '' }));
    expect(deriveStage(incomplete, 1, 'stage-dash-number').result).toBe('not-evaluable');
    const clear = must(markRestClear(doc));
    expect(deriveStage(clear, 1, 'stage-dash-number').blocks.every((b) => b.result.status === 'clear')).toBe(true);
  });

  it('re-inking the same stretch changes its color instead of stacking a second ink', () => {
    const doc = quartered();
    const b = deriveStage(doc, 1, 'stage-dash-number').blocks[0]!;
    const side = b.sides.find((s) => s.kind === 'cut')!;
    const once = must(addInk(doc, b.ref.id, 'green', { from: side.from, to: side.to }, ids()));
    const twice = must(addInk(once, b.ref.id, 'black', { from: side.from, to: side.to }, ids()));
    expect(twice.inks.length).toBe(once.inks.length);
    expect(twice.inks.filter((k) => k.blockId === b.ref.id).map((k) => k.ink)).toContain('black');
  });
});

describe('carrying the positive areas into the next stage', () => {
  it('pre-places a crescent beyond a positive peripheral edge that touches it, outside the old specimen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.double({ min: 1, max: 4, noNaN: true }), (blockIndex, margin) => {
        const doc = quartered();
        const block = deriveStage(doc, 1, 'stage-dash-number').blocks[blockIndex]!;
        const side = block.sides.find((s) => s.kind === 'peripheral')!;
        const positive = must(addFinding(doc, { id: 'f', blockId: block.ref.id, kind: 'tumor-peripheral', stretch: { from: side.from, to: side.to }, note: '' }));
        const plan = planNextStage(positive, margin, ids());
        const next = outlineRing(plan.doc.pieces[0]!.outline);
        expect(plan.doc.blocks).toHaveLength(1);
        // It reaches the positive stretch (every point within the margin) and lies outside the old specimen.
        const stretch = walkRing(block.ring, side.from, side.to);
        const mid = stretch[Math.floor(stretch.length / 2)]!;
        const out = { x: mid.x * 1.05, y: mid.y * 1.05 };
        expect(containsPoint(next, out)).toBe(true);
        expect(containsPoint(next, { x: 0, y: 0 })).toBe(false);
        expect(area(next)).toBeGreaterThan(1);
      }),
      { numRuns: 20 },
    );
  }, 30_000);

  it('pre-places the next stage under a deep positive area and starts empty when nothing was positive', () => {
    const doc = quartered();
    const block = deriveStage(doc, 1, 'stage-dash-number').blocks[2]!;
    const deep = must(addFinding(doc, { id: 'd', blockId: block.ref.id, kind: 'tumor-deep', area: [...block.ring], note: '' }));
    const next = outlineRing(planNextStage(deep, 2, ids()).doc.pieces[0]!.outline);
    for (const p of block.ring) expect(containsPoint(next, p)).toBe(true);
    expect(planNextStage(doc, 2, ids())).toMatchObject({ doc: EMPTY_MAP, notice: expect.stringMatching(/no tumor/) });
  });
});

describe('carrying separate positive areas into one next stage', () => {
  const tumorAt = (doc: MapDocument, index: number, kind: 'tumor-peripheral' | 'incomplete' = 'tumor-peripheral') => {
    const block = deriveStage(doc, 1, 'stage-dash-number').blocks[index]!;
    const side = block.sides.find((s) => s.kind === 'peripheral')!;
    return must(addFinding(doc, { id: `f${index}-${kind}`, blockId: block.ref.id, kind, stretch: { from: side.from, to: side.to }, note: '' }));
  };

  it('two separate positive areas become two pieces of one stage, never advice to add a stage', () => {
    // Blocks 1 (12–3 o'clock) and 3 (6–9 o'clock) are opposite: their grown areas stay apart.
    const positive = tumorAt(tumorAt(quartered(), 0), 2);
    const plan = planNextStage(positive, 2, ids());
    expect(plan.doc.pieces).toHaveLength(2);
    expect(plan.notice).toMatch(/2 separate places: this stage has one piece for each/);
    expect(plan.notice).not.toMatch(/another stage/);
    const derived = deriveStage(plan.doc, 2, 'stage-dash-number');
    expect(derived.divisionProblem).toBeNull();
    expect(derived.blocks.map((b) => b.label)).toEqual(['2-1', '2-2']);
  });

  it('areas whose margins overlap become one piece', () => {
    // Blocks 1 and 2 meet at 3 o'clock: their bands grown by 2 mm merge.
    const plan = planNextStage(tumorAt(tumorAt(quartered(), 0), 1), 2, ids());
    expect(plan.doc.pieces).toHaveLength(1);
    expect(plan.notice).toBeNull();
  });

  it('edges that could not be evaluated are carried like tumor, and the banner never says no tumor was marked', () => {
    const unevaluable = tumorAt(quartered(), 1, 'incomplete');
    const plan = planNextStage(unevaluable, 2, ids());
    expect(plan.doc.pieces).toHaveLength(1);
    expect(plan.notice).toMatch(/could not be evaluated/);
    expect(plan.notice).not.toMatch(/no tumor/);
    const both = planNextStage(tumorAt(unevaluable, 3), 2, ids());
    expect(both.doc.pieces).toHaveLength(2);
    expect(both.notice).toMatch(/Tumor and unevaluable edges were found in 2 separate places/);
  });
});
