import type { PostgresMigration } from './types';

/** Roles and credentials; how each signature was authenticated (SQLite: ../0006-credentials.ts). */
export const credentials: PostgresMigration = {
  version: 6,
  name: 'credentials',
  statements: [
    `ALTER TABLE users ADD COLUMN roles text COLLATE "C" NOT NULL DEFAULT '[]' CHECK (layermap_is_json(roles))`,
    // json_build_array(...)::text writes ["surgeon"], the text SQLite's json_array writes.
    `UPDATE users SET roles = json_build_array(role)::text`,
    `ALTER TABLE users DROP COLUMN role`,
    `ALTER TABLE users ADD COLUMN secret_hash text COLLATE "C" CHECK (secret_hash IS NULL OR secret_hash LIKE 'scrypt$%')`,
    `ALTER TABLE users ADD COLUMN secret_kind text COLLATE "C" CHECK (secret_kind IN ('password', 'pin'))`,
    `ALTER TABLE users ADD COLUMN must_change_secret integer NOT NULL DEFAULT 0 CHECK (must_change_secret IN (0, 1))`,
    `ALTER TABLE users ADD COLUMN failed_attempts integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0)`,
    `ALTER TABLE users ADD COLUMN locked_until text COLLATE "C"`,
    `ALTER TABLE users ADD COLUMN last_sign_in_at text COLLATE "C"`,
    `ALTER TABLE lesions ADD COLUMN signature_method text COLLATE "C" CHECK (signature_method IN ('password', 'user-choice'))`,
    `UPDATE lesions SET signature_method = 'user-choice' WHERE signed_at IS NOT NULL`,
    `ALTER TABLE cases ADD COLUMN signature_method text COLLATE "C" CHECK (signature_method IN ('password', 'user-choice'))`,
    `UPDATE cases SET signature_method = 'user-choice' WHERE signed_at IS NOT NULL`,
  ],
};
