import type { Migration } from './types';

/**
 * Sign-off: a lesion or case carries who signed it and when (both or neither); from then on
 * it changes only by addenda, which are append-only like the audit trail: a dated text by a
 * named user, on the case or on one of its lesions.
 */
export const signoff: Migration = {
  version: 4,
  name: 'signoff',
  up: (db) => {
    db.exec(`
      ALTER TABLE lesions ADD COLUMN signed_at TEXT;
      ALTER TABLE lesions ADD COLUMN signed_by TEXT REFERENCES users (id)
        CHECK ((signed_at IS NULL) = (signed_by IS NULL));
      ALTER TABLE cases ADD COLUMN signed_at TEXT;
      ALTER TABLE cases ADD COLUMN signed_by TEXT REFERENCES users (id)
        CHECK ((signed_at IS NULL) = (signed_by IS NULL));

      CREATE TABLE addenda (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id),
        lesion_id TEXT REFERENCES lesions (id),
        at TEXT NOT NULL,
        user_id TEXT NOT NULL REFERENCES users (id),
        text TEXT NOT NULL
      ) STRICT;
      CREATE INDEX addenda_case ON addenda (case_id, at);

      -- An addendum is part of the signed record: append-only, enforced by the database.
      CREATE TRIGGER addenda_no_update BEFORE UPDATE ON addenda
        BEGIN SELECT RAISE(ABORT, 'addenda are append-only'); END;
      CREATE TRIGGER addenda_no_delete BEFORE DELETE ON addenda
        BEGIN SELECT RAISE(ABORT, 'addenda are append-only'); END;
      -- INSERT OR REPLACE deletes the old row without firing delete triggers: refuse a reused id.
      CREATE TRIGGER addenda_no_replace BEFORE INSERT ON addenda
        WHEN EXISTS (SELECT 1 FROM addenda WHERE id = NEW.id)
        BEGIN SELECT RAISE(ABORT, 'addenda are append-only'); END;
    `);
  },
};
