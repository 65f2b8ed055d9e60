import type { InkPattern } from '../../../../shared/catalog/inkPalette';
import type { BlockStatus } from '../../../../shared/map/derive';

/** How the map looks on screen; print uses the same colors plus names and patterns. */
export const STATUS_FILL: Readonly<Record<BlockStatus, string>> = {
  pending: '#ffffff',
  clear: '#e6f4ea',
  positive: '#fde4e4',
  'not-evaluable': '#fff3d1',
};
export const STATUS_LABEL: Readonly<Record<BlockStatus, string>> = {
  pending: 'Not read',
  clear: 'Clear',
  positive: 'Positive',
  'not-evaluable': 'Not evaluable',
};

export const TUMOR = '#c62828';
export const INCOMPLETE = '#8a5a00';
export const OUTLINE = '#1d2a36';
export const CUT = '#44525f';
export const SELECTION = '#1565c0';
export const PREVIOUS_STAGE = '#9aa5b1';

/** Dash per ink pattern, in screen pixels, so each dye reads in black and white too. */
export const INK_DASH: Readonly<Record<InkPattern, number[]>> = {
  solid: [],
  dashed: [12, 6],
  dotted: [1, 6],
  'dash-dot': [12, 5, 2, 5],
  double: [],
  zigzag: [4, 2, 1, 2],
  ticks: [2, 3],
  crosses: [6, 2, 2, 2],
};
export const INK_WIDTH = 5;
