import type Konva from 'konva';
import type { Context } from 'konva/lib/Context';
import { useCallback, useLayoutEffect, useRef } from 'react';
import type { Box, Point } from '../../../../shared/geometry/types';
import type { DerivedBlock, DerivedStage } from '../../../../shared/map/derive';
import { markPosition } from '../../map/markPosition';
import { sameBlock, sameButRing } from './sameBlock';
import { walkRing } from '../../../../shared/map/ringWalk';
import { boundingBox } from '../../../../shared/geometry/polygon';
import { setDrawWindow, windowOfRect } from './drawWindow';
import type { View } from './view';

/**
 * Redrawing only the part of a layer a change touched. The canvas here is rasterised on the
 * CPU when the page's frame is committed, and a drag moves one corner: clearing and drawing
 * the whole stage (every block's fill, inks, hatching, labels) cost about 3–5 ms of raster per
 * move (profiled), for the two blocks at that corner. The layer is cleared and drawn again
 * only inside the boxes of what changed since its last draw (a shape outside them draws
 * nothing); each pixel inside is drawn by the same calls, in the same order, as a whole redraw.
 */

/** Screen pixels around a changed item: its marks, ink letters, label and halo, point findings, reference marks. */
export const CHANGE_MARGIN_PX = 56;

/**
 * The boxes (map millimetres) where `after` draws differently from `before`, each grown by
 * `margin` mm; 'all' when the stage changed too much to say (pieces added, removed or reordered).
 */
export function stageChanges(before: DerivedStage, after: DerivedStage, margin: number): Box[] | 'all' {
  if (before === after) return [];
  if (before.pieces.length !== after.pieces.length) return 'all';
  const boxes: Box[] = [];
  const add = (points: readonly Point[], grow = margin) => {
    if (points.length > 0) boxes.push(grown(boundingBox(points), grow));
  };
  for (let i = 0; i < after.pieces.length; i++) {
    const a = before.pieces[i]!;
    const b = after.pieces[i]!;
    if (a.piece.id !== b.piece.id) return 'all';
    if (a.piece === b.piece) continue;
    if (a.piece.cuts !== b.piece.cuts || a.outline.length !== b.outline.length || a.blocks.length === 0 || b.blocks.length === 0) {
      // The cut lines (drawn across the piece) or the whole outline: the piece, before and after.
      add(a.outline);
      add(b.outline);
    } else {
      // The outline's sides that moved: each changed corner with its neighbours, before and after.
      const n = b.outline.length;
      for (let k = 0; k < n; k++) {
        const p = a.outline[k]!;
        const q = b.outline[k]!;
        if (p.x === q.x && p.y === q.y) continue;
        const near = [(k + n - 1) % n, k, (k + 1) % n];
        add(near.map((j) => a.outline[j]!));
        add(near.map((j) => b.outline[j]!));
      }
    }
    // Reference marks sit on the outline, drawn in screen pixels around it: those that moved, where they were and are.
    if (a.outline !== b.outline || a.piece.marks !== b.piece.marks) {
      const hours = (piece: typeof a.piece) => [12, ...piece.marks.map((m) => m.hour)];
      const was = hours(a.piece).map((h) => markPosition(a.outline, h));
      const now = hours(b.piece).map((h) => markPosition(b.outline, h));
      for (let k = 0; k < Math.max(was.length, now.length); k++) {
        const p = was[k];
        const q = now[k];
        if (p && q && p.at.x === q.at.x && p.at.y === q.at.y && p.direction.x === q.direction.x && p.direction.y === q.direction.y && a.piece.marks[k - 1]?.hour === b.piece.marks[k - 1]?.hour) continue;
        if (p) add([p.at]);
        if (q) add([q.at]);
      }
    }
  }
  const blocksBefore = new Map(before.blocks.map((x) => [x.ref.id, x]));
  const seen = new Set<string>();
  for (const b of after.blocks) {
    seen.add(b.ref.id);
    const a = blocksBefore.get(b.ref.id);
    if (a && sameBlock(a, b)) continue;
    if (a && sameButRing(a, b) && a.sides.length === b.sides.length && a.sides.every((x, k) => x.kind === b.sides[k]!.kind)) {
      addRingChange(a, b);
      continue;
    }
    if (a) addBlock(a);
    addBlock(b);
  }
  for (const a of before.blocks) if (!seen.has(a.ref.id)) addBlock(a);
  if (boxes.length === 0) return boxes;
  // Deep-margin hatching is clipped to its block and its area: under a redraw rectangle that
  // cuts across it, Chromium antialiases its lines differently from a whole redraw (seen: every
  // line inside the rectangle a little off). A hatched block the redraw reaches is redrawn whole.
  const hatched = [...before.blocks, ...after.blocks].filter((b) => b.findings.some((f) => f.kind === 'tumor-deep'));
  for (let grew = true; grew; ) {
    grew = false;
    const reach = union(boxes);
    for (let k = hatched.length - 1; k >= 0; k--) {
      const b = grown(boundingBox(hatched[k]!.ring), margin);
      if (b.maxX < reach.minX || b.minX > reach.maxX || b.maxY < reach.minY || b.minY > reach.maxY) continue;
      boxes.push(b);
      hatched.splice(k, 1);
      grew = true;
    }
  }
  return boxes;

  /**
   * A block whose ring alone changed, its sides of the same kinds (a corner of its outline or
   * of a cut moved): its fill and sides change between the old and the new run of changed
   * corners, with the corner either side of it (the sides through them turn); its label and
   * point findings stay where they were. An ink or an edge finding follows its whole stretch
   * (a pattern's dashes are laid from its start), so a stretch that walks differently is
   * redrawn along all of it.
   */
  function addRingChange(a: DerivedBlock, b: DerivedBlock) {
    const was = a.ring;
    const now = b.ring;
    let start = 0;
    while (start < was.length && start < now.length && samePoint(was[start]!, now[start]!)) start++;
    let end = 0;
    while (end < was.length - start && end < now.length - start && samePoint(was[was.length - 1 - end]!, now[now.length - 1 - end]!)) end++;
    add(cyclicRun(was, start - 1, was.length - end));
    add(cyclicRun(now, start - 1, now.length - end));
    for (const item of [...b.inks, ...b.findings]) {
      if (!('stretch' in item)) continue;
      const before = walkRing(was, item.stretch.from, item.stretch.to);
      const after = walkRing(now, item.stretch.from, item.stretch.to);
      if (before.length === after.length && before.every((p, k) => samePoint(p, after[k]!))) continue;
      add(before);
      add(after);
    }
  }

  function addBlock(block: DerivedBlock) {
    const points: Point[] = [...block.ring, block.ref.anchor];
    for (const f of block.findings) if ('at' in f) points.push(f.at);
    // A long label reaches past the margin: up to 16 px per character of bold 16 px text (W), half each side.
    add(points, Math.max(margin, margin * ((block.label.length * 8 + 8) / CHANGE_MARGIN_PX)));
  }
}

