import { TUMOR_COLOR } from '../../../../shared/catalog/tumorStyle';
import type { BlockStatus } from '../../../../shared/map/derive';

// The colours the sheet draws with too live in map/colors.ts.
export { INCOMPLETE, OUTLINE, PREVIOUS_STAGE } from '../../map/colors';

/** How the map looks on screen; paper uses its own grayscale-distinct fills and patterns (map/patterns.tsx). */
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

/** Tumor's red: no ink is drawn near it (shared/catalog/tumorStyle.ts). */
export const TUMOR = TUMOR_COLOR;
export const CUT = '#44525f';
export const SELECTION = '#1565c0';

/**
 * Screen pixels per drawing millimetre of the shared mark shapes (shared/geometry/markStrokes):
 * the same shapes as on paper, a little larger, at any zoom. An ink line is 0.7 mm → 5 px.
 */
export const SCREEN_MM = 7;
