import type { PostgresMigration } from './types';

/**
 * The twin of ../0011-lesion-repair.ts (which says why): the lesion's repair as JSON text, null
 * until recorded. Text, not jsonb, so both engines give back exactly the text written.
 */
export const lesionRepair: PostgresMigration = {
  version: 11,
  name: 'lesion-repair',
  statements: [
    `ALTER TABLE lesions ADD COLUMN repair text COLLATE "C"`,
    `ALTER TABLE lesions ADD CONSTRAINT lesions_repair_is_object CHECK (repair IS NULL OR (layermap_is_json(repair) AND json_typeof(repair::json) = 'object'))`,
  ],
};
