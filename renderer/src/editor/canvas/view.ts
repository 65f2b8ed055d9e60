import type { Context } from 'konva/lib/Context';
import type { Point } from '../../../../shared/geometry/types';

/**
 * The screen's view of the lesion frame: `scale` pixels per millimetre and where the frame's
 * origin sits. The map's +y (12 o'clock) is up on screen, so y flips.
 */
export interface View {
  readonly scale: number;
  readonly ox: number;
  readonly oy: number;
}

export const toScreen = (v: View, p: Point): Point => ({ x: v.ox + p.x * v.scale, y: v.oy - p.y * v.scale });
export const toWorld = (v: View, p: Point): Point => ({ x: (p.x - v.ox) / v.scale, y: (v.oy - p.y) / v.scale });

/**
 * The Konva transform that draws map millimetres on screen: layers hold map coordinates and
 * Konva projects them (one matrix per layer, not every point in JavaScript on every frame).
 */
export const mapTransform = (v: View) => ({ x: v.ox, y: v.oy, scaleX: v.scale, scaleY: -v.scale });

const flats = new WeakMap<readonly Point[], number[]>();

/**
 * Flat [x0, y0, x1, y1, …] in map millimetres, as Konva lines take them. Cached per ring:
 * documents are immutable, so a drag flattens only the rings it changes.
 */
export function flatPoints(points: readonly Point[]): number[] {
  let out = flats.get(points);
  if (!out) {
    out = flatten(points);
    flats.set(points, out);
  }
  return out;
}

/** The same, never cached: for a tool's preview, whose stroke grows in place while drawing. */
export function flatten(points: readonly Point[]): number[] {
  const out = new Array<number>(points.length * 2);
  for (let i = 0; i < points.length; i++) {
    const p = points[i] as Point;
    out[2 * i] = p.x;
    out[2 * i + 1] = p.y;
  }
  return out;
}

export const MIN_SCALE = 2;
export const MAX_SCALE = 200;

/** A view showing every point with a margin; an empty map shows 60 mm around the centre. */
export function fitView(points: readonly Point[], width: number, height: number): View {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const half = 30;
  const minX = points.length ? Math.min(...xs) : -half;
  const maxX = points.length ? Math.max(...xs) : half;
  const minY = points.length ? Math.min(...ys) : -half;
  const maxY = points.length ? Math.max(...ys) : half;
  const w = Math.max(maxX - minX, 10);
  const h = Math.max(maxY - minY, 10);
  const scale = clampScale(Math.min((width * 0.75) / w, (height * 0.75) / h));
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  return { scale, ox: width / 2 - cx * scale, oy: height / 2 + cy * scale };
}

export const clampScale = (s: number): number => Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));

/** Zoom by `factor` keeping the screen point `at` over the same spot of the map. */
export function zoomAt(v: View, at: Point, factor: number): View {
  const scale = clampScale(v.scale * factor);
  const w = toWorld(v, at);
  return { scale, ox: at.x - w.x * scale, oy: at.y + w.y * scale };
}

/** Traces flat points as a closed path, for clip functions (in the layer's own coordinates). */
export function tracePath(
  ctx: { beginPath(): void; moveTo(x: number, y: number): void; lineTo(x: number, y: number): void; closePath(): void },
  pts: readonly number[],
): void {
  ctx.beginPath();
  for (let i = 0; i + 1 < pts.length; i += 2) {
    if (i === 0) ctx.moveTo(pts[0] as number, pts[1] as number);
    else ctx.lineTo(pts[i] as number, pts[i + 1] as number);
  }
  ctx.closePath();
}

/**
 * Calls `draw` for each item with the canvas set to draw upright in screen pixels at the item's
 * map point: the layer's zoom and y flip undone around it, as translate(at) and scale(1/scale,
 * -1/scale) would, but by setting the whole transform for each item instead of a canvas save
 * and restore around each (a drag redraws every label and ink letter of the stage). The layer's
 * transform is put back at the end.
 */
export function forEachUpright<T extends { readonly at: Point }>(ctx: Context, scale: number, items: readonly T[], draw: (item: T) => void): void {
  const canvas = ctx._context;
  const m = canvas.getTransform();
  for (const item of items) {
    const { x, y } = item.at;
    canvas.setTransform(m.a / scale, m.b / scale, -m.c / scale, -m.d / scale, m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f);
    draw(item);
  }
  canvas.setTransform(m);
}