const samePoint = (p: Point, q: Point) => p.x === q.x && p.y === q.y;

/** The ring's points from index `from` to `to` (inclusive), around the ring: they may run past either end. */
function cyclicRun(ring: readonly Point[], from: number, to: number): Point[] {
  const n = ring.length;
  const out: Point[] = [];
  for (let i = from; i <= to && out.length < n; i++) out.push(ring[((i % n) + n) % n]!);
  return out;
}

/** One box around all: the redraw is one rectangle around its boxes (deviceRect). */
function union(boxes: readonly Box[]): Box {
  return boxes.reduce((u, b) => ({ minX: Math.min(u.minX, b.minX), minY: Math.min(u.minY, b.minY), maxX: Math.max(u.maxX, b.maxX), maxY: Math.max(u.maxY, b.maxY) }));
}

const NOWHERE = { box: { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity }, mmPerPx: 1 };

const grown = (b: Box, d: number): Box => ({ minX: b.minX - d, minY: b.minY - d, maxX: b.maxX + d, maxY: b.maxY + d });

/**
 * The device-pixel rectangle [x, y, width, height] around map boxes under the canvas
 * transform `m` (the layer's view and the canvas's pixel ratio): whole pixels, inside the
 * canvas, so each pixel is cleared and drawn whole; null when it is empty. One rectangle, not
 * one per box: under a clip of several overlapping rectangles Chromium antialiases lines
 * differently (seen: edge pixels off by up to a third), under one whole-pixel rectangle not.
 */
