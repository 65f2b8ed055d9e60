import { clockPosition } from '../../../../shared/geometry/clock';
import { centroid, containsPoint } from '../../../../shared/geometry/polygon';
import type { Point } from '../../../../shared/geometry/types';
import type { MapDocument, Outline } from '../../../../shared/map/document';
import { moveMark, reconcile, replaceOutline, reshapeOutline, translatePiece, type EditResult } from '../../../../shared/map/edits';
import { handleAt, markNear, type Handle } from './handles';
import { blockAt, distanceToPath, outlineAt, pieceAt, stretchItemAt } from './hit';
import type { Tool, ToolContext } from './types';

type Drag =
  | { readonly kind: 'handle'; readonly pieceId: string; readonly handle: Handle }
  | { readonly kind: 'mark'; readonly id: string; readonly pieceId: string }
  | { readonly kind: 'move'; readonly pieceId: string; last: Point; moved: boolean };

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

/**
 * Select and move: drag a corner or an ellipse grip to reshape a piece, a reference mark to
 * another hour, or a piece to move it (and only it); a click selects what is under the pointer.
 */
export function selectTool(): Tool {
  let drag: Drag | null = null;
  return {
    id: 'select',
    down: (ctx, e) => {
      const grip = gripAt(ctx, e.point);
      if (grip) {
        drag = { kind: 'handle', ...grip };
        ctx.store.beginGesture();
        ctx.select({ kind: 'piece', id: grip.pieceId });
        return;
      }
      const derived = ctx.derived();
      const mark = markNear(derived, e.point, ctx.hitMm);
      if (mark) {
        drag = { kind: 'mark', ...mark };
        ctx.store.beginGesture();
        ctx.select({ kind: 'mark', id: mark.id });
        return;
      }
      const item = stretchItemAt(derived, e.point, ctx.hitMm);
      if (item) return ctx.select(item);
      // Template cuts run far past their piece: only the stretch across the piece can be picked.
      const cut = derived.pieces
        .filter((p) => containsPoint(p.outline, e.point))
        .flatMap((p) => p.piece.cuts)
        .find((c) => distanceToPath(e.point, c.points) <= ctx.hitMm);
      if (cut) return ctx.select({ kind: 'cut', id: cut.id });
      const edge = outlineAt(derived, e.point, ctx.hitMm);
      if (edge) return ctx.select({ kind: 'piece', id: edge.piece.id });
      const piece = pieceAt(derived, e.point);
      if (piece) {
        const block = blockAt(derived, e.point);
        ctx.select(block ? { kind: 'block', id: block.ref.id } : { kind: 'piece', id: piece.piece.id });
        drag = { kind: 'move', pieceId: piece.piece.id, last: e.point, moved: false };
        ctx.store.beginGesture();
        return;
      }
      ctx.select(null);
    },
    move: (ctx, e) => {
      if (!drag) return;
      if (drag.kind === 'handle') {
        const { pieceId, handle } = drag;
        ctx.store.apply((doc) => (handle.kind === 'vertex' ? reshapeOutline(doc, pieceId, handle.index, e.point) : resizeEllipse(doc, pieceId, handle.kind, e.point)));
      } else if (drag.kind === 'mark') {
        const { id, pieceId } = drag;
        const outline = ctx.derived().pieces.find((p) => p.piece.id === pieceId)?.outline;
        if (outline) ctx.store.apply((doc) => moveMark(doc, id, clockPosition(e.point, centroid(outline)) || 12));
      } else {
        const dx = e.point.x - drag.last.x;
        const dy = e.point.y - drag.last.y;
        if (!drag.moved && Math.hypot(dx, dy) < ctx.hitMm / 2) return;
        drag.moved = true;
        drag.last = e.point;
        const pieceId = drag.pieceId;
        ctx.store.apply((doc) => translatePiece(doc, pieceId, dx, dy));
      }
    },
    up: (ctx) => {
      // A reshaped outline is re-matched to its blocks once, at the end of the drag; a shape
      // whose blocks cannot be matched is not kept (the reason is shown).
      const refused = drag?.kind === 'handle' && ctx.store.apply((doc) => reconcile(doc, ctx.newId)) !== null;
      if (refused) ctx.store.cancelGesture();
      else if (drag) ctx.store.endGesture();
      drag = null;
    },
    cancel: (ctx) => {
      if (drag) ctx.store.cancelGesture();
      drag = null;
    },
    preview: () => null,
  };
}

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
