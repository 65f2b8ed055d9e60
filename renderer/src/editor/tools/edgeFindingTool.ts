import type { Point } from '../../../../shared/geometry/types';
import { addFinding } from '../../../../shared/map/edits';
import { projectOnRing, walkRing } from '../../../../shared/map/ringWalk';
import { sideAt } from './hit';
import { defineTool, gap, idle } from './machine';
import type { Tool } from './types';

/** Pressed on a side of a block; dragging along the edge picks a stretch of it. */
type Start = { readonly blockId: string; readonly from: Point; readonly sideFrom: Point; readonly sideTo: Point };
type EdgeState = { readonly name: 'pointing'; readonly start: Start } | { readonly name: 'dragging'; readonly start: Start; readonly stretch: readonly Point[] };

/**
 * Marks a stretch of a block's edge in one gesture (idle → pointing → dragging → idle): a
 * click takes the whole side, a drag along the edge takes just the stretch dragged over.
 * Used for tumor at the peripheral margin (outline sides only) and for edges that could not
 * be evaluated (any side).
 */
export const edgeFindingTool = (kind: 'tumor-peripheral' | 'incomplete'): Tool =>
  defineTool<EdgeState>({
    id: kind === 'tumor-peripheral' ? 'tumor-edge' : 'incomplete',
    down: (ctx, e) => {
      const hit = sideAt(ctx.derived(), e.point, ctx.hitMm, kind === 'tumor-peripheral' ? 'peripheral' : undefined);
      if (!hit) {
        const where = kind === 'tumor-peripheral' ? 'the outer (peripheral) edge of a block' : 'the edge of a block';
        ctx.store.apply(() => ({ ok: false, reason: `Press on ${where} to mark it.` }));
        return idle;
      }
      const from = projectOnRing(hit.block.ring, e.point).point;
      return { name: 'pointing', start: { blockId: hit.block.ref.id, from, sideFrom: hit.side.from, sideTo: hit.side.to } };
    },
    move: (ctx, e, s) => {
      if (s.name === 'idle') return s;
      const block = ctx.derived().blocks.find((b) => b.ref.id === s.start.blockId);
      if (!block) return s;
      const to = projectOnRing(block.ring, e.point).point;
      // Back within half a hit of the press: a click again, the whole side.
      if (gap(to, s.start.from) <= ctx.hitMm / 2) return { name: 'pointing', start: s.start };
      return { name: 'dragging', start: s.start, stretch: orderedStretch(block.ring, s.start.from, to) };
    },
    up: (ctx, _e, s) => {
      if (s.name === 'idle') return s;
      if (!ctx.derived().blocks.some((b) => b.ref.id === s.start.blockId)) return idle;
      const dragged = s.name === 'dragging' && s.stretch.length > 1 ? s.stretch : null;
      const stretch = dragged ? { from: dragged[0] as Point, to: dragged[dragged.length - 1] as Point } : { from: s.start.sideFrom, to: s.start.sideTo };
      const finding = { id: ctx.newId(), blockId: s.start.blockId, kind, stretch, note: '' } as const;
      if (ctx.store.apply((doc) => addFinding(doc, finding)) === null) ctx.select({ kind: 'finding', id: finding.id });
      return idle;
    },
    preview: (s) => (s.name === 'dragging' ? { kind: 'stretch', points: s.stretch, color: kind === 'tumor-peripheral' ? '#c62828' : '#7a5c00' } : null),
  });

/** The shorter way round the ring between two boundary points, as a counter-clockwise stretch. */
function orderedStretch(ring: readonly Point[], a: Point, b: Point): Point[] {
  const forward = walkRing(ring, a, b);
  const backward = walkRing(ring, b, a);
  return pathLength(forward) <= pathLength(backward) ? forward : backward;
}

const pathLength = (path: readonly Point[]) => path.slice(1).reduce((sum, p, i) => sum + gap(p, path[i] as Point), 0);
