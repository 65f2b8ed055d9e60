import { siteById } from '../../shared/catalog/anatomicSites';
import type { BlockStatus } from '../../shared/map/derive';
import type { NoteBlock, NoteChecklist, NoteFreeText, NoteLesion, NoteRecord, NoteStage } from '../../shared/note';
import { specimenSizes } from '../../shared/note';
import { diagnosisText, patientDisplayName, siteText, type Lesion } from '../../shared/records';
import { getCase } from './cases';
import type { Db } from './engine/schema';
import { listLesionHistology } from './histology';
import { listLesions } from './lesions';
import { getPatient } from './patients';
import { listStages } from './stages';
import { getUser } from './users';

// The record the operative note is written from (shared/note/record.ts), read from the stored
// rows: the lesion, its stages' maps (specimen sizes), the block rows (labels and readings, kept
// in step with the maps by every stage save), margin findings and histology per block.

async function lesionForNote(db: Db, lesion: Lesion): Promise<NoteLesion> {
  const stages = await listStages(db, lesion.id);
  const histology = new Map((await listLesionHistology(db, lesion.id)).map((h) => [h.blockId as string, h]));
  const blockRows =
    stages.length === 0
      ? []
      : await db.selectFrom('blocks').select(['id', 'stage_id', 'label', 'margin_result']).where('stage_id', 'in', stages.map((s) => s.id)).orderBy('position').execute();
  const findingRows =
    blockRows.length === 0 ? [] : await db.selectFrom('margin_findings').select(['block_id', 'kind']).where('block_id', 'in', blockRows.map((b) => b.id)).execute();
  const noteStages: NoteStage[] = stages.map((s) => ({
    number: s.number,
    specimens: specimenSizes(s.doc),
    result: s.result,
    blocks: blockRows
      .filter((b) => b.stage_id === s.id)
      .map((b): NoteBlock => {
        const kinds = findingRows.filter((f) => f.block_id === b.id).map((f) => f.kind);
        const h = histology.get(b.id);
        return {
          label: b.label,
          marginResult: b.margin_result as BlockStatus,
          peripheral: kinds.includes('tumor-peripheral'),
          deep: kinds.includes('tumor-deep'),
          lab: h?.lab ?? null,
          reading: h?.reading ?? null,
        };
      }),
  }));
  return {
    label: lesion.label,
    site: siteText(lesion),
    laterality: lesion.laterality,
    aucArea: siteById(lesion.siteId)?.aucArea ?? null,
    diagnosis: diagnosisText(lesion.tumorTypeId),
    recurrent: lesion.recurrent,
    preopLengthMm: lesion.preopLengthMm,
    preopWidthMm: lesion.preopWidthMm,
    twelveOClock: lesion.twelveOClock,
    stages: noteStages,
    finalDefect: lesion.finalDefect ? { lengthMm: lesion.finalDefect.lengthMm, widthMm: lesion.finalDefect.widthMm } : null,
    repair: lesion.repair,
    repairSites: lesion.repair?.siteIds.map((id) => siteById(id)?.label ?? id) ?? [],
    outcome: lesion.outcome,
  };
}

/** The case's record for its note, with the checklist and free-text parts the note row (or template) gives. */
export async function noteRecordForCase(db: Db, caseId: string, checklist: NoteChecklist, freeText: NoteFreeText): Promise<NoteRecord> {
  const c = await getCase(db, caseId);
  const patient = await getPatient(db, c.patientId);
  const surgeon = await getUser(db, c.surgeonId);
  const lesions: NoteLesion[] = [];
  for (const l of await listLesions(db, caseId)) lesions.push(await lesionForNote(db, l));
  return {
    patientName: patientDisplayName(patient),
    mrn: patient.mrn,
    dateOfBirth: patient.dateOfBirth,
    dateOfSurgery: c.dateOfSurgery,
    accessionNumber: c.accessionNumber,
    surgeonName: surgeon.name,
    lesions,
    checklist,
    freeText,
  };
}
