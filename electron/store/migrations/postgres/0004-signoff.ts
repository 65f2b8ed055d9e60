import type { PostgresMigration } from './types';

/**
 * Sign-off and addenda (SQLite: ../0004-signoff.ts). Addenda of one instant are read in the
 * order they were written: SQLite has its rowid for that, PostgreSQL gets `written_order`
 * (../../engine/perEngine.ts addendaInsertionOrder). Addenda are append-only like the audit.
 */
export const signoff: PostgresMigration = {
  version: 4,
  name: 'signoff',
  statements: [
    `ALTER TABLE lesions ADD COLUMN signed_at text COLLATE "C"`,
    `ALTER TABLE lesions ADD COLUMN signed_by text COLLATE "C" REFERENCES users (id)`,
    `ALTER TABLE lesions ADD CONSTRAINT lesions_signed_whole CHECK ((signed_at IS NULL) = (signed_by IS NULL))`,
    `ALTER TABLE cases ADD COLUMN signed_at text COLLATE "C"`,
    `ALTER TABLE cases ADD COLUMN signed_by text COLLATE "C" REFERENCES users (id)`,
    `ALTER TABLE cases ADD CONSTRAINT cases_signed_whole CHECK ((signed_at IS NULL) = (signed_by IS NULL))`,
    `CREATE TABLE addenda (
      id text COLLATE "C" PRIMARY KEY,
      case_id text COLLATE "C" NOT NULL REFERENCES cases (id),
      lesion_id text COLLATE "C" REFERENCES lesions (id),
      at text COLLATE "C" NOT NULL,
      user_id text COLLATE "C" NOT NULL REFERENCES users (id),
      text text COLLATE "C" NOT NULL,
      written_order bigint GENERATED ALWAYS AS IDENTITY
    )`,
    `CREATE INDEX addenda_case ON addenda (case_id, at)`,
    `CREATE FUNCTION addenda_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'addenda are append-only' USING ERRCODE = 'integrity_constraint_violation';
      END $$`,
    `CREATE TRIGGER addenda_no_update BEFORE UPDATE ON addenda FOR EACH ROW EXECUTE FUNCTION addenda_append_only()`,
    `CREATE TRIGGER addenda_no_delete BEFORE DELETE ON addenda FOR EACH ROW EXECUTE FUNCTION addenda_append_only()`,
    `CREATE TRIGGER addenda_no_truncate BEFORE TRUNCATE ON addenda FOR EACH STATEMENT EXECUTE FUNCTION addenda_append_only()`,
  ],
};
