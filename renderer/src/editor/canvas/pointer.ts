import type { Point } from '../../../../shared/geometry/types';

/** A pointer intent on the map, in millimetres: what the canvas reports and the tools (or a photo being moved) take. */
export interface CanvasPointer {
  readonly type: 'down' | 'move' | 'up' | 'cancel';
  readonly point: Point;
  readonly shift: boolean;
}
