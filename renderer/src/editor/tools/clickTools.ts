import { clockPosition } from '../../../../shared/geometry/clock';
import { centroid } from '../../../../shared/geometry/polygon';
import { addFinding, addInk, addMark } from '../../../../shared/map/edits';
import { blockAt, nearestPiece, sideAt } from './hit';
import { defineTool, idle } from './machine';
import type { PointerEvent, Tool, ToolContext, ToolId } from './types';

type Pressed = { readonly name: 'pointing' };

/** A tool that acts on a click (idle → pointing → idle): what it does happens on release. */
const clickTool = (id: ToolId, click: (ctx: ToolContext, e: PointerEvent) => void): Tool =>
  defineTool<Pressed>({
    id,
    down: () => ({ name: 'pointing' }),
    up: (ctx, e) => {
      click(ctx, e);
      return idle;
    },
  });

const refuse = (ctx: ToolContext, reason: string) => void ctx.store.apply(() => ({ ok: false, reason }));

/** Ink tool: click a block's edge to ink that whole side with the active ink. */
export const inkTool = (): Tool =>
  clickTool('ink', (ctx, e) => {
    const hit = sideAt(ctx.derived(), e.point, ctx.hitMm);
    if (!hit) return refuse(ctx, 'Click on the edge of a block to ink it.');
    ctx.store.apply((doc) => addInk(doc, hit.block.ref.id, ctx.activeInk, { from: hit.side.from, to: hit.side.to }, ctx.newId));
  });

/** Scar, unrelated tumor or a note, placed at a point on a block. */
export const noteTool = (): Tool =>
  clickTool('note', (ctx, e) => {
    const block = blockAt(ctx.derived(), e.point);
    if (!block) return refuse(ctx, 'Click inside a block to place a finding.');
    const finding = { id: ctx.newId(), blockId: block.ref.id, kind: ctx.otherFindingKind, at: e.point, note: '' };
    if (ctx.store.apply((doc) => addFinding(doc, finding)) === null) ctx.select({ kind: 'finding', id: finding.id });
  });

/** Reference mark (nick): click near a piece's outline at the clock hour where the skin was scored. */
export const markTool = (): Tool =>
  clickTool('mark', (ctx, e) => {
    const piece = nearestPiece(ctx.derived(), e.point);
    if (!piece) return refuse(ctx, 'Draw the specimen outline before adding reference marks.');
    const hour = clockPosition(e.point, centroid(piece.outline)) || 12;
    ctx.store.apply((doc) => addMark(doc, piece.piece.id, hour, ctx.newId));
  });
