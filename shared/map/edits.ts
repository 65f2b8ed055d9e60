import { containsPoint } from '../geometry/polygon';
import { validateOutline } from '../geometry/shapes';
import type { Point } from '../geometry/types';
import { inkSetsForBlocks } from '../catalog/defaultInks';
import type { BlockRef, Cut, Finding, InkMark, MapDocument, Outline, Stretch } from './document';
import { deriveStage, divideSpecimen, outlineRing } from './derive';
import { interiorPoint } from './interior';

/**
 * Every change to a stage's map, as a pure function of the document. The editor applies
 * them through one `apply`, the tests call them directly. A change that would make an
 * impossible drawing is refused with a reason and the document is left as it was.
 */
export type EditResult = { readonly ok: true; readonly doc: MapDocument } | { readonly ok: false; readonly reason: string };
export type NewId = () => string;

const done = (doc: MapDocument): EditResult => ({ ok: true, doc });
const refuse = (reason: string): EditResult => ({ ok: false, reason });

export function setOutline(doc: MapDocument, outline: Outline, newId: NewId): EditResult {
  if (outline.kind !== 'ellipse') {
    const check = validateOutline(outline.points);
    if (!check.ok) return refuse(check.reason);
    outline = { kind: outline.kind, points: [...check.ring] };
  }
  return reconcile({ ...doc, outline }, newId);
}

export function moveOutlineVertex(doc: MapDocument, index: number, to: Point, newId: NewId): EditResult {
  const moved = reshapeOutline(doc, index, to);
  return moved.ok ? reconcile(moved.doc, newId) : moved;
}

/**
 * Moves a corner without re-matching blocks: for the frames of a drag, where blocks keep
 * their anchors anyway. The drag's end reconciles once (see selectTool).
 */
export function reshapeOutline(doc: MapDocument, index: number, to: Point): EditResult {
  const o = doc.outline;
  if (!o || o.kind === 'ellipse' || index < 0 || index >= o.points.length) return refuse('There is no such corner to move.');
  const points = o.points.map((p, i) => (i === index ? to : p));
  const check = validateOutline(points);
  if (!check.ok) return refuse(check.reason);
  // Keep the corners in their order (and so the grip under the pointer) while dragging.
  return done({ ...doc, outline: { ...o, points } });
}

export function addCut(doc: MapDocument, points: readonly Point[], newId: NewId): EditResult {
  if (!doc.outline) return refuse('Draw the specimen outline before dividing it.');
  if (points.length < 2) return refuse('A cut needs a start and an end.');
  return reconcile({ ...doc, cuts: [...doc.cuts, { id: newId(), points: [...points] }] }, newId);
}

/** Replaces every cut at once (templates), then inks cut edges by default if asked. */
export function setCuts(doc: MapDocument, cuts: readonly (readonly Point[])[], newId: NewId, inkByDefault = true): EditResult {
  if (!doc.outline) return refuse('Draw the specimen outline before dividing it.');
  const fresh: Cut[] = cuts.map((points) => ({ id: newId(), points: [...points] }));
  const result = reconcile({ ...doc, cuts: fresh, inks: [] }, newId);
  return result.ok && inkByDefault ? done(defaultInks(result.doc, newId)) : result;
}

export function removeCut(doc: MapDocument, cutId: string, newId: NewId): EditResult {
  return reconcile({ ...doc, cuts: doc.cuts.filter((c) => c.id !== cutId) }, newId);
}

/** Moves the whole stage (outline, cuts, marks stay at their hours, inks and findings). */
export function translateStage(doc: MapDocument, dx: number, dy: number): EditResult {
  const move = (p: Point): Point => ({ x: p.x + dx, y: p.y + dy });
  const moveStretch = (s: Stretch): Stretch => ({ from: move(s.from), to: move(s.to) });
  const o = doc.outline;
  if (!o) return refuse('There is no outline to move.');
  const outline: Outline = o.kind === 'ellipse' ? { ...o, cx: o.cx + dx, cy: o.cy + dy } : { ...o, points: o.points.map(move) };
  return done({
    ...doc,
    outline,
    cuts: doc.cuts.map((c) => ({ ...c, points: c.points.map(move) })),
    blocks: doc.blocks.map((b) => ({ ...b, anchor: move(b.anchor) })),
    inks: doc.inks.map((k) => ({ ...k, stretch: moveStretch(k.stretch) })),
    findings: doc.findings.map((f): Finding => {
      if (f.kind === 'tumor-deep') return { ...f, area: f.area.map(move) };
      if (f.kind === 'tumor-peripheral' || f.kind === 'incomplete') return { ...f, stretch: moveStretch(f.stretch) };
      return { ...f, at: move(f.at) };
    }),
  });
}

export function addMark(doc: MapDocument, hour: number, newId: NewId): EditResult {
  if (!doc.outline) return refuse('Draw the specimen outline before adding reference marks.');
  const h = normaliseHour(hour);
  if (h === 12 || doc.marks.some((m) => Math.abs(m.hour - h) < 0.25)) return refuse(`There is already a mark at ${formatHour(h)} o'clock.`);
  return done({ ...doc, marks: [...doc.marks, { id: newId(), hour: h }] });
}

export function moveMark(doc: MapDocument, id: string, hour: number): EditResult {
  return done({ ...doc, marks: doc.marks.map((m) => (m.id === id ? { ...m, hour: normaliseHour(hour) } : m)) });
}

export const removeMark = (doc: MapDocument, id: string): EditResult => done({ ...doc, marks: doc.marks.filter((m) => m.id !== id) });

