import type { Selectable } from 'kysely';
import { siteById, tumorTypeById } from '../../shared/catalog';
import type { CaseId, LesionId } from '../../shared/ids';
import {
  lesionLabel,
  lesionRepairSchema,
  twelveOClockChoices,
  type DeepStructure,
  type FinalDefect,
  type Laterality,
  type Lesion,
  type LesionOutcome,
  type LesionRepair,
  type OutcomeKind,
  type TwelveOClockDirection,
} from '../../shared/records';
import { AppFailure } from '../../shared/result';
import { getCase } from './cases';
import type { Db, LesionsTable } from './engine/schema';
import { assertCaseUnsigned, refuseSigned, signatureOf } from './locks';
import { reusedStatement } from './engine/reusedStatement';
import { appendAudit, auditedUpdate, changed, checkVersionedUpdate, mustFind, type WriteContext } from './write';

/**
 * twelve_oclock null = not chosen (schema 5 on). The signature and outcome columns are absent
 * only in a file older than schema 4 / 5 (a pre-upgrade backup).
 */
type LesionRow = Selectable<LesionsTable>;

const toLesion = async (db: Db, r: LesionRow): Promise<Lesion> => ({
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
  twelveOClock: r.twelve_oclock as TwelveOClockDirection | null,
  finalDefect: toFinalDefect(r),
  outcome: toOutcome(r.outcome ?? null, r.outcome_note ?? ''),
  repair: r.repair ? lesionRepairSchema.parse(JSON.parse(r.repair)) : null,
  signature: await signatureOf(db, r.signed_at, r.signed_by, r.signature_method),
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

function columns(l: LesionInput) {
  return {
    site_id: l.siteId,
    site_detail: l.siteDetail,
    laterality: l.laterality,
    tumor_type_id: l.tumorTypeId,
    preop_length_mm: l.preopLengthMm,
    preop_width_mm: l.preopWidthMm,
    recurrent: l.recurrent ? 1 : 0,
    deep_structures: JSON.stringify([...l.deepStructures].sort()),
  };
}

export async function getLesion(db: Db, id: string): Promise<Lesion> {
  return toLesion(db, mustFind(await db.selectFrom('lesions').selectAll().where('id', '=', id).executeTakeFirst(), 'lesion'));
}

/** A case's lesions in label order: A … Z, then AA (by length, then letters). */
export async function listLesions(db: Db, caseId: string): Promise<Lesion[]> {
  const rows = await db
    .selectFrom('lesions')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy((eb) => eb.fn('length', ['label']))
    .orderBy('label')
    .execute();
  return Promise.all(rows.map((r) => toLesion(db, r)));
}

export async function createLesion(w: WriteContext, caseId: string, l: LesionInput): Promise<Lesion> {
  await assertCaseUnsigned(w.db, caseId);
  await getCase(w.db, caseId);
  checkAgainstCatalogs(l);
  checkDirection(l.siteId, l.twelveOClock ?? null);
  const count = await w.db
    .selectFrom('lesions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  const id = w.newId();
  await w.db
    .insertInto('lesions')
    .values({
      id,
      case_id: caseId,
      label: lesionLabel(Number(count.n)),
      ...columns(l),
      twelve_oclock: l.twelveOClock ?? null,
      version: 1,
      created_at: w.now,
      updated_at: w.now,
    })
    .execute();
  const created = await getLesion(w.db, id);
  await appendAudit(w, { entity: 'lesion', entityId: id, action: 'create', before: null, after: created });
  return created;
}

export async function updateLesion(w: WriteContext, id: string, version: number, l: LesionInput): Promise<Lesion> {
  const before = await lesionToChange(w.db, id);
  checkAgainstCatalogs(l);
  checkDirection(l.siteId, l.twelveOClock === undefined ? before.twelveOClock : l.twelveOClock);
  const values = { ...columns(l), updated_at: w.now, id, version };
  const written = (l.twelveOClock === undefined ? await writeLesion(w.db, values) : await writeLesionAndDirection(w.db, { ...values, twelve_oclock: l.twelveOClock })).rows[0];
  return auditedUpdate(w, { numUpdatedRows: written ? 1n : 0n }, { entity: 'lesion', what: 'lesion', id, before }, () => toLesion(w.db, written!));
}

const lesionWithCaseSignature = reusedStatement((db, v: { id: string }) =>
  db
    .selectFrom('lesions as l')
    .leftJoin('cases as c', 'c.id', 'l.case_id')
    .selectAll('l')
    .select(['c.signed_at as case_signed_at', 'c.signed_by as case_signed_by'])
    .where('l.id', '=', v.id),
);

type LesionWrite = ReturnType<typeof columns> & { updated_at: string; id: string; version: number };

/**
 * A lesion's fields written under the version the user last saw (reused statements, built once
 * per engine: engine/reusedStatement.ts). An absent twelveOClock leaves the stored direction as
 * it is, so the save with it is a statement of its own.
 */
const writeLesion = reusedStatement((db, v: LesionWrite) => updateLesionRow(db, v, {}));
const writeLesionAndDirection = reusedStatement((db, v: LesionWrite & { twelve_oclock: TwelveOClockDirection | null }) => updateLesionRow(db, v, { twelve_oclock: v.twelve_oclock }));

const updateLesionRow = (db: Db, v: LesionWrite, direction: { twelve_oclock?: TwelveOClockDirection | null }) =>
  db
    .updateTable('lesions')
    .set((eb) => ({
      site_id: v.site_id,
      site_detail: v.site_detail,
      laterality: v.laterality,
      tumor_type_id: v.tumor_type_id,
      preop_length_mm: v.preop_length_mm,
      preop_width_mm: v.preop_width_mm,
      recurrent: v.recurrent,
      deep_structures: v.deep_structures,
      ...direction,
      version: eb('version', '+', 1),
      updated_at: v.updated_at,
    }))
    .where('id', '=', v.id)
    .where('version', '=', v.version)
    .returningAll();

/**
 * A lesion about to change, read once with its case's signature: refused when either is
 * signed (locks.ts), not found when there is no such lesion. Every save of a lesion starts here.
 */
async function lesionToChange(db: Db, id: string): Promise<Lesion> {
  const row = (await lesionWithCaseSignature(db, { id })).rows[0];
  if (row) await refuseSigned(db, row);
  return toLesion(db, mustFind(row, 'lesion'));
}

/** Where the map's 12 o'clock points (null: not chosen) and the final defect size (validated by lesionMapFields). */
export interface LesionMapFacts {
  readonly twelveOClock: TwelveOClockDirection | null;
  readonly finalDefect: FinalDefect | null;
}

export async function setLesionMapFacts(w: WriteContext, id: string, version: number, facts: LesionMapFacts): Promise<Lesion> {
  const before = await lesionToChange(w.db, id);
  checkDirection(before.siteId, facts.twelveOClock);
  const d = facts.finalDefect;
  const result = await w.db
    .updateTable('lesions')
    .set((eb) => ({
      twelve_oclock: facts.twelveOClock,
      final_defect_length_mm: d?.lengthMm ?? null,
      final_defect_width_mm: d?.widthMm ?? null,
      final_defect_source: d?.source ?? null,
      version: eb('version', '+', 1),
      updated_at: w.now,
    }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return auditedUpdate(w, result, { entity: 'lesion', what: 'lesion', id, before }, () => getLesion(w.db, id));
}

/** How the lesion's surgery ended (validated by lesionOutcomeSchema), or null to take it back while it is unsigned. */
export async function setLesionOutcome(w: WriteContext, id: string, version: number, outcome: LesionOutcome | null): Promise<Lesion> {
  const before = await lesionToChange(w.db, id);
  const note = outcome?.kind === 'stopped' ? outcome.reason : outcome?.kind === 'referred' ? outcome.referredFor : '';
  const result = await w.db
    .updateTable('lesions')
    .set((eb) => ({ outcome: outcome?.kind ?? null, outcome_note: note, version: eb('version', '+', 1), updated_at: w.now }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return auditedUpdate(w, result, { entity: 'lesion', what: 'lesion', id, before }, () => getLesion(w.db, id));
}

/**
 * What closed the wound (validated by lesionRepairSchema), or null to take it back while the
 * lesion is unsigned. A lesion save like the outcome: version-checked, refused once signed, and
 * audited as its own action ('repair') with the lesion before and after, as signing is.
 */
export async function setLesionRepair(w: WriteContext, id: string, version: number, repair: LesionRepair | null): Promise<Lesion> {
  const before = await lesionToChange(w.db, id);
  const result = await w.db
    .updateTable('lesions')
    .set((eb) => ({ repair: repair === null ? null : JSON.stringify(repair), version: eb('version', '+', 1), updated_at: w.now }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  checkVersionedUpdate(changed(result), 'lesion', true);
  const after = await getLesion(w.db, id);
  await appendAudit(w, { entity: 'lesion', entityId: id, action: 'repair', before, after });
  return after;
}
