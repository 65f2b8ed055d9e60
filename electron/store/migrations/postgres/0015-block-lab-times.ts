import type { PostgresMigration } from './types';

/** When each block reached each lab step: the twin of ../0015-block-lab-times.ts (which says why). */
export const blockLabTimes: PostgresMigration = {
  version: 15,
  name: 'block-lab-times',
  statements: [
    `CREATE TABLE block_lab_times (
      block_id text COLLATE "C" NOT NULL REFERENCES blocks (id),
      status text COLLATE "C" NOT NULL CHECK (status IN ('excised', 'grossed', 'embedded', 'cut', 'stained', 'ready', 'read')),
      reached_at text COLLATE "C" NOT NULL,
      user_id text COLLATE "C" NOT NULL REFERENCES users (id),
      PRIMARY KEY (block_id, status)
    )`,
    `ALTER TABLE block_histology ADD COLUMN recut_asked integer NOT NULL DEFAULT 0 CHECK (recut_asked IN (0, 1))`,
    `UPDATE block_histology SET recut_asked = recut`,
    `ALTER TABLE blocks ADD COLUMN ready_at text COLLATE "C"`,
    `CREATE INDEX cases_surgeon_date ON cases (surgeon_id, date_of_surgery)`,
  ],
};
