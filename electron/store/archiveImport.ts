import { strFromU8, unzipSync } from 'fflate';
import type { z } from 'zod';
import type { ArchiveImported } from '../../shared/api';
import { AppFailure } from '../../shared/result';
import { sha256Hex } from './archiveExport';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  MANIFEST_ENTRY,
  manifestSchema,
  RECORDS_ENTRY,
  recordsSchema,
  type ArchiveManifest,
  type ArchiveRecords,
} from './archiveFormat';
import type { Db } from './engine/schema';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { toHistology } from './histology';
import { checklistOf } from './operativeNote';
import { searchKey } from './searchKey';
import { appendAudit, type WriteContext } from './write';

/** An archive read and checked: nothing in it has been written anywhere yet. */
export interface ReadArchive {
  readonly fileName: string;
  readonly sha256: string;
  readonly manifest: ArchiveManifest;
  readonly records: ArchiveRecords;
  /** The sheet PDFs it carries, by entry name (kept in the archive; the app prints sheets from the records). */
  readonly sheets: readonly string[];
}

/** What an import added, as the app reports it (the contract's answer without the file name). */
export type ImportSummary = Omit<ArchiveImported, 'file'>;

const refuse = (fileName: string, why: string): AppFailure => new AppFailure('invalid_input', `${fileName} cannot be imported: ${why} Nothing was imported.`);

/** Largest archive read (a year of a clinic's cases with sheets is far less). */
export const ARCHIVE_MAX_BYTES = 512 * 1024 * 1024;

/**
 * Unzips and checks an archive: the zip reads whole, the manifest names this format at a
 * version this Layermap reads, every entry it lists is there with its sha256, and the records
 * pass the format's schema. Any failure says what, and nothing is written.
 */
export function readArchive(bytes: Uint8Array, fileName: string): ReadArchive {
  if (bytes.length > ARCHIVE_MAX_BYTES) throw refuse(fileName, 'it is larger than any Layermap case archive.');
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch {
    throw refuse(fileName, 'it is not a complete zip file (it may be damaged, cut short, or not a Layermap case archive).');
  }
  const manifestBytes = entries[MANIFEST_ENTRY];
  if (!manifestBytes) throw refuse(fileName, `it has no ${MANIFEST_ENTRY}, so it is not a Layermap case archive.`);
  const rawManifest = parseJson(manifestBytes, fileName, MANIFEST_ENTRY) as { format?: unknown; formatVersion?: unknown; schemaVersion?: unknown; appVersion?: unknown };
  if (rawManifest?.format !== ARCHIVE_FORMAT) throw refuse(fileName, 'its manifest does not name the Layermap case archive format.');
  // Newer first: a newer format may change anything else, so its other fields are not judged.
  if (typeof rawManifest.formatVersion === 'number' && rawManifest.formatVersion > ARCHIVE_FORMAT_VERSION) {
    throw refuse(fileName, `it was written by a newer Layermap (${String(rawManifest.appVersion)}, archive format ${rawManifest.formatVersion}; this Layermap reads format ${ARCHIVE_FORMAT_VERSION}). Update Layermap here, then import it again.`);
  }
  if (typeof rawManifest.schemaVersion === 'number' && rawManifest.schemaVersion > LATEST_SCHEMA_VERSION) {
    throw refuse(fileName, `it was written by a newer Layermap (${String(rawManifest.appVersion)}, database schema ${rawManifest.schemaVersion}; this one has schema ${LATEST_SCHEMA_VERSION}). Update Layermap here, then import it again.`);
  }
  const manifest = checked(manifestSchema, rawManifest, fileName, 'its manifest');
  for (const e of manifest.entries) {
    const data = entries[e.name];
    if (!data) throw refuse(fileName, `${e.name}, listed in its manifest, is missing.`);
    if (data.length !== e.bytes || sha256Hex(data) !== e.sha256) throw refuse(fileName, `${e.name} does not match the checksum in its manifest: the archive was damaged or changed after it was exported.`);
  }
  const listed = new Set(manifest.entries.map((e) => e.name));
  const extra = Object.keys(entries).find((name) => name !== MANIFEST_ENTRY && !listed.has(name) && !name.endsWith('/'));
  if (extra !== undefined) throw refuse(fileName, `${extra} is in the zip but not in its manifest: the archive was changed after it was exported.`);
  const recordsBytes = entries[RECORDS_ENTRY];
  if (!recordsBytes || !listed.has(RECORDS_ENTRY)) throw refuse(fileName, `it has no ${RECORDS_ENTRY}.`);
  const records = checked(recordsSchema, parseJson(recordsBytes, fileName, RECORDS_ENTRY), fileName, 'its records');
  const dangling = danglingReference(records);
  if (dangling) throw refuse(fileName, `its records do not hang together: ${dangling}.`);
  const unreadable = unreadableHistology(records) ?? unreadableNote(records);
  if (unreadable) throw refuse(fileName, unreadable);
  return { fileName, sha256: sha256Hex(bytes), manifest, records, sheets: manifest.entries.filter((e) => e.name.endsWith('.pdf')).map((e) => e.name) };
}

