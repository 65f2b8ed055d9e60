import { simplifyPath } from '../../../../shared/geometry/shapes';
import type { Point } from '../../../../shared/geometry/types';
import { fitPoints, MAP_CAPS } from '../../../../shared/map/caps';
import { addCut } from '../../../../shared/map/edits';
import type { Preview, Tool } from './types';

/**
 * A free cut line dragged across the specimen. A nearly straight stroke becomes a straight
 * cut (simplification); Shift forces a straight line from start to end.
 */
export function cutTool(): Tool {
  let stroke: Point[] | null = null;
  let straight = false;
  return {
    id: 'cut',
    down: (_ctx, e) => {
      stroke = [e.point];
      straight = e.shift;
    },
    move: (ctx, e) => {
      if (!stroke) return;
      straight ||= e.shift;
      const last = stroke[stroke.length - 1] as Point;
      if (Math.hypot(last.x - e.point.x, last.y - e.point.y) >= ctx.hitMm / 6) stroke.push(e.point);
    },
    up: (ctx, e) => {
      const points = stroke;
      stroke = null;
      if (!points) return;
      const all = [...points, e.point];
      const first = all[0] as Point;
      if (Math.hypot(e.point.x - first.x, e.point.y - first.y) < ctx.hitMm) return; // a click, not a cut
      const tolerance = Math.max(0.2, ctx.hitMm / 4);
      // A very long, wavy stroke is simplified further rather than refused for its detail.
      const line = straight ? [first, e.point] : fitPoints(simplifyPath(all, tolerance), MAP_CAPS.cutPoints, tolerance, false);
      ctx.store.apply((doc) => addCut(doc, line, ctx.newId));
    },
    cancel: () => {
      stroke = null;
    },
    preview: (): Preview | null => (stroke ? { kind: 'polyline', points: straight && stroke.length > 1 ? [stroke[0] as Point, stroke[stroke.length - 1] as Point] : stroke } : null),
  };
}
