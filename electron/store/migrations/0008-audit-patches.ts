import type { Migration } from './types';

/**
 * A small audit: rows written from schema 8 on carry `format` = 2 and say what changed as an
 * RFC 6902 JSON Patch (`patch_json`) from the record's previous audited version, with a full
 * snapshot in `after_json` on create and every so often (electron/store/auditVersions.ts), so
 * any version can be rebuilt from the trail alone. Rows already written keep a null format
 * (format 1: full before and after records) and are never rewritten; their chain values
 * cover exactly what they covered before (auditChain.ts contentOf).
 *
 * The append-only trigger is widened to the new columns: the one UPDATE allowed is still
 * the first sealing of a null chain, every other column unchanged.
 */
export const auditPatches: Migration = {
  version: 8,
  name: 'audit-patches',
  up: (db) => {
    db.exec(`
      ALTER TABLE audit_events ADD COLUMN format INTEGER CHECK (format IS NULL OR format = 2);
      ALTER TABLE audit_events ADD COLUMN patch_json TEXT;
      DROP TRIGGER audit_events_no_update;
      CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
        WHEN NOT (OLD.chain IS NULL AND NEW.chain IS NOT NULL
          AND NEW.seq = OLD.seq AND NEW.at IS OLD.at AND NEW.user_id IS OLD.user_id
          AND NEW.entity IS OLD.entity AND NEW.entity_id IS OLD.entity_id AND NEW.action IS OLD.action
          AND NEW.before_json IS OLD.before_json AND NEW.after_json IS OLD.after_json
          AND NEW.format IS OLD.format AND NEW.patch_json IS OLD.patch_json)
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
    `);
  },
};
