import type { Expression, Selectable } from 'kysely';
import type { LesionId, StageId } from '../../shared/ids';
import { deriveStage, type DerivedStage } from '../../shared/map/derive';
import { MAP_DOCUMENT_VERSION, type Finding, type MapDocument } from '../../shared/map/document';
import { parseMapDocument } from '../../shared/map/readMap';
import type { LabStatus, StageRecord } from '../../shared/records';
import { AppFailure } from '../../shared/result';
import type { BlocksTable, Db, MarginFindingsTable, StagesTable } from './engine/schema';
import { getLesion } from './lesions';
import { assertLesionUnsigned, assertStageUnsigned, refuseSigned } from './locks';
import { getSetting, settingFromJson } from './settings';
import type { Settings } from '../../shared/records';
import { refuseHistologyLoss } from './histology';
import { forgetLabSteps } from './labTimes';
import { isJsonExact, rememberParsedText } from './recordText';
import { fromJsonRows, jsonRows } from './engine/perEngine';
import { reusedStatement } from './engine/reusedStatement';
import { isLabStatus } from './worklist';
import { appendAudit, changed, checkVersionedUpdate, mustFind, type WriteContext } from './write';

type StageRow = Selectable<StagesTable>;

/**
 * The maps read last, by their stored text: a save reads the stage before changing it, and
 * that is what the previous save wrote and read back, so the same text is not parsed and
 * validated again. Reading is a pure function of the text; documents are never mutated.
 */
const readCache = new Map<string, { ok: true; doc: MapDocument }>();
const READ_CACHE_KEPT = 16;

function remember(text: string, parsed: { ok: true; doc: MapDocument }): void {
  readCache.delete(text); // most recent last
  readCache.set(text, parsed);
  if (readCache.size > READ_CACHE_KEPT) readCache.delete(readCache.keys().next().value as string);
}

/**
 * A stored map that cannot be read is reported, never replaced or dropped: the row stays
 * exactly as it is, for a newer Layermap or a restore to deal with.
 */
