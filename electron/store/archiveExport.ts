import { createHash } from 'node:crypto';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { AppFailure } from '../../shared/result';
import { snapshotText } from './auditVersions';
import {
  addendumRow,
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  auditRow,
  blockRow,
  caseRow,
  findingRow,
  histologyRow,
  lesionRow,
  MANIFEST_ENTRY,
  operativeNoteRow,
  patientRow,
  RECORDS_ENTRY,
  sheetEntryName,
  stageRow,
  userRow,
  type ArchiveManifest,
  type ArchiveRecords,
} from './archiveFormat';
import type { Db } from './engine/schema';

/** Who made the archive, with what: written into its manifest. */
export interface ArchiveMaker {
  readonly appVersion: string;
  readonly schemaVersion: number;
  readonly createdAt: string;
  readonly createdBy: { readonly id: string; readonly name: string };
}

/**
 * A lesion's map sheet as a PDF, made by whatever can print the sheet page: Electron's
 * printToPDF of a hidden window in the app, Chromium's page.pdf in tests. Null: no sheet.
 */
export type SheetPdfSource = (lesion: { readonly id: string; readonly label: string; readonly caseId: string }) => Promise<Uint8Array | null>;

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The columns an archive carries of each table: the format's own fields, nothing else (no search keys, no secrets). */
const columnsOf = (schema: { shape: object }) => Object.keys(schema.shape);

/** Case ids whose surgery day falls between the two dates (inclusive), oldest first. */
export async function caseIdsInRange(db: Db, from: string, to: string): Promise<string[]> {
  if (from > to) throw new AppFailure('invalid_input', `The range starts (${from}) after it ends (${to}); swap the dates.`);
  const rows = await db.selectFrom('cases').select('id').where('date_of_surgery', '>=', from).where('date_of_surgery', '<=', to).orderBy('date_of_surgery').orderBy('created_at').execute();
  if (rows.length === 0) throw new AppFailure('not_found', `No cases had surgery between ${from} and ${to}; nothing was exported.`);
  return rows.map((r) => r.id);
}

