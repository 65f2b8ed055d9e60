import { INK_PALETTE } from '../catalog/inkPalette';
import type { Point, Ring } from '../geometry/types';
import { capsProblem } from './caps';
import { deriveStage } from './derive';
import { mapDocumentSchema, type InkMark, type MapDocument, type Stretch } from './document';
import { projectOnRing } from './ringWalk';

/**
 * An ink marks a stretch of its own block's edge: both its ends lie on that block's boundary.
 * The drawing snaps an ink onto its block's boundary, so an ink stored anywhere else would be
 * printed somewhere it was never put; such a map is refused, not drawn.
 */

/** How far an ink's end may lie from its block's boundary: a micrometre, far below drawing, above rounding. */
export const ON_EDGE_MM = 0.001;

/** Nearer than this, an end left off the boundary by a reshaped outline or cut moves onto it; farther, its edge is gone. */
export const SNAP_MM = 0.5;

const offBy = (ring: Ring, p: Point): number => projectOnRing(ring, p).distance;

/** Whether both ends of the stretch lie on the ring. */
export const onEdge = (ring: Ring, s: Stretch): boolean => offBy(ring, s.from) <= ON_EDGE_MM && offBy(ring, s.to) <= ON_EDGE_MM;

const inkName = (ink: InkMark): string => INK_PALETTE.find((i) => i.id === ink.ink)?.name.toLowerCase() ?? ink.ink;

/**
 * Why some ink of the map is not on its block's edge, or null. A map that cannot be divided
 * has no block edges to check; saving it is refused for that reason instead.
 */
export function inkProblem(doc: MapDocument): string | null {
  // Over the caps, dividing would cost too much: the caps' own message refuses the map.
  if (doc.inks.length === 0 || capsProblem(doc) !== null) return null;
  const derived = deriveStage(doc, 1, 'stage-dash-number');
  if (derived.divisionProblem !== null) return null;
  const rings = new Map(derived.blocks.map((b) => [b.ref.id, b]));
  for (const ink of doc.inks) {
    const block = rings.get(ink.blockId);
    if (!block) continue; // not a block of the map: refused as such (mapDocumentSchema, the store)
    if (!onEdge(block.ring, ink.stretch)) {
      return `The ${inkName(ink)} ink of block ${block.ref.number} is not on that block's edge; undo the last change, or ink the edge again.`;
    }
  }
  return null;
}

/**
 * After a block's shape changes, its inks follow its edge: an end slightly off the new
 * boundary moves onto it; an ink with an end far from it is dropped (the edge it marked no
 * longer bounds this block).
 */
export function inksOnEdges(inks: readonly InkMark[], ringOf: (blockId: string) => Ring | undefined): InkMark[] {
  const kept: InkMark[] = [];
  for (const ink of inks) {
    const ring = ringOf(ink.blockId);
    if (!ring) {
      kept.push(ink);
      continue;
    }
    if (onEdge(ring, ink.stretch)) {
      kept.push(ink);
      continue;
    }
    const from = projectOnRing(ring, ink.stretch.from);
    const to = projectOnRing(ring, ink.stretch.to);
    if (from.distance > SNAP_MM || to.distance > SNAP_MM) continue;
    kept.push({ ...ink, stretch: { from: from.point, to: to.point } });
  }
  return kept;
}

/** The map of a save request: within the caps, and every ink on its own block's edge. */
export const savedMapSchema = mapDocumentSchema.superRefine((doc, ctx) => {
  const problem = inkProblem(doc);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