/** The first row naming a parent the archive does not hold (the database would refuse it mid-import). */
function danglingReference(r: ArchiveRecords): string | null {
  const ids = (rows: readonly { id: string }[]) => new Set(rows.map((x) => x.id));
  const users = ids(r.users);
  const patients = ids(r.patients);
  const cases = ids(r.cases);
  const lesions = ids(r.lesions);
  const stages = ids(r.stages);
  const blocks = ids(r.blocks);
  const checks: [string, string | null, Set<string>][] = [
    ...r.cases.flatMap((c): [string, string | null, Set<string>][] => [
      [`case ${c.id}`, c.patient_id, patients],
      [`case ${c.id}`, c.surgeon_id, users],
      [`case ${c.id}`, c.signed_by, users],
    ]),
    ...r.lesions.flatMap((l): [string, string | null, Set<string>][] => [
      [`lesion ${l.id}`, l.case_id, cases],
      [`lesion ${l.id}`, l.signed_by, users],
    ]),
    ...r.stages.map((s): [string, string | null, Set<string>] => [`stage ${s.id}`, s.lesion_id, lesions]),
    ...r.blocks.map((b): [string, string | null, Set<string>] => [`block ${b.id}`, b.stage_id, stages]),
    ...r.margin_findings.map((f): [string, string | null, Set<string>] => [`finding ${f.id}`, f.block_id, blocks]),
    ...(r.block_histology ?? []).map((h): [string, string | null, Set<string>] => [`histology of block ${h.block_id}`, h.block_id, blocks]),
    ...(r.operative_notes ?? []).map((n): [string, string | null, Set<string>] => [`operative note of case ${n.case_id}`, n.case_id, cases]),
    ...r.addenda.flatMap((a): [string, string | null, Set<string>][] => [
      [`addendum ${a.id}`, a.case_id, cases],
      [`addendum ${a.id}`, a.lesion_id, lesions],
      [`addendum ${a.id}`, a.user_id, users],
    ]),
  ];
  const bad = checks.find(([, ref, set]) => ref !== null && !set.has(ref));
  return bad ? `${bad[0]} names ${bad[1]}, which is not in the archive` : null;
}

/** An archive from before schema 15 has no re-cut-asked flag: known while still flagged, as migration 15 does. */
const histologyRowHere = (h: NonNullable<ArchiveRecords['block_histology']>[number]) => ({ ...h, recut_asked: h.recut_asked ?? h.recut });

/** A histology row the app could not show (stains or problems not in its form) is refused, as the store would refuse to read it. */
function unreadableHistology(r: ArchiveRecords): string | null {
  for (const h of r.block_histology ?? []) {
    try {
      toHistology(histologyRowHere(h));
    } catch {
      return `the histology of block ${h.block_id} is not in the form Layermap writes (its stains, section problems or reading).`;
    }
  }
  return null;
}

