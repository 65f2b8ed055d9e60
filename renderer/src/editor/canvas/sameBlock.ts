import type { Point } from '../../../../shared/geometry/types';
import type { DerivedBlock } from '../../../../shared/map/derive';

/**
 * Whether a block will draw the same as before. Every edit re-derives all blocks (new
 * objects), but a drag changes only those touching what moves; comparing content lets the
 * others skip re-rendering.
 */
export function sameBlock(a: DerivedBlock, b: DerivedBlock): boolean {
  return sameButRing(a, b) && sameRing(a.ring, b.ring);
}

/** Whether two blocks draw the same but for their ring: the same label, anchor, result, inks and findings. */
export function sameButRing(a: DerivedBlock, b: DerivedBlock): boolean {
  return a.label === b.label && a.ref === b.ref && a.result.status === b.result.status && sameItems(a.inks, b.inks) && sameItems(a.findings, b.findings);
}

const sameItems = <T,>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function sameRing(a: readonly Point[], b: readonly Point[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const p = a[i] as Point;
    const q = b[i] as Point;
    if (p.x !== q.x || p.y !== q.y) return false;
  }
  return true;
}
