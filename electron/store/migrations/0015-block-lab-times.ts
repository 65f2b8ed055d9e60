import type { Migration } from './types';

/**
 * When each block reached each lab step (issue 16 part 3: lab turnaround, excised → ready for
 * reading). One row per block and step on the way to its current status, written with every lab
 * status change in the same transaction (worklist.ts setBlockStatus), with who moved it; a step
 * reached again keeps its latest time, and moving a block back removes the steps after the one
 * it returns to (they are no longer reached; the audit keeps every move).
 *
 * Older blocks are not backfilled: their moves are in the audit as format-3 JSON Patches and
 * periodic (sometimes deflated) snapshots, which only the app's audit reader rebuilds; SQL in a
 * migration (and PostgreSQL's migrations are SQL only) cannot read them soundly on both engines.
 * Statistics leave blocks without times out of turnaround and count them.
 */
export const blockLabTimes: Migration = {
  version: 15,
  name: 'block-lab-times',
  up: (db) => {
    db.exec(`
      CREATE TABLE block_lab_times (
        block_id TEXT NOT NULL REFERENCES blocks (id),
        status TEXT NOT NULL CHECK (status IN ('excised', 'grossed', 'embedded', 'cut', 'stained', 'ready', 'read')),
        reached_at TEXT NOT NULL,
        user_id TEXT NOT NULL REFERENCES users (id),
        PRIMARY KEY (block_id, status)
      ) STRICT;
      -- Statistics read a date range of cases per surgeon: this walks it without the whole table.
      CREATE INDEX cases_surgeon_date ON cases (surgeon_id, date_of_surgery);
    `);
  },
};
