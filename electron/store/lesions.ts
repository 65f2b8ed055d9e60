import type Database from 'better-sqlite3';
import type { LesionDetail } from '../../shared/api';
import { siteById, tumorTypeById } from '../../shared/catalog';
import type { CaseId, LesionId } from '../../shared/ids';
import {
  lesionLabel,
  twelveOClockChoices,
  type DeepStructure,
  type FinalDefect,
  type Laterality,
  type Lesion,
  type LesionOutcome,
  type OutcomeKind,
  type TwelveOClockDirection,
} from '../../shared/records';
import { AppFailure } from '../../shared/result';
import { getCase } from './cases';
import { getPatient } from './patients';
import { assertCaseUnsigned, assertLesionUnsigned, signatureOf } from './signoff';
import { getUser } from './users';
import { appendAudit, checkVersionedUpdate, mustFind, type WriteContext } from './write';

interface LesionRow {
  id: string;
  case_id: string;
  label: string;
  site_id: string;
  site_detail: string;
  laterality: Laterality | null;
  tumor_type_id: string;
  preop_length_mm: number;
  preop_width_mm: number;
  recurrent: number;
  deep_structures: string;
  /** Null = not chosen (schema 5 on; older files always held a direction, 'superior' by default). */
  twelve_oclock: TwelveOClockDirection | null;
  final_defect_length_mm: number | null;
  final_defect_width_mm: number | null;
  final_defect_source: FinalDefect['source'] | null;
  /** Who signed the lesion, and when (both or neither). Absent only in a file of schema 3 or older. */
  signed_at?: string | null;
  signed_by?: string | null;
  /** How surgery ended, and its reason or referral. Absent only in a file of schema 4 or older. */
  outcome?: OutcomeKind | null;
  outcome_note?: string;
  version: number;
  created_at: string;
  updated_at: string;
}

