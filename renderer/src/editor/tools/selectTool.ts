import { clockPosition } from '../../../../shared/geometry/clock';
import { centroid, containsPoint } from '../../../../shared/geometry/polygon';
import type { Point } from '../../../../shared/geometry/types';
import type { MapDocument, Outline } from '../../../../shared/map/document';
import { moveMark, reconcile, replaceOutline, reshapeOutline, translatePiece, type EditResult } from '../../../../shared/map/edits';
import { handleAt, markNear, type Handle } from './handles';
import { blockAt, distanceToPath, outlineAt, pieceAt, stretchItemAt } from './hit';
import { defineTool, gap, idle, type Idle } from './machine';
import type { PointerEvent, Tool, ToolContext } from './types';

/** What a press picked up to drag: a grip of an outline, a reference mark, or a whole piece. */
type Grab =
  | { readonly kind: 'handle'; readonly pieceId: string; readonly handle: Handle }
  | { readonly kind: 'mark'; readonly id: string; readonly pieceId: string }
  | { readonly kind: 'move'; readonly pieceId: string; readonly last: Point };

/** Pressed on something draggable (not moved yet), then dragging it. */
type SelectState = { readonly name: 'pointing'; readonly grab: Grab } | { readonly name: 'dragging'; readonly grab: Grab };

/** The grip under the pointer: on the selected piece first (its grips are the ones shown), then on any piece. */
function gripAt(ctx: ToolContext, p: Point): { pieceId: string; handle: Handle } | null {
  const pieces = ctx.store.document.pieces;
  const selected = ctx.selection?.kind === 'piece' ? ctx.selection.id : null;
  const ordered = [...pieces.filter((x) => x.id === selected), ...pieces.filter((x) => x.id !== selected)];
  for (const piece of ordered) {
    const handle = handleAt(piece.outline, p, ctx.hitMm);
    if (handle) return { pieceId: piece.id, handle };
  }
  return null;
}

/** A press: select what is under the pointer, and pick it up if it can be dragged. */
function press(ctx: ToolContext, e: PointerEvent): SelectState | Idle {
  const grab = (g: Grab): SelectState => {
    // The whole drag is one gesture: one undo step and one save at its end.
    ctx.store.beginGesture();
    return { name: 'pointing', grab: g };
  };
  const grip = gripAt(ctx, e.point);
  if (grip) {
    ctx.select({ kind: 'piece', id: grip.pieceId });
    return grab({ kind: 'handle', ...grip });
  }
  const derived = ctx.derived();
  const mark = markNear(derived, e.point, ctx.hitMm);
  if (mark) {
    ctx.select({ kind: 'mark', id: mark.id });
    return grab({ kind: 'mark', ...mark });
  }
  const item = stretchItemAt(derived, e.point, ctx.hitMm);
  if (item) return ctx.select(item), idle;
  // Template cuts run far past their piece: only the stretch across the piece can be picked.
  const cut = derived.pieces
    .filter((p) => containsPoint(p.outline, e.point))
    .flatMap((p) => p.piece.cuts)
    .find((c) => distanceToPath(e.point, c.points) <= ctx.hitMm);
  if (cut) return ctx.select({ kind: 'cut', id: cut.id }), idle;
  const edge = outlineAt(derived, e.point, ctx.hitMm);
  if (edge) return ctx.select({ kind: 'piece', id: edge.piece.id }), idle;
  const piece = pieceAt(derived, e.point);
  if (!piece) return ctx.select(null), idle;
  const block = blockAt(derived, e.point);
  ctx.select(block ? { kind: 'block', id: block.ref.id } : { kind: 'piece', id: piece.piece.id });
  return grab({ kind: 'move', pieceId: piece.piece.id, last: e.point });
}

/** A move while holding something: the document follows the pointer (inside the gesture). */
function drag(ctx: ToolContext, e: PointerEvent, s: SelectState): SelectState {
  const g = s.grab;
  if (g.kind === 'handle') {
    ctx.store.apply((doc) => (g.handle.kind === 'vertex' ? reshapeOutline(doc, g.pieceId, g.handle.index, e.point) : resizeEllipse(doc, g.pieceId, g.handle.kind, e.point)));
    return { name: 'dragging', grab: g };
  }
  if (g.kind === 'mark') {
    const outline = ctx.derived().pieces.find((p) => p.piece.id === g.pieceId)?.outline;
    if (outline) ctx.store.apply((doc) => moveMark(doc, g.id, clockPosition(e.point, centroid(outline)) || 12));
    return { name: 'dragging', grab: g };
  }
  // A piece moves only once the pointer left the click's reach: a click on a block selects it.
  if (s.name === 'pointing' && gap(e.point, g.last) < ctx.hitMm / 2) return s;
  const dx = e.point.x - g.last.x;
  const dy = e.point.y - g.last.y;
  ctx.store.apply((doc) => translatePiece(doc, g.pieceId, dx, dy));
  return { name: 'dragging', grab: { ...g, last: e.point } };
}

/**
 * Select and move (idle → pointing → dragging → idle): drag a corner or an ellipse grip to
 * reshape a piece, a reference mark to another hour, or a piece to move it (and only it); a
 * click selects what is under the pointer.
 */
export const selectTool = (): Tool =>
  defineTool<SelectState>({
    id: 'select',
    down: (ctx, e, s) => (s.name === 'idle' ? press(ctx, e) : s),
    move: (ctx, e, s) => (s.name === 'idle' ? s : drag(ctx, e, s)),
    up: (ctx, _e, s) => {
      if (s.name === 'idle') return s;
      // A reshaped outline is re-matched to its blocks once, at the end of the drag; a shape
      // whose blocks cannot be matched is not kept (the reason is shown). A press released in
      // place reshaped nothing: no new document, so no undo step and no save.
      const refused = s.name === 'dragging' && s.grab.kind === 'handle' && ctx.store.apply((doc) => reconcile(doc, ctx.newId)) !== null;
      if (refused) ctx.store.cancelGesture();
      else ctx.store.endGesture();
      return idle;
    },
    onCancel: (ctx) => ctx.store.cancelGesture(),
  });

function resizeEllipse(doc: MapDocument, pieceId: string, which: 'ellipse-rx' | 'ellipse-ry', p: Point): EditResult {
  const outline = doc.pieces.find((x) => x.id === pieceId)?.outline;
  if (!outline || outline.kind !== 'ellipse') return { ok: false, reason: 'The outline is not an ellipse.' };
  const c = Math.cos(outline.rotation);
  const s = Math.sin(outline.rotation);
  const dx = p.x - outline.cx;
  const dy = p.y - outline.cy;
  const along = which === 'ellipse-rx' ? dx * c + dy * s : -dx * s + dy * c;
  const r = Math.max(0.5, Math.abs(along));
  const next: Outline = which === 'ellipse-rx' ? { ...outline, rx: r } : { ...outline, ry: r };
  return replaceOutline(doc, pieceId, next);
}
