import { containsPoint } from '../../../../shared/geometry/polygon';
import { distanceToSegment } from '../../../../shared/geometry/segment';
import type { Point } from '../../../../shared/geometry/types';
import type { DerivedBlock, DerivedPiece, DerivedStage, Side } from '../../../../shared/map/derive';
import { walkRing } from '../../../../shared/map/ringWalk';
import { length } from '../../../../shared/geometry/vec';

/** Distance from a point to a polyline. */
export function distanceToPath(p: Point, path: readonly Point[]): number {
  let d = Number.POSITIVE_INFINITY;
  for (let i = 0; i + 1 < path.length; i++) d = Math.min(d, distanceToSegment(p, path[i] as Point, path[i + 1] as Point));
  return d;
}

export function blockAt(derived: DerivedStage, p: Point): DerivedBlock | null {
  return derived.blocks.find((b) => containsPoint(b.ring, p)) ?? null;
}

/**
 * The block side a click means: the side of the block under the pointer (a cut has a side
 * on each of its two blocks) nearest to it, within the hit distance.
 */
export function sideAt(derived: DerivedStage, p: Point, hitMm: number, kind?: Side['kind']): { block: DerivedBlock; side: Side } | null {
  let best: { block: DerivedBlock; side: Side; d: number; inside: boolean } | null = null;
  for (const block of derived.blocks) {
    const inside = containsPoint(block.ring, p);
    for (const side of block.sides) {
      if (kind && side.kind !== kind) continue;
      const d = distanceToPath(p, side.points);
      if (d > hitMm) continue;
      // Prefer the block the pointer is in, then the nearer side.
      if (!best || (inside && !best.inside) || (inside === best.inside && d < best.d)) best = { block, side, d, inside };
    }
  }
  return best && { block: best.block, side: best.side };
}

/** The ink or finding stretch under the pointer, for selection. */
export function stretchItemAt(derived: DerivedStage, p: Point, hitMm: number): { kind: 'ink' | 'finding'; id: string } | null {
  for (const block of derived.blocks) {
    for (const f of block.findings) {
      if (f.kind === 'tumor-peripheral' || f.kind === 'incomplete') {
        if (distanceToPath(p, walkRing(block.ring, f.stretch.from, f.stretch.to)) <= hitMm) return { kind: 'finding', id: f.id };
      } else if (f.kind === 'tumor-deep') {
        if (containsPoint(f.area, p)) return { kind: 'finding', id: f.id };
      } else if (length(f.at.x - p.x, f.at.y - p.y) <= hitMm * 1.5) return { kind: 'finding', id: f.id };
    }
    for (const k of block.inks) {
      if (distanceToPath(p, walkRing(block.ring, k.stretch.from, k.stretch.to)) <= hitMm) return { kind: 'ink', id: k.id };
    }
  }
  return null;
}

/** The piece under the pointer. */
export function pieceAt(derived: DerivedStage, p: Point): DerivedPiece | null {
  return derived.pieces.find((x) => containsPoint(x.outline, p)) ?? null;
}

/** The piece a click means when it may fall just outside an outline: the one it is in, else the one whose outline is nearest. */
export function nearestPiece(derived: DerivedStage, p: Point): DerivedPiece | null {
  const inside = pieceAt(derived, p);
  if (inside) return inside;
  let best: { piece: DerivedPiece; d: number } | null = null;
  for (const piece of derived.pieces) {
    const d = distanceToPath(p, [...piece.outline, piece.outline[0] as Point]);
    if (!best || d < best.d) best = { piece, d };
  }
  return best?.piece ?? null;
}

/** The piece whose outline runs under the pointer, within the hit distance. */
export function outlineAt(derived: DerivedStage, p: Point, hitMm: number): DerivedPiece | null {
  return derived.pieces.find((x) => distanceToPath(p, [...x.outline, x.outline[0] as Point]) <= hitMm) ?? null;
}
