import type Database from 'better-sqlite3';

export interface Migration {
  /** The user_version the database has after this migration. Strictly +1 from the previous. */
  readonly version: number;
  readonly name: string;
  readonly up: (db: Database.Database) => void;
  /**
   * Why this database cannot be upgraded at all (the user's words), or null. Run for every
   * pending migration before the upgrade copy and the first change, so a refused file is
   * left exactly as it was. Reads only what every older schema already has.
   */
  readonly refuse?: (db: Database.Database) => string | null;
}
