import { INK_PALETTE } from '../../../../shared/catalog/inkPalette';
import { clockPosition } from '../../../../shared/geometry/clock';
import { centroid } from '../../../../shared/geometry/polygon';
import type { Point } from '../../../../shared/geometry/types';
import { fitPoints, MAP_CAPS } from '../../../../shared/map/caps';
import { addFinding, addInk, addMark } from '../../../../shared/map/edits';
import { projectOnRing, walkRing } from '../../../../shared/map/ringWalk';
import { blockAt, nearestPiece, sideAt } from './hit';
import type { Preview, Tool, ToolContext } from './types';

const inkColor = (id: string) => INK_PALETTE.find((i) => i.id === id)?.color ?? '#000';

/** Ink tool: click a block's edge to ink that whole side with the active ink. */
export function inkTool(): Tool {
  return {
    id: 'ink',
    down: () => {},
    move: () => {},
    up: (ctx, e) => {
      const hit = sideAt(ctx.derived(), e.point, ctx.hitMm);
      if (!hit) {
        ctx.store.apply(() => ({ ok: false, reason: 'Click on the edge of a block to ink it.' }));
        return;
      }
      ctx.store.apply((doc) => addInk(doc, hit.block.ref.id, ctx.activeInk, { from: hit.side.from, to: hit.side.to }, ctx.newId));
    },
    cancel: () => {},
    preview: () => null,
  };
}

/**
 * Marks a stretch of a block's edge in one gesture: a click takes the whole side, a drag
 * along the edge takes just the stretch dragged over. Used for tumor at the peripheral
 * margin (outline sides only) and for edges that could not be evaluated (any side).
 */
export function edgeFindingTool(kind: 'tumor-peripheral' | 'incomplete'): Tool {
  let start: { blockId: string; from: Point; sideFrom: Point; sideTo: Point } | null = null;
  let current: Point[] | null = null;
  const id = kind === 'tumor-peripheral' ? 'tumor-edge' : 'incomplete';
  const sideKind = kind === 'tumor-peripheral' ? ('peripheral' as const) : undefined;
  return {
    id,
    down: (ctx, e) => {
      const hit = sideAt(ctx.derived(), e.point, ctx.hitMm, sideKind);
      if (!hit) {
        const where = kind === 'tumor-peripheral' ? 'the outer (peripheral) edge of a block' : 'the edge of a block';
        ctx.store.apply(() => ({ ok: false, reason: `Press on ${where} to mark it.` }));
        return;
      }
      const at = projectOnRing(hit.block.ring, e.point).point;
      start = { blockId: hit.block.ref.id, from: at, sideFrom: hit.side.from, sideTo: hit.side.to };
      current = null;
    },
    move: (ctx, e) => {
      if (!start) return;
      const block = ctx.derived().blocks.find((b) => b.ref.id === start?.blockId);
      if (!block) return;
      const to = projectOnRing(block.ring, e.point).point;
      current = Math.hypot(to.x - start.from.x, to.y - start.from.y) > ctx.hitMm / 2 ? orderedStretch(block.ring, start.from, to) : null;
    },
    up: (ctx) => {
      const s = start;
      start = null;
      const dragged = current;
      current = null;
      if (!s) return;
      const block = ctx.derived().blocks.find((b) => b.ref.id === s.blockId);
      if (!block) return;
      let stretch = { from: s.sideFrom, to: s.sideTo };
      if (dragged && dragged.length > 1) stretch = { from: dragged[0] as Point, to: dragged[dragged.length - 1] as Point };
      const finding = { id: ctx.newId(), blockId: s.blockId, kind, stretch, note: '' } as const;
      ctx.store.apply((doc) => addFinding(doc, finding));
      ctx.select({ kind: 'finding', id: finding.id });
    },
    cancel: () => {
      start = null;
      current = null;
    },
    preview: (): Preview | null =>
      current ? { kind: 'stretch', points: current, color: kind === 'tumor-peripheral' ? '#c62828' : '#7a5c00' } : null,
  };
}

