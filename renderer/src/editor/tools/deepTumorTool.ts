import type { Point } from '../../../../shared/geometry/types';
import { fitPoints, MAP_CAPS } from '../../../../shared/map/caps';
import { addFinding } from '../../../../shared/map/edits';
import { blockAt } from './hit';
import { defineTool, gap, idle } from './machine';
import type { Tool } from './types';

/** The lasso grows in place while it is drawn, on the block it was started in. */
type LassoState = { readonly name: 'drawing'; readonly blockId: string; readonly lasso: Point[] };

/** Tumor at the deep margin: lasso the area on a block, a click marks the whole block (idle → drawing → idle). */
export const deepTumorTool = (): Tool =>
  defineTool<LassoState>({
    id: 'tumor-deep',
    down: (ctx, e) => {
      const block = blockAt(ctx.derived(), e.point);
      if (block) return { name: 'drawing', blockId: block.ref.id, lasso: [e.point] };
      ctx.store.apply(() => ({ ok: false, reason: 'Press inside a block to mark tumor at its deep margin.' }));
      return idle;
    },
    move: (ctx, e, s) => {
      if (s.name === 'drawing' && gap(s.lasso[s.lasso.length - 1] as Point, e.point) >= ctx.hitMm / 6) s.lasso.push(e.point);
      return s;
    },
    up: (ctx, _e, s) => {
      if (s.name === 'idle') return s;
      const block = ctx.derived().blocks.find((b) => b.ref.id === s.blockId);
      if (!block) return idle;
      const points = s.lasso;
      const spread = Math.max(...points.map((p) => gap(p, points[0] as Point)));
      // The drawn area is kept as drawn (a very long lasso simplified to fit); the map shows it clipped to its block.
      const area = fitPoints(points.length >= 3 && spread > ctx.hitMm ? points : [...block.ring], MAP_CAPS.areaPoints, 0.05, true);
      const finding = { id: ctx.newId(), blockId: s.blockId, kind: 'tumor-deep' as const, area, note: '' };
      if (ctx.store.apply((doc) => addFinding(doc, finding)) === null) ctx.select({ kind: 'finding', id: finding.id });
      return idle;
    },
    preview: (s) => ({ kind: 'lasso', points: s.lasso }),
  });
