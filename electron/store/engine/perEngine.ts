import { PostgresAdapter, sql, type Expression, type RawBuilder, type SelectQueryBuilder, type ShallowDehydrateObject, type Simplify } from 'kysely';
import { jsonArrayFrom as postgresJsonArrayFrom } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite';
import type { Db } from './schema';

/**
 * The few queries that cannot be written once for every engine, each behind one named
 * function with a branch per engine. Nothing else in the store may use one engine's own SQL
 * (migrations aside). What is already neutral and stays so, for the record:
 * - text compares byte by byte on both (SQLite BINARY, PostgreSQL COLLATE "C" in its
 *   migrations), so search ranges and ORDER BY agree; case is folded in stored search keys
 *   (searchKey.ts) or by lower(), never by COLLATE NOCASE or LIKE's case rules;
 * - flags are 0/1 integers on both; bigint results are numbers on both (postgresDialect.ts);
 * - dates are ISO text written by the app, never the engine's date functions;
 * - upserts are INSERT … ON CONFLICT, which both engines speak.
 */
export type Engine = 'sqlite' | 'postgres';

/** The engine a query handle (or a transaction of one) talks to. */
export const engineOf = (db: Db): Engine => (db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite');

/**
 * The newest cases of many patients, walking the cases_date index and stopping at the
 * limit. SQLite's planner would otherwise fetch every matching patient's cases through
 * cases_patient and sort them all (slow for a one-letter search over 100,000 cases);
 * INDEXED BY is SQLite's way to say so. PostgreSQL's planner made the same choice (it cannot
 * estimate how many patients a union of prefix matches finds): the test inside COALESCE is
 * not turned into a join, so the patients are one hashed set checked while walking the index
 * backwards (broad searches: 19 ms → about 1 ms over 100,000 cases).
 */
export function newestCaseIdsWalkingDates(db: Db, patientIds: Expression<unknown>, limit: number): RawBuilder<{ id: string }> {
  if (engineOf(db) === 'postgres') {
    return sql<{ id: string }>`SELECT c.id AS id FROM cases c
      WHERE COALESCE(c.patient_id IN ${patientIds}, false) ORDER BY c.date_of_surgery DESC, c.created_at DESC LIMIT ${limit}`;
  }
  return sql<{ id: string }>`SELECT c.id AS id FROM cases c INDEXED BY cases_date
    WHERE c.patient_id IN ${patientIds} ORDER BY c.date_of_surgery DESC, c.created_at DESC LIMIT ${limit}`;
}

/**
 * Addenda of the same instant in the order they were written. The addenda table has no
 * sequence column on SQLite (schema 4), so its rowid is that order; PostgreSQL's migration 4
 * gives the table an identity column, written_order.
 */
export const addendaInsertionOrder = (db: Db, alias: string): RawBuilder<number> =>
  engineOf(db) === 'postgres' ? sql<number>`${sql.ref(alias)}.written_order` : sql<number>`${sql.ref(alias)}.rowid`;

/**
 * Minutes from one stored ISO time (the app's `new Date().toISOString()`) to another, for lab
 * turnaround. SQLite reads ISO text with julianday; PostgreSQL casts it to timestamptz.
 */
export function minutesBetween(db: Db, from: Expression<string>, to: Expression<string>): RawBuilder<number> {
  if (engineOf(db) === 'postgres') return sql<number>`(EXTRACT(EPOCH FROM (CAST(${to} AS timestamptz) - CAST(${from} AS timestamptz))) / 60.0)`;
  return sql<number>`((julianday(${to}) - julianday(${from})) * 1440.0)`;
}

/** The whole part of a non-negative number (SQLite's CAST truncates; PostgreSQL's rounds, so floor first). */
export function wholePart(db: Db, x: Expression<number>): RawBuilder<number> {
  return engineOf(db) === 'postgres' ? sql<number>`CAST(floor(${x}) AS integer)` : sql<number>`CAST(${x} AS INTEGER)`;
}

/** A top-level text field of a JSON object stored as text (the lesion's repair kind); null when the text is null. */
export function jsonTextField(db: Db, json: Expression<string | null>, field: string): RawBuilder<string | null> {
  if (engineOf(db) === 'postgres') return sql<string | null>`(CAST(${json} AS json) ->> ${sql.lit(field)})`;
  return sql<string | null>`json_extract(${json}, ${sql.lit('$.' + field)})`;
}

/**
 * A subquery whose computed columns the outer query uses several times (lab turnaround's minutes):
 * SQLite would flatten it and work each column out again at every use; a LIMIT keeps it whole
 * (SQLite's subquery-flattening rules), and -1 means no limit there. PostgreSQL computes it once.
 */
export function computedOnce<Q extends { limit: (n: number) => Q }>(db: Db, query: Q): Q {
  return engineOf(db) === 'sqlite' ? query.limit(-1) : query;
}

/**
 * A subquery's rows as one JSON array value, to read a record with its child rows in one
 * statement: on a clinic server every statement is a round trip. Each engine has its own JSON
 * aggregate (json_agg, json_group_array); read the value back with fromJsonRows.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any tables: the rows' shape O is what matters
export function jsonRows<O>(db: Db, rows: SelectQueryBuilder<any, any, O>): RawBuilder<Simplify<ShallowDehydrateObject<O>>[]> {
  return engineOf(db) === 'postgres' ? postgresJsonArrayFrom(rows) : sqliteJsonArrayFrom(rows);
}

/** jsonRows' value as read: the PostgreSQL driver parses json columns itself; SQLite gives the JSON text. */
export const fromJsonRows = <O>(value: O[] | string): O[] => (typeof value === 'string' ? (JSON.parse(value) as O[]) : value);
