import type { Lesion } from '../../shared/records';
import { AppFailure } from '../../shared/result';
import { signoffWarnings, type SignoffLesionFacts, type SignoffStageFacts, type SignoffWarning } from '../../shared/signoff/warnings';
import type { BlockStatus } from '../../shared/map/derive';
import { getCase } from './cases';
import type { Db } from './engine/schema';
import { getLesion, listLesions } from './lesions';
import { isLabStatus } from './worklist';
import { noteSignWarnings } from './operativeNote';

/**
 * The facts signing warns about, read from the stored columns (stage result, block margin
 * result and lab status, which every stage save keeps in step with the map; the blocks'
 * re-cut flags from their histology; the lesion's repair).
 */
async function lesionFacts(db: Db, lesion: Lesion): Promise<SignoffLesionFacts> {
  const stageRows = await db.selectFrom('stages').select(['id', 'number', 'result']).where('lesion_id', '=', lesion.id).orderBy('number').execute();
  const blockRows = stageRows.length === 0
    ? []
    : await db
        .selectFrom('blocks')
        .leftJoin('block_histology', 'block_histology.block_id', 'blocks.id')
        .select(['blocks.stage_id', 'blocks.label', 'blocks.margin_result', 'blocks.lab_status', 'block_histology.recut'])
        .where('blocks.stage_id', 'in', stageRows.map((s) => s.id))
        .orderBy('blocks.position')
        .execute();
  const stages: SignoffStageFacts[] = stageRows.map((s) => ({
    number: s.number,
    result: s.result as BlockStatus,
    blocks: blockRows
      .filter((b) => b.stage_id === s.id)
      .map((b) => ({
        label: b.label,
        marginResult: b.margin_result as BlockStatus,
        // A status this version does not know is not "read": warn rather than assume.
        labStatus: isLabStatus(b.lab_status) ? b.lab_status : 'excised',
        recut: b.recut === 1,
      })),
  }));
  return {
    id: lesion.id,
    label: lesion.label,
    twelveOClock: lesion.twelveOClock,
    hasFinalDefect: lesion.finalDefect !== null,
    hasRepair: lesion.repair !== null,
    outcome: lesion.outcome,
    stages,
  };
}

/** What signing this lesion would sign over. */
export async function lesionSignWarnings(db: Db, lesionId: string): Promise<SignoffWarning[]> {
  const lesion = await getLesion(db, lesionId);
  const c = await getCase(db, lesion.caseId);
  return signoffWarnings({ accessionNumber: c.accessionNumber, lesions: [await lesionFacts(db, lesion)] });
}

/** What signing this case would sign over: the case, and each lesion not signed yet. */
export async function caseSignWarnings(db: Db, caseId: string): Promise<SignoffWarning[]> {
  const c = await getCase(db, caseId);
  const lesions = (await listLesions(db, caseId)).filter((l) => !l.signature);
  const facts: SignoffLesionFacts[] = [];
  for (const l of lesions) facts.push(await lesionFacts(db, l));
  // The case signature signs its operative note too: what the note lacks is said before it locks.
  const note = c.signature ? [] : await noteSignWarnings(db, caseId);
  return [...signoffWarnings({ accessionNumber: c.accessionNumber, lesions: facts }), ...note];
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
