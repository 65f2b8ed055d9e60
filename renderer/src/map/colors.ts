/**
 * Map colours the screen editor and the printed sheet both draw with, so the sheet's legend
 * matches the editor. Block fills differ between screen and paper (editor/canvas/style.ts,
 * map/patterns.tsx).
 */
export const INCOMPLETE = '#8a5a00';
export const OUTLINE = '#1d2a36';
export const PREVIOUS_STAGE = '#9aa5b1';
