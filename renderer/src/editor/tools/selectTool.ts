import { clockPosition } from '../../../../shared/geometry/clock';
import { centroid } from '../../../../shared/geometry/polygon';
import type { Point } from '../../../../shared/geometry/types';
import type { MapDocument, Outline } from '../../../../shared/map/document';
import { moveMark, reconcile, reshapeOutline, translateStage, type EditResult } from '../../../../shared/map/edits';
import { handleAt, markNear, type Handle } from './handles';
import { blockAt, distanceToPath, stretchItemAt } from './hit';
import type { Tool } from './types';

type Drag =
  | { readonly kind: 'handle'; readonly handle: Handle }
  | { readonly kind: 'mark'; readonly id: string }
  | { readonly kind: 'move'; last: Point; moved: boolean };

/**
 * Select and move: drag a corner or an ellipse grip to reshape, a reference mark to another
 * hour, or the specimen to move the whole stage; a click selects what is under the pointer.
 */
export function selectTool(): Tool {
  let drag: Drag | null = null;
  return {
    id: 'select',
    down: (ctx, e) => {
      const doc = ctx.store.document;
      const handle = handleAt(doc.outline, e.point, ctx.hitMm);
      if (handle) {
        drag = { kind: 'handle', handle };
        ctx.store.beginGesture();
        ctx.select({ kind: 'outline' });
        return;
      }
      const derived = ctx.derived();
      const mark = markNear(doc, derived.outline, e.point, ctx.hitMm);
      if (mark) {
        drag = { kind: 'mark', id: mark.id };
        ctx.store.beginGesture();
        ctx.select({ kind: 'mark', id: mark.id });
        return;
      }
      const item = stretchItemAt(derived, e.point, ctx.hitMm);
      if (item) return ctx.select(item);
      const cut = doc.cuts.find((c) => distanceToPath(e.point, c.points) <= ctx.hitMm);
      if (cut) return ctx.select({ kind: 'cut', id: cut.id });
      if (derived.outline && distanceToPath(e.point, [...derived.outline, derived.outline[0] as Point]) <= ctx.hitMm) {
        ctx.select({ kind: 'outline' });
        return;
      }
      const block = blockAt(derived, e.point);
      if (block || (derived.outline && derived.blocks.length === 0)) {
        ctx.select(block ? { kind: 'block', id: block.ref.id } : { kind: 'outline' });
        drag = { kind: 'move', last: e.point, moved: false };
        ctx.store.beginGesture();
        return;
      }
      ctx.select(null);
    },
    move: (ctx, e) => {
      if (!drag) return;
      if (drag.kind === 'handle') {
        const handle = drag.handle;
        ctx.store.apply((doc) => (handle.kind === 'vertex' ? reshapeOutline(doc, handle.index, e.point) : resizeEllipse(doc, handle.kind, e.point)), 'ephemeral');
      } else if (drag.kind === 'mark') {
        const outline = ctx.derived().outline;
        const id = drag.id;
        if (outline) ctx.store.apply((doc) => moveMark(doc, id, clockPosition(e.point, centroid(outline)) || 12), 'ephemeral');
      } else {
        const dx = e.point.x - drag.last.x;
        const dy = e.point.y - drag.last.y;
        if (!drag.moved && Math.hypot(dx, dy) < ctx.hitMm / 2) return;
        drag.moved = true;
        drag.last = e.point;
        ctx.store.apply((doc) => translateStage(doc, dx, dy), 'ephemeral');
      }
    },
    up: (ctx) => {
      // A reshaped outline is re-matched to its blocks once, at the end of the drag; a shape
      // whose blocks cannot be matched is not kept (the reason is shown).
      const refused = drag?.kind === 'handle' && ctx.store.apply((doc) => reconcile(doc, ctx.newId), 'ephemeral') !== null;
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

function resizeEllipse(doc: MapDocument, which: 'ellipse-rx' | 'ellipse-ry', p: Point): EditResult {
  const outline = doc.outline;
  if (!outline || outline.kind !== 'ellipse') return { ok: false, reason: 'The outline is not an ellipse.' };
  const c = Math.cos(outline.rotation);
  const s = Math.sin(outline.rotation);
  const dx = p.x - outline.cx;
  const dy = p.y - outline.cy;
  const along = which === 'ellipse-rx' ? dx * c + dy * s : -dx * s + dy * c;
  const r = Math.max(0.5, Math.abs(along));
  const next: Outline = which === 'ellipse-rx' ? { ...outline, rx: r } : { ...outline, ry: r };
  return { ok: true, doc: { ...doc, outline: next } };
}
