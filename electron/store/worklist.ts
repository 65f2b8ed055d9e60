import { inkById, siteById } from '../../shared/catalog';
import type { BlockId, CaseId, LesionId, StageId } from '../../shared/ids';
import { describeLabel, labelDifferences } from '../../shared/labels/scan';
import { parsePayload, type ScannedLabel } from '../../shared/labels/payload';
import { LAB_STATUSES, type BlockHistology, type LabStatus, type ScannedBlock, type WorklistRow } from '../../shared/records';
import { AppFailure } from '../../shared/result';
import type { Db } from './engine/schema';
import { toHistology } from './histology';
import { recordLabStep } from './labTimes';
import { appendAudit, changed, checkVersionedUpdate, mustFind, type WriteContext } from './write';

// The histotech's worklist: every block of the day's cases with its lab status (DOMAIN.md
// "The procedure" step 5). The status is the lab's tracking, kept on the block row; map
// saves never overwrite it.

/** Every block with its stage, lesion, case and patient: the worklist's row. */
function blockRows(db: Db) {
  return db
    .selectFrom('blocks as b')
    .innerJoin('stages as s', 's.id', 'b.stage_id')
    .innerJoin('lesions as l', 'l.id', 's.lesion_id')
    .innerJoin('cases as c', 'c.id', 'l.case_id')
    .innerJoin('patients as p', 'p.id', 'c.patient_id')
    .select([
      'b.id as block_id',
      'b.version',
      'c.id as case_id',
      'l.id as lesion_id',
      's.id as stage_id',
      'c.date_of_surgery',
      'p.family_name',
      'p.given_name',
      'p.mrn',
      'c.accession_number',
      'l.label as lesion_label',
      'l.site_id',
      'l.laterality',
      's.number as stage_number',
      'b.label as block_label',
      'b.inks',
      'b.lab_status',
      'b.updated_at',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof blockRows>['execute']>>[number];

/** Patient (by name, then who they are), case, lesion label (A … Z, AA …), stage, block position. */
const inLabOrder = (db: Db) =>
  blockRows(db)
    .orderBy('p.family_key')
    .orderBy('p.given_key')
    .orderBy('p.id')
    .orderBy('c.created_at')
    .orderBy('c.id')
    .orderBy((eb) => eb.fn('length', ['l.label']))
    .orderBy('l.label')
    .orderBy('s.number')
    .orderBy('b.position');

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

/** The histology of these blocks, by block id (a block without any is absent). */
async function histologyOf(db: Db, blockIds: readonly string[]): Promise<Map<string, BlockHistology>> {
  const out = new Map<string, BlockHistology>();
  // In chunks: far below any engine's limit on bound parameters.
  for (let i = 0; i < blockIds.length; i += 500) {
    const rows = await db.selectFrom('block_histology').selectAll().where('block_id', 'in', blockIds.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.block_id, toHistology(r));
  }
  return out;
}

/** Rows with their blocks' histology. */
async function withHistology(db: Db, rows: readonly Row[]): Promise<WorklistRow[]> {
  const histology = rows.length === 0 ? new Map<string, BlockHistology>() : await histologyOf(db, rows.map((r) => r.block_id));
  return rows.map((r) => toRow(r, histology.get(r.block_id) ?? null));
}

function toRow(r: Row, histology: BlockHistology | null): WorklistRow {
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
    histology,
  };
}

/** Every block of every stage of every case with this date of surgery, in the order the lab works. */
export async function listWorklist(db: Db, date: string): Promise<WorklistRow[]> {
  return withHistology(db, await inLabOrder(db).where('c.date_of_surgery', '=', date).execute());
}

async function getRow(db: Db, blockId: string): Promise<WorklistRow> {
  const [row] = await withHistology(db, [mustFind(await blockRows(db).where('b.id', '=', blockId).executeTakeFirst(), 'block')]);
  return row!;
}

/**
 * The block a scanned cassette or slide label names. An LM2 label carries the block's id (its
 * key, unique in the whole database); an LM1 label, printed before that, is matched by MRN,
 * date, lesion, stage and block label, and must fit exactly one block.
 */
export async function scanLabel(db: Db, scanned: string): Promise<ScannedBlock> {
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
  if (label.format !== 'LM1') {
    const found = await blockRows(db).where('b.id', '=', label.blockId).executeTakeFirst();
    if (!found) throw notHere(label);
    const [row] = await withHistology(db, [found]);
    const differences = labelDifferences(label, row!);
    if (label.format === 'LM2') return { row: row!, format: 'LM2', differences };
    // A slide the histology no longer counts (printed before the slides were corrected): say so, still found.
    const slides = row!.histology?.lab.slides ?? null;
    if (slides !== null && label.slide > slides) differences.push(`the label is slide ${label.slide}, the record has ${slides} ${slides === 1 ? 'slide' : 'slides'}`);
    return { row: row!, format: 'LM3', slide: label.slide, differences };
  }
  const matches = (
    await inLabOrder(db)
      .where('p.mrn', '=', label.mrn)
      .where('c.date_of_surgery', '=', label.date)
      .where('l.label', '=', label.lesion)
      .where('s.number', '=', label.stage)
      .where('b.label', '=', label.block)
      .execute()
  );
  const matched = await withHistology(db, matches);
  const [only] = matched;
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
export async function setBlockStatus(w: WriteContext, id: string, version: number, status: LabStatus): Promise<WorklistRow> {
  const before = await getRow(w.db, id);
  if (before.version !== version) checkVersionedUpdate(0, 'block', true);
  // Choosing the status it already has changes nothing, so nothing is recorded.
  if (before.status === status) return before;
  const result = await w.db
    .updateTable('blocks')
    .set((eb) => ({ lab_status: status, version: eb('version', '+', 1), updated_at: w.now }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  checkVersionedUpdate(changed(result), 'block', true);
  // The step's time, in this same transaction: lab turnaround statistics read it (labTimes.ts).
  await recordLabStep(w, id, status);
  const after = await getRow(w.db, id);
  await appendAudit(w, { entity: 'block', entityId: id, action: 'update', before: { status: before.status }, after: { status: after.status } });
  return after;
}
