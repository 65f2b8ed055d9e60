import { sql, type Expression, type RawBuilder } from 'kysely';

/**
 * The few queries that cannot be written once for every engine, each behind one named
 * function. Clinic mode (PostgreSQL) adds its own branch of each; nothing else in the store
 * may use SQLite-only SQL.
 */

/**
 * The newest cases of many patients, walking the cases_date index and stopping at the
 * limit. SQLite's planner would otherwise fetch every matching patient's cases through
 * cases_patient and sort them all (slow for a one-letter search over 100,000 cases);
 * INDEXED BY is SQLite's way to say so. PostgreSQL's planner decides this from statistics.
 */
export function newestCaseIdsWalkingDates(patientIds: Expression<unknown>, limit: number): RawBuilder<{ id: string }> {
  return sql<{ id: string }>`SELECT c.id AS id FROM cases c INDEXED BY cases_date
    WHERE c.patient_id IN ${patientIds} ORDER BY c.date_of_surgery DESC, c.created_at DESC LIMIT ${limit}`;
}

/**
 * Addenda of the same instant in the order they were written. The addenda table has no
 * sequence column (schema 4), so SQLite's rowid is that order; PostgreSQL needs one added by
 * its migrations.
 */
export const addendaInsertionOrder = (alias: string): RawBuilder<number> => sql<number>`${sql.ref(alias)}.rowid`;
