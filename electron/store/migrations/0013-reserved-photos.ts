import type { Migration } from './types';

/**
 * Number 13 belongs to the photos lane (issue 16 time, the photos table), built at the same
 * time as the operative note (14). This stand-in changes nothing; it only keeps the numbers
 * 1..N without a gap on this branch. When the photos lane's 0013 is merged, this file and its
 * entry in MIGRATIONS go.
 */
export const reservedPhotos: Migration = {
  version: 13,
  name: 'reserved-photos',
  up: () => {},
};
