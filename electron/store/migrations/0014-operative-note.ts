import type { Migration } from './types';

/**
 * The Mohs operative note (issue 16 part 1). The note's text is generated from the record on
 * every read; what is stored is what the record does not hold: per case, the consent and
 * time-out checklist (JSON, shared/note/record.ts validates it on every write and read), the
 * free-text parts (anesthesia, closure, post-op), the surgeon's own edited text with the
 * generated text it was edited from (to tell the surgeon the record changed since), and the
 * text as signed with the case. Per surgeon, the defaults of the free-text parts.
 * Depends only on cases and users (0001), so it applies beside the other lanes' tables.
 */
export const operativeNote: Migration = {
  version: 14,
  name: 'operative-note',
  up: (db) => {
    db.exec(`
      CREATE TABLE operative_notes (
        case_id TEXT PRIMARY KEY REFERENCES cases (id),
        checklist TEXT NOT NULL DEFAULT '{}',
        anesthesia TEXT NOT NULL DEFAULT '',
        closure TEXT NOT NULL DEFAULT '',
        post_op TEXT NOT NULL DEFAULT '',
        surgeon_text TEXT,
        edited_from TEXT,
        signed_text TEXT,
        version INTEGER NOT NULL CHECK (version >= 1),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK ((surgeon_text IS NULL) = (edited_from IS NULL))
      ) STRICT;
      CREATE TABLE note_templates (
        user_id TEXT PRIMARY KEY REFERENCES users (id),
        anesthesia TEXT NOT NULL DEFAULT '',
        closure TEXT NOT NULL DEFAULT '',
        post_op TEXT NOT NULL DEFAULT '',
        version INTEGER NOT NULL CHECK (version >= 1),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
