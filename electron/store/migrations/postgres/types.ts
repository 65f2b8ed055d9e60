/**
 * A PostgreSQL migration: the twin of the SQLite migration with the same number and name
 * (../index.ts), the same schema in PostgreSQL's own DDL. One statement an entry: PGlite (tests)
 * runs parameterised statements one at a time. They run in one transaction with the others
 * that are pending, under the store's write lock (../../engine/postgresMigrate.ts).
 */
export interface PostgresMigration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}
