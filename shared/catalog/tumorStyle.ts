// How tumor is drawn, on screen and on paper: the one color inks are kept away from.

/**
 * Residual tumor is marked in red, as hatching over a deep area or a band along a
 * peripheral edge: the traditional map convention (DOMAIN.md, "The procedure" step 6).
 * No ink may be drawn in a color near it (see checkInkColor in inkPalette.ts).
 */
export const TUMOR_COLOR = '#c62828';

/** The pale tint under tumor hatching, the same red at low strength. */
export const TUMOR_TINT = 'rgba(198, 40, 40, 0.15)';

/**
 * The least CIE76 ΔE*ab between the tumor red and any ink's display color. 25 is this app's
 * choice: far beyond the ~2.3 "just noticeable difference" (Sharma, Digital Color Imaging
 * Handbook, 2003), and more than the spread of one hue under poor print and screen
 * reproduction, so an inked edge is never read as a positive margin.
 */
export const MIN_INK_TUMOR_DELTA_E = 25;
