import type { Outline } from '../../../../shared/map/document';
import { addPiece } from '../../../../shared/map/edits';
import type { ToolContext } from './types';

/**
 * Every outline drawn is a piece of the stage: the first one, or another beside those already
 * drawn (refused, with the reason, where it would overlap one). The new piece is selected so
 * its corners can be adjusted at once.
 */
export function drawPiece(ctx: ToolContext, outline: Outline): void {
  if (ctx.store.apply((doc) => addPiece(doc, outline, ctx.newId)) !== null) return;
  const added = ctx.store.document.pieces.at(-1);
  if (added) ctx.select({ kind: 'piece', id: added.id });
}
