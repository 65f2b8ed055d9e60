import { containsPoint } from '../geometry/polygon';
import { segmentsTouch } from '../geometry/segment';
import { validateOutline } from '../geometry/shapes';
import type { Point, Ring } from '../geometry/types';
import { inkSetsForBlocks } from '../catalog/defaultInks';
import { MAX_PIECES, isMarginFinding, type BlockRef, type Cut, type Finding, type InkMark, type MapDocument, type Outline, type Piece, type Stretch } from './document';
import { capsProblem } from './caps';
import { deriveStage, dividePiece, outlineRing, outlinesOverlap, pieceName } from './derive';
import { inksOnEdges, onEdge } from './inkPlacement';
import { interiorPoint } from './interior';
import { length } from '../geometry/vec';

/**
 * Every change to a stage's map, as a pure function of the document. The editor applies
 * them through one `apply`, the tests call them directly. A change that would make an
 * impossible drawing is refused with a reason and the document is left as it was.
 * Changes to shape (outline, marks, cuts) act on one piece, named by its id; blocks, inks
 * and findings are named by their own ids across the whole stage.
 */
export type EditResult = { readonly ok: true; readonly doc: MapDocument } | { readonly ok: false; readonly reason: string };
export type NewId = () => string;

const done = (doc: MapDocument): EditResult => ({ ok: true, doc });
const refuse = (reason: string): EditResult => ({ ok: false, reason });

const findPiece = (doc: MapDocument, pieceId: string): Piece | undefined => doc.pieces.find((p) => p.id === pieceId);
const withPiece = (doc: MapDocument, pieceId: string, change: (p: Piece) => Piece): MapDocument => ({
  ...doc,
  pieces: doc.pieces.map((p) => (p.id === pieceId ? change(p) : p)),
});

function cleanOutline(outline: Outline): { ok: true; outline: Outline } | { ok: false; reason: string } {
  if (outline.kind === 'ellipse') return { ok: true, outline };
  const check = validateOutline(outline.points);
  return check.ok ? { ok: true, outline: { kind: outline.kind, points: [...check.ring] } } : check;
}

/** Which other piece an outline would overlap, named for the message; null when it is apart from all. */
function overlapped(doc: MapDocument, pieceId: string | null, outline: Outline): string | null {
  const i = doc.pieces.findIndex((p) => p.id !== pieceId && outlinesOverlap(outline, p.outline));
  return i < 0 ? null : `piece ${i + 1}`;
}

/**
 * A newly drawn outline: a separate piece of tissue of this stage, beside the pieces already
 * drawn (one round of excision can take tissue from several places; each is mapped and
 * divided on its own, and its blocks are numbered on from the stage's others).
 */
export function addPiece(doc: MapDocument, outline: Outline, newId: NewId): EditResult {
  const clean = cleanOutline(outline);
  if (!clean.ok) return refuse(clean.reason);
  if (doc.pieces.length >= MAX_PIECES) return refuse(`A stage holds at most ${MAX_PIECES} pieces.`);
  const other = overlapped(doc, null, clean.outline);
  if (other) {
    return refuse(`This outline overlaps ${other}. Draw a separate piece apart from it, or select ${other} and press Delete to redraw it.`);
  }
  return reconcile({ ...doc, pieces: [...doc.pieces, { id: newId(), outline: clean.outline, marks: [], cuts: [] }] }, newId);
}

/** Removes a piece with its blocks, their inks, findings and readings. */
export function removePiece(doc: MapDocument, pieceId: string): EditResult {
  if (!findPiece(doc, pieceId)) return refuse('There is no such piece.');
  const gone = new Set(doc.blocks.filter((b) => b.pieceId === pieceId).map((b) => b.id));
  return done({
    ...doc,
    pieces: doc.pieces.filter((p) => p.id !== pieceId),
    blocks: doc.blocks.filter((b) => !gone.has(b.id)),
    inks: doc.inks.filter((k) => !gone.has(k.blockId)),
    findings: doc.findings.filter((f) => !gone.has(f.blockId)),
  });
}

/**
 * Gives a piece a new outline without re-matching blocks: for the frames of a drag (an
 * ellipse grip), where blocks keep their anchors anyway. The drag's end reconciles once.
 */
export function replaceOutline(doc: MapDocument, pieceId: string, outline: Outline): EditResult {
  if (!findPiece(doc, pieceId)) return refuse('There is no such piece.');
  const other = overlapped(doc, pieceId, outline);
  if (other) return refuse(`The outline would overlap ${other}; separate pieces cannot share tissue.`);
  return done(withPiece(doc, pieceId, (p) => ({ ...p, outline })));
}

