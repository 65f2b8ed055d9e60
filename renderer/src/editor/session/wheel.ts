import type { Point } from '../../../../shared/geometry/types';
import { zoomAt, type View } from '../canvas/view';

/** What a wheel event says, as the map reads it. */
export interface WheelLike {
  readonly deltaX: number;
  readonly deltaY: number;
  /** 0 pixels, 1 lines, 2 pages (WheelEvent.deltaMode). */
  readonly deltaMode: number;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
}

const LINE_PX = 16;
/** Zoom per wheel pixel: one notch of a mouse wheel (100 px) zooms about 16 %. */
const ZOOM_PER_PX = 0.0015;

/**
 * The wheel over the map, as in design tools: a plain wheel or two-finger scroll pans,
 * Shift+wheel pans sideways, Ctrl/⌘+wheel zooms at the pointer (a trackpad pinch arrives as
 * a Ctrl+wheel too).
 */
export function wheelView(v: View, at: Point, e: WheelLike): View {
  const unit = e.deltaMode === 1 ? LINE_PX : e.deltaMode === 2 ? 400 : 1;
  const dx = e.deltaX * unit;
  const dy = e.deltaY * unit;
  if (e.ctrlKey || e.metaKey) return zoomAt(v, at, Math.exp(-dy * ZOOM_PER_PX));
  // A mouse wheel has only deltaY: Shift turns it sideways.
  if (e.shiftKey && dx === 0) return { ...v, ox: v.ox - dy };
  return { ...v, ox: v.ox - dx, oy: v.oy - dy };
}
