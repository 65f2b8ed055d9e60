import { simplifyPath } from '../../../../shared/geometry/shapes';
import type { Point } from '../../../../shared/geometry/types';
import { fitPoints, MAP_CAPS } from '../../../../shared/map/caps';
import { addCut } from '../../../../shared/map/edits';
import { defineTool, gap, idle } from './machine';
import type { Tool } from './types';

/** The stroke grows in place; `straight` once Shift was held at any point of it. */
type CutState = { readonly name: 'drawing'; readonly stroke: Point[]; straight: boolean };

/**
 * A free cut line dragged across the specimen (idle → drawing → idle). A nearly straight
 * stroke becomes a straight cut (simplification); Shift forces a straight line from start to end.
 */
export const cutTool = (): Tool =>
  defineTool<CutState>({
    id: 'cut',
    down: (_ctx, e) => ({ name: 'drawing', stroke: [e.point], straight: e.shift }),
    move: (ctx, e, s) => {
      if (s.name === 'idle') return s;
      s.straight ||= e.shift;
      if (gap(s.stroke[s.stroke.length - 1] as Point, e.point) >= ctx.hitMm / 6) s.stroke.push(e.point);
      return s;
    },
    up: (ctx, e, s) => {
      if (s.name === 'idle') return s;
      const first = s.stroke[0] as Point;
      if (gap(e.point, first) < ctx.hitMm) return idle; // a click, not a cut
      const tolerance = Math.max(0.2, ctx.hitMm / 4);
      // A very long, wavy stroke is simplified further rather than refused for its detail.
      const line = s.straight ? [first, e.point] : fitPoints(simplifyPath([...s.stroke, e.point], tolerance), MAP_CAPS.cutPoints, tolerance, false);
      ctx.store.apply((doc) => addCut(doc, line, ctx.newId));
      return idle;
    },
    preview: (s) => ({ kind: 'polyline', points: s.straight && s.stroke.length > 1 ? [s.stroke[0] as Point, s.stroke[s.stroke.length - 1] as Point] : s.stroke }),
  });
