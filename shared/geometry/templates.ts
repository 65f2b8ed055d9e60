import type { Point, Polyline, Ring } from './types';
import { boundingBox, boxExtent, centroid } from './polygon';
import { fromAngle } from './vec';

/**
 * Cut lines for the common ways of dividing a specimen, in the surgeon's words. They only
 * produce cuts; splitSpecimen turns them into blocks. Angles are mathematical (radians
 * counter-clockwise from +x): 0 is the 3–9 o'clock line, π/2 the 12–6 line.
 * Every cut reaches well past the outline, so it crosses the whole specimen.
 */

/** Long enough to leave the outline from any point inside its bounding box. */
const reach = (outline: Ring): number => 2 * Math.max(1, boxExtent(boundingBox(outline)));

function lineThrough(c: Point, angleRad: number, r: number): Polyline {
  const d = fromAngle(angleRad, r);
  return [
    { x: c.x - d.x, y: c.y - d.y },
    { x: c.x + d.x, y: c.y + d.y },
  ];
}

/** One straight cut through the centroid: two halves (three or more for a crescent cut across its horns). */
export function bisectCuts(outline: Ring, angleRad = Math.PI / 2): Polyline[] {
  return [lineThrough(centroid(outline), angleRad, reach(outline))];
}

/** Two perpendicular cuts through the centroid: quarters. Default along 3–9 and 12–6. */
export function quarterCuts(outline: Ring, angleRad = 0): Polyline[] {
  const c = centroid(outline);
  const r = reach(outline);
  return [lineThrough(c, angleRad, r), lineThrough(c, angleRad + Math.PI / 2, r)];
}

/**
 * n pie-slice pieces: n rays from the centroid, evenly spaced, the first at startAngleRad
 * (default 12 o'clock) and the rest clockwise. Each ray starts exactly at the centroid, so
 * all of them meet in one point, which splitSpecimen joins; any n ≥ 2 works, odd too.
 * Fewer than 2 pieces needs no cut.
 */
export function radialCuts(outline: Ring, n: number, startAngleRad = Math.PI / 2): Polyline[] {
  const count = Math.floor(n);
  if (count < 2) return [];
  const c = centroid(outline);
  const r = reach(outline);
  return Array.from({ length: count }, (_, k) => {
    const d = fromAngle(startAngleRad - (2 * Math.PI * k) / count, r);
    return [c, { x: c.x + d.x, y: c.y + d.y }];
  });
}
