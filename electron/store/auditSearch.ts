import type { AuditEvent, AuditFilter } from '../../shared/records';
import { toAuditEvent } from './audit';
import type { Db } from './engine/schema';
import { searchPatients } from './patients';

/** At most this many patients match a patient filter's text; more means the text is too vague. */
const PATIENT_MATCHES = 50;

/**
 * The audit viewer's query: rows matching every filter given, newest first, one page before
 * the cursor `beforeSeq`. A patient filter (name or MRN words, as the patient search reads
 * them) covers the rows of the patient, their cases, lesions, stages and blocks.
 */
export async function searchAudit(db: Db, filter: AuditFilter, page: { beforeSeq?: number; limit: number }): Promise<AuditEvent[]> {
  const recordIds = filter.patient ? await patientRecordIds(db, filter.patient) : null;
  if (recordIds !== null && recordIds.length === 0) return [];
  let query = db
    .selectFrom('audit_events as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.seq', 'a.at', 'a.user_id', 'a.entity', 'a.entity_id', 'a.action', 'a.before_json', 'a.after_json', 'a.patch_json', 'a.after_deflated', 'u.name as user_name']);
  if (recordIds !== null) query = query.where('a.entity_id', 'in', recordIds);
  if (filter.userId) query = query.where('a.user_id', '=', filter.userId);
  if (filter.action) query = query.where('a.action', '=', filter.action);
  // Dates are the UTC days the rows' timestamps fall on (the trail stores UTC).
  if (filter.from) query = query.where('a.at', '>=', filter.from);
  if (filter.to) query = query.where('a.at', '<', dayAfter(filter.to));
  if (page.beforeSeq !== undefined) query = query.where('a.seq', '<', page.beforeSeq);
  const rows = await query.orderBy('a.seq', 'desc').limit(page.limit).execute();
  return rows.map(toAuditEvent);
}

function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

async function patientRecordIds(db: Db, text: string): Promise<string[]> {
  const patients = (await searchPatients(db, text, PATIENT_MATCHES)).map((p) => p.id as string);
  if (patients.length === 0) return [];
  const cases = (await db.selectFrom('cases').select('id').where('patient_id', 'in', patients).execute()).map((r) => r.id);
  const lesions = cases.length ? (await db.selectFrom('lesions').select('id').where('case_id', 'in', cases).execute()).map((r) => r.id) : [];
  const stages = lesions.length ? (await db.selectFrom('stages').select('id').where('lesion_id', 'in', lesions).execute()).map((r) => r.id) : [];
  const blocks = stages.length ? (await db.selectFrom('blocks').select('id').where('stage_id', 'in', stages).execute()).map((r) => r.id) : [];
  return [...patients, ...cases, ...lesions, ...stages, ...blocks];
}