/** A note whose checklist the app could not show is refused, as the store would refuse to read it. */
function unreadableNote(r: ArchiveRecords): string | null {
  for (const n of r.operative_notes ?? []) {
    try {
      checklistOf(n);
    } catch {
      return `the consent and time-out checklist of the operative note of case ${n.case_id} is not in the form Layermap writes.`;
    }
  }
  return null;
}

function parseJson(bytes: Uint8Array, fileName: string, entry: string): unknown {
  try {
    return JSON.parse(strFromU8(bytes));
  } catch {
    throw refuse(fileName, `its ${entry} is not readable JSON.`);
  }
}

function checked<S extends z.ZodType>(schema: S, value: unknown, fileName: string, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw refuse(fileName, `${what} are not in the form Layermap writes (${firstIssue(parsed.error)}).`.replace('its manifest are', 'its manifest is'));
  return parsed.data;
}

/** The first problem with where it is, e.g. "cases.0.date_of_surgery: expected string": enough to tell damage from a hand edit. */
const firstIssue = (error: z.ZodError): string => {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'the whole'}: ${issue.message}` : 'unknown problem';
};

const named = (p: { family_name: string; given_name: string; date_of_birth: string }) => `${p.family_name}, ${p.given_name} (born ${p.date_of_birth})`;
const sameIdentity = (a: { family_name: string; given_name: string; date_of_birth: string }, b: typeof a) =>
  searchKey(a.family_name) === searchKey(b.family_name) && searchKey(a.given_name) === searchKey(b.given_name) && a.date_of_birth === b.date_of_birth;

/** The ids of a case's records (its patient's too): whose audit rows are that case's original trail. */
function recordsOfCase(r: ArchiveRecords, caseId: string): Set<string> {
  const kase = r.cases.find((c) => c.id === caseId);
  const lesions = new Set(r.lesions.filter((l) => l.case_id === caseId).map((l) => l.id));
  const stages = new Set(r.stages.filter((s) => lesions.has(s.lesion_id)).map((s) => s.id));
  const blocks = new Set(r.blocks.filter((b) => stages.has(b.stage_id)).map((b) => b.id));
  const findings = r.margin_findings.filter((f) => blocks.has(f.block_id)).map((f) => f.id);
  // Histology's audit rows are kept under their block's id, so the blocks' ids already carry them.
  return new Set([caseId, kase?.patient_id ?? '', ...lesions, ...stages, ...blocks, ...findings]);
}

/**
 * Decides each archived patient: the same person already here (same MRN, same name and date
 * of birth) is used as they are; a new MRN is added; the same MRN or id on someone else is refused.
 */
async function matchPatients(db: Db, a: ReadArchive): Promise<Map<string, string | null>> {
  const decided = new Map<string, string | null>();
  for (const p of a.records.patients) {
    const byMrn = await db.selectFrom('patients').selectAll().where('mrn_key', '=', searchKey(p.mrn)).executeTakeFirst();
    const byId = await db.selectFrom('patients').selectAll().where('id', '=', p.id).executeTakeFirst();
    if (byMrn && !sameIdentity(byMrn, p)) {
      throw refuse(a.fileName, `MRN ${p.mrn} belongs here to ${named(byMrn)}, but the archive's patient with that MRN is ${named(p)}. Check which record is right and correct it first.`);
    }
    if (byId && (!byMrn || byId.id !== byMrn.id)) {
      throw refuse(a.fileName, `its patient ${named(p)} has the same record id as ${named(byId)} (MRN ${byId.mrn}) here, with a different MRN.`);
    }
    decided.set(p.id, byMrn ? byMrn.id : null);
  }
  return decided;
}

async function refuseDuplicateCases(db: Db, a: ReadArchive): Promise<void> {
  for (const c of a.records.cases) {
    const here = await db.selectFrom('cases').select('id').where('id', '=', c.id).executeTakeFirst();
    if (here) {
      const p = a.records.patients.find((x) => x.id === c.patient_id);
      throw refuse(a.fileName, `the case of ${p ? `${p.family_name}, ${p.given_name}` : 'its patient'} on ${c.date_of_surgery} is already in this database (imported or exported from here before).`);
    }
  }
}