/** Moves a corner of a piece's outline (the frames of a drag; see replaceOutline). */
export function reshapeOutline(doc: MapDocument, pieceId: string, index: number, to: Point): EditResult {
  const o = findPiece(doc, pieceId)?.outline;
  if (!o || o.kind === 'ellipse' || index < 0 || index >= o.points.length) return refuse('There is no such corner to move.');
  const points = o.points.map((p, i) => (i === index ? to : p));
  const check = validateOutline(points);
  if (!check.ok) return refuse(check.reason);
  // Keep the corners in their order (and so the grip under the pointer) while dragging.
  return replaceOutline(doc, pieceId, { ...o, points });
}

export function moveOutlineVertex(doc: MapDocument, pieceId: string, index: number, to: Point, newId: NewId): EditResult {
  const moved = reshapeOutline(doc, pieceId, index, to);
  return moved.ok ? reconcile(moved.doc, newId) : moved;
}

/** The pieces a drawn cut runs through: it must divide exactly one. */
function piecesCrossed(doc: MapDocument, points: readonly Point[]): Piece[] {
  return doc.pieces.filter((p) => crosses(outlineRing(p.outline), points));
}

function crosses(ring: Ring, line: readonly Point[]): boolean {
  if (line.some((q) => containsPoint(ring, q))) return true;
  for (let i = 0; i + 1 < line.length; i++) {
    for (let j = 0; j < ring.length; j++) {
      if (segmentsTouch(line[i] as Point, line[i + 1] as Point, ring[j] as Point, ring[(j + 1) % ring.length] as Point, 1e-9)) return true;
    }
  }
  return false;
}

/** A cut drawn by hand: it divides the piece it runs through. */
export function addCut(doc: MapDocument, points: readonly Point[], newId: NewId): EditResult {
  if (doc.pieces.length === 0) return refuse('Draw the specimen outline before dividing it.');
  if (points.length < 2) return refuse('A cut needs a start and an end.');
  const crossed = piecesCrossed(doc, points);
  if (crossed.length === 0) return refuse('The cut does not cross the specimen; draw it across a piece.');
  if (crossed.length > 1) return refuse('The cut runs through more than one piece; cut each piece on its own.');
  const piece = crossed[0] as Piece;
  return reconcile(withPiece(doc, piece.id, (p) => ({ ...p, cuts: [...p.cuts, { id: newId(), points: [...points] }] })), newId);
}

/** Replaces every cut of a piece at once (templates), then inks its cut edges by default if asked. */
export function setCuts(doc: MapDocument, pieceId: string, cuts: readonly (readonly Point[])[], newId: NewId, inkByDefault = true): EditResult {
  if (!findPiece(doc, pieceId)) return refuse('Draw the specimen outline before dividing it.');
  const fresh: Cut[] = cuts.map((points) => ({ id: newId(), points: [...points] }));
  const own = new Set(doc.blocks.filter((b) => b.pieceId === pieceId).map((b) => b.id));
  const cleared = { ...withPiece(doc, pieceId, (p) => ({ ...p, cuts: fresh })), inks: doc.inks.filter((k) => !own.has(k.blockId)) };
  const result = reconcile(cleared, newId);
  return result.ok && inkByDefault ? done(defaultInks(result.doc, pieceId, newId)) : result;
}

export function removeCut(doc: MapDocument, cutId: string, newId: NewId): EditResult {
  return reconcile({ ...doc, pieces: doc.pieces.map((p) => ({ ...p, cuts: p.cuts.filter((c) => c.id !== cutId) })) }, newId);
}

/** Moves one piece (outline, cuts; marks stay at their hours; its blocks' inks and findings). */
export function translatePiece(doc: MapDocument, pieceId: string, dx: number, dy: number): EditResult {
  const piece = findPiece(doc, pieceId);
  if (!piece) return refuse('There is no outline to move.');
  const move = (p: Point): Point => ({ x: p.x + dx, y: p.y + dy });
  const moveStretch = (s: Stretch): Stretch => ({ from: move(s.from), to: move(s.to) });
  const o = piece.outline;
  const outline: Outline = o.kind === 'ellipse' ? { ...o, cx: o.cx + dx, cy: o.cy + dy } : { ...o, points: o.points.map(move) };
  const other = overlapped(doc, pieceId, outline);
  if (other) return refuse(`The piece would overlap ${other}; separate pieces cannot share tissue.`);
  const own = new Set(doc.blocks.filter((b) => b.pieceId === pieceId).map((b) => b.id));
  return done({
    ...withPiece(doc, pieceId, (p) => ({ ...p, outline, cuts: p.cuts.map((c) => ({ ...c, points: c.points.map(move) })) })),
    blocks: doc.blocks.map((b) => (own.has(b.id) ? { ...b, anchor: move(b.anchor) } : b)),
    inks: doc.inks.map((k) => (own.has(k.blockId) ? { ...k, stretch: moveStretch(k.stretch) } : k)),
    findings: doc.findings.map((f): Finding => {
      if (!own.has(f.blockId)) return f;
      if (f.kind === 'tumor-deep') return { ...f, area: f.area.map(move) };
      if (f.kind === 'tumor-peripheral' || f.kind === 'incomplete') return { ...f, stretch: moveStretch(f.stretch) };
      return { ...f, at: move(f.at) };
    }),
  });
}

