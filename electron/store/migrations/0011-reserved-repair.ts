import type { Migration } from './types';

/**
 * Number 11 belongs to the repair lane (issue 15 part 1), built at the same time as histology
 * (12). This stand-in changes nothing; it only keeps the numbers 1..N without a gap on this
 * branch. When the repair lane's 0011 is merged, this file and its entry in MIGRATIONS go.
 */
export const reservedRepair: Migration = {
  version: 11,
  name: 'reserved-repair',
  up: () => {},
};
