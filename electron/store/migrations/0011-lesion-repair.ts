import type { Migration } from './types';

/**
 * Repair after the last stage (issue 15): what closed the wound, its measured sizes and the
 * closure note, one per lesion. Kept as the lesion's `repair` column (JSON of
 * shared/records/repair.ts lesionRepairSchema, checked there on every write) so a repair save is
 * a lesion save: version-checked, audited and locked by the signature like the outcome. Null
 * until the surgeon records a repair; an upgraded lesion has none.
 */
export const lesionRepair: Migration = {
  version: 11,
  name: 'lesion-repair',
  up: (db) => {
    db.exec(`ALTER TABLE lesions ADD COLUMN repair TEXT CHECK (repair IS NULL OR (json_valid(repair) AND json_type(repair) = 'object'))`);
  },
};
