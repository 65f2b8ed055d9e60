import type { ReactNode } from 'react';
import { Group } from './konva';
import type { Point } from '../../../../shared/geometry/types';

/**
 * Children drawn in screen pixels around a map point, inside a layer that draws the map to
 * scale: the group undoes the layer's zoom and its y flip, so text is never mirrored and
 * symbols keep their size at any zoom.
 */
export function AtScreen({ at, scale, name, children }: { readonly at: Point; readonly scale: number; readonly name?: string; readonly children: ReactNode }) {
  return (
    <Group name={name} x={at.x} y={at.y} scaleX={1 / scale} scaleY={-1 / scale} listening={false}>
      {children}
    </Group>
  );
}