/** Inks a stretch of a block's edge; the same stretch inked again takes the new color. */
export function addInk(doc: MapDocument, blockId: string, ink: string, stretch: Stretch, newId: NewId): EditResult {
  if (!doc.blocks.some((b) => b.id === blockId)) return refuse('Choose a block edge to ink.');
  const same = (k: InkMark) => k.blockId === blockId && near(k.stretch.from, stretch.from) && near(k.stretch.to, stretch.to);
  const others = doc.inks.filter((k) => !same(k));
  return done({ ...doc, inks: [...others, { id: newId(), blockId, ink, stretch }] });
}

export const removeInk = (doc: MapDocument, id: string): EditResult => done({ ...doc, inks: doc.inks.filter((k) => k.id !== id) });

export function addFinding(doc: MapDocument, finding: Finding): EditResult {
  if (!doc.blocks.some((b) => b.id === finding.blockId)) return refuse('A finding must be placed on a block.');
  return done({ ...doc, findings: [...doc.findings, finding] });
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

/** Numbers blocks 1…n in clock order from 12 o'clock and drops hand-written labels. */
export function renumberBlocks(doc: MapDocument): EditResult {
  const division = divideSpecimen(doc);
  if (!division.ok) return refuse(division.reason);
  const order = division.pieces.map((p) => doc.blocks.find((b) => containsPoint(p.ring, b.anchor))?.id);
  return done({
    ...doc,
    blocks: doc.blocks.map((b) => ({ ...b, number: order.indexOf(b.id) + 1 || b.number, label: null })),
  });
}

/** The surgeon has read every slide: blocks without findings become clear. */
export function markRead(doc: MapDocument, read: boolean): EditResult {
  if (read && doc.blocks.length === 0) return refuse('Divide the specimen into blocks before marking the stage read.');
  return done({ ...doc, read });
}

/** Marks a stage clear: only possible when no block has tumor or an unevaluable edge. */
export function markClear(doc: MapDocument): EditResult {
  const derived = deriveStage(doc, 1, 'stage-dash-number');
  if (derived.blocks.length === 0) return refuse('Divide the specimen into blocks before marking the stage clear.');
  if (derived.blocks.some((b) => b.result.status === 'positive')) return refuse('A block has tumor marked: this stage is not clear.');
  if (derived.blocks.some((b) => b.result.status === 'not-evaluable')) return refuse('A block has an edge that could not be evaluated: this stage is not clear.');
  return done({ ...doc, read: true });
}

/**
 * After the outline or cuts change, matches the new pieces to existing blocks (a block keeps
 * its id while its anchor stays inside its piece), makes blocks for new pieces, and drops
 * inks and findings of blocks that no longer exist. A fresh division (nothing attached to
 * any block yet) is numbered in clock order.
 */
export function reconcile(doc: MapDocument, newId: NewId): EditResult {
  const division = divideSpecimen(doc);
  if (!division.ok) return refuse(division.reason);
  const unused = [...doc.blocks];
  const matched: (BlockRef | null)[] = division.pieces.map((piece) => {
    const i = unused.findIndex((b) => containsPoint(piece.ring, b.anchor));
    return i < 0 ? null : (unused.splice(i, 1)[0] as BlockRef);
  });
  const attached = new Set([...doc.inks.map((k) => k.blockId), ...doc.findings.map((f) => f.blockId)]);
  const fresh = !matched.some((b) => b !== null && attached.has(b.id));
  const taken = new Set(matched.filter((b): b is BlockRef => b !== null).map((b) => b.number));
  let next = 1;
  const blocks = division.pieces.map((piece, i): BlockRef => {
    const anchor = interiorPoint(piece.ring);
    const old = matched[i];
    if (fresh) return { id: old?.id ?? newId(), anchor, number: i + 1, label: old?.label ?? null };
    if (old) return { ...old, anchor };
    while (taken.has(next)) next++;
    taken.add(next);
    return { id: newId(), anchor, number: next, label: null };
  });
  const alive = new Set(blocks.map((b) => b.id));
  return done({
    ...doc,
    blocks,
    inks: doc.inks.filter((k) => alive.has(k.blockId)),
    findings: doc.findings.filter((f) => alive.has(f.blockId)),
  });
}

/** The quick default after a template: each block's cut sides inked, no two blocks alike (inkSetsForBlocks). */
export function defaultInks(doc: MapDocument, newId: NewId): MapDocument {
  const derived = deriveStage(doc, 1, 'stage-dash-number');
  const cutSides = derived.blocks.map((block) => block.sides.filter((s) => s.kind === 'cut'));
  const sets = inkSetsForBlocks(cutSides.map((sides) => sides.length));
  const inks: InkMark[] = [];
  derived.blocks.forEach((block, i) => {
    (sets[i] ?? []).forEach((ink, j) => {
      const side = cutSides[i]?.[j];
      if (side) inks.push({ id: newId(), blockId: block.ref.id, ink, stretch: { from: side.from, to: side.to } });
    });
  });
  return { ...doc, inks };
}

export const hasOutline = (doc: MapDocument): boolean => outlineRing(doc.outline) !== null;

const near = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y) < 1e-6;

function normaliseHour(hour: number): number {
  const h = ((hour % 12) + 12) % 12;
  const rounded = Math.round(h * 2) / 2; // half hours are as fine as a nick is placed
  return rounded === 0 ? 12 : rounded;
}

export const formatHour = (h: number): string => (Number.isInteger(h) ? String(h) : `${Math.floor(h)}:30`);