const toLesion = (db: Database.Database, r: LesionRow): Lesion => ({
  id: r.id as LesionId,
  caseId: r.case_id as CaseId,
  label: r.label,
  siteId: r.site_id,
  siteDetail: r.site_detail,
  laterality: r.laterality,
  tumorTypeId: r.tumor_type_id,
  preopLengthMm: r.preop_length_mm,
  preopWidthMm: r.preop_width_mm,
  recurrent: r.recurrent === 1,
  deepStructures: JSON.parse(r.deep_structures) as DeepStructure[],
  twelveOClock: r.twelve_oclock,
  finalDefect: toFinalDefect(r),
  outcome: toOutcome(r.outcome ?? null, r.outcome_note ?? ''),
  signature: signatureOf(db, r.signed_at, r.signed_by),
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

function toOutcome(kind: OutcomeKind | null, note: string): LesionOutcome | null {
  if (kind === 'stopped') return { kind, reason: note };
  if (kind === 'referred') return { kind, referredFor: note };
  return kind === 'cleared' ? { kind } : null;
}

/** The schema keeps the three columns all set or all empty. */
function toFinalDefect(r: LesionRow): FinalDefect | null {
  if (r.final_defect_length_mm === null || r.final_defect_width_mm === null || r.final_defect_source === null) return null;
  return { lengthMm: r.final_defect_length_mm, widthMm: r.final_defect_width_mm, source: r.final_defect_source };
}

export interface LesionInput {
  readonly siteId: string;
  readonly siteDetail: string;
  readonly laterality: Laterality | null;
  readonly tumorTypeId: string;
  readonly preopLengthMm: number;
  readonly preopWidthMm: number;
  readonly recurrent: boolean;
  readonly deepStructures: readonly DeepStructure[];
  /** Create: null or absent = not chosen yet. Update: absent = leave as it is. */
  readonly twelveOClock?: TwelveOClockDirection | null;
}

/** Site and diagnosis must come from the reviewed catalogs, or coding could not classify them. */
function checkAgainstCatalogs(l: LesionInput): void {
  const site = siteById(l.siteId);
  if (!site) throw new AppFailure('invalid_input', 'Choose the anatomic site from the list.');
  if (site.lateralityApplies && l.laterality === null) {
    throw new AppFailure('invalid_input', `Say which side the ${site.label.toLowerCase()} lesion is on.`);
  }
  if (!tumorTypeById(l.tumorTypeId)) throw new AppFailure('invalid_input', 'Choose the diagnosis from the list.');
}

/** Proximal and distal mean something only along a limb or digit (twelveOClockChoices). */
function checkDirection(siteId: string, direction: TwelveOClockDirection | null): void {
  if (direction === null) return;
  if (!twelveOClockChoices(siteById(siteId)?.region).includes(direction)) {
    throw new AppFailure(
      'invalid_input',
      `12 o'clock can point ${direction} only on a limb, hand, foot or digit; choose superior, inferior, medial, lateral, anterior or posterior.`,
    );
  }
}

function row(l: LesionInput) {
  return {
    siteId: l.siteId,
    siteDetail: l.siteDetail,
    laterality: l.laterality,
    tumorTypeId: l.tumorTypeId,
    preopLengthMm: l.preopLengthMm,
    preopWidthMm: l.preopWidthMm,
    recurrent: l.recurrent ? 1 : 0,
    deepStructures: JSON.stringify([...l.deepStructures].sort()),
  };
}

export function getLesion(db: Database.Database, id: string): Lesion {
  return toLesion(db, mustFind(db.prepare('SELECT * FROM lesions WHERE id = ?').get(id) as LesionRow | undefined, 'lesion'));
}

export function listLesions(db: Database.Database, caseId: string): Lesion[] {
  return (db.prepare('SELECT * FROM lesions WHERE case_id = ? ORDER BY length(label), label').all(caseId) as LesionRow[]).map((r) => toLesion(db, r));
}

export function createLesion(w: WriteContext, caseId: string, l: LesionInput): Lesion {
  assertCaseUnsigned(w.db, caseId);
  getCase(w.db, caseId);
  checkAgainstCatalogs(l);
  checkDirection(l.siteId, l.twelveOClock ?? null);
  const count = (w.db.prepare('SELECT count(*) AS n FROM lesions WHERE case_id = ?').get(caseId) as { n: number }).n;
  const id = w.newId();
  w.db
    .prepare(
      `INSERT INTO lesions (id, case_id, label, site_id, site_detail, laterality, tumor_type_id, preop_length_mm, preop_width_mm,
         recurrent, deep_structures, twelve_oclock, version, created_at, updated_at)
       VALUES (@id, @caseId, @label, @siteId, @siteDetail, @laterality, @tumorTypeId, @preopLengthMm, @preopWidthMm,
         @recurrent, @deepStructures, @twelveOClock, 1, @now, @now)`,
    )
    .run({ id, caseId, label: lesionLabel(count), ...row(l), twelveOClock: l.twelveOClock ?? null, now: w.now });
  const created = getLesion(w.db, id);
  appendAudit(w, { entity: 'lesion', entityId: id, action: 'create', before: null, after: created });
  return created;
}

export function updateLesion(w: WriteContext, id: string, version: number, l: LesionInput): Lesion {
  assertLesionUnsigned(w.db, id);
  const before = getLesion(w.db, id);
  checkAgainstCatalogs(l);
  checkDirection(l.siteId, l.twelveOClock === undefined ? before.twelveOClock : l.twelveOClock);
  const info = w.db
    .prepare(
      `UPDATE lesions SET site_id = @siteId, site_detail = @siteDetail, laterality = @laterality, tumor_type_id = @tumorTypeId,
         preop_length_mm = @preopLengthMm, preop_width_mm = @preopWidthMm, recurrent = @recurrent,
         deep_structures = @deepStructures, twelve_oclock = CASE WHEN @keepTwelve THEN twelve_oclock ELSE @twelveOClock END,
         version = version + 1, updated_at = @now
       WHERE id = @id AND version = @version`,
    )
    .run({ id, version, ...row(l), keepTwelve: l.twelveOClock === undefined ? 1 : 0, twelveOClock: l.twelveOClock ?? null, now: w.now });
  checkVersionedUpdate(info.changes, 'lesion', true);
  const after = getLesion(w.db, id);
  appendAudit(w, { entity: 'lesion', entityId: id, action: 'update', before, after });
  return after;
}

/** Where the map's 12 o'clock points (null: not chosen) and the final defect size (validated by lesionMapFields). */
export interface LesionMapFacts {
  readonly twelveOClock: TwelveOClockDirection | null;
  readonly finalDefect: FinalDefect | null;
}

export function setLesionMapFacts(w: WriteContext, id: string, version: number, facts: LesionMapFacts): Lesion {
  assertLesionUnsigned(w.db, id);
  const before = getLesion(w.db, id);
  checkDirection(before.siteId, facts.twelveOClock);
  const d = facts.finalDefect;
  const info = w.db
    .prepare(
      `UPDATE lesions SET twelve_oclock = @twelveOClock, final_defect_length_mm = @length, final_defect_width_mm = @width,
         final_defect_source = @source, version = version + 1, updated_at = @now
       WHERE id = @id AND version = @version`,
    )
    .run({ id, version, twelveOClock: facts.twelveOClock, length: d?.lengthMm ?? null, width: d?.widthMm ?? null, source: d?.source ?? null, now: w.now });
  checkVersionedUpdate(info.changes, 'lesion', true);
  const after = getLesion(w.db, id);
  appendAudit(w, { entity: 'lesion', entityId: id, action: 'update', before, after });
  return after;
}

/** How the lesion's surgery ended (validated by lesionOutcomeSchema), or null to take it back while it is unsigned. */
export function setLesionOutcome(w: WriteContext, id: string, version: number, outcome: LesionOutcome | null): Lesion {
  assertLesionUnsigned(w.db, id);
  const before = getLesion(w.db, id);
  const note = outcome?.kind === 'stopped' ? outcome.reason : outcome?.kind === 'referred' ? outcome.referredFor : '';
  const info = w.db
    .prepare(
      `UPDATE lesions SET outcome = @kind, outcome_note = @note, version = version + 1, updated_at = @now
       WHERE id = @id AND version = @version`,
    )
    .run({ id, version, kind: outcome?.kind ?? null, note, now: w.now });
  checkVersionedUpdate(info.changes, 'lesion', true);
  const after = getLesion(w.db, id);
  appendAudit(w, { entity: 'lesion', entityId: id, action: 'update', before, after });
  return after;
}

export function getLesionDetail(db: Database.Database, id: string): LesionDetail {
  const lesion = getLesion(db, id);
  const c = getCase(db, lesion.caseId);
  return { lesion, case: c, patient: getPatient(db, c.patientId), surgeon: getUser(db, c.surgeonId) };
}
