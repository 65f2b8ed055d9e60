import { clockDirection } from '../../../../shared/geometry/clock';
import { centroid } from '../../../../shared/geometry/polygon';
import type { Point, Ring } from '../../../../shared/geometry/types';
import type { DerivedStage } from '../../../../shared/map/derive';
import type { Outline } from '../../../../shared/map/document';

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
    const d = Math.hypot(h.at.x - p.x, h.at.y - p.y);
    if (d <= hitMm && (!best || d < best.d)) best = { h, d };
  }
  return best?.h ?? null;
}

/** Where a reference mark sits: on the outline at its clock hour, seen from the outline's centre. */
export function markPosition(ring: Ring, hour: number): { at: Point; direction: Point } {
  const c = centroid(ring);
  const direction = clockDirection(hour);
  // Walk out from the centre until leaving the outline's bounding radius, then back to the edge.
  let best: Point = c;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] as Point;
    const b = ring[(i + 1) % ring.length] as Point;
    const hit = rayHit(c, direction, a, b);
    if (hit && Math.hypot(hit.x - c.x, hit.y - c.y) > Math.hypot(best.x - c.x, best.y - c.y)) best = hit;
  }
  return { at: best, direction };
}

function rayHit(o: Point, d: Point, a: Point, b: Point): Point | null {
  const ex = b.x - a.x;
  const ey = b.y - a.y;
  const denom = d.x * ey - d.y * ex;
  if (Math.abs(denom) < 1e-12) return null;
  const t = ((a.x - o.x) * ey - (a.y - o.y) * ex) / denom;
  const u = ((a.x - o.x) * d.y - (a.y - o.y) * d.x) / denom;
  return t >= 0 && u >= 0 && u <= 1 ? { x: o.x + t * d.x, y: o.y + t * d.y } : null;
}

/** The reference mark under the pointer, on whichever piece it is. */
export function markNear(derived: DerivedStage, p: Point, hitMm: number): { id: string; pieceId: string } | null {
  for (const piece of derived.pieces) {
    const mark = piece.piece.marks.find((m) => {
      const { at } = markPosition(piece.outline, m.hour);
      return Math.hypot(at.x - p.x, at.y - p.y) <= hitMm * 1.5;
    });
    if (mark) return { id: mark.id, pieceId: piece.piece.id };
  }
  return null;
}
