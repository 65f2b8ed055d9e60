import type { CaseCoding, LesionCoding } from '../../shared/api';
import { siteById } from '../../shared/catalog';
import { aucAreaFor, codeCase, codeRepairs, stainCodeSuggestions, suggestIcd10 } from '../../shared/coding';
import type { BlockStatus } from '../../shared/map/derive';
import { getCase } from './cases';
import type { Db } from './engine/schema';
import { listLesions } from './lesions';
import { getMueTable } from './mueTable';
import { getSettings } from './settings';
import { toHistology } from './histology';

/**
 * The case's coding summary, derived afresh from the stored case, lesions, stages and
 * settings on every call: nothing of it is stored, so it cannot drift from the record.
 * Stages are read from their columns (block count, result), which every stage save keeps
 * in step with the map, so coding does not depend on reading the map documents.
 * Everything is read in one transaction, so the summary is of one moment of the record.
 */
export async function caseCoding(store: Db, caseId: string): Promise<CaseCoding> {
  // Read only: a snapshot that takes no write lock, so coding still answers while another program writes.
  return store.transaction().setAccessMode('read only').execute(async (db) => {
    const c = await getCase(db, caseId);
    const settings = await getSettings(db);
    const mue = await getMueTable(db);
    const stageRows = await db
      .selectFrom('stages as s')
      .innerJoin('lesions as l', 'l.id', 's.lesion_id')
      .select(['s.lesion_id', 's.number', 's.block_count', 's.result'])
      .where('l.case_id', '=', c.id)
      .orderBy('s.number')
      .execute();
    const stagesOf = (lesionId: string) =>
      stageRows.filter((s) => s.lesion_id === lesionId).map((s) => ({ number: s.number, blockCount: s.block_count, result: s.result as BlockStatus }));
    const lesions: LesionCoding[] = (await listLesions(db, c.id)).map((l) => ({
      lesionId: l.id,
      label: l.label,
      siteId: l.siteId,
      siteLabel: siteById(l.siteId)?.label ?? l.siteId,
      laterality: l.laterality,
      tumorTypeId: l.tumorTypeId,
      deepStructures: l.deepStructures.length > 0,
      aucArea: aucAreaFor(l.siteId),
      icd10: suggestIcd10({ siteId: l.siteId, laterality: l.laterality, tumorTypeId: l.tumorTypeId }),
      stages: stagesOf(l.id),
      finalDefect: l.finalDefect,
      outcome: l.outcome,
      repair: l.repair,
    }));
    const result = codeCase({
      lesions: lesions.map((l) => ({
        id: l.lesionId,
        label: l.label,
        siteId: l.siteId,
        deepStructures: l.deepStructures,
        stages: l.stages.map((s) => ({ blockCount: s.blockCount })),
        // The engine's outcome: the reason a lesion was stopped, or what it was referred for.
        outcome: l.outcome && { kind: l.outcome.kind, reason: l.outcome.kind === 'stopped' ? l.outcome.reason : l.outcome.kind === 'referred' ? l.outcome.referredFor : undefined },
      })),
      distinctLesionModifier: settings.distinctLesionModifier,
      additionalCodes: c.additionalCodes,
      mueTable: mue.entries,
    });
    // Stains recorded on the case's blocks, in lesion, stage and block order: the lines they suggest.
    const stained = await db
      .selectFrom('block_histology as h')
      .innerJoin('blocks as b', 'b.id', 'h.block_id')
      .innerJoin('stages as s', 's.id', 'b.stage_id')
      .innerJoin('lesions as l', 'l.id', 's.lesion_id')
      .selectAll('h')
      .select(['l.label as lesion_label', 'b.label as block_label'])
      .where('l.case_id', '=', c.id)
      .orderBy((eb) => eb.fn('length', ['l.label']))
      .orderBy('l.label')
      .orderBy('s.number')
      .orderBy('b.position')
      .execute();
    const stainSuggestions = stainCodeSuggestions(stained.map((r) => ({ name: `${r.lesion_label} ${r.block_label}`, stains: toHistology(r).lab.stains })));
    return {
      stainSuggestions,
      caseId: c.id,
      dateOfSurgery: c.dateOfSurgery,
      distinctLesionModifier: settings.distinctLesionModifier,
      cliaNumber: settings.cliaNumber,
      additionalCodes: c.additionalCodes,
      lesions,
      result,
      // Only the repair's own measured sizes are read: never the drawn (computed) final defect.
      repair: codeRepairs(lesions.map((l) => ({ id: l.lesionId, label: l.label, repair: l.repair }))),
      mue: { origin: mue.origin, source: mue.source, quarter: mue.quarter },
    };
  });
}
