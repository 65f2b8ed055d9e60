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
 *
 * Also block_histology.recut_asked: whether a re-cut was ever asked for the block (below).
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
      -- A re-cut asked for at any time: the recut flag is cleared when the re-cut is done, and a
      -- lab counts the blocks that needed one. Set by histology.ts with every lab write that asks
      -- for one, never cleared. Older rows: known only while still flagged (the audit holds the rest).
      ALTER TABLE block_histology ADD COLUMN recut_asked INTEGER NOT NULL DEFAULT 0 CHECK (recut_asked IN (0, 1));
      UPDATE block_histology SET recut_asked = recut;
      -- When the block was ready for reading ('ready', or 'read' for a block that went straight
      -- there), kept on the block by labTimes.ts with every status change: the statistics read it
      -- in their one walk over the blocks instead of searching this table twice per block.
      ALTER TABLE blocks ADD COLUMN ready_at TEXT;
      -- Statistics read a date range of cases per surgeon: this walks it without the whole table.
      CREATE INDEX cases_surgeon_date ON cases (surgeon_id, date_of_surgery);
    `);
  },
};
