import type { Migration } from './types';

/**
 * A smaller audit (format 3, electron/store/auditVersions.ts): a record's full snapshot of
 * more than a kilobyte (a stage with its map) is stored deflated in `after_deflated`, not as
 * text in `after_json`, and an update's patch leaves out what every save does anyway (the
 * version up by one, updatedAt the row's time). Rows already written keep their format and
 * bytes; their chain values cover exactly what they covered before (auditChain.ts contentOf).
 *
 * SQLite cannot widen a column's CHECK in place, so the table is built again with the same
 * columns in the same order, the rows copied as they are, and its indexes and append-only
 * triggers made again (the trigger now also keeps `after_deflated`). Dropping the old table
 * fires no trigger, and no table refers to audit_events.
 */
export const auditDeflate: Migration = {
  version: 9,
  name: 'audit-deflate',
  up: (db) => {
    db.exec(`
      CREATE TABLE audit_events_v9 (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user_id TEXT NOT NULL REFERENCES users (id),
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        action TEXT NOT NULL,
        before_json TEXT,
        after_json TEXT,
        chain TEXT CHECK (chain IS NULL OR (length(chain) = 64 AND chain NOT GLOB '*[^0-9a-f]*')),
        format INTEGER CHECK (format IS NULL OR format IN (2, 3)),
        patch_json TEXT,
        after_deflated BLOB CHECK (after_deflated IS NULL OR (format = 3 AND after_json IS NULL))
      ) STRICT;
      INSERT INTO audit_events_v9 (seq, at, user_id, entity, entity_id, action, before_json, after_json, chain, format, patch_json)
        SELECT seq, at, user_id, entity, entity_id, action, before_json, after_json, chain, format, patch_json FROM audit_events ORDER BY seq;
      DROP TABLE audit_events;
      ALTER TABLE audit_events_v9 RENAME TO audit_events;
      CREATE INDEX audit_entity ON audit_events (entity_id, seq);
      CREATE INDEX audit_user ON audit_events (user_id, seq);
      CREATE INDEX audit_at ON audit_events (at);
      CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
        WHEN NOT (OLD.chain IS NULL AND NEW.chain IS NOT NULL
          AND NEW.seq = OLD.seq AND NEW.at IS OLD.at AND NEW.user_id IS OLD.user_id
          AND NEW.entity IS OLD.entity AND NEW.entity_id IS OLD.entity_id AND NEW.action IS OLD.action
          AND NEW.before_json IS OLD.before_json AND NEW.after_json IS OLD.after_json
          AND NEW.format IS OLD.format AND NEW.patch_json IS OLD.patch_json
          AND NEW.after_deflated IS OLD.after_deflated)
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
      CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
      -- INSERT OR REPLACE deletes the old row without firing delete triggers: refuse a reused seq.
      CREATE TRIGGER audit_events_no_replace BEFORE INSERT ON audit_events
        WHEN EXISTS (SELECT 1 FROM audit_events WHERE seq = NEW.seq)
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
    `);
  },
};
