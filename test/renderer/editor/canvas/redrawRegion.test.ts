import { describe, expect, it } from 'vitest';
import { CHANGE_MARGIN_PX, deviceRect, stageChanges } from '../../../../renderer/src/editor/canvas/redrawRegion';
import { sameBlock } from '../../../../renderer/src/editor/canvas/sameBlock';
import { radialCuts } from '../../../../shared/geometry/templates';
import { ellipseRing } from '../../../../shared/geometry/shapes';
import type { Box, Point } from '../../../../shared/geometry/types';
import { deriveStage, outlineRing } from '../../../../shared/map/derive';
import { EMPTY_MAP, type MapDocument } from '../../../../shared/map/document';
import { addPiece, relabelBlock, reshapeOutline, setCuts } from '../../../../shared/map/edits';
import { walkRing } from '../../../../shared/map/ringWalk';

/** A polygon specimen cut in eight, as a surgeon's radial template does. */
function cutSpecimen(): MapDocument {
  let n = 0;
  const newId = () => `redraw-${++n}`;
  const placed = addPiece(EMPTY_MAP, { kind: 'polygon', points: [...ellipseRing(0, 0, 16, 12, 0, 48)] }, newId);
  if (!placed.ok) throw new Error(placed.reason);
  const cut = setCuts(placed.doc, placed.doc.pieces[0]!.id, radialCuts(outlineRing(placed.doc.pieces[0]!.outline), 8), newId);
  if (!cut.ok) throw new Error(cut.reason);
  return cut.doc;
}

const derive = (doc: MapDocument) => deriveStage(doc, 1, 'stage-dash-number');
const inside = (p: Point, boxes: readonly Box[]) => boxes.some((b) => p.x >= b.minX && p.x <= b.maxX && p.y >= b.minY && p.y <= b.maxY);
const margin = CHANGE_MARGIN_PX / 20; // at 20 px per mm

describe('what a change redraws on the map', () => {
  it('is nothing for the same stage', () => {
    const d = derive(cutSpecimen());
    expect(stageChanges(d, d, margin)).toEqual([]);
  });

  it('is the corners that moved with their neighbours, the inks along them and the reference mark: not the rest of their blocks, nor the far side of the specimen', () => {
    const doc = cutSpecimen();
    const ring = outlineRing(doc.pieces[0]!.outline);
    const index = ring.findIndex((p) => p === ring.reduce((a, b) => (b.x > a.x ? b : a)));
    const moved = reshapeOutline(doc, doc.pieces[0]!.id, index, { x: ring[index]!.x + 1.5, y: ring[index]!.y + 0.7 });
    if (!moved.ok) throw new Error(moved.reason);
    const before = derive(doc);
    const after = derive(moved.doc);
    const boxes = stageChanges(before, after, margin);
    if (boxes === 'all') throw new Error('a corner move is not a whole redraw');
    // Of each block drawn differently: each corner that moved, where it was and is, and the
    // corners either side of it (the sides through them turn); each ink whose stretch walks
    // differently, all along it (its pattern is laid from its start).
    const changed = after.blocks.filter((b) => !sameBlock(b, before.blocks.find((x) => x.ref.id === b.ref.id)!));
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.length).toBeLessThan(after.blocks.length);
    const key = (p: Point) => `${p.x},${p.y}`;
    let inksMoved = 0;
    for (const b of changed) {
      const a = before.blocks.find((x) => x.ref.id === b.ref.id)!;
      for (const [ring, other] of [[a.ring, b.ring], [b.ring, a.ring]] as const) {
        const kept = new Set(other.map(key));
        ring.forEach((p, k) => {
          if (kept.has(key(p))) return;
          for (const q of [ring[(k + ring.length - 1) % ring.length]!, p, ring[(k + 1) % ring.length]!]) expect(inside(q, boxes)).toBe(true);
        });
      }
      for (const ink of b.inks) {
        const was = walkRing(a.ring, ink.stretch.from, ink.stretch.to);
        const now = walkRing(b.ring, ink.stretch.from, ink.stretch.to);
        if (key(was[was.length - 1]!) === key(now[now.length - 1]!) && was.length === now.length && was.every((p, k) => key(p) === key(now[k]!))) continue;
        inksMoved++;
        for (const p of [...was, ...now]) expect(inside(p, boxes)).toBe(true);
      }
    }
    expect(inksMoved).toBeGreaterThan(0);
    // Not the whole of those blocks: their corners far from the moved one are left as drawn.
    expect(changed.some((b) => b.ring.some((p) => !inside(p, boxes)))).toBe(true);
    expect(inside(ring[index]!, boxes)).toBe(true);
    expect(inside(outlineRing(moved.doc.pieces[0]!.outline)[index]!, boxes)).toBe(true);
    // The far (left) side of the specimen is not redrawn.
    expect(inside(ring.reduce((a, b) => (b.x < a.x ? b : a)), boxes)).toBe(false);
  });

  it('reaches past a block by its label, however long', () => {
    const doc = cutSpecimen();
    const block = derive(doc).blocks[0]!;
    const relabelled = relabelBlock(doc, block.ref.id, 'WWWWWWWWWWWW');
    if (!relabelled.ok) throw new Error(relabelled.reason);
    const boxes = stageChanges(derive(doc), derive(relabelled.doc), margin);
    if (boxes === 'all') throw new Error('a new label is not a whole redraw');
    // Half the label's width (a bold 16 px W is about 14 px wide) either side of its anchor.
    const halfMm = ('WWWWWWWWWWWW'.length * 7) / 20;
    expect(inside({ x: block.ref.anchor.x + halfMm, y: block.ref.anchor.y }, boxes)).toBe(true);
    expect(inside({ x: block.ref.anchor.x - halfMm, y: block.ref.anchor.y }, boxes)).toBe(true);
  });

  it('is the whole layer when a piece is added or removed', () => {
    const doc = cutSpecimen();
    const more = addPiece(doc, { kind: 'ellipse', cx: 40, cy: 0, rx: 5, ry: 4, rotation: 0 }, () => 'another');
    if (!more.ok) throw new Error(more.reason);
    expect(stageChanges(derive(doc), derive(more.doc), margin)).toBe('all');
    expect(stageChanges(derive(more.doc), derive(doc), margin)).toBe('all');
  });
});

describe('the redrawn rectangle on the canvas', () => {
  // 20 px per mm, y up on the map and down on screen, origin at (500, 300), pixel ratio 1.
  const m = { a: 20, b: 0, c: 0, d: -20, e: 500, f: 300 };

  it('covers every box in whole device pixels', () => {
    expect(deviceRect([{ minX: 0.01, minY: 0.01, maxX: 1.02, maxY: 2.03 }], m, 1000, 600)).toEqual([500, 259, 21, 41]);
    // Two boxes: one rectangle around both.
    expect(deviceRect([{ minX: 0, minY: 0, maxX: 1, maxY: 1 }, { minX: 5, minY: -2, maxX: 6, maxY: -1 }], m, 1000, 600)).toEqual([500, 280, 120, 60]);
  });

  it('stays inside the canvas, and is nothing when nothing is on it', () => {
    expect(deviceRect([{ minX: -100, minY: -100, maxX: 100, maxY: 100 }], m, 1000, 600)).toEqual([0, 0, 1000, 600]);
    expect(deviceRect([{ minX: 100, minY: 0, maxX: 120, maxY: 1 }], m, 1000, 600)).toBeNull();
    expect(deviceRect([], m, 1000, 600)).toBeNull();
  });
});
