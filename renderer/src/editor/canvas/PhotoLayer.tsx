import { memo } from 'react';
import { drawnPxPerMm, type PhotoFrame } from '../../../../shared/photos/placement';
import type { CanvasPointer } from './pointer';
import { Image, Layer } from './konva';
import { toScreen, type View } from './view';

/** A calibrated photo drawn under the map: its display copy and where its pixels land in the map's frame. */
export interface Underlay {
  readonly id: string;
  readonly image: HTMLImageElement;
  readonly frame: PhotoFrame;
}

/**
 * A placed photo being moved by dragging it on the map (features/photos): while set, the map's
 * pointer gestures go to it instead of the map's tools.
 */
export interface PhotoDrag {
  readonly id: string;
  readonly onPointer: (e: CanvasPointer) => void;
}

/**
 * The wound photos under the map, at 1:1 (shared/photos/placement.ts): one image node each, whose
 * transform puts the photo's centre at its placement and scales its pixels to the view's pixels
 * per millimetre. Its own layer (a canvas) below the grid, memoised on the view and the photos:
 * a drag on the map never redraws it, so a 12-megapixel photo costs a drag nothing.
 */
export const PhotoLayer = memo(function PhotoLayer({ view, underlays }: { readonly view: View; readonly underlays: readonly Underlay[] }) {
  return (
    <Layer listening={false}>
      {underlays.map((u) => {
        const k = drawnPxPerMm(u.frame);
        const p = u.frame.placement;
        const centre = toScreen(view, { x: p.x, y: p.y });
        return (
          <Image
            key={u.id}
            name="photo-underlay"
            image={u.image}
            x={centre.x}
            y={centre.y}
            width={u.frame.width}
            height={u.frame.height}
            offsetX={u.frame.width / 2}
            offsetY={u.frame.height / 2}
            scaleX={view.scale / k}
            scaleY={view.scale / k}
            // The map turns counter-clockwise for a positive angle; Konva's rotation is clockwise on screen.
            rotation={-p.rotationDeg}
            opacity={p.opacity}
          />
        );
      })}
    </Layer>
  );
});