/** The shorter way round the ring between two boundary points, as a counter-clockwise stretch. */
function orderedStretch(ring: readonly Point[], a: Point, b: Point): Point[] {
  const forward = walkRing(ring, a, b);
  const backward = walkRing(ring, b, a);
  return pathLength(forward) <= pathLength(backward) ? forward : backward;
}

const pathLength = (path: readonly Point[]) =>
  path.slice(1).reduce((sum, p, i) => sum + Math.hypot(p.x - (path[i] as Point).x, p.y - (path[i] as Point).y), 0);

/** Tumor at the deep margin: lasso the area on a block (a click marks the whole block). */
export function deepTumorTool(): Tool {
  let lasso: Point[] | null = null;
  let blockId: string | null = null;
  return {
    id: 'tumor-deep',
    down: (ctx, e) => {
      const block = blockAt(ctx.derived(), e.point);
      if (!block) {
        ctx.store.apply(() => ({ ok: false, reason: 'Press inside a block to mark tumor at its deep margin.' }));
        return;
      }
      blockId = block.ref.id;
      lasso = [e.point];
    },
    move: (ctx, e) => {
      const last = lasso?.[lasso.length - 1];
      if (lasso && last && Math.hypot(last.x - e.point.x, last.y - e.point.y) >= ctx.hitMm / 6) lasso.push(e.point);
    },
    up: (ctx) => {
      const points = lasso;
      const id = blockId;
      lasso = null;
      blockId = null;
      if (!points || !id) return;
      const block = ctx.derived().blocks.find((b) => b.ref.id === id);
      if (!block) return;
      const spread = Math.max(...points.map((p) => Math.hypot(p.x - (points[0] as Point).x, p.y - (points[0] as Point).y)));
      // The drawn area is kept as drawn (a very long lasso simplified to fit); the map shows it clipped to its block.
      const area = fitPoints(points.length >= 3 && spread > ctx.hitMm ? points : [...block.ring], MAP_CAPS.areaPoints, 0.05, true);
      const finding = { id: ctx.newId(), blockId: id, kind: 'tumor-deep' as const, area, note: '' };
      ctx.store.apply((doc) => addFinding(doc, finding));
      ctx.select({ kind: 'finding', id: finding.id });
    },
    cancel: () => {
      lasso = null;
      blockId = null;
    },
    preview: (): Preview | null => (lasso ? { kind: 'lasso', points: lasso } : null),
  };
}

/** Scar, unrelated tumor or a note, placed at a point on a block. */
export function noteTool(): Tool {
  return {
    id: 'note',
    down: () => {},
    move: () => {},
    up: (ctx, e) => {
      const block = blockAt(ctx.derived(), e.point);
      if (!block) {
        ctx.store.apply(() => ({ ok: false, reason: 'Click inside a block to place a finding.' }));
        return;
      }
      const finding = { id: ctx.newId(), blockId: block.ref.id, kind: ctx.otherFindingKind, at: e.point, note: '' };
      ctx.store.apply((doc) => addFinding(doc, finding));
      ctx.select({ kind: 'finding', id: finding.id });
    },
    cancel: () => {},
    preview: () => null,
  };
}

/** Reference mark (nick): click near a piece's outline at the clock hour where the skin was scored. */
export function markTool(): Tool {
  return {
    id: 'mark',
    down: () => {},
    move: () => {},
    up: (ctx: ToolContext, e) => {
      const piece = nearestPiece(ctx.derived(), e.point);
      if (!piece) {
        ctx.store.apply(() => ({ ok: false, reason: 'Draw the specimen outline before adding reference marks.' }));
        return;
      }
      const hour = clockPosition(e.point, centroid(piece.outline)) || 12;
      ctx.store.apply((doc) => addMark(doc, piece.piece.id, hour, ctx.newId));
    },
    cancel: () => {},
    preview: () => null,
  };
}

export { inkColor };
