import type { Point, Ring } from './types';
import { centroid } from './polygon';
import { raySegment } from './segment';

/**
 * Clock-face positions, the surgeon's way of saying where on the specimen something is:
 * 12 o'clock at +y (toward the 12 o'clock reference mark), 3 at +x, going clockwise.
 * Angles elsewhere in this module are mathematical (radians counter-clockwise from +x).
 */

const ORIGIN: Point = { x: 0, y: 0 };
const HOUR_RAD = Math.PI / 6;

/**
 * Clock position of a point seen from `centre`, as fractional hours in [0, 12): 0 is
 * 12 o'clock, 3 is 3 o'clock. Within 1e-9 h of 12 counts as 0, so rounding noise on a
 * point straight up never sends it to the end of the clock. The centre itself is at 0.
 */
export function clockPosition(point: Point, centre: Point = ORIGIN): number {
  const dx = point.x - centre.x;
  const dy = point.y - centre.y;
  // atan2(x, y) measures clockwise from +y: exactly the clock's sense.
  let hours = Math.atan2(dx, dy) / HOUR_RAD;
  if (hours < 0) hours += 12;
  return hours >= 12 - 1e-9 || hours < 1e-9 ? 0 : hours;
}

/** Nearest whole hour, 1–12 (12 rather than 0, as on a clock). */
export function clockHour(point: Point, centre: Point = ORIGIN): number {
  const h = Math.round(clockPosition(point, centre)) % 12;
  return h === 0 ? 12 : h;
}

/** Direction of a clock hour (fractions allowed) as a mathematical angle in radians. */
export const clockAngle = (hour: number): number => Math.PI / 2 - hour * HOUR_RAD;

/** Unit vector toward a clock hour. */
export const clockDirection = (hour: number): Point => ({ x: Math.cos(clockAngle(hour)), y: Math.sin(clockAngle(hour)) });

/**
 * Where the ray from `centre` (default: the ring's centroid) toward `hour` leaves the
 * outline: the place for a reference nick. When the ray crosses a non-convex outline more
 * than once, the farthest crossing is the outer skin edge in that direction. Null when the
 * ray misses the outline (a centre outside a crescent, pointing away).
 */
export function pointAtClock(ring: Ring, hour: number, centre: Point = centroid(ring)): Point | null {
  const d = clockDirection(hour);
  let best = -Infinity;
  for (let i = 0; i < ring.length; i++) {
    const s = raySegment(centre, d, ring[i] as Point, ring[(i + 1) % ring.length] as Point);
    if (s !== null && s > best) best = s;
  }
  return best === -Infinity ? null : { x: centre.x + best * d.x, y: centre.y + best * d.y };
}
