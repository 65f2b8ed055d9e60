import type Database from 'better-sqlite3';
import { loadHexKeyFile } from './hexKeyFile';

/**
 * The database's encryption key: 32 random bytes, given to SQLCipher in its raw form
 * (`x'<64 hex digits>'`), so opening runs no key derivation (a passphrase-form key costs about
 * 120 ms on every open). better-sqlite3 is the SQLCipher build (better-sqlite3-multiple-ciphers,
 * npm-aliased in package.json), so the file, its -wal and every `VACUUM INTO` copy are ciphertext.
 */
export type DatabaseKey = Buffer;

export const DATABASE_KEY_BYTES = 32;

/** The SQL text of the key, e.g. for `ATTACH … KEY`; never logged. */
export const rawKeyLiteral = (key: DatabaseKey): string => `x'${checked(key).toString('hex')}'`;

/**
 * Keys a connection before its first read. SQLCipher 4's own defaults (`legacy=4`), so other
 * SQLCipher tools open the file with the same key.
 */
export function applyDatabaseKey(db: Database.Database, key: DatabaseKey): void {
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="${rawKeyLiteral(key)}"`);
}

/** The test host's and tools' plain key file beside the database (the app seals its key instead). */
export const databaseKeyFileBeside = (databasePath: string): string => `${databasePath}.db-key`;

/**
 * A key in a file of its own (hex), owner-only; made on first use. A file that is there but
 * not a key is refused, never replaced: a new key could not read the database.
 */
export function databaseKeyFileSource(file: string): { load(): Promise<DatabaseKey> } {
  return { load: async () => loadHexKeyFile(file, DATABASE_KEY_BYTES, parseDatabaseKey) };
}

export function parseDatabaseKey(text: string, where: string): DatabaseKey {
  const hex = text.trim();
  if (!/^[0-9a-f]+$/.test(hex) || hex.length !== DATABASE_KEY_BYTES * 2) {
    throw new Error(`${where} does not hold a Layermap database key; restore the right file or move it aside.`);
  }
  return Buffer.from(hex, 'hex');
}

function checked(key: DatabaseKey): DatabaseKey {
  if (key.length !== DATABASE_KEY_BYTES) throw new Error(`A database key is ${DATABASE_KEY_BYTES} bytes, not ${key.length}.`);
  return key;
}
