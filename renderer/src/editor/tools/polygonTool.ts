import type { Point } from '../../../../shared/geometry/types';
import { drawPiece } from './drawPiece';
import { defineTool, gap, idle, type Idle } from './machine';
import type { Tool, ToolContext } from './types';

type PolygonState = { readonly name: 'drawing'; readonly points: readonly Point[]; readonly hover: Point | null };

/** Closes the outline (3 corners at least): the piece is drawn, the tool is idle again. */
function close(ctx: ToolContext, s: PolygonState | Idle): PolygonState | Idle | null {
  if (s.name === 'idle' || s.points.length < 3) return null;
  drawPiece(ctx, { kind: 'polygon', points: [...s.points] });
  return idle;
}

/** Polygon by clicks (idle → drawing → idle); closes on a click on the first corner, a double click, or Enter. */
export const polygonTool = (): Tool =>
  defineTool<PolygonState>({
    id: 'polygon',
    move: (_ctx, e, s) => (s.name === 'drawing' ? { ...s, hover: e.point } : s),
    up: (ctx, e, s) => {
      const points = s.name === 'drawing' ? s.points : [];
      const first = points[0];
      const last = points[points.length - 1];
      // On the first corner, or a second click on the same spot (a double click): finish.
      const closing = (first && points.length >= 3 && gap(first, e.point) <= ctx.hitMm) || (last && gap(last, e.point) <= ctx.hitMm / 3);
      if (closing) return close(ctx, s) ?? s;
      return { name: 'drawing', points: [...points, e.point], hover: null };
    },
    finish: close,
    preview: (s) => ({ kind: 'polyline', points: s.hover ? [...s.points, s.hover] : s.points }),
  });
