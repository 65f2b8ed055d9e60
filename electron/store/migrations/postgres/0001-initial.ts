import type { PostgresMigration } from './types';

/**
 * The first schema (SQLite: ../0001-initial.ts). Types as the columns hold them: text (ids,
 * ISO dates, JSON documents as the exact text the store wrote), integer (versions, counts,
 * 0/1 flags, as the store writes them on both engines), double precision (millimetres) and
 * bigint for the audit's sequence. Every text column compares byte by byte (COLLATE "C"), as
 * SQLite's BINARY does, whatever the server's locale: the search's prefix ranges on the keys,
 * the date ranges and every ORDER BY give the same rows in the same order on both engines.
 * The audit trail is append-only, enforced by triggers that
 * refuse UPDATE, DELETE and TRUNCATE.
 */
export const initial: PostgresMigration = {
  version: 1,
  name: 'initial',
  statements: [
    `CREATE TABLE users (
      id text COLLATE "C" PRIMARY KEY,
      name text COLLATE "C" NOT NULL,
      initials text COLLATE "C" NOT NULL,
      role text COLLATE "C" NOT NULL CHECK (role IN ('surgeon', 'histotech')),
      active integer NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      version integer NOT NULL CHECK (version >= 1),
      created_at text COLLATE "C" NOT NULL,
      updated_at text COLLATE "C" NOT NULL
    )`,
    `CREATE TABLE patients (
      id text COLLATE "C" PRIMARY KEY,
      family_name text COLLATE "C" NOT NULL,
      given_name text COLLATE "C" NOT NULL,
      family_key text COLLATE "C" NOT NULL,
      given_key text COLLATE "C" NOT NULL,
      mrn text COLLATE "C" NOT NULL,
      mrn_key text COLLATE "C" NOT NULL UNIQUE,
      date_of_birth text COLLATE "C" NOT NULL,
      sex text COLLATE "C" NOT NULL CHECK (sex IN ('female', 'male', 'other', 'unknown')),
      version integer NOT NULL CHECK (version >= 1),
      created_at text COLLATE "C" NOT NULL,
      updated_at text COLLATE "C" NOT NULL
    )`,
    `CREATE INDEX patients_family_key ON patients (family_key)`,
    `CREATE INDEX patients_given_key ON patients (given_key)`,
    `CREATE TABLE cases (
      id text COLLATE "C" PRIMARY KEY,
      patient_id text COLLATE "C" NOT NULL REFERENCES patients (id),
      surgeon_id text COLLATE "C" NOT NULL REFERENCES users (id),
      date_of_surgery text COLLATE "C" NOT NULL,
      accession_number text COLLATE "C" NOT NULL DEFAULT '',
      notes text COLLATE "C" NOT NULL DEFAULT '',
      version integer NOT NULL CHECK (version >= 1),
      created_at text COLLATE "C" NOT NULL,
      updated_at text COLLATE "C" NOT NULL
    )`,
    `CREATE INDEX cases_date ON cases (date_of_surgery, created_at)`,
    `CREATE INDEX cases_patient ON cases (patient_id, date_of_surgery)`,
    `CREATE TABLE lesions (
      id text COLLATE "C" PRIMARY KEY,
      case_id text COLLATE "C" NOT NULL REFERENCES cases (id),
      label text COLLATE "C" NOT NULL,
      site_id text COLLATE "C" NOT NULL,
      site_detail text COLLATE "C" NOT NULL DEFAULT '',
      laterality text COLLATE "C" CHECK (laterality IN ('left', 'right', 'midline', 'bilateral')),
      tumor_type_id text COLLATE "C" NOT NULL,
      preop_length_mm double precision NOT NULL CHECK (preop_length_mm > 0),
      preop_width_mm double precision NOT NULL CHECK (preop_width_mm > 0),
      recurrent integer NOT NULL CHECK (recurrent IN (0, 1)),
      deep_structures text COLLATE "C" NOT NULL DEFAULT '[]',
      version integer NOT NULL CHECK (version >= 1),
      created_at text COLLATE "C" NOT NULL,
      updated_at text COLLATE "C" NOT NULL,
      UNIQUE (case_id, label)
    )`,
    `CREATE TABLE stages (
      id text COLLATE "C" PRIMARY KEY,
      lesion_id text COLLATE "C" NOT NULL REFERENCES lesions (id),
      number integer NOT NULL CHECK (number >= 1),
      map_doc text COLLATE "C" NOT NULL,
      map_doc_version integer NOT NULL,
      block_count integer NOT NULL DEFAULT 0 CHECK (block_count >= 0),
      result text COLLATE "C" NOT NULL DEFAULT 'pending' CHECK (result IN ('pending', 'clear', 'positive', 'not-evaluable')),
      version integer NOT NULL CHECK (version >= 1),
      created_at text COLLATE "C" NOT NULL,
      updated_at text COLLATE "C" NOT NULL,
      UNIQUE (lesion_id, number)
    )`,
    `CREATE TABLE blocks (
      id text COLLATE "C" PRIMARY KEY,
      stage_id text COLLATE "C" NOT NULL REFERENCES stages (id),
      position integer NOT NULL CHECK (position >= 1),
      label text COLLATE "C" NOT NULL,
      inks text COLLATE "C" NOT NULL DEFAULT '[]',
      lab_status text COLLATE "C" NOT NULL DEFAULT 'excised',
      margin_result text COLLATE "C" NOT NULL DEFAULT 'pending' CHECK (margin_result IN ('pending', 'clear', 'positive', 'not-evaluable')),
      version integer NOT NULL CHECK (version >= 1),
      created_at text COLLATE "C" NOT NULL,
      updated_at text COLLATE "C" NOT NULL,
      UNIQUE (stage_id, position)
    )`,
    `CREATE TABLE margin_findings (
      id text COLLATE "C" PRIMARY KEY,
      block_id text COLLATE "C" NOT NULL REFERENCES blocks (id),
      kind text COLLATE "C" NOT NULL,
      location text COLLATE "C" NOT NULL,
      note text COLLATE "C" NOT NULL DEFAULT '',
      version integer NOT NULL CHECK (version >= 1),
      created_at text COLLATE "C" NOT NULL,
      updated_at text COLLATE "C" NOT NULL
    )`,
    `CREATE TABLE settings (
      key text COLLATE "C" PRIMARY KEY,
      value_json text COLLATE "C" NOT NULL,
      version integer NOT NULL CHECK (version >= 1),
      updated_at text COLLATE "C" NOT NULL
    )`,
    // The audit trail is a medicolegal record: append-only, enforced by the database.
    `CREATE TABLE audit_events (
      seq bigint PRIMARY KEY,
      at text COLLATE "C" NOT NULL,
      user_id text COLLATE "C" NOT NULL REFERENCES users (id),
      entity text COLLATE "C" NOT NULL,
      entity_id text COLLATE "C" NOT NULL,
      action text COLLATE "C" NOT NULL,
      before_json text COLLATE "C",
      after_json text COLLATE "C"
    )`,
    `CREATE INDEX audit_entity ON audit_events (entity_id, seq)`,
    `CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'integrity_constraint_violation';
      END $$`,
    `CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`,
    `CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`,
    // DELETE triggers do not fire on TRUNCATE: refuse it too.
    `CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`,
  ],
};
