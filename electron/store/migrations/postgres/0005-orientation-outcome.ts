import type { PostgresMigration } from './types';

/**
 * Orientation and outcome (SQLite: ../0005-orientation-outcome.ts, which says why). 12 o'clock
 * becomes nullable in place (PostgreSQL can drop NOT NULL), gains proximal/distal, and every
 * 'superior' the audit does not show a user choosing becomes "not chosen". The audit's JSON is
 * read only where it is valid JSON (layermap_is_json), as SQLite's json_valid guard does.
 */
export const orientationOutcome: PostgresMigration = {
  version: 5,
  name: 'orientation-outcome',
  statements: [
    `CREATE FUNCTION layermap_is_json(t text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
      BEGIN
        PERFORM t::json;
        RETURN true;
      EXCEPTION WHEN others THEN
        RETURN false;
      END $$`,
    `ALTER TABLE lesions DROP CONSTRAINT lesions_twelve_oclock_check`,
    `ALTER TABLE lesions ALTER COLUMN twelve_oclock DROP NOT NULL`,
    `ALTER TABLE lesions ALTER COLUMN twelve_oclock DROP DEFAULT`,
    `ALTER TABLE lesions ADD CONSTRAINT lesions_twelve_oclock_check
      CHECK (twelve_oclock IN ('superior', 'inferior', 'medial', 'lateral', 'anterior', 'posterior', 'proximal', 'distal'))`,
    `UPDATE lesions SET twelve_oclock = NULL
      WHERE twelve_oclock = 'superior'
        AND NOT EXISTS (
          SELECT 1 FROM audit_events a
          WHERE a.entity = 'lesion' AND a.entity_id = lesions.id AND a.action = 'update'
            AND CASE WHEN layermap_is_json(a.before_json) AND layermap_is_json(a.after_json)
              THEN (a.before_json::json ->> 'twelveOClock') <> 'superior'
               AND (a.after_json::json ->> 'twelveOClock') = 'superior'
              ELSE false END)`,
    `ALTER TABLE lesions ADD COLUMN outcome text COLLATE "C" CHECK (outcome IN ('cleared', 'stopped', 'referred'))`,
    // The reason a lesion was stopped, or what it was referred for; a stopped lesion must say why.
    `ALTER TABLE lesions ADD COLUMN outcome_note text COLLATE "C" NOT NULL DEFAULT ''`,
    `ALTER TABLE lesions ADD CONSTRAINT lesions_stopped_says_why
      CHECK (outcome IS DISTINCT FROM 'stopped' OR length(trim(outcome_note)) > 0)`,
    `ALTER TABLE lesions ADD CONSTRAINT lesions_note_needs_outcome CHECK (outcome IS NOT NULL OR outcome_note = '')`,
  ],
};
