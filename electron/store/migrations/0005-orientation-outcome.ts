import type { Migration } from './types';

/**
 * Orientation and outcome.
 *
 * 12 o'clock: schema 2 gave every lesion 'superior' as a column default, so a lesion whose
 * surgeon never chose a direction reads exactly like one who chose superior. The sheet must
 * not print a default as fact, so the column becomes nullable (null = not chosen) and gains
 * proximal/distal for limbs and digits. What an upgraded lesion keeps:
 * - any direction other than superior: the default cannot have produced it, a user chose it;
 * - superior only where the audit trail shows a user changing it to superior from another
 *   direction (the one case the record proves was chosen);
 * - every other 'superior' becomes not chosen. The surgeon chooses again (signing warns);
 *   on a lesion signed already, the lesion reads "not chosen" and an addendum can state it.
 *   The file as it was is kept beside it (`.before-v5-…`), as before every upgrade.
 * The column is rebuilt by rename, add, copy, drop (SQLite cannot relax NOT NULL in place).
 *
 * Outcome: cleared, stopped (with a reason) or referred (with what for, if known); null
 * while surgery is under way.
 */
export const orientationOutcome: Migration = {
  version: 5,
  name: 'orientation-outcome',
  up: (db) => {
    db.exec(`
      ALTER TABLE lesions RENAME COLUMN twelve_oclock TO twelve_oclock_v2;
      ALTER TABLE lesions ADD COLUMN twelve_oclock TEXT
        CHECK (twelve_oclock IN ('superior', 'inferior', 'medial', 'lateral', 'anterior', 'posterior', 'proximal', 'distal'));
      UPDATE lesions SET twelve_oclock = twelve_oclock_v2
        WHERE twelve_oclock_v2 <> 'superior'
           OR EXISTS (
             SELECT 1 FROM audit_events a
             WHERE a.entity = 'lesion' AND a.entity_id = lesions.id AND a.action = 'update'
               AND json_valid(a.before_json) AND json_valid(a.after_json)
               AND json_extract(a.before_json, '$.twelveOClock') <> 'superior'
               AND json_extract(a.after_json, '$.twelveOClock') = 'superior');
      ALTER TABLE lesions DROP COLUMN twelve_oclock_v2;

      ALTER TABLE lesions ADD COLUMN outcome TEXT CHECK (outcome IN ('cleared', 'stopped', 'referred'));
      -- The reason a lesion was stopped, or what it was referred for; a stopped lesion must say why.
      ALTER TABLE lesions ADD COLUMN outcome_note TEXT NOT NULL DEFAULT ''
        CHECK (outcome IS NOT 'stopped' OR length(trim(outcome_note)) > 0)
        CHECK (outcome IS NOT NULL OR outcome_note = '');
    `);
  },
};
