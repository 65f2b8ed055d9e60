import type Database from 'better-sqlite3';
import { inkById, siteById } from '../../shared/catalog';
import type { BlockId, CaseId, LesionId, StageId } from '../../shared/ids';
import { describeLabel, labelDifferences } from '../../shared/labels/scan';
import { parsePayload, type ScannedLabel } from '../../shared/labels/payload';
import { LAB_STATUSES, type LabStatus, type ScannedBlock, type WorklistRow } from '../../shared/records';
import { AppFailure } from '../../shared/result';
import { appendAudit, checkVersionedUpdate, mustFind, type WriteContext } from './write';

// The histotech's worklist: every block of the day's cases with its lab status (DOMAIN.md
// "The procedure" step 5). The status is the lab's tracking, kept on the block row; map
// saves never overwrite it.

interface Row {
  block_id: string;
  version: number;
  case_id: string;
  lesion_id: string;
  stage_id: string;
  date_of_surgery: string;
  family_name: string;
  given_name: string;
  mrn: string;
  accession_number: string;
  lesion_label: string;
  site_id: string;
  laterality: string | null;
  stage_number: number;
  block_label: string;
  inks: string;
  lab_status: string;
  updated_at: string;
}

const SELECT = `
  SELECT b.id AS block_id, b.version, c.id AS case_id, l.id AS lesion_id, s.id AS stage_id, c.date_of_surgery,
    p.family_name, p.given_name, p.mrn, c.accession_number, l.label AS lesion_label, l.site_id, l.laterality,
    s.number AS stage_number, b.label AS block_label, b.inks, b.lab_status, b.updated_at
  FROM blocks b
  JOIN stages s ON s.id = b.stage_id
  JOIN lesions l ON l.id = s.lesion_id
  JOIN cases c ON c.id = l.case_id
  JOIN patients p ON p.id = c.patient_id`;

/** Patient (by name, then who they are), case, lesion label (A … Z, AA …), stage, block position. */
const ORDER = `
  ORDER BY p.family_key, p.given_key, p.id, c.created_at, c.id, length(l.label), l.label, s.number, b.position`;

const SIDE: Readonly<Record<string, string>> = { left: 'Left', right: 'Right', midline: 'Midline', bilateral: 'Bilateral' };

/** "Left nasal ala": the side is on every lab label, so it is in the site the lab reads. */
function siteLabel(siteId: string, laterality: string | null): string {
  const label = siteById(siteId)?.label ?? `Unknown site (${siteId})`;
  const side = laterality === null ? undefined : SIDE[laterality];
  return side ? `${side} ${label.charAt(0).toLowerCase()}${label.slice(1)}` : label;
}

/** Ink names in the order the map lists the block's inked edges, each once. */
function inkNames(json: string, blockId: string): string[] {
  let inks: unknown;
  try {
    inks = JSON.parse(json);
  } catch {
    inks = undefined;
  }
  if (!Array.isArray(inks)) {
    throw new AppFailure('storage', `The inks stored for block ${blockId} cannot be read and were left untouched. Open the stage's map and save it again.`);
  }
  const names = inks.map((k: unknown) => {
    const id = typeof k === 'object' && k !== null ? (k as { ink?: unknown }).ink : undefined;
    return typeof id === 'string' ? (inkById(id)?.name ?? id) : '?';
  });
  return [...new Set(names)];
}

export const isLabStatus = (s: string): s is LabStatus => (LAB_STATUSES as readonly string[]).includes(s);

/** A status this version does not know (written by a newer Layermap) is reported, never guessed. */
export function readLabStatus(status: string, blockId: string): LabStatus {
  if (isLabStatus(status)) return status;
  throw new AppFailure(
    'storage',
    `Block ${blockId} has a lab status this version of Layermap does not know ("${status}"); it was left untouched. Update Layermap on this computer.`,
  );
}