export function deviceRect(boxes: readonly Box[], m: { readonly a: number; readonly b: number; readonly c: number; readonly d: number; readonly e: number; readonly f: number }, width: number, height: number): [number, number, number, number] | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const box of boxes) {
    for (const x of [box.minX, box.maxX]) {
      for (const y of [box.minY, box.maxY]) {
        const sx = m.a * x + m.c * y + m.e;
        const sy = m.b * x + m.d * y + m.f;
        x0 = Math.min(x0, sx);
        x1 = Math.max(x1, sx);
        y0 = Math.min(y0, sy);
        y1 = Math.max(y1, sy);
      }
    }
  }
  const left = Math.max(0, Math.floor(x0));
  const top = Math.max(0, Math.floor(y0));
  const right = Math.min(width, Math.ceil(x1));
  const bottom = Math.min(height, Math.ceil(y1));
  return right > left && bottom > top && Number.isFinite(left + top + right + bottom) ? [left, top, right - left, bottom - top] : null;
}

/**
 * For a Konva layer that draws one stage under the view's transform: its ref, and the props
 * that make it clear and redraw only what changed since its last draw (clearBeforeDraw off,
 * a clip of those boxes that also clears them) while a gesture is under way (`moving`). Under
 * that clip Chromium may antialias the edges of shapes that have clips of their own (cut lines,
 * deep-tumor hatching) slightly differently from a whole redraw, so the gesture's end, like the
 * first draw, a new view, a resized or reallocated canvas, or a draw into any other canvas (an
 * export), redraws the whole layer.
 */
export function useRedrawRegion(view: View, derived: DerivedStage, moving: boolean) {
  const layer = useRef<Konva.Layer | null>(null);
  const state = useRef<{ drawn: { view: View; derived: DerivedStage; moving: boolean } | null; pending: Box[] | 'all' | null; canvas: unknown }>({ drawn: null, pending: null, canvas: null });

  // After each commit that changed what the layer shows (the draw comes on a later frame):
  // what changed since the last commit joins what the next draw must redo.
  useLayoutEffect(() => {
    const s = state.current;
    const before = s.drawn;
    s.drawn = { view, derived, moving };
    if (!before || before.view !== view || !moving) {
      // A gesture that ended without changing the drawing (its last move was drawn partly) is drawn whole again.
      if (before?.moving && !moving) layer.current?.batchDraw();
      s.pending = 'all';
      return;
    }
    if (s.pending === 'all') return;
    const changed = stageChanges(before.derived, derived, CHANGE_MARGIN_PX / view.scale);
    s.pending = changed === 'all' ? 'all' : [...(s.pending ?? []), ...changed];
  }, [view, derived, moving]);

  // Konva sizes (and so clears) a layer's canvas when the stage is resized: the next draw is whole.
  useLayoutEffect(() => {
    const canvas = layer.current?.getCanvas();
    if (!canvas || state.current.canvas === canvas) return;
    state.current.canvas = canvas;
    const setSize = canvas.setSize.bind(canvas);
    canvas.setSize = (width: number, height: number) => {
      state.current.pending = 'all';
      setSize(width, height);
    };
  });

  const clipFunc = useCallback((ctx: Context, node: Konva.Container) => {
    const native = ctx._context;
    const m = native.getTransform();
    const { width, height } = native.canvas;
    const own = node instanceof Object && (node as Konva.Layer).getCanvas?.() === ctx.canvas;
    const s = state.current;
    const pending = own ? s.pending : 'all';
    if (own) s.pending = null;
    // Nothing noted since the last draw, yet a draw: something else asked for it; redo it all.
    const rect: readonly [number, number, number, number] | null = pending === null || pending === 'all' ? [0, 0, width, height] : deviceRect(pending, m, width, height);
    // What lies outside the rectangle is not drawn at all (drawWindow.ts); nothing, when it is empty.
    setDrawWindow(node, rect ? windowOfRect(rect, m, ctx.canvas.getPixelRatio()) : NOWHERE);
    native.setTransform(1, 0, 0, 1, 0, 0);
    if (rect) {
      const [x, y, w, h] = rect;
      // Into another canvas (an export) nothing is cleared: it starts empty.
      if (own) native.clearRect(x, y, w, h);
      native.rect(x, y, w, h);
    }
    native.setTransform(m);
  }, []);

  return { ref: layer, clearBeforeDraw: false, clipFunc } as const;
}
