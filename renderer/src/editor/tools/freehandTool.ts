import { outlineFromFreehand } from '../../../../shared/geometry/shapes';
import type { Point } from '../../../../shared/geometry/types';
import { fitPoints, MAP_CAPS } from '../../../../shared/map/caps';
import { drawPiece } from './drawPiece';
import { defineTool, gap, idle } from './machine';
import type { Tool } from './types';

/** The stroke grows in place: copying it on every move would cost more the longer it gets. */
type FreehandState = { readonly name: 'drawing'; readonly stroke: Point[] };

/** Freehand outline with a pen or mouse (idle → drawing → idle): smoothed, simplified and closed on release. */
export const freehandTool = (): Tool =>
  defineTool<FreehandState>({
    id: 'freehand',
    down: (_ctx, e) => ({ name: 'drawing', stroke: [e.point] }),
    move: (ctx, e, s) => {
      if (s.name === 'drawing' && gap(s.stroke[s.stroke.length - 1] as Point, e.point) >= ctx.hitMm / 6) s.stroke.push(e.point);
      return s;
    },
    up: (ctx, _e, s) => {
      if (s.name === 'idle' || s.stroke.length < 3) return idle;
      const result = outlineFromFreehand(s.stroke);
      // A shape that cannot be an outline is refused with its reason.
      if (!result.ok) ctx.store.apply(() => result);
      // A very long, wavy stroke is simplified further rather than refused for its detail.
      else drawPiece(ctx, { kind: 'freehand', points: fitPoints(result.ring, MAP_CAPS.outlinePoints, 0.1, true) });
      return idle;
    },
    preview: (s) => ({ kind: 'polyline', points: s.stroke }),
  });