export function addMark(doc: MapDocument, pieceId: string, hour: number, newId: NewId): EditResult {
  const piece = findPiece(doc, pieceId);
  if (!piece) return refuse('Draw the specimen outline before adding reference marks.');
  const h = normaliseHour(hour);
  if (h === 12 || piece.marks.some((m) => Math.abs(m.hour - h) < 0.25)) return refuse(`There is already a mark at ${formatHour(h)} o'clock on ${pieceName(doc, pieceId)}.`);
  return done(withPiece(doc, pieceId, (p) => ({ ...p, marks: [...p.marks, { id: newId(), hour: h }] })));
}

export function moveMark(doc: MapDocument, id: string, hour: number): EditResult {
  return done({ ...doc, pieces: doc.pieces.map((p) => ({ ...p, marks: p.marks.map((m) => (m.id === id ? { ...m, hour: normaliseHour(hour) } : m)) })) });
}

export const removeMark = (doc: MapDocument, id: string): EditResult =>
  done({ ...doc, pieces: doc.pieces.map((p) => ({ ...p, marks: p.marks.filter((m) => m.id !== id) })) });

/** Inks a stretch of a block's edge; the same stretch inked again takes the new color. */
export function addInk(doc: MapDocument, blockId: string, ink: string, stretch: Stretch, newId: NewId): EditResult {
  const block = doc.blocks.find((b) => b.id === blockId);
  if (!block) return refuse('Choose a block edge to ink.');
  const ring = blockRing(doc, block);
  if (!ring || !onEdge(ring, stretch)) return refuse("An ink goes on the block's own edge; click on the edge of the block.");
  const same = (k: InkMark) => k.blockId === blockId && near(k.stretch.from, stretch.from) && near(k.stretch.to, stretch.to);
  const others = doc.inks.filter((k) => !same(k));
  return done({ ...doc, inks: [...others, { id: newId(), blockId, ink, stretch }] });
}

export const removeInk = (doc: MapDocument, id: string): EditResult => done({ ...doc, inks: doc.inks.filter((k) => k.id !== id) });

/**
 * Places a finding on its block. Tumor or an unevaluable edge takes back an earlier "read
 * clear" of the block, so removing the finding later leaves it "not read", never clear unseen.
 */
export function addFinding(doc: MapDocument, finding: Finding): EditResult {
  if (!doc.blocks.some((b) => b.id === finding.blockId)) return refuse('A finding must be placed on a block.');
  const blocks = isMarginFinding(finding) ? doc.blocks.map((b) => (b.id === finding.blockId ? { ...b, readClear: false } : b)) : doc.blocks;
  const next = { ...doc, blocks, findings: [...doc.findings, finding] };
  const tooBig = capsProblem(next);
  return tooBig ? refuse(tooBig) : done(next);
}

export const removeFinding = (doc: MapDocument, id: string): EditResult =>
  done({ ...doc, findings: doc.findings.filter((f) => f.id !== id) });

export function setFindingNote(doc: MapDocument, id: string, note: string): EditResult {
  return done({ ...doc, findings: doc.findings.map((f) => (f.id === id ? { ...f, note: note.slice(0, 500) } : f)) });
}

export function relabelBlock(doc: MapDocument, blockId: string, label: string | null): EditResult {
  const text = label?.trim() ?? '';
  if (text.length > 12) return refuse('A block label can be at most 12 characters.');
  return done({ ...doc, blocks: doc.blocks.map((b) => (b.id === blockId ? { ...b, label: text === '' ? null : text } : b)) });
}

/** Numbers blocks 1…n across the stage: piece by piece, each in clock order from 12; drops hand-written labels. */
export function renumberBlocks(doc: MapDocument): EditResult {
  const order: (string | undefined)[] = [];
  for (const piece of doc.pieces) {
    const division = dividePiece(piece);
    if (!division.ok) return refuse(division.reason);
    const own = doc.blocks.filter((b) => b.pieceId === piece.id);
    for (const part of division.parts) order.push(own.find((b) => containsPoint(part.ring, b.anchor))?.id);
  }
  return done({
    ...doc,
    blocks: doc.blocks.map((b) => ({ ...b, number: order.indexOf(b.id) + 1 || b.number, label: null })),
  });
}

/**
 * After outlines or cuts change, matches each piece's parts to its existing blocks (a block
 * keeps its id while its anchor stays inside its part), makes blocks for new parts, and drops
 * inks and findings of blocks that no longer exist. A piece freshly divided (nothing attached
 * to any of its blocks yet) is numbered in clock order with the lowest numbers the stage's
 * other pieces leave free; a new part of a piece already worked on takes the next free number.
 */
