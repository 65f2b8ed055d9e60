import type { PostgresMigration } from './types';

/**
 * Format 3 audit rows: a full snapshot over a kilobyte stored deflated in `after_deflated`
 * (bytea), `after_json` then empty. PostgreSQL widens the format CHECK in place, where SQLite
 * must build the table again (../0009-audit-deflate.ts); the sealing rule keeps the new column.
 */
export const auditDeflate: PostgresMigration = {
  version: 9,
  name: 'audit-deflate',
  statements: [
    // 0008's unnamed CHECK got PostgreSQL's default name.
    `ALTER TABLE audit_events DROP CONSTRAINT audit_events_format_check`,
    `ALTER TABLE audit_events ADD CONSTRAINT audit_events_format_check CHECK (format IS NULL OR format IN (2, 3))`,
    `ALTER TABLE audit_events ADD COLUMN after_deflated bytea
      CONSTRAINT audit_events_deflated_check CHECK (after_deflated IS NULL OR (format = 3 AND after_json IS NULL))`,
    `CREATE OR REPLACE FUNCTION audit_events_seal_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.chain IS NULL AND NEW.chain IS NOT NULL
          AND NEW.seq = OLD.seq AND NEW.at IS NOT DISTINCT FROM OLD.at AND NEW.user_id IS NOT DISTINCT FROM OLD.user_id
          AND NEW.entity IS NOT DISTINCT FROM OLD.entity AND NEW.entity_id IS NOT DISTINCT FROM OLD.entity_id
          AND NEW.action IS NOT DISTINCT FROM OLD.action
          AND NEW.before_json IS NOT DISTINCT FROM OLD.before_json AND NEW.after_json IS NOT DISTINCT FROM OLD.after_json
          AND NEW.format IS NOT DISTINCT FROM OLD.format AND NEW.patch_json IS NOT DISTINCT FROM OLD.patch_json
          AND NEW.after_deflated IS NOT DISTINCT FROM OLD.after_deflated THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'integrity_constraint_violation';
      END $$`,
  ],
};
