import type Database from 'better-sqlite3';
import type { Lesion } from '../../shared/records';
import { AppFailure } from '../../shared/result';
import { signoffWarnings, type SignoffLesionFacts, type SignoffStageFacts, type SignoffWarning } from '../../shared/signoff/warnings';
import type { BlockStatus } from '../../shared/map/derive';
import { getCase } from './cases';
import { getLesion, listLesions } from './lesions';
import { isLabStatus } from './worklist';

/**
 * The facts signing warns about, read from the stored columns (stage result, block margin
 * result and lab status), which every stage save keeps in step with the map.
 */
function lesionFacts(db: Database.Database, lesion: Lesion): SignoffLesionFacts {
  const stageRows = db.prepare('SELECT id, number, result FROM stages WHERE lesion_id = ? ORDER BY number').all(lesion.id) as {
    id: string;
    number: number;
    result: BlockStatus;
  }[];
  const blocksOf = db.prepare('SELECT label, margin_result, lab_status FROM blocks WHERE stage_id = ? ORDER BY position');
  const stages: SignoffStageFacts[] = stageRows.map((s) => ({
    number: s.number,
    result: s.result,
    blocks: (blocksOf.all(s.id) as { label: string; margin_result: BlockStatus; lab_status: string }[]).map((b) => ({
      label: b.label,
      marginResult: b.margin_result,
      // A status this version does not know is not "read": warn rather than assume.
      labStatus: isLabStatus(b.lab_status) ? b.lab_status : 'excised',
    })),
  }));
  return {
    id: lesion.id,
    label: lesion.label,
    twelveOClock: lesion.twelveOClock,
    hasFinalDefect: lesion.finalDefect !== null,
    outcome: lesion.outcome,
    stages,
  };
}

/** What signing this lesion would sign over. */
export function lesionSignWarnings(db: Database.Database, lesionId: string): SignoffWarning[] {
  const lesion = getLesion(db, lesionId);
  const c = getCase(db, lesion.caseId);
  return signoffWarnings({ accessionNumber: c.accessionNumber, lesions: [lesionFacts(db, lesion)] });
}

/** What signing this case would sign over: the case, and each lesion not signed yet. */
export function caseSignWarnings(db: Database.Database, caseId: string): SignoffWarning[] {
  const c = getCase(db, caseId);
  const lesions = listLesions(db, caseId).filter((l) => !l.signature);
  return signoffWarnings({ accessionNumber: c.accessionNumber, lesions: lesions.map((l) => lesionFacts(db, l)) });
}

/**
 * When the sign request names the warnings the surgeon reviewed, a warning that appeared
 * since (a block read as pending again, the accession number cleared) stops the signature:
 * the surgeon must see it first.
 */
export function assertWarningsReviewed(current: readonly SignoffWarning[], reviewed: readonly string[] | undefined): void {
  if (reviewed === undefined) return;
  const seen = new Set(reviewed);
  const unseen = current.filter((w) => !seen.has(w.id));
  if (unseen.length > 0) {
    // 'conflict', not 'stale': the record may be at the same version (a block's reading changed).
    throw new AppFailure(
      'conflict',
      `Not signed: something changed since you reviewed it. ${unseen.map((w) => w.message).join(' ')} Review again before signing.`,
    );
  }
}
