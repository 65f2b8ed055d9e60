import type { PostgresMigration } from './types';

/** Histology per block: the twin of ../0012-block-histology.ts. */
export const blockHistology: PostgresMigration = {
  version: 12,
  name: 'block-histology',
  statements: [
    `CREATE TABLE block_histology (
      block_id text COLLATE "C" PRIMARY KEY REFERENCES blocks (id),
      slides integer CHECK (slides IS NULL OR slides >= 1),
      levels integer CHECK (levels IS NULL OR levels >= 1),
      stains text COLLATE "C" NOT NULL DEFAULT '[]',
      quality text COLLATE "C" NOT NULL DEFAULT 'not-assessed' CHECK (quality IN ('not-assessed', 'adequate', 'problems')),
      problems text COLLATE "C" NOT NULL DEFAULT '[]',
      recut integer NOT NULL DEFAULT 0 CHECK (recut IN (0, 1)),
      tumor_subtype_id text COLLATE "C",
      perineural text COLLATE "C" NOT NULL DEFAULT 'not-assessed' CHECK (perineural IN ('not-assessed', 'absent', 'present')),
      nerve_size_mm double precision CHECK (nerve_size_mm IS NULL OR nerve_size_mm > 0),
      note text COLLATE "C" NOT NULL DEFAULT '',
      version integer NOT NULL CHECK (version >= 1),
      created_at text COLLATE "C" NOT NULL,
      updated_at text COLLATE "C" NOT NULL
    )`,
  ],
};
