import type { Migration } from './types';

/**
 * The map editor's storage: where the lesion's 12 o'clock points and its final defect size
 * (columns on lesions), and an index for the block → findings lookups that every stage
 * save and every block deletion (foreign-key check) makes. blocks(stage_id) needs none:
 * UNIQUE (stage_id, position) already indexes it.
 */
export const mapFacts: Migration = {
  version: 2,
  name: 'map-facts',
  up: (db) => {
    db.exec(`
      ALTER TABLE lesions ADD COLUMN twelve_oclock TEXT NOT NULL DEFAULT 'superior'
        CHECK (twelve_oclock IN ('superior', 'inferior', 'medial', 'lateral', 'anterior', 'posterior'));
      ALTER TABLE lesions ADD COLUMN final_defect_length_mm REAL CHECK (final_defect_length_mm > 0);
      ALTER TABLE lesions ADD COLUMN final_defect_width_mm REAL CHECK (final_defect_width_mm > 0);
      -- A final defect is all three values or none.
      ALTER TABLE lesions ADD COLUMN final_defect_source TEXT
        CHECK (final_defect_source IN ('measured', 'computed'))
        CHECK ((final_defect_source IS NULL) = (final_defect_length_mm IS NULL)
           AND (final_defect_source IS NULL) = (final_defect_width_mm IS NULL));

      CREATE INDEX margin_findings_block ON margin_findings (block_id);
    `);
  },
};