export function reconcile(doc: MapDocument, newId: NewId): EditResult {
  // Before any geometry: a map over the caps would cost more than dividing is allowed to.
  const tooBig = capsProblem(doc);
  if (tooBig) return refuse(tooBig);
  let blocks = [...doc.blocks].filter((b) => doc.pieces.some((p) => p.id === b.pieceId));
  const rings = new Map<string, Ring>();
  const attached = new Set([...doc.inks.map((k) => k.blockId), ...doc.findings.map((f) => f.blockId)]);
  for (const piece of doc.pieces) {
    const division = dividePiece(piece);
    if (!division.ok) return refuse(doc.pieces.length > 1 ? `${capitalise(pieceName(doc, piece.id))}: ${division.reason}` : division.reason);
    const unused = blocks.filter((b) => b.pieceId === piece.id);
    const others = blocks.filter((b) => b.pieceId !== piece.id);
    const matched: (BlockRef | null)[] = division.parts.map((part) => {
      const i = unused.findIndex((b) => containsPoint(part.ring, b.anchor));
      return i < 0 ? null : (unused.splice(i, 1)[0] as BlockRef);
    });
    const fresh = !matched.some((b) => b !== null && (attached.has(b.id) || b.readClear));
    const taken = new Set(others.map((b) => b.number));
    if (!fresh) for (const b of matched) if (b) taken.add(b.number);
    const nextFree = () => {
      let n = 1;
      while (taken.has(n)) n++;
      taken.add(n);
      return n;
    };
    const own = division.parts.map((part, i): BlockRef => {
      const anchor = interiorPoint(part.ring);
      const old = matched[i];
      if (old) rings.set(old.id, part.ring);
      if (fresh) return { id: old?.id ?? newId(), pieceId: piece.id, anchor, number: nextFree(), label: old?.label ?? null, readClear: false };
      // The same ref when nothing about it changed: a block whose part a drag left alone is not
      // drawn again (the canvas compares refs), and its anchor is worked out the same.
      if (old) return old.anchor.x === anchor.x && old.anchor.y === anchor.y ? old : { ...old, anchor };
      return { id: newId(), pieceId: piece.id, anchor, number: nextFree(), label: null, readClear: false };
    });
    blocks = [...others, ...own];
  }
  if (blocks.length > 99) return refuse('A stage can have at most 99 blocks.');
  const alive = new Set(blocks.map((b) => b.id));
  return done({
    ...doc,
    blocks,
    // A kept block's inks follow its edge as it changes shape (inkPlacement.ts).
    inks: inksOnEdges(
      doc.inks.filter((k) => alive.has(k.blockId)),
      (id) => rings.get(id),
    ),
    findings: doc.findings.filter((f) => alive.has(f.blockId)),
  });
}

/** The quick default after a template: each block of the piece has its cut sides inked, no two blocks alike (inkSetsForBlocks). */
export function defaultInks(doc: MapDocument, pieceId: string, newId: NewId): MapDocument {
  const derived = deriveStage(doc, 1, 'stage-dash-number');
  const blocks = derived.pieces.find((p) => p.piece.id === pieceId)?.blocks ?? [];
  const cutSides = blocks.map((block) => block.sides.filter((s) => s.kind === 'cut'));
  const sets = inkSetsForBlocks(cutSides.map((sides) => sides.length));
  const inks: InkMark[] = [];
  blocks.forEach((block, i) => {
    (sets[i] ?? []).forEach((ink, j) => {
      const side = cutSides[i]?.[j];
      if (side) inks.push({ id: newId(), blockId: block.ref.id, ink, stretch: { from: side.from, to: side.to } });
    });
  });
  return { ...doc, inks: [...doc.inks, ...inks] };
}

/** The boundary of a block as its piece is divided now, or undefined when it cannot be. */
function blockRing(doc: MapDocument, block: BlockRef): Ring | undefined {
  const piece = findPiece(doc, block.pieceId);
  const division = piece ? dividePiece(piece) : null;
  return division?.ok ? division.parts.find((part) => containsPoint(part.ring, block.anchor))?.ring : undefined;
}

export const hasOutline = (doc: MapDocument): boolean => doc.pieces.length > 0;

const near = (a: Point, b: Point) => length(a.x - b.x, a.y - b.y) < 1e-6;
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function normaliseHour(hour: number): number {
  const h = ((hour % 12) + 12) % 12;
  const rounded = Math.round(h * 2) / 2; // half hours are as fine as a nick is placed
  return rounded === 0 ? 12 : rounded;
}

export const formatHour = (h: number): string => (Number.isInteger(h) ? String(h) : `${Math.floor(h)}:30`);