/* Kysely's typed builder cannot take a column list computed from the format; these reads are plain SELECTs of named columns. */
const rowsOf = async <T>(db: Db, table: string, schema: { shape: object }, key: string, ids: readonly string[]): Promise<T[]> => {
  if (ids.length === 0) return [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const q = (db as any).selectFrom(table).select(columnsOf(schema)).where(key, 'in', ids);
  return (await q.execute()) as T[];
};

/** Everything the archive holds of these cases, read in the caller's transaction so it is one moment's state. */
/**
 * A snapshot the audit stores deflated (format 3, auditVersions.ts) travels as its JSON text in
 * after_json, as older rows' snapshots do: the archive's format stays as it was.
 */
async function withSnapshotText(db: Db, rows: ArchiveRecords['audit']): Promise<ArchiveRecords['audit']> {
  const seqs = rows.filter((r) => r.after_json === null).map((r) => r.seq);
  if (seqs.length === 0) return rows;
  const deflated = new Map<number, string | null>();
  for (const r of await db.selectFrom('audit_events').select(['seq', 'after_json', 'after_deflated']).where('seq', 'in', seqs).where('after_deflated', 'is not', null).execute()) {
    deflated.set(r.seq, snapshotText(r));
  }
  return rows.map((r) => (deflated.has(r.seq) ? { ...r, after_json: deflated.get(r.seq) ?? null } : r));
}

export async function readCaseRecords(db: Db, caseIds: readonly string[]): Promise<ArchiveRecords> {
  const cases = await rowsOf<ArchiveRecords['cases'][number]>(db, 'cases', caseRow, 'id', caseIds);
  const missing = caseIds.find((id) => !cases.some((c) => c.id === id));
  if (missing !== undefined) throw new AppFailure('not_found', 'No case with that id was found.');
  const patients = await rowsOf<ArchiveRecords['patients'][number]>(db, 'patients', patientRow, 'id', [...new Set(cases.map((c) => c.patient_id))]);
  const lesions = await rowsOf<ArchiveRecords['lesions'][number]>(db, 'lesions', lesionRow, 'case_id', caseIds);
  const stages = await rowsOf<ArchiveRecords['stages'][number]>(db, 'stages', stageRow, 'lesion_id', lesions.map((l) => l.id));
  const blocks = await rowsOf<ArchiveRecords['blocks'][number]>(db, 'blocks', blockRow, 'stage_id', stages.map((s) => s.id));
  const findings = await rowsOf<ArchiveRecords['margin_findings'][number]>(db, 'margin_findings', findingRow, 'block_id', blocks.map((b) => b.id));
  const histology = await rowsOf<NonNullable<ArchiveRecords['block_histology']>[number]>(db, 'block_histology', histologyRow, 'block_id', blocks.map((b) => b.id));
  const addenda = await rowsOf<ArchiveRecords['addenda'][number]>(db, 'addenda', addendumRow, 'case_id', caseIds);
  const notes = await rowsOf<NonNullable<ArchiveRecords['operative_notes']>[number]>(db, 'operative_notes', operativeNoteRow, 'case_id', caseIds);
  const recordIds = [...patients, ...cases, ...lesions, ...stages, ...blocks, ...findings].map((r) => r.id);
  const audit = await withSnapshotText(db, (await rowsOf<ArchiveRecords['audit'][number]>(db, 'audit_events', auditRow, 'entity_id', recordIds)).sort((a, b) => a.seq - b.seq));
  const userIds = new Set<string>([
    ...cases.flatMap((c) => [c.surgeon_id, c.signed_by]),
    ...lesions.map((l) => l.signed_by),
    ...addenda.map((a) => a.user_id),
    ...audit.map((a) => a.user_id),
  ].filter((u): u is string => u !== null));
  const users = await rowsOf<ArchiveRecords['users'][number]>(db, 'users', userRow, 'id', [...userIds]);
  return { users, patients, cases, lesions, stages, blocks, margin_findings: findings, block_histology: histology, operative_notes: notes, addenda, audit };
}

/** The zip: records and sheets first, then the manifest naming each entry's sha256. */
export async function buildArchive(records: ArchiveRecords, maker: ArchiveMaker, sheetPdf: SheetPdfSource | null): Promise<{ zip: Uint8Array; sheets: number }> {
  const files: Record<string, Uint8Array> = { [RECORDS_ENTRY]: strToU8(JSON.stringify(records)) };
  const dateOf = new Map(records.cases.map((c) => [c.id, c.date_of_surgery]));
  if (sheetPdf) {
    for (const l of records.lesions) {
      const pdf = await sheetPdf({ id: l.id, label: l.label, caseId: l.case_id });
      if (pdf) files[sheetEntryName(l, dateOf.get(l.case_id) ?? '')] = pdf;
    }
  }
  const patientName = new Map(records.patients.map((p) => [p.id, `${p.family_name}, ${p.given_name}`]));
  const manifest: ArchiveManifest = {
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_FORMAT_VERSION,
    appVersion: maker.appVersion,
    schemaVersion: maker.schemaVersion,
    createdAt: maker.createdAt,
    createdBy: maker.createdBy,
    cases: records.cases.map((c) => ({ id: c.id, patient: patientName.get(c.patient_id) ?? '', dateOfSurgery: c.date_of_surgery })),
    entries: Object.entries(files).map(([name, bytes]) => ({ name, bytes: bytes.length, sha256: sha256Hex(bytes) })),
  };
  const zip: Zippable = { [MANIFEST_ENTRY]: strToU8(JSON.stringify(manifest, null, 2)) };
  // PDFs are already compressed: stored as they are.
  for (const [name, bytes] of Object.entries(files)) zip[name] = name.endsWith('.pdf') ? [bytes, { level: 0 }] : bytes;
  return { zip: zipSync(zip, { level: 6, mtime: new Date(maker.createdAt) }), sheets: Object.keys(files).length - 1 };
}
