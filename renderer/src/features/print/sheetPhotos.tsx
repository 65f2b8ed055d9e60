import { drawnPxPerMm, type PhotoFrame } from '../../../../shared/photos/placement';
import type { Point } from '../../../../shared/geometry/types';
import { call } from '../../api/client';

/** A calibrated photo as the sheet prints it: its display copy (a data URL) where the map has it. */
export interface SheetPhoto {
  readonly id: string;
  readonly href: string;
  readonly frame: PhotoFrame;
}

/** The lesion's photos shown under its map, with their display copies; a picture that cannot be read fails the sheet. */
export async function sheetPhotos(lesionId: string): Promise<SheetPhoto[]> {
  const list = await call('photos.list', { lesionId });
  if (!list.ok) throw list.error;
  const shown = list.value.filter((p) => p.calibration && p.placement?.shown);
  return Promise.all(
    shown.map(async (p) => {
      const picture = await call('photos.picture', { id: p.id, copy: 'display' });
      if (!picture.ok) throw picture.error;
      return {
        id: p.id,
        href: `data:${picture.value.mime};base64,${picture.value.data}`,
        frame: { width: p.displayWidth, height: p.displayHeight, calibration: p.calibration!, placement: p.placement!, scale: p.displayWidth / p.width },
      };
    }),
  );
}

/**
 * The photo in the sheet's SVG, whose units are map millimetres with y down: `at` gives a map
 * point's SVG position. Sized by its calibration, turned as placed (counter-clockwise on the
 * map is a negative SVG rotation), at its opacity; the SVG's viewport crops it to the map's frame.
 */
export function SheetPhotoImage({ photo, at }: { readonly photo: SheetPhoto; readonly at: (p: Point) => { x: number; y: number } }) {
  const k = drawnPxPerMm(photo.frame);
  const p = photo.frame.placement;
  const c = at({ x: p.x, y: p.y });
  const w = photo.frame.width / k;
  const h = photo.frame.height / k;
  return (
    <image
      className="sheet-photo"
      href={photo.href}
      x={-w / 2}
      y={-h / 2}
      width={w}
      height={h}
      opacity={p.opacity}
      preserveAspectRatio="none"
      transform={`translate(${c.x.toFixed(3)} ${c.y.toFixed(3)}) rotate(${(-p.rotationDeg).toFixed(3)})`}
    />
  );
}
