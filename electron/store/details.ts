import type { CaseDetail, LesionDetail } from '../../shared/api';
import { getCase } from './cases';
import type { Db } from './engine/schema';
import { getLesion, listLesions } from './lesions';
import { getPatient } from './patients';
import { getUser } from './users';

/** What the case and lesion screens open with: the record with its patient, surgeon and lesions. */

export async function getCaseDetail(db: Db, id: string): Promise<CaseDetail> {
  const c = await getCase(db, id);
  return { case: c, patient: await getPatient(db, c.patientId), surgeon: await getUser(db, c.surgeonId), lesions: await listLesions(db, id) };
}

export async function getLesionDetail(db: Db, id: string): Promise<LesionDetail> {
  const lesion = await getLesion(db, id);
  const c = await getCase(db, lesion.caseId);
  return { lesion, case: c, patient: await getPatient(db, c.patientId), surgeon: await getUser(db, c.surgeonId) };
}
