import type { Migration } from './types';

/**
 * The first schema. Every table is STRICT; what lists and coding query (block counts,
 * results) are columns, the stage drawing is one versioned JSON document.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up: (db) => {
    db.exec(`
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        initials TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('surgeon', 'histotech')),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        version INTEGER NOT NULL CHECK (version >= 1),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE patients (
        id TEXT PRIMARY KEY,
        family_name TEXT NOT NULL,
        given_name TEXT NOT NULL,
        family_key TEXT NOT NULL,
        given_key TEXT NOT NULL,
        mrn TEXT NOT NULL,
        mrn_key TEXT NOT NULL UNIQUE,
        date_of_birth TEXT NOT NULL,
        sex TEXT NOT NULL CHECK (sex IN ('female', 'male', 'other', 'unknown')),
        version INTEGER NOT NULL CHECK (version >= 1),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX patients_family_key ON patients (family_key);
      CREATE INDEX patients_given_key ON patients (given_key);

      CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        patient_id TEXT NOT NULL REFERENCES patients (id),
        surgeon_id TEXT NOT NULL REFERENCES users (id),
        date_of_surgery TEXT NOT NULL,
        accession_number TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        version INTEGER NOT NULL CHECK (version >= 1),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX cases_date ON cases (date_of_surgery, created_at);
      CREATE INDEX cases_patient ON cases (patient_id, date_of_surgery);

      CREATE TABLE lesions (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases (id),
        label TEXT NOT NULL,
        site_id TEXT NOT NULL,
        site_detail TEXT NOT NULL DEFAULT '',
        laterality TEXT CHECK (laterality IN ('left', 'right', 'midline', 'bilateral')),
        tumor_type_id TEXT NOT NULL,
        preop_length_mm REAL NOT NULL CHECK (preop_length_mm > 0),
        preop_width_mm REAL NOT NULL CHECK (preop_width_mm > 0),
        recurrent INTEGER NOT NULL CHECK (recurrent IN (0, 1)),
        deep_structures TEXT NOT NULL DEFAULT '[]',
        version INTEGER NOT NULL CHECK (version >= 1),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (case_id, label)
      ) STRICT;

      CREATE TABLE stages (
        id TEXT PRIMARY KEY,
        lesion_id TEXT NOT NULL REFERENCES lesions (id),
        number INTEGER NOT NULL CHECK (number >= 1),
        map_doc TEXT NOT NULL,
        map_doc_version INTEGER NOT NULL,
        block_count INTEGER NOT NULL DEFAULT 0 CHECK (block_count >= 0),
        result TEXT NOT NULL DEFAULT 'pending' CHECK (result IN ('pending', 'clear', 'positive', 'not-evaluable')),
        version INTEGER NOT NULL CHECK (version >= 1),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (lesion_id, number)
      ) STRICT;

      CREATE TABLE blocks (
        id TEXT PRIMARY KEY,
        stage_id TEXT NOT NULL REFERENCES stages (id),
        position INTEGER NOT NULL CHECK (position >= 1),
        label TEXT NOT NULL,
        inks TEXT NOT NULL DEFAULT '[]',
        lab_status TEXT NOT NULL DEFAULT 'excised',
        margin_result TEXT NOT NULL DEFAULT 'pending' CHECK (margin_result IN ('pending', 'clear', 'positive', 'not-evaluable')),
        version INTEGER NOT NULL CHECK (version >= 1),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (stage_id, position)
      ) STRICT;

      CREATE TABLE margin_findings (
        id TEXT PRIMARY KEY,
        block_id TEXT NOT NULL REFERENCES blocks (id),
        kind TEXT NOT NULL,
        location TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        version INTEGER NOT NULL CHECK (version >= 1),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value_json TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        updated_at TEXT NOT NULL
      ) STRICT;

      -- The audit trail is a medicolegal record: append-only, enforced by the database.
      CREATE TABLE audit_events (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user_id TEXT NOT NULL REFERENCES users (id),
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        action TEXT NOT NULL,
        before_json TEXT,
        after_json TEXT
      ) STRICT;
      CREATE INDEX audit_entity ON audit_events (entity_id, seq);
      CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
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
