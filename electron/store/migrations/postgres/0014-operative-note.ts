import type { PostgresMigration } from './types';

/** The Mohs operative note and the surgeons' note templates: the twin of ../0014-operative-note.ts. */
export const operativeNote: PostgresMigration = {
  version: 14,
  name: 'operative-note',
  statements: [
    `CREATE TABLE operative_notes (
      case_id text COLLATE "C" PRIMARY KEY REFERENCES cases (id),
      checklist text COLLATE "C" NOT NULL DEFAULT '{}',
      anesthesia text COLLATE "C" NOT NULL DEFAULT '',
      closure text COLLATE "C" NOT NULL DEFAULT '',
      post_op text COLLATE "C" NOT NULL DEFAULT '',
      surgeon_text text COLLATE "C",
      edited_from text COLLATE "C",
      signed_text text COLLATE "C",
      version integer NOT NULL CHECK (version >= 1),
      created_at text COLLATE "C" NOT NULL,
      updated_at text COLLATE "C" NOT NULL,
      CHECK ((surgeon_text IS NULL) = (edited_from IS NULL))
    )`,
    `CREATE TABLE note_templates (
      user_id text COLLATE "C" PRIMARY KEY REFERENCES users (id),
      anesthesia text COLLATE "C" NOT NULL DEFAULT '',
      closure text COLLATE "C" NOT NULL DEFAULT '',
      post_op text COLLATE "C" NOT NULL DEFAULT '',
      version integer NOT NULL CHECK (version >= 1),
      created_at text COLLATE "C" NOT NULL,
      updated_at text COLLATE "C" NOT NULL
    )`,
  ],
};
