import type { Point } from '../../../../shared/geometry/types';
import type { DerivedStage } from '../../../../shared/map/derive';
import type { Outline } from '../../../../shared/map/document';
import { markPosition } from '../../map/markPosition';
import { length } from '../../../../shared/geometry/vec';

// Where a mark sits is shared with the printed sheet: map/markPosition.ts.
export { markPosition };

/** A grip the select tool can drag: a polygon corner, or an ellipse's axis end. */
export type Handle =
  | { readonly kind: 'vertex'; readonly index: number; readonly at: Point }
  | { readonly kind: 'ellipse-rx' | 'ellipse-ry'; readonly at: Point };

export function outlineHandles(outline: Outline | null): Handle[] {
  if (!outline) return [];
  if (outline.kind !== 'ellipse') return outline.points.map((at, index) => ({ kind: 'vertex', index, at }));
  const c = Math.cos(outline.rotation);
  const s = Math.sin(outline.rotation);
  return [
    { kind: 'ellipse-rx', at: { x: outline.cx + outline.rx * c, y: outline.cy + outline.rx * s } },
    { kind: 'ellipse-ry', at: { x: outline.cx - outline.ry * s, y: outline.cy + outline.ry * c } },
  ];
}

export function handleAt(outline: Outline | null, p: Point, hitMm: number): Handle | null {
  let best: { h: Handle; d: number } | null = null;
  for (const h of outlineHandles(outline)) {
    const d = length(h.at.x - p.x, h.at.y - p.y);
    if (d <= hitMm && (!best || d < best.d)) best = { h, d };
  }
  return best?.h ?? null;
}

/** The reference mark under the pointer, on whichever piece it is. */
export function markNear(derived: DerivedStage, p: Point, hitMm: number): { id: string; pieceId: string } | null {
  for (const piece of derived.pieces) {
    const mark = piece.piece.marks.find((m) => {
      const { at } = markPosition(piece.outline, m.hour);
      return length(at.x - p.x, at.y - p.y) <= hitMm * 1.5;
    });
    if (mark) return { id: mark.id, pieceId: piece.piece.id };
  }
  return null;
}
