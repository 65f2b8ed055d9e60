import { z } from 'zod';

/**
 * A case archive: one zip that says what it is. `manifest.json` names the format and its
 * version, the app and schema that wrote it, who made it and when, and the sha256 of every
 * other entry; `records.json` holds the cases' rows as their tables store them (patient, case,
 * lesions, stages with their map documents, blocks with lab status and margins, addenda,
 * sign-off columns, the blocks' histology, the operative note, the users they name) and the cases' audit rows; `sheets/*.pdf` are the
 * lesions' map sheets as printed (optional: an archive without them still imports).
 */
export const ARCHIVE_FORMAT = 'layermap-case-archive';
export const ARCHIVE_FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = 'manifest.json';
export const RECORDS_ENTRY = 'records.json';

const text = z.string().max(1_000_000);
const id = z.string().min(1).max(64);
const when = z.string().min(1).max(40);
const int = z.number().int();
const nullableText = text.nullable();

export const manifestSchema = z
  .object({
    format: z.literal(ARCHIVE_FORMAT),
    formatVersion: int.min(1),
    appVersion: z.string().max(40),
    schemaVersion: int.min(1),
    createdAt: when,
    createdBy: z.object({ id, name: z.string().max(200) }).strict(),
    cases: z.array(z.object({ id, patient: z.string().max(500), dateOfSurgery: z.string().max(10) }).strict()).min(1),
    entries: z.array(z.object({ name: z.string().min(1).max(300), bytes: int.min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict()).min(1),
  })
  .strict();
export type ArchiveManifest = z.infer<typeof manifestSchema>;

/** The users the records name (surgeon, signer, audit), without any secret. */
export const userRow = z.object({ id, name: z.string().max(200), initials: z.string().max(10), roles: text }).strict();
export const patientRow = z
  .object({
    id,
    family_name: text,
    given_name: text,
    mrn: text,
    date_of_birth: z.string().max(10),
    sex: z.enum(['female', 'male', 'other', 'unknown']),
    version: int,
    created_at: when,
    updated_at: when,
  })
  .strict();
const signed = { signed_at: when.nullable(), signed_by: id.nullable(), signature_method: z.enum(['password', 'user-choice']).nullable() };
export const caseRow = z
  .object({
    id,
    patient_id: id,
    surgeon_id: id,
    date_of_surgery: z.string().max(10),
    accession_number: text,
    notes: text,
    additional_codes: text,
    ...signed,
    version: int,
    created_at: when,
    updated_at: when,
  })
  .strict();
export const lesionRow = z
  .object({
    id,
    case_id: id,
    label: z.string().max(4),
    site_id: text,
    site_detail: text,
    laterality: z.enum(['left', 'right', 'midline', 'bilateral']).nullable(),
    tumor_type_id: text,
    preop_length_mm: z.number(),
    preop_width_mm: z.number(),
    recurrent: int,
    deep_structures: text,
    twelve_oclock: nullableText,
    final_defect_length_mm: z.number().nullable(),
    final_defect_width_mm: z.number().nullable(),
    final_defect_source: z.enum(['measured', 'computed']).nullable(),
    ...signed,
    outcome: z.enum(['cleared', 'stopped', 'referred']).nullable(),
    outcome_note: text,
    /** Schema 11 on; absent from an archive written before it. */
    repair: z.string().max(100_000).nullable().optional(),
    version: int,
    created_at: when,
    updated_at: when,
  })
  .strict();
const margin = z.enum(['pending', 'clear', 'positive', 'not-evaluable']);
export const stageRow = z
  .object({ id, lesion_id: id, number: int, map_doc: z.string().max(20_000_000), map_doc_version: int, block_count: int, result: margin, version: int, created_at: when, updated_at: when })
  .strict();
export const blockRow = z
  .object({ id, stage_id: id, position: int, label: text, inks: text, lab_status: text, margin_result: margin, version: int, created_at: when, updated_at: when })
  .strict();
export const findingRow = z
  .object({ id, block_id: id, kind: text, location: text, note: text, version: int, created_at: when, updated_at: when })
  .strict();
/**
 * A block's histology (schema 12 on) as its table stores it. The import reads each row back
 * through the store's own reader (histology.ts toHistology), so a row the app could not show
 * is refused before anything is written.
 */
export const histologyRow = z
  .object({
    block_id: id,
    slides: int.nullable(),
    levels: int.nullable(),
    stains: text,
    quality: z.enum(['not-assessed', 'adequate', 'problems']),
    problems: text,
    recut: z.union([z.literal(0), z.literal(1)]),
    /** Schema 15 on: a re-cut was ever asked (statistics count it); absent from an older archive (then taken from `recut`, as migration 15 does). */
    recut_asked: z.union([z.literal(0), z.literal(1)]).optional(),
    tumor_subtype_id: nullableText,
    perineural: z.enum(['not-assessed', 'absent', 'present']),
    nerve_size_mm: z.number().nullable(),
    note: text,
    version: int,
    created_at: when,
    updated_at: when,
  })
  .strict();
/** A case's operative note (schema 14 on) as its table stores it: the surgeon's text and the text as signed travel with the case. */
export const operativeNoteRow = z
  .object({
    case_id: id,
    checklist: text,
    anesthesia: text,
    closure: text,
    post_op: text,
    surgeon_text: nullableText,
    edited_from: nullableText,
    signed_text: nullableText,
    version: int,
    created_at: when,
    updated_at: when,
  })
  .strict()
  .refine((n) => (n.surgeon_text === null) === (n.edited_from === null), { error: "an operative note's own text and the text it was edited from go together" });
export const addendumRow = z.object({ id, case_id: id, lesion_id: id.nullable(), at: when, user_id: id, text }).strict();
/** An audit row as written in the exporting database (its chain value belongs to that database's key). */
export const auditRow = z
  .object({ seq: int, at: when, user_id: id, entity: text, entity_id: text, action: text, before_json: z.string().max(20_000_000).nullable(), after_json: z.string().max(20_000_000).nullable() })
  .strict();

export const recordsSchema = z
  .object({
    users: z.array(userRow),
    patients: z.array(patientRow),
    cases: z.array(caseRow).min(1),
    lesions: z.array(lesionRow),
    stages: z.array(stageRow),
    blocks: z.array(blockRow),
    margin_findings: z.array(findingRow),
    /** Schema 12 on; absent from an archive written before it (its blocks then have no histology). */
    block_histology: z.array(histologyRow).optional(),
    /** Schema 14 on; absent from an archive written before it (its cases then have no note of their own). */
    operative_notes: z.array(operativeNoteRow).optional(),
    addenda: z.array(addendumRow),
    audit: z.array(auditRow),
  })
  .strict();
export type ArchiveRecords = z.infer<typeof recordsSchema>;

/** A lesion's sheet inside the zip: named so a person unzipping it can tell which is which. */
export const sheetEntryName = (lesion: { id: string; label: string }, caseDate: string): string =>
  `sheets/${caseDate}-lesion-${lesion.label}-${lesion.id}.pdf`;
