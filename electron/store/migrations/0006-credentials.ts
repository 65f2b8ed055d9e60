import type { Migration } from './types';

/**
 * Sign-in (issue 12): each user gets a set of roles and credentials.
 *
 * - roles: a JSON array of role names (a user may hold several: a one-surgeon clinic's
 *   surgeon is often its administrator). Every existing user keeps the one role they had.
 * - secret_hash: `scrypt$N$r$p$salt$hash` (base64), the parameters stored with the hash so
 *   they can be raised later; null = no password yet. Users of an upgraded database have
 *   none: nobody signs in as them until an administrator gives them a password, and since
 *   no user is an administrator yet, the first start after the upgrade asks for the clinic's
 *   set-up (a first administrator), as on a new database.
 * - secret_kind: password or PIN (PINs only where the clinic's settings allow them).
 * - must_change_secret: set by a first password or a reset; nothing else works until changed.
 * - failed_attempts, locked_until: five failed attempts lock the user for five minutes.
 * - last_sign_in_at: shown in user administration.
 * - lesions/cases.signature_method: 'password' (re-entered when signing) from now on;
 *   earlier signatures were made by choosing a name, and say so ('user-choice').
 */
export const credentials: Migration = {
  version: 6,
  name: 'credentials',
  up: (db) => {
    db.exec(`
      ALTER TABLE users ADD COLUMN roles TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(roles));
      UPDATE users SET roles = json_array(role);
      ALTER TABLE users DROP COLUMN role;
      ALTER TABLE users ADD COLUMN secret_hash TEXT CHECK (secret_hash IS NULL OR secret_hash LIKE 'scrypt$%');
      ALTER TABLE users ADD COLUMN secret_kind TEXT CHECK (secret_kind IN ('password', 'pin'));
      ALTER TABLE users ADD COLUMN must_change_secret INTEGER NOT NULL DEFAULT 0 CHECK (must_change_secret IN (0, 1));
      ALTER TABLE users ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0);
      ALTER TABLE users ADD COLUMN locked_until TEXT;
      ALTER TABLE users ADD COLUMN last_sign_in_at TEXT;

      -- How a signature's signer was authenticated. Signatures made before this schema were
      -- made by whoever chose the signer's name from the list: the record says so.
      ALTER TABLE lesions ADD COLUMN signature_method TEXT
        CHECK (signature_method IN ('password', 'user-choice'));
      UPDATE lesions SET signature_method = 'user-choice' WHERE signed_at IS NOT NULL;
      ALTER TABLE cases ADD COLUMN signature_method TEXT
        CHECK (signature_method IN ('password', 'user-choice'));
      UPDATE cases SET signature_method = 'user-choice' WHERE signed_at IS NOT NULL;
    `);
  },
};
