import type Database from 'better-sqlite3';
import type { LesionId, StageId } from '../../shared/ids';
import { deriveStage, type DerivedStage } from '../../shared/map/derive';
import { MAP_DOCUMENT_VERSION, type Finding, type MapDocument } from '../../shared/map/document';
import { parseMapDocument } from '../../shared/map/readMap';
import type { LabStatus, StageRecord } from '../../shared/records';
import { AppFailure } from '../../shared/result';
import { getLesion } from './lesions';
import { getSettings } from './settings';
import { assertLesionUnsigned, assertStageUnsigned } from './signoff';
import { isLabStatus } from './worklist';
import { appendAudit, checkVersionedUpdate, mustFind, type WriteContext } from './write';

interface StageRow {
  id: string;
  lesion_id: string;
  number: number;
  map_doc: string;
  map_doc_version: number;
  block_count: number;
  result: StageRecord['result'];
  version: number;
  created_at: string;
  updated_at: string;
}

/**
 * A stored map that cannot be read is reported, never replaced or dropped: the row stays
 * exactly as it is, for a newer Layermap or a restore to deal with.
 */
function toStage(r: StageRow, labStatus: Readonly<Record<string, LabStatus>>): StageRecord {
  let json: unknown;
  let parsed: ReturnType<typeof parseMapDocument>;
  try {
    json = JSON.parse(r.map_doc);
    parsed = parseMapDocument(json);
  } catch {
    parsed = { ok: false, reason: 'The stored map is not valid (it is not a JSON document).' };
  }
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
function labStatusByStage(db: Database.Database, where: string, key: string): Map<string, Record<string, LabStatus>> {
  const rows = db.prepare(`SELECT b.stage_id, b.id, b.lab_status FROM blocks b JOIN stages s ON s.id = b.stage_id WHERE ${where}`).all(key) as {
    stage_id: string;
    id: string;
    lab_status: string;
  }[];
  const byStage = new Map<string, Record<string, LabStatus>>();
  for (const row of rows) {
    if (!isLabStatus(row.lab_status)) continue;
    let statuses = byStage.get(row.stage_id);
    if (!statuses) byStage.set(row.stage_id, (statuses = {}));
    statuses[row.id] = row.lab_status;
  }
  return byStage;
}

export function getStage(db: Database.Database, id: string): StageRecord {
  const row = mustFind(db.prepare('SELECT * FROM stages WHERE id = ?').get(id) as StageRow | undefined, 'stage');
  return toStage(row, labStatusByStage(db, 's.id = ?', id).get(id) ?? {});
}

/** A lesion's stages in the order they were taken. */
export function listStages(db: Database.Database, lesionId: string): StageRecord[] {
  getLesion(db, lesionId);
  const labStatus = labStatusByStage(db, 's.lesion_id = ?', lesionId);
  return (db.prepare('SELECT * FROM stages WHERE lesion_id = ? ORDER BY number').all(lesionId) as StageRow[]).map((r) =>
    toStage(r, labStatus.get(r.id) ?? {}),
  );
}

const lastStageNumber = (db: Database.Database, lesionId: string): number =>
  (db.prepare('SELECT coalesce(max(number), 0) AS n FROM stages WHERE lesion_id = ?').get(lesionId) as { n: number }).n;

export function createStage(w: WriteContext, lesionId: string, doc: MapDocument): StageRecord {
  assertLesionUnsigned(w.db, lesionId);
  getLesion(w.db, lesionId);
  const number = lastStageNumber(w.db, lesionId) + 1;
  const derived = deriveChecked(w.db, doc, number);
  const id = w.newId();
  checkIdsFree(w.db, id, doc);
  w.db
    .prepare(
      `INSERT INTO stages (id, lesion_id, number, map_doc, map_doc_version, block_count, result, version, created_at, updated_at)
       VALUES (@id, @lesionId, @number, @mapDoc, @mapDocVersion, @blockCount, @result, 1, @now, @now)`,
    )
    .run({ id, lesionId, number, ...stageColumns(doc, derived), now: w.now });
  syncBlocks(w, id, doc, derived);
  const created = getStage(w.db, id);
  appendAudit(w, { entity: 'stage', entityId: id, action: 'create', before: null, after: created });
  return created;
}

/** Saves a stage's map (the editor's autosave) and brings its blocks and findings rows along. */
export function saveStage(w: WriteContext, id: string, version: number, doc: MapDocument): StageRecord {
  assertStageUnsigned(w.db, id);
  const before = getStage(w.db, id);
  getLesion(w.db, before.lesionId);
  if (before.version !== version) checkVersionedUpdate(0, 'stage', true);
  const derived = deriveChecked(w.db, doc, before.number);
  checkIdsFree(w.db, id, doc);
  const info = w.db
    .prepare(
      `UPDATE stages SET map_doc = @mapDoc, map_doc_version = @mapDocVersion, block_count = @blockCount, result = @result,
         version = version + 1, updated_at = @now
       WHERE id = @id AND version = @version`,
    )
    .run({ id, version, ...stageColumns(doc, derived), now: w.now });
  checkVersionedUpdate(info.changes, 'stage', true);
  syncBlocks(w, id, doc, derived);
  const after = getStage(w.db, id);
  appendAudit(w, { entity: 'stage', entityId: id, action: 'update', before, after });
  return after;
}

/** Removes the last stage of a lesion with its blocks and findings (an earlier one would leave a gap). */
export function removeStage(w: WriteContext, id: string, version: number): null {
  assertStageUnsigned(w.db, id);
  const before = getStage(w.db, id);
  getLesion(w.db, before.lesionId);
  if (before.version !== version) checkVersionedUpdate(0, 'stage', true);
  if (before.number !== lastStageNumber(w.db, before.lesionId)) {
    throw new AppFailure('invalid_input', 'Only the last stage can be removed.');
  }
  const inLab = w.db.prepare("SELECT label, lab_status FROM blocks WHERE stage_id = ? AND lab_status <> 'excised'").all(id) as BlockLabRow[];
  if (inLab.length > 0) throw new AppFailure('invalid_input', inLabMessage(inLab));
  w.db.prepare('DELETE FROM margin_findings WHERE block_id IN (SELECT id FROM blocks WHERE stage_id = ?)').run(id);
  w.db.prepare('DELETE FROM blocks WHERE stage_id = ?').run(id);
  const info = w.db.prepare('DELETE FROM stages WHERE id = ? AND version = ?').run(id, version);
  checkVersionedUpdate(info.changes, 'stage', true);
  appendAudit(w, { entity: 'stage', entityId: id, action: 'delete', before, after: null });
  return null;
}

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
function deriveChecked(db: Database.Database, doc: MapDocument, stageNumber: number): DerivedStage {
  const derived = deriveStage(doc, stageNumber, getSettings(db).blockLabelConvention);
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
  if (new Set(doc.findings.map((f) => f.id)).size !== doc.findings.length) {
    throw new AppFailure('invalid_input', 'Two findings of this map have the same id; undo the last change.');
  }
  return derived;
}

/** Block and finding ids are keys of their tables: one stage's map may not take over another's rows. */
function checkIdsFree(db: Database.Database, stageId: string, doc: MapDocument): void {
  const blocks = db
    .prepare('SELECT count(*) AS n FROM blocks WHERE id IN (SELECT value FROM json_each(?)) AND stage_id <> ?')
    .get(JSON.stringify(doc.blocks.map((b) => b.id)), stageId) as { n: number };
  const findings = db
    .prepare(
      `SELECT count(*) AS n FROM margin_findings f JOIN blocks b ON b.id = f.block_id
       WHERE f.id IN (SELECT value FROM json_each(?)) AND b.stage_id <> ?`,
    )
    .get(JSON.stringify(doc.findings.map((f) => f.id)), stageId) as { n: number };
  if (blocks.n > 0 || findings.n > 0) {
    throw new AppFailure('conflict', 'Some blocks or findings of this map belong to another stage, so it was not saved. Redraw the cuts of this stage.');
  }
}

function stageColumns(doc: MapDocument, derived: DerivedStage) {
  return { mapDoc: JSON.stringify(doc), mapDocVersion: doc.schemaVersion, blockCount: derived.blocks.length, result: derived.result };
}

/** Above any block number a map can hold (at most 99): where blocks wait while positions are swapped. */
const PARKED = 100_000;

interface FindingRow {
  id: string;
  block_id: string;
  kind: string;
  location: string;
  note: string;
  version: number;
  created_at: string;
  updated_at: string;
}

/**
 * Brings the stage's block and finding rows in line with its document, in the caller's
 * transaction. Rows are keyed by the document's ids; a block's lab status (the histotech's
 * tracking) is never overwritten, and a row's version moves only when it changed.
 */
function syncBlocks(w: WriteContext, stageId: string, doc: MapDocument, derived: DerivedStage): void {
  const db = w.db;
  const existing = db.prepare('SELECT id, position, label, lab_status FROM blocks WHERE stage_id = ?').all(stageId) as ({ id: string; position: number } & BlockLabRow)[];
  const oldFindings = new Map(
    (
      db
        .prepare('SELECT f.* FROM margin_findings f JOIN blocks b ON b.id = f.block_id WHERE b.stage_id = ?')
        .all(stageId) as FindingRow[]
    ).map((f) => [f.id, f]),
  );
  // Findings are rewritten below; removing them first frees every block for deletion.
  db.prepare('DELETE FROM margin_findings WHERE block_id IN (SELECT id FROM blocks WHERE stage_id = ?)').run(stageId);

  const wanted = new Map(derived.blocks.map((b) => [b.ref.id as string, b.ref.number]));
  // Tissue the lab has started on cannot vanish from the map: its status would be lost.
  const inLab = existing.filter((row) => !wanted.has(row.id) && row.lab_status !== 'excised');
  if (inLab.length > 0) throw new AppFailure('invalid_input', inLabMessage(inLab));
  const remove = db.prepare('DELETE FROM blocks WHERE id = ?');
  const park = db.prepare('UPDATE blocks SET position = position + ? WHERE id = ?');
  for (const row of existing) {
    const position = wanted.get(row.id);
    if (position === undefined) remove.run(row.id);
    // Renumbering swaps positions: park the moving blocks first, so UNIQUE (stage_id, position) holds at every step.
    else if (position !== row.position) park.run(PARKED, row.id);
  }

  const upsert = db.prepare(
    `INSERT INTO blocks (id, stage_id, position, label, inks, margin_result, version, created_at, updated_at)
     VALUES (@id, @stageId, @position, @label, @inks, @marginResult, 1, @now, @now)
     ON CONFLICT (id) DO UPDATE SET position = excluded.position, label = excluded.label, inks = excluded.inks,
       margin_result = excluded.margin_result, version = blocks.version + 1, updated_at = excluded.updated_at
     WHERE blocks.stage_id = excluded.stage_id
       AND (blocks.position IS NOT excluded.position OR blocks.label IS NOT excluded.label
         OR blocks.inks IS NOT excluded.inks OR blocks.margin_result IS NOT excluded.margin_result)`,
  );
  for (const b of derived.blocks) {
    upsert.run({
      id: b.ref.id,
      stageId,
      position: b.ref.number,
      label: b.label,
      inks: JSON.stringify(b.inks.map((k) => ({ ink: k.ink, stretch: k.stretch }))),
      marginResult: b.result.status,
      now: w.now,
    });
  }

  const insertFinding = db.prepare(
    `INSERT INTO margin_findings (id, block_id, kind, location, note, version, created_at, updated_at)
     VALUES (@id, @blockId, @kind, @location, @note, @version, @createdAt, @updatedAt)`,
  );
  for (const f of doc.findings) {
    const row = { id: f.id, blockId: f.blockId, kind: f.kind, location: JSON.stringify(locationOf(f)), note: f.note };
    const old = oldFindings.get(f.id);
    const same = old !== undefined && old.block_id === row.blockId && old.kind === row.kind && old.location === row.location && old.note === row.note;
    insertFinding.run({
      ...row,
      version: old === undefined ? 1 : same ? old.version : old.version + 1,
      createdAt: old?.created_at ?? w.now,
      updatedAt: same ? old.updated_at : w.now,
    });
  }
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