/**
 * Writes an archive's records in the caller's one transaction (all or nothing), keeping every
 * id, version and signature as it was. Each added row gets an 'import' audit row naming the
 * archive (file, sha256, who made it, when) under the importing user; the case's row also
 * carries the original audit trail, readable as it was (its chain values belonged to the other
 * database's key and are not carried). Users the records name who are not here are added
 * inactive and without a password: their names stay on the record, they cannot sign in.
 */
export async function importArchive(w: WriteContext, a: ReadArchive): Promise<ImportSummary> {
  const r = a.records;
  await refuseDuplicateCases(w.db, a);
  const matched = await matchPatients(w.db, a);
  const source = { file: a.fileName, sha256: a.sha256, createdAt: a.manifest.createdAt, createdBy: a.manifest.createdBy.name, appVersion: a.manifest.appVersion };
  const added = async (entity: Parameters<typeof appendAudit>[1]['entity'], entityId: string, record: unknown, extra: object = {}) =>
    appendAudit(w, { entity, entityId, action: 'import', before: null, after: { importedFrom: source, record, ...extra } });

  for (const u of r.users) {
    if (await w.db.selectFrom('users').select('id').where('id', '=', u.id).executeTakeFirst()) continue;
    await w.db
      .insertInto('users')
      .values({ ...u, active: 0, version: 1, created_at: w.now, updated_at: w.now, secret_hash: null, secret_kind: null, locked_until: null, last_sign_in_at: null })
      .execute();
    await added('user', u.id, u);
  }
  const patientIdHere = (id: string) => matched.get(id) ?? id;
  let newPatients = 0;
  for (const p of r.patients) {
    if (matched.get(p.id)) continue;
    await w.db
      .insertInto('patients')
      .values({ ...p, family_key: searchKey(p.family_name), given_key: searchKey(p.given_name), mrn_key: searchKey(p.mrn) })
      .execute();
    await added('patient', p.id, p);
    newPatients++;
  }
  const namesById = new Map(r.users.map((u) => [u.id, u.name]));
  for (const c of r.cases) {
    const row = { ...c, patient_id: patientIdHere(c.patient_id) };
    await w.db.insertInto('cases').values(row).execute();
    const own = recordsOfCase(r, c.id);
    const trail = r.audit.filter((e) => own.has(e.entity_id)).map(({ before_json, after_json, ...e }) => ({
      ...e,
      user_name: namesById.get(e.user_id) ?? e.user_id,
      before: before_json === null ? null : (JSON.parse(before_json) as unknown),
      after: after_json === null ? null : (JSON.parse(after_json) as unknown),
    }));
    await added('case', c.id, row, { originalAudit: trail });
  }
  for (const l of r.lesions) {
    await w.db.insertInto('lesions').values(l).execute();
    await added('lesion', l.id, l);
  }
  for (const s of r.stages) {
    await w.db.insertInto('stages').values(s).execute();
    await added('stage', s.id, s);
  }
  for (const b of r.blocks) {
    await w.db.insertInto('blocks').values(b).execute();
    await added('block', b.id, b);
  }
  for (const f of r.margin_findings) {
    await w.db.insertInto('margin_findings').values(f).execute();
    await added('finding', f.id, f);
  }
  for (const h of r.block_histology ?? []) {
    await w.db.insertInto('block_histology').values(histologyRowHere(h)).execute();
    await added('histology', h.block_id, h);
  }
  // The note's audit rows are kept under its case's id: the case's original trail carries them.
  for (const n of r.operative_notes ?? []) {
    await w.db.insertInto('operative_notes').values(n).execute();
    await added('operative-note', n.case_id, n);
  }
  for (const x of r.addenda) await w.db.insertInto('addenda').values(x).execute();
  return {
    cases: r.cases.length,
    lesions: r.lesions.length,
    stages: r.stages.length,
    newPatients,
    patientsMatched: r.patients.length - newPatients,
    sheets: a.sheets.length,
  };
}
