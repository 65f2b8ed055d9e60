import type { Point } from '../../../../shared/geometry/types';
import { drawPiece } from './drawPiece';
import { defineTool, idle } from './machine';
import type { Tool } from './types';

/** Smallest ellipse worth drawing: a drag shorter than this is a stray click. */
const MIN_RADIUS_MM = 0.5;

type Box = { readonly cx: number; readonly cy: number; readonly rx: number; readonly ry: number };
type EllipseState = { readonly name: 'pointing'; readonly start: Point } | { readonly name: 'dragging'; readonly start: Point; readonly box: Box };

/** The ellipse in the box from `a` to `b`; Shift makes a circle. */
function box(a: Point, b: Point, circle: boolean): Box {
  let rx = Math.abs(b.x - a.x) / 2;
  let ry = Math.abs(b.y - a.y) / 2;
  if (circle) rx = ry = Math.max(rx, ry);
  return { cx: a.x + Math.sign(b.x - a.x) * rx, cy: a.y + Math.sign(b.y - a.y) * ry, rx, ry };
}

/** Ellipse by dragging its bounding box (idle → pointing → dragging → idle). The common first stage. */
export const ellipseTool = (): Tool =>
  defineTool<EllipseState>({
    id: 'ellipse',
    down: (_ctx, e) => ({ name: 'pointing', start: e.point }),
    move: (_ctx, e, s) => (s.name === 'idle' ? s : { name: 'dragging', start: s.start, box: box(s.start, e.point, e.shift) }),
    up: (ctx, e, s) => {
      if (s.name === 'idle') return s;
      const b = box(s.start, e.point, e.shift);
      if (b.rx >= MIN_RADIUS_MM && b.ry >= MIN_RADIUS_MM) drawPiece(ctx, { kind: 'ellipse', ...b, rotation: 0 });
      return idle;
    },
    preview: (s) => (s.name === 'dragging' ? { kind: 'ellipse', ...s.box } : null),
  });
