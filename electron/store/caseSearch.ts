import type { CaseId, PatientId } from '../../shared/ids';
import type { CaseSummary } from '../../shared/records';
import type { Db } from './engine/schema';
import { newestCaseIdsWalkingDates } from './engine/perEngine';
import { matchingPatientIds } from './patients';
import { searchKey } from './searchKey';

/** Above this many matching patients, scanning cases by date is cheaper than sorting theirs. */
const BROAD_MATCH = 300;

/**
 * The case list's rows: each case with its patient, surgeon and lesions, newest first.
 * Every case has both (NOT NULL foreign keys), so the outer joins return the same rows as inner
 * ones; they are outer so that SQLite keeps the cases as the outer loop. With inner joins its
 * planner starts from the one or two users, fetches all their cases by cases_surgeon_date and
 * sorts them (200 ms for the empty search over 100,000 cases) instead of walking cases_date
 * newest first and stopping at the limit (under 1 ms).
 */
function summaryQuery(db: Db) {
  return db
    .selectFrom('cases as c')
    .leftJoin('patients as p', 'p.id', 'c.patient_id')
    .leftJoin('users as u', 'u.id', 'c.surgeon_id')
    .select([
      'c.id as caseId',
      'c.date_of_surgery as dateOfSurgery',
      'c.patient_id as patientId',
      'p.family_name as familyName',
      'p.given_name as givenName',
      'p.mrn as mrn',
      'p.date_of_birth as dateOfBirth',
      'u.name as surgeonName',
    ])
    .orderBy('c.date_of_surgery', 'desc')
    .orderBy('c.created_at', 'desc');
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['execute']>>[number];

/** Adds each case's lesion labels (A, B, … AA: by length, then letters), read in one query. */
async function withLesions(db: Db, rows: readonly SummaryRow[]): Promise<CaseSummary[]> {
  const labels = new Map<string, string[]>();
  if (rows.length > 0) {
    const lesions = await db
      .selectFrom('lesions')
      .select(['case_id', 'label'])
      .where('case_id', 'in', rows.map((r) => r.caseId))
      .execute();
    for (const l of lesions) {
      const list = labels.get(l.case_id);
      if (list) list.push(l.label);
      else labels.set(l.case_id, [l.label]);
    }
  }
  const byLabel = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  return rows.map((r) => {
    const ofCase = (labels.get(r.caseId) ?? []).sort(byLabel);
    return {
      caseId: r.caseId as CaseId,
      dateOfSurgery: r.dateOfSurgery,
      // Never null (see summaryQuery): the outer joins only type them so.
      patientId: r.patientId as PatientId,
      patientName: `${r.familyName ?? ''}, ${r.givenName ?? ''}`,
      mrn: r.mrn ?? '',
      dateOfBirth: r.dateOfBirth ?? '',
      surgeonName: r.surgeonName ?? '',
      lesionCount: ofCase.length,
      lesionLabels: ofCase.join(', '),
    };
  });
}

/**
 * The case list's search: a date (2026-03-14) or month (2026-03) finds cases of that day or
 * month; anything else is matched as words against patient names and MRNs. Newest first.
 */
export async function searchCases(db: Db, text: string, limit: number): Promise<CaseSummary[]> {
  const t = text.trim();
  const q = summaryQuery(db).limit(limit);
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return withLesions(db, await q.where('c.date_of_surgery', '=', t).execute());
  if (/^\d{4}-\d{2}$/.test(t)) {
    return withLesions(db, await q.where('c.date_of_surgery', '>=', `${t}-01`).where('c.date_of_surgery', '<', `${t}-32`).execute());
  }
  const words = t.split(/[\s,]+/).map(searchKey).filter((w) => w.length > 0);
  if (words.length === 0) return withLesions(db, await q.execute());
  const matching = matchingPatientIds(db, words);
  // Few matching patients: fetch their cases by patient. Many (a short prefix): walk the
  // cases newest first by date and stop at the limit, instead of sorting them all.
  // Counted only as far as the choice needs (a broad search matches thousands of patients).
  const counted = await db
    .selectFrom(db.selectFrom(matching.as('all')).select('all.id').limit(BROAD_MATCH + 1).as('m'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(counted.n) <= BROAD_MATCH) return withLesions(db, await q.where('c.patient_id', 'in', matching).execute());
  const newest = (await newestCaseIdsWalkingDates(db, matching, limit).execute(db)).rows.map((r) => r.id);
  if (newest.length === 0) return [];
  const rows = await summaryQuery(db).where('c.id', 'in', newest).execute();
  return withLesions(db, rows);
}
