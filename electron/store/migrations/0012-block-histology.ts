import type { Migration } from './types';

/**
 * Histology per block (issue 15 part 3): one row per block that has any, written by the
 * histotech (slides, levels, stains, quality) and the surgeon (reading), versioned like every
 * record. A block without a row has no histology yet. Stains and quality problems are JSON
 * arrays (shared/records/histology.ts validates them on every write and read); the counts and
 * choices are columns, so lists and labels read them without parsing.
 */
export const blockHistology: Migration = {
  version: 12,
  name: 'block-histology',
  up: (db) => {
    db.exec(`
      CREATE TABLE block_histology (
        block_id TEXT PRIMARY KEY REFERENCES blocks (id),
        slides INTEGER CHECK (slides IS NULL OR slides >= 1),
        levels INTEGER CHECK (levels IS NULL OR levels >= 1),
        stains TEXT NOT NULL DEFAULT '[]',
        quality TEXT NOT NULL DEFAULT 'not-assessed' CHECK (quality IN ('not-assessed', 'adequate', 'problems')),
        problems TEXT NOT NULL DEFAULT '[]',
        recut INTEGER NOT NULL DEFAULT 0 CHECK (recut IN (0, 1)),
        tumor_subtype_id TEXT,
        perineural TEXT NOT NULL DEFAULT 'not-assessed' CHECK (perineural IN ('not-assessed', 'absent', 'present')),
        nerve_size_mm REAL CHECK (nerve_size_mm IS NULL OR nerve_size_mm > 0),
        note TEXT NOT NULL DEFAULT '',
        version INTEGER NOT NULL CHECK (version >= 1),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
