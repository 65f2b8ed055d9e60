import type { PostgresMigration } from './types';

/** The stand-in for the repair lane's 0011 (see ../0011-reserved-repair.ts): no statements. */
export const reservedRepair: PostgresMigration = {
  version: 11,
  name: 'reserved-repair',
  statements: [],
};
