import type { Point } from '../geometry/types';
import { pxPerMm, type PhotoCalibration, type PhotoPlacement } from '../records/photo';

/**
 * Where a photo's pixels land in the map's frame. The photo is drawn at 1:1: one millimetre of
 * skin (by its calibration) is one millimetre of the map. Pixels run right and down from the top
 * left; the map's +y is up (12 o'clock), so the picture's rows flip. `width`/`height` and (u, v)
 * are in the same picture's pixels (the full picture's, or the display copy's with `scale`
 * = display width / full width).
 */
export interface PhotoFrame {
  readonly width: number;
  readonly height: number;
  readonly calibration: PhotoCalibration;
  readonly placement: PhotoPlacement;
  /** The drawn picture's pixels per full-picture pixel (1 for the full picture). */
  readonly scale?: number;
}

/** Pixels of the drawn picture per millimetre. */
export const drawnPxPerMm = (f: PhotoFrame): number => pxPerMm(f.calibration) * (f.scale ?? 1);

export function photoToMap(f: PhotoFrame, u: number, v: number): Point {
  const k = drawnPxPerMm(f);
  const dx = (u - f.width / 2) / k;
  const dy = -(v - f.height / 2) / k;
  const t = (f.placement.rotationDeg * Math.PI) / 180;
  return { x: f.placement.x + dx * Math.cos(t) - dy * Math.sin(t), y: f.placement.y + dx * Math.sin(t) + dy * Math.cos(t) };
}

export function mapToPhoto(f: PhotoFrame, p: Point): { readonly u: number; readonly v: number } {
  const k = drawnPxPerMm(f);
  const t = (f.placement.rotationDeg * Math.PI) / 180;
  const ex = p.x - f.placement.x;
  const ey = p.y - f.placement.y;
  const dx = ex * Math.cos(t) + ey * Math.sin(t);
  const dy = -ex * Math.sin(t) + ey * Math.cos(t);
  return { u: f.width / 2 + dx * k, v: f.height / 2 - dy * k };
}
