/**
 * Plain geometry values for the map editor. All lengths are millimetres, in one frame per
 * lesion: origin at the lesion's centre, +x toward 3 o'clock, +y toward 12 o'clock (y up,
 * unlike the screen; the renderer flips it when drawing).
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}

/**
 * A closed polygon: the last point joins the first implicitly (never repeated).
 * Every ring this module returns is counter-clockwise (positive signed area with y up);
 * `toCounterClockwise` normalises one that came from elsewhere.
 */
export type Ring = readonly Point[];

/** An open path of two or more points, e.g. a cut line drawn across the specimen. */
export type Polyline = readonly Point[];

export interface Box {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

/** A check that can fail with a sentence the UI shows as is. */
export type Check = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** An outline accepted by validation, or why it was not. */
export type OutlineResult = { readonly ok: true; readonly ring: Ring } | { readonly ok: false; readonly reason: string };