function toStage(r: StageRow, labStatus: Readonly<Record<string, LabStatus>>): StageRecord {
  let json: unknown;
  let parsed: ReturnType<typeof parseMapDocument>;
  try {
    parsed = readCache.get(r.map_doc) ?? parseMapDocument((json = JSON.parse(r.map_doc)));
  } catch {
    parsed = { ok: false, reason: 'The stored map is not valid (it is not a JSON document).' };
  }
  if (parsed.ok) remember(r.map_doc, parsed);
  if (!parsed.ok) {
    const stored = typeof json === 'object' && json !== null ? (json as { schemaVersion?: unknown }).schemaVersion : undefined;
    const newer = typeof stored === 'number' && stored > MAP_DOCUMENT_VERSION;
    throw new AppFailure(
      'storage',
      `Stage ${r.number}'s map cannot be read and was left untouched. ${parsed.reason}` +
        (newer ? '' : ' Restore the database from a backup, or ask your IT support to examine it.'),
    );
  }
  return {
    id: r.id as StageId,
    lesionId: r.lesion_id as LesionId,
    number: r.number,
    doc: parsed.doc,
    blockCount: r.block_count,
    result: r.result,
    labStatus,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * Each block's lab status by block id, per stage, from the block rows. A status this
 * version does not know (a newer Layermap wrote it) is left out, so the map still opens.
 */
async function labStatusByStage(db: Db, by: { stageId: string } | { lesionId: string }): Promise<Map<string, Record<string, LabStatus>>> {
  let query = db.selectFrom('blocks as b').innerJoin('stages as s', 's.id', 'b.stage_id').select(['b.stage_id', 'b.id', 'b.lab_status']);
  query = 'stageId' in by ? query.where('s.id', '=', by.stageId) : query.where('s.lesion_id', '=', by.lesionId);
  const byStage = new Map<string, Record<string, LabStatus>>();
  for (const row of await query.execute()) {
    if (!isLabStatus(row.lab_status)) continue;
    let statuses = byStage.get(row.stage_id);
    if (!statuses) byStage.set(row.stage_id, (statuses = {}));
    statuses[row.id] = row.lab_status;
  }
  return byStage;
}

export async function getStage(db: Db, id: string): Promise<StageRecord> {
  const row = mustFind(await db.selectFrom('stages').selectAll().where('id', '=', id).executeTakeFirst(), 'stage');
  return toStage(row, (await labStatusByStage(db, { stageId: id })).get(id) ?? {});
}

/** A lesion's stages in the order they were taken. */
export async function listStages(db: Db, lesionId: string): Promise<StageRecord[]> {
  await getLesion(db, lesionId);
  const labStatus = await labStatusByStage(db, { lesionId });
  const rows = await db.selectFrom('stages').selectAll().where('lesion_id', '=', lesionId).orderBy('number').execute();
  return rows.map((r) => toStage(r, labStatus.get(r.id) ?? {}));
}

async function lastStageNumber(db: Db, lesionId: string): Promise<number> {
  const row = await db
    .selectFrom('stages')
    .select((eb) => eb.fn.coalesce(eb.fn.max('number'), eb.lit(0)).as('n'))
    .where('lesion_id', '=', lesionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function createStage(w: WriteContext, lesionId: string, doc: MapDocument): Promise<StageRecord> {
  await assertLesionUnsigned(w.db, lesionId);
  await getLesion(w.db, lesionId);
  const number = (await lastStageNumber(w.db, lesionId)) + 1;
  const derived = await deriveChecked(w.db, doc, number);
  const id = w.newId();
  const own: StageRows = { blocks: [], findings: new Map() };
  await checkIdsFree(w.db, id, doc, own);
  await w.db
    .insertInto('stages')
    .values({ id, lesion_id: lesionId, number, ...stageColumns(doc, derived), version: 1, created_at: w.now, updated_at: w.now })
    .execute();
  await syncBlocks(w, id, doc, derived, own);
  const created = await getStage(w.db, id);
  await appendAudit(w, { entity: 'stage', entityId: id, action: 'create', before: null, after: created });
  return created;
}

/**
 * The statements of a gesture's save, reused (built once per engine: engine/reusedStatement.ts).
 * The stage with its lesion's and case's signatures, the clinic's block label convention and the
 * stage's block and finding rows, all in one read: on a clinic server each read is a round trip.
 */
const stageToSave = reusedStatement((db, v: { id: string }) =>
  db
    .selectFrom('stages as s')
    .innerJoin('lesions as l', 'l.id', 's.lesion_id')
    .leftJoin('cases as c', 'c.id', 'l.case_id')
    .selectAll('s')
    .select(['l.signed_at', 'l.signed_by', 'c.signed_at as case_signed_at', 'c.signed_by as case_signed_by'])
    .select((eb) => eb.selectFrom('settings').select('value_json').where('key', '=', 'blockLabelConvention').as('convention_json'))
    // Its block and finding rows too, as one JSON value (read once per save: their lab statuses are the record's).
    .select((eb) => jsonRows(db, blocksWithFindings(db, eb.ref('s.id'))).as('block_rows'))
    .where('s.id', '=', v.id),
);

/** The stage's map written under the version the user last saw; no row back means stale or gone. */
const writeStage = reusedStatement((db, v: ReturnType<typeof stageColumns> & { updated_at: string; id: string; version: number }) =>
  db
    .updateTable('stages')
    .set((eb) => ({
      map_doc: v.map_doc,
      map_doc_version: v.map_doc_version,
      block_count: v.block_count,
      result: v.result,
      version: eb('version', '+', 1),
      updated_at: v.updated_at,
    }))
    .where('id', '=', v.id)
    .where('version', '=', v.version)
    .returningAll(),
);

/**
 * Saves a stage's map (the editor's autosave) and brings its blocks and findings rows along.
 * The save reads as little as it can (a gesture's cost is the durability floor plus this):
 * the stage with its signatures and its block rows in one read (their lab statuses are the
 * record's), the row written back by RETURNING, and the lab statuses after from what it wrote.
 */
export async function saveStage(w: WriteContext, id: string, version: number, doc: MapDocument): Promise<StageRecord> {
  const row = (await stageToSave(w.db, { id })).rows[0];
  if (row) await refuseSigned(w.db, row);
  const own = stageRows(row ? fromJsonRows(row.block_rows) : []);
  const before = toStage(mustFind(row, 'stage'), labStatusOf(own.blocks));
  if (before.version !== version) checkVersionedUpdate(0, 'stage', true);
  const derived = checkedDerivation(doc, before.number, settingFromJson('blockLabelConvention', row!.convention_json));
  await checkIdsFree(w.db, id, doc, own);
  const written = (await writeStage(w.db, { ...stageColumns(doc, derived), updated_at: w.now, id, version })).rows[0];
  checkVersionedUpdate(written ? 1 : 0, 'stage', true);
  await syncBlocks(w, id, doc, derived, own);
  // A block's lab status is never written by a save: a kept block keeps its own, a new one starts as the table's default.
  const kept = new Map(own.blocks.map((b) => [b.id, b.lab_status]));
  const after = toStage(written!, labStatusOf(derived.blocks.map((b) => ({ id: b.ref.id as string, lab_status: kept.get(b.ref.id) ?? NEW_BLOCK_LAB_STATUS }))));
  await appendAudit(w, { entity: 'stage', entityId: id, action: 'update', before, after });
  return after;
}

/** The blocks table's default lab status (migration 0001, both engines): a new block is "excised". */
const NEW_BLOCK_LAB_STATUS = 'excised';

/** Each block's lab status by id; one this version does not know is left out (toStage's rule). */
function labStatusOf(blocks: readonly { readonly id: string; readonly lab_status: string }[]): Record<string, LabStatus> {
  const statuses: Record<string, LabStatus> = {};
  for (const b of blocks) if (isLabStatus(b.lab_status)) statuses[b.id] = b.lab_status;
  return statuses;
}

/** Removes the last stage of a lesion with its blocks and findings (an earlier one would leave a gap). */
export async function removeStage(w: WriteContext, id: string, version: number): Promise<null> {
  await assertStageUnsigned(w.db, id);
  const before = await getStage(w.db, id);
  await getLesion(w.db, before.lesionId);
  if (before.version !== version) checkVersionedUpdate(0, 'stage', true);
  if (before.number !== (await lastStageNumber(w.db, before.lesionId))) {
    throw new AppFailure('invalid_input', 'Only the last stage can be removed.');
  }
  const inLab = await w.db.selectFrom('blocks').select(['label', 'lab_status']).where('stage_id', '=', id).where('lab_status', '<>', 'excised').execute();
  if (inLab.length > 0) throw new AppFailure('invalid_input', inLabMessage(inLab));
  await refuseHistologyLoss(w.db, (await w.db.selectFrom('blocks').select('id').where('stage_id', '=', id).execute()).map((b) => b.id));
  await deleteFindingsOf(w.db, id);
  await forgetLabSteps(w.db, { stageId: id });
  await w.db.deleteFrom('blocks').where('stage_id', '=', id).execute();
  const result = await w.db.deleteFrom('stages').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  checkVersionedUpdate(changed(result), 'stage', true);
  await appendAudit(w, { entity: 'stage', entityId: id, action: 'delete', before, after: null });
  return null;
}

const deleteFindingsOf = (db: Db, stageId: string) =>
  db
    .deleteFrom('margin_findings')
    .where('block_id', 'in', db.selectFrom('blocks').select('id').where('stage_id', '=', stageId))
    .execute();

const MISMATCH = "The map's blocks do not match its cuts; undo the last change.";

interface BlockLabRow {
  readonly label: string;
  readonly lab_status: string;
}

function inLabMessage(rows: readonly BlockLabRow[]): string {
  const list = rows.map((r) => `${r.label} (${r.lab_status})`).join(', ');
  return `The lab has already started on block ${list}, so it cannot be removed from the map. Undo the change, or ask the lab first.`;
}

/**
 * Derives what lists and coding read of the document, and refuses a document whose blocks
 * would not all be stored: every part of every piece must be exactly one block, and block
 * numbers are unique across the stage (its pieces share one labelling).
 */
async function deriveChecked(db: Db, doc: MapDocument, stageNumber: number): Promise<DerivedStage> {
  return checkedDerivation(doc, stageNumber, await getSetting(db, 'blockLabelConvention'));
}

function checkedDerivation(doc: MapDocument, stageNumber: number, convention: Settings['blockLabelConvention']): DerivedStage {
  const derived = deriveStage(doc, stageNumber, convention);
  if (derived.divisionProblem !== null) throw new AppFailure('invalid_input', derived.divisionProblem);
  if (new Set(doc.pieces.map((p) => p.id)).size !== doc.pieces.length) throw new AppFailure('invalid_input', MISMATCH);
  const parts = derived.partCount;
  if (derived.blocks.length !== parts || doc.blocks.length !== parts) throw new AppFailure('invalid_input', MISMATCH);
  if (new Set(doc.blocks.map((b) => b.id)).size !== doc.blocks.length) throw new AppFailure('invalid_input', MISMATCH);
  if (new Set(doc.blocks.map((b) => b.number)).size !== doc.blocks.length) {
    throw new AppFailure('invalid_input', 'Two blocks of this stage have the same number; renumber the blocks.');
  }
  const blockIds = new Set(doc.blocks.map((b) => b.id));
  if (doc.findings.some((f) => !blockIds.has(f.blockId)) || doc.inks.some((k) => !blockIds.has(k.blockId))) {
    throw new AppFailure('invalid_input', 'A finding or ink of this map is not on any of its blocks; undo the last change.');
  }
  const labels = derived.blocks.map((b) => b.label);
  const twice = labels.find((l, i) => labels.indexOf(l) !== i);
  if (twice !== undefined) {
    throw new AppFailure('invalid_input', `Two blocks of this stage would both be labelled ${twice}; renumber the blocks so each label is used once.`);
  }
  if (new Set(doc.findings.map((f) => f.id)).size !== doc.findings.length) {
    throw new AppFailure('invalid_input', 'Two findings of this map have the same id; undo the last change.');
  }
  return derived;
}

/** A stage's block and finding rows as stored, read once per save. */
interface StageRows {
  readonly blocks: readonly Pick<Selectable<BlocksTable>, 'id' | 'position' | 'label' | 'lab_status' | 'inks' | 'margin_result'>[];
  readonly findings: ReadonlyMap<string, Selectable<MarginFindingsTable>>;
}

/** A stage's blocks with their findings (a block once per finding, or once with none). */
const blocksWithFindings = (db: Db, stageId: Expression<string>) =>
  db
    .selectFrom('blocks as b')
    .leftJoin('margin_findings as f', 'f.block_id', 'b.id')
    .select(['b.id', 'b.position', 'b.label', 'b.lab_status', 'b.inks', 'b.margin_result'])
    .select(['f.id as f_id', 'f.kind as f_kind', 'f.location as f_location', 'f.note as f_note', 'f.version as f_version', 'f.created_at as f_created_at', 'f.updated_at as f_updated_at'])
    .where('b.stage_id', '=', stageId);

type BlockWithFinding = Awaited<ReturnType<ReturnType<typeof blocksWithFindings>['execute']>>[number];

function stageRows(rows: readonly BlockWithFinding[]): StageRows {
  const blocks = new Map<string, StageRows['blocks'][number]>();
  const findings = new Map<string, Selectable<MarginFindingsTable>>();
  for (const r of rows) {
    if (!blocks.has(r.id)) blocks.set(r.id, { id: r.id, position: r.position, label: r.label, lab_status: r.lab_status, inks: r.inks, margin_result: r.margin_result });
    if (r.f_id !== null) {
      findings.set(r.f_id, { id: r.f_id, block_id: r.id, kind: r.f_kind!, location: r.f_location!, note: r.f_note!, version: r.f_version!, created_at: r.f_created_at!, updated_at: r.f_updated_at! });
    }
  }
  return { blocks: [...blocks.values()], findings };
}

/**
 * Block and finding ids are keys of their tables: one stage's map may not take over another's
 * rows. Ids the stage already has are its own; only new ones are looked up.
 */
async function checkIdsFree(db: Db, stageId: string, doc: MapDocument, own: StageRows): Promise<void> {
  const ownBlocks = new Set(own.blocks.map((b) => b.id));
  const blockIds = doc.blocks.map((b) => b.id as string).filter((id) => !ownBlocks.has(id));
  const findingIds = doc.findings.map((f) => f.id as string).filter((id) => !own.findings.has(id));
  const blocks = blockIds.length === 0
    ? undefined
    : await db.selectFrom('blocks').select('id').where('id', 'in', blockIds).where('stage_id', '<>', stageId).executeTakeFirst();
  const findings = findingIds.length === 0
    ? undefined
    : await db
        .selectFrom('margin_findings as f')
        .innerJoin('blocks as b', 'b.id', 'f.block_id')
        .select('f.id')
        .where('f.id', 'in', findingIds)
        .where('b.stage_id', '<>', stageId)
        .executeTakeFirst();
  if (blocks || findings) {
    throw new AppFailure('conflict', 'Some blocks or findings of this map belong to another stage, so it was not saved. Redraw the cuts of this stage.');
  }
}

/**
 * The stage row's columns for a document the contract has validated (savedMapSchema, stricter
 * than the stored schema, no defaults or transforms): its stored text reads back as the text's
 * own JSON, so the read after the write takes it from the cache instead of validating it again.
 */
function stageColumns(doc: MapDocument, derived: DerivedStage) {
  const text = JSON.stringify(doc);
  // The document as it reads back from that text: the validated one itself when JSON changes
  // nothing in it (the usual case), else its parsed copy (a -0 reads back as 0).
  const stored = isJsonExact(doc) ? doc : (JSON.parse(text) as MapDocument);
  remember(text, { ok: true, doc: stored });
  // The audit of this save writes the stage record with this document: it reuses this text (recordText.ts).
  rememberParsedText(stored, text);
  return { map_doc: text, map_doc_version: doc.schemaVersion, block_count: derived.blocks.length, result: derived.result };
}

/** Above any block number a map can hold (at most 99): where blocks wait while positions are swapped. */
const PARKED = 100_000;

/**
 * Brings the stage's block and finding rows in line with its document, in the caller's
 * transaction. Rows are keyed by the document's ids; a block's lab status (the histotech's
 * tracking) is never overwritten, and a row's version moves only when it changed.
 */
async function syncBlocks(w: WriteContext, stageId: string, doc: MapDocument, derived: DerivedStage, own: StageRows): Promise<void> {
  const db = w.db;
  const existing = own.blocks;
  const oldFindings = own.findings;
  // A gesture changes a few rows at most: rows equal to the document's stay as they are
  // (same version and time), so a save writes only what changed.
  const findings = doc.findings.map((f) => ({ id: f.id, block_id: f.blockId, kind: f.kind, location: JSON.stringify(locationOf(f)), note: f.note }));
  const unchanged = new Set(
    findings
      .filter((row) => {
        const old = oldFindings.get(row.id);
        return old !== undefined && old.block_id === row.block_id && old.kind === row.kind && old.location === row.location && old.note === row.note;
      })
      .map((row) => row.id),
  );
  // The other findings are rewritten below; removing them first frees their blocks for deletion.
  if (oldFindings.size === 0) {
    // Nothing stored to remove (most maps have no findings yet).
  } else if (unchanged.size === 0) await deleteFindingsOf(db, stageId);
  else if (oldFindings.size > unchanged.size) {
    await db
      .deleteFrom('margin_findings')
      .where('block_id', 'in', db.selectFrom('blocks').select('id').where('stage_id', '=', stageId))
      .where('id', 'not in', [...unchanged])
      .execute();
  }

  const wanted = new Map(derived.blocks.map((b) => [b.ref.id as string, b.ref.number]));
  // Tissue the lab has started on cannot vanish from the map: its status would be lost.
  const inLab = existing.filter((row) => !wanted.has(row.id) && row.lab_status !== 'excised');
  if (inLab.length > 0) throw new AppFailure('invalid_input', inLabMessage(inLab));
  const removed = existing.filter((row) => !wanted.has(row.id)).map((row) => row.id);
  // Renumbering swaps positions: park the moving blocks first, so UNIQUE (stage_id, position) holds at every step.
  const moving = existing.filter((row) => wanted.has(row.id) && wanted.get(row.id) !== row.position).map((row) => row.id);
  await refuseHistologyLoss(db, removed);
  if (removed.length > 0) {
    await forgetLabSteps(db, removed);
    await db.deleteFrom('blocks').where('id', 'in', removed).execute();
  }
  if (moving.length > 0) await db.updateTable('blocks').set((eb) => ({ position: eb('position', '+', PARKED) })).where('id', 'in', moving).execute();
  // Labels swap with the numbers, and UNIQUE (stage_id, label) is checked row by row: park each
  // relabelled block under its own id (unique, never a label) before the new labels go in.
  const newLabel = new Map(derived.blocks.map((b) => [b.ref.id as string, b.label]));
  const relabelled = existing.filter((row) => newLabel.has(row.id) && newLabel.get(row.id) !== row.label).map((row) => row.id);
  if (relabelled.length > 0) await db.updateTable('blocks').set((eb) => ({ label: eb.ref('id') })).where('id', 'in', relabelled).execute();

  const current = new Map(existing.map((row) => [row.id, row]));
  const blocks = derived.blocks
    .map((b) => ({ id: b.ref.id as string, position: b.ref.number, label: b.label, inks: JSON.stringify(b.inks.map((k) => ({ ink: k.ink, stretch: k.stretch }))), margin_result: b.result.status }))
    .filter((row) => {
      const old = current.get(row.id);
      return !old || old.position !== row.position || old.label !== row.label || old.inks !== row.inks || old.margin_result !== row.margin_result;
    });
  // One statement for the changed blocks and one for the changed findings (in chunks): a save's cost does not grow per row.
  for (const rows of chunks(blocks)) {
    await db
      .insertInto('blocks')
      .values(rows.map((row) => ({ ...row, stage_id: stageId, version: 1, created_at: w.now, updated_at: w.now })))
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet((eb) => ({
            position: eb.ref('excluded.position'),
            label: eb.ref('excluded.label'),
            inks: eb.ref('excluded.inks'),
            margin_result: eb.ref('excluded.margin_result'),
            version: eb('blocks.version', '+', 1),
            updated_at: eb.ref('excluded.updated_at'),
          }))
          // Only this stage's own block, and only when something changed (all four columns are NOT NULL).
          .where((eb) =>
            eb.and([
              eb('blocks.stage_id', '=', eb.ref('excluded.stage_id')),
              eb.or([
                eb('blocks.position', '<>', eb.ref('excluded.position')),
                eb('blocks.label', '<>', eb.ref('excluded.label')),
                eb('blocks.inks', '<>', eb.ref('excluded.inks')),
                eb('blocks.margin_result', '<>', eb.ref('excluded.margin_result')),
              ]),
            ]),
          ),
      )
      .execute();
  }

  for (const rows of chunks(findings.filter((row) => !unchanged.has(row.id)))) {
    await db
      .insertInto('margin_findings')
      .values(
        rows.map((row) => {
          const old = oldFindings.get(row.id);
          return { ...row, version: old === undefined ? 1 : old.version + 1, created_at: old?.created_at ?? w.now, updated_at: w.now };
        }),
      )
      .execute();
  }
}

/** Rows per multi-row INSERT: far below any engine's limit on bound parameters (SQLite: 32,766). */
const CHUNK = 200;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/** Where on its block a finding sits: a stretch of edge, an area of the deep surface, or a point. */
function locationOf(f: Finding): object {
  switch (f.kind) {
    case 'tumor-peripheral':
    case 'incomplete':
      return { stretch: f.stretch };
    case 'tumor-deep':
      return { area: f.area };
    default:
      return { at: f.at };
  }
}
