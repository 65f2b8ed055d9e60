import { outlineFromFreehand } from '../../../../shared/geometry/shapes';
import type { Point } from '../../../../shared/geometry/types';
import type { Outline } from '../../../../shared/map/document';
import { fitPoints, MAP_CAPS } from '../../../../shared/map/caps';
import { addPiece } from '../../../../shared/map/edits';
import type { Preview, Tool, ToolContext } from './types';

/**
 * Every outline drawn is a piece of the stage: the first one, or another beside those already
 * drawn (refused, with the reason, where it would overlap one). The new piece is selected so
 * its corners can be adjusted at once.
 */
function drawPiece(ctx: ToolContext, outline: Outline): void {
  if (ctx.store.apply((doc) => addPiece(doc, outline, ctx.newId)) !== null) return;
  const added = ctx.store.document.pieces.at(-1);
  if (added) ctx.select({ kind: 'piece', id: added.id });
}

/** Smallest ellipse worth drawing: a drag shorter than this is a stray click. */
const MIN_RADIUS_MM = 0.5;

/** Ellipse by dragging its bounding box; Shift makes a circle. The common first stage. */
export function ellipseTool(): Tool {
  let start: Point | null = null;
  let current: { cx: number; cy: number; rx: number; ry: number } | null = null;
  const shape = (a: Point, b: Point, circle: boolean) => {
    let rx = Math.abs(b.x - a.x) / 2;
    let ry = Math.abs(b.y - a.y) / 2;
    if (circle) rx = ry = Math.max(rx, ry);
    return { cx: a.x + Math.sign(b.x - a.x) * rx, cy: a.y + Math.sign(b.y - a.y) * ry, rx, ry };
  };
  return {
    id: 'ellipse',
    down: (_ctx, e) => {
      start = e.point;
      current = null;
    },
    move: (_ctx, e) => {
      if (start) current = shape(start, e.point, e.shift);
    },
    up: (ctx, e) => {
      if (!start) return;
      const s = shape(start, e.point, e.shift);
      start = null;
      current = null;
      if (s.rx < MIN_RADIUS_MM || s.ry < MIN_RADIUS_MM) return;
      drawPiece(ctx, { kind: 'ellipse', ...s, rotation: 0 });
    },
    cancel: () => {
      start = null;
      current = null;
    },
    preview: (): Preview | null => (current ? { kind: 'ellipse', ...current } : null),
  };
}

/** Polygon by clicks; closes on a click near the first corner, a double click, or Enter. */
export function polygonTool(): Tool {
  let points: Point[] = [];
  let hover: Point | null = null;
  const close = (ctx: ToolContext): boolean => {
    if (points.length < 3) return false;
    const outline = { kind: 'polygon' as const, points };
    points = [];
    hover = null;
    drawPiece(ctx, outline);
    return true;
  };
  return {
    id: 'polygon',
    down: () => {},
    move: (_ctx, e) => {
      hover = e.point;
    },
    up: (ctx, e) => {
      const first = points[0];
      if (first && points.length >= 3 && Math.hypot(first.x - e.point.x, first.y - e.point.y) <= ctx.hitMm) {
        close(ctx);
        return;
      }
      const last = points[points.length - 1];
      // A second click on the same spot is a double click: finish.
      if (last && Math.hypot(last.x - e.point.x, last.y - e.point.y) <= ctx.hitMm / 3) {
        close(ctx);
        return;
      }
      points = [...points, e.point];
    },
    cancel: () => {
      points = [];
      hover = null;
    },
    finish: (ctx) => close(ctx),
    preview: (): Preview | null => (points.length > 0 ? { kind: 'polyline', points: hover ? [...points, hover] : points } : null),
  };
}

/** Freehand outline with a pen or mouse: smoothed, simplified and closed on release. */
export function freehandTool(): Tool {
  let stroke: Point[] | null = null;
  return {
    id: 'freehand',
    down: (_ctx, e) => {
      stroke = [e.point];
    },
    move: (ctx, e) => {
      const last = stroke?.[stroke.length - 1];
      if (stroke && last && Math.hypot(last.x - e.point.x, last.y - e.point.y) >= ctx.hitMm / 6) stroke.push(e.point);
    },
    up: (ctx) => {
      const points = stroke;
      stroke = null;
      if (!points || points.length < 3) return;
      const result = outlineFromFreehand(points);
      if (!result.ok) {
        ctx.store.apply(() => result);
        return;
      }
      // A very long, wavy stroke is simplified further rather than refused for its detail.
      drawPiece(ctx, { kind: 'freehand', points: fitPoints(result.ring, MAP_CAPS.outlinePoints, 0.1, true) });
    },
    cancel: () => {
      stroke = null;
    },
    preview: (): Preview | null => (stroke ? { kind: 'polyline', points: stroke } : null),
  };
}
