import type Database from 'better-sqlite3';
import type { CaseCoding, LesionCoding } from '../../shared/api';
import { siteById } from '../../shared/catalog';
import { aucAreaFor, codeCase, suggestIcd10 } from '../../shared/coding';
import type { BlockStatus } from '../../shared/map/derive';
import { getCase } from './cases';
import { listLesions } from './lesions';
import { getMueTable } from './mueTable';
import { getSettings } from './settings';

interface StageColumns {
  number: number;
  block_count: number;
  result: BlockStatus;
}

/**
 * The case's coding summary, derived afresh from the stored case, lesions, stages and
 * settings on every call: nothing of it is stored, so it cannot drift from the record.
 * Stages are read from their columns (block count, result), which every stage save keeps
 * in step with the map, so coding does not depend on reading the map documents.
 * Everything is read in one transaction, so the summary is of one moment of the record.
 */
export function caseCoding(db: Database.Database, caseId: string): CaseCoding {
  return db.transaction(() => {
    const c = getCase(db, caseId);
    const settings = getSettings(db);
    const mue = getMueTable(db);
    const stagesOf = db.prepare('SELECT number, block_count, result FROM stages WHERE lesion_id = ? ORDER BY number');
    const lesions: LesionCoding[] = listLesions(db, c.id).map((l) => ({
      lesionId: l.id,
      label: l.label,
      siteId: l.siteId,
      siteLabel: siteById(l.siteId)?.label ?? l.siteId,
      laterality: l.laterality,
      tumorTypeId: l.tumorTypeId,
      deepStructures: l.deepStructures.length > 0,
      aucArea: aucAreaFor(l.siteId),
      icd10: suggestIcd10({ siteId: l.siteId, laterality: l.laterality, tumorTypeId: l.tumorTypeId }),
      stages: (stagesOf.all(l.id) as StageColumns[]).map((s) => ({ number: s.number, blockCount: s.block_count, result: s.result })),
      finalDefect: l.finalDefect,
    }));
    const result = codeCase({
      lesions: lesions.map((l) => ({
        id: l.lesionId,
        label: l.label,
        siteId: l.siteId,
        deepStructures: l.deepStructures,
        stages: l.stages.map((s) => ({ blockCount: s.blockCount })),
      })),
      distinctLesionModifier: settings.distinctLesionModifier,
      additionalCodes: c.additionalCodes,
      mueTable: mue.entries,
    });
    return {
      caseId: c.id,
      dateOfSurgery: c.dateOfSurgery,
      distinctLesionModifier: settings.distinctLesionModifier,
      cliaNumber: settings.cliaNumber,
      additionalCodes: c.additionalCodes,
      lesions,
      result,
      mue: { origin: mue.origin, source: mue.source, quarter: mue.quarter },
    };
  })();
}
