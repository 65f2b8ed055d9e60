import type Database from 'better-sqlite3';

export interface Migration {
  /** The user_version the database has after this migration. Strictly +1 from the previous. */
  readonly version: number;
  readonly name: string;
  readonly up: (db: Database.Database) => void;
}
