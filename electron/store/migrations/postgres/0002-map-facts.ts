import type { PostgresMigration } from './types';

/** 12 o'clock and the final defect on lesions; findings by block (SQLite: ../0002-map-facts.ts). */
export const mapFacts: PostgresMigration = {
  version: 2,
  name: 'map-facts',
  statements: [
    `ALTER TABLE lesions ADD COLUMN twelve_oclock text COLLATE "C" NOT NULL DEFAULT 'superior'
      CONSTRAINT lesions_twelve_oclock_check
      CHECK (twelve_oclock IN ('superior', 'inferior', 'medial', 'lateral', 'anterior', 'posterior'))`,
    `ALTER TABLE lesions ADD COLUMN final_defect_length_mm double precision CHECK (final_defect_length_mm > 0)`,
    `ALTER TABLE lesions ADD COLUMN final_defect_width_mm double precision CHECK (final_defect_width_mm > 0)`,
    `ALTER TABLE lesions ADD COLUMN final_defect_source text COLLATE "C" CHECK (final_defect_source IN ('measured', 'computed'))`,
    // A final defect is all three values or none.
    `ALTER TABLE lesions ADD CONSTRAINT lesions_final_defect_whole
      CHECK ((final_defect_source IS NULL) = (final_defect_length_mm IS NULL)
         AND (final_defect_source IS NULL) = (final_defect_width_mm IS NULL))`,
    `CREATE INDEX margin_findings_block ON margin_findings (block_id)`,
  ],
};