function toRow(r: Row): WorklistRow {
  return {
    blockId: r.block_id as BlockId,
    version: r.version,
    caseId: r.case_id as CaseId,
    lesionId: r.lesion_id as LesionId,
    stageId: r.stage_id as StageId,
    dateOfSurgery: r.date_of_surgery,
    patientName: `${r.family_name}, ${r.given_name}`,
    mrn: r.mrn,
    accessionNumber: r.accession_number,
    lesionLabel: r.lesion_label,
    siteLabel: siteLabel(r.site_id, r.laterality),
    stageNumber: r.stage_number,
    blockLabel: r.block_label,
    inks: inkNames(r.inks, r.block_id),
    status: readLabStatus(r.lab_status, r.block_id),
    updatedAt: r.updated_at,
  };
}

/** Every block of every stage of every case with this date of surgery, in the order the lab works. */
export function listWorklist(db: Database.Database, date: string): WorklistRow[] {
  return (db.prepare(`${SELECT} WHERE c.date_of_surgery = ? ${ORDER}`).all(date) as Row[]).map(toRow);
}

function getRow(db: Database.Database, blockId: string): WorklistRow {
  return toRow(mustFind(db.prepare(`${SELECT} WHERE b.id = ?`).get(blockId) as Row | undefined, 'block'));
}

/**
 * The block a scanned cassette or slide label names. An LM2 label carries the block's id (its
 * key, unique in the whole database); an LM1 label, printed before that, is matched by MRN,
 * date, lesion, stage and block label, and must fit exactly one block.
 */
export function scanLabel(db: Database.Database, scanned: string): ScannedBlock {
  const parsed = parsePayload(scanned.trim());
  if (!parsed.ok) {
    throw new AppFailure(
      'invalid_input',
      parsed.foreign
        ? `That is not a Layermap block label. ${parsed.reason} Scan the square barcode on a cassette or slide label.`
        : `That Layermap label cannot be read. ${parsed.reason} Print this block's labels again.`,
    );
  }
  const label = parsed.value;
  if (label.format === 'LM2') {
    const found = db.prepare(`${SELECT} WHERE b.id = ?`).get(label.blockId) as Row | undefined;
    if (!found) throw notHere(label);
    const row = toRow(found);
    return { row, format: 'LM2', differences: labelDifferences(label, row) };
  }
  const matches = (
    db
      .prepare(`${SELECT} WHERE p.mrn = ? AND c.date_of_surgery = ? AND l.label = ? AND s.number = ? AND b.label = ? ${ORDER}`)
      .all(label.mrn, label.date, label.lesion, label.stage, label.block) as Row[]
  ).map(toRow);
  const [only] = matches;
  if (!only) throw notHere(label);
  if (matches.length > 1) {
    throw new AppFailure(
      'conflict',
      `This older label (${describeLabel(label)}) has no block id and fits ${matches.length} blocks in this database. Find the block in the list by hand, and print its labels again.`,
    );
  }
  return { row: only, format: 'LM1', differences: [] };
}

function notHere(label: ScannedLabel): AppFailure {
  return new AppFailure(
    'not_found',
    `No block in this database matches this label (${describeLabel(label)}). It may come from another clinic's or workstation's database, ` +
      'or the block was taken off the map when the stage was cut again.',
  );
}

/**
 * Moves a block to a lab status, guarded by the version the user saw (another workstation
 * may have moved it since). Any signed-in user may do it; the audit trail says who did.
 */
export function setBlockStatus(w: WriteContext, id: string, version: number, status: LabStatus): WorklistRow {
  const before = getRow(w.db, id);
  if (before.version !== version) checkVersionedUpdate(0, 'block', true);
  // Choosing the status it already has changes nothing, so nothing is recorded.
  if (before.status === status) return before;
  const info = w.db
    .prepare(`UPDATE blocks SET lab_status = @status, version = version + 1, updated_at = @now WHERE id = @id AND version = @version`)
    .run({ id, version, status, now: w.now });
  checkVersionedUpdate(info.changes, 'block', true);
  const after = getRow(w.db, id);
  appendAudit(w, { entity: 'block', entityId: id, action: 'update', before: { status: before.status }, after: { status: after.status } });
  return after;
}
