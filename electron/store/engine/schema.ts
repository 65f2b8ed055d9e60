import type { Generated, Kysely } from 'kysely';

/**
 * The tables as the migrations leave them (schema 6), for the typed query builder. The
 * migrations stay the truth: a column added there is added here in the same change.
 * Columns with a default the store never writes at insert are Generated (optional on insert).
 */
export interface UsersTable {
  id: string;
  name: string;
  initials: string;
  /** JSON array of role names (validated on read). */
  roles: string;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
  /** `scrypt$N$r$p$salt$hash`; never leaves the store. */
  secret_hash: string | null;
  secret_kind: 'password' | 'pin' | null;
  must_change_secret: Generated<number>;
  failed_attempts: Generated<number>;
  locked_until: string | null;
  last_sign_in_at: string | null;
}

export interface PatientsTable {
  id: string;
  family_name: string;
  given_name: string;
  /** searchKey() forms of the names and MRN, stored so search is a plain comparison on any engine. */
  family_key: string;
  given_key: string;
  mrn: string;
  mrn_key: string;
  date_of_birth: string;
  sex: 'female' | 'male' | 'other' | 'unknown';
  version: number;
  created_at: string;
  updated_at: string;
}

export interface CasesTable {
  id: string;
  patient_id: string;
  surgeon_id: string;
  date_of_surgery: string;
  accession_number: Generated<string>;
  notes: Generated<string>;
  additional_codes: Generated<string>;
  signed_at: string | null;
  signed_by: string | null;
  /** Schema 6: how the signer was authenticated ('password' re-entry; 'user-choice' before sign-in existed). */
  signature_method: Generated<'password' | 'user-choice' | null>;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface LesionsTable {
  id: string;
  case_id: string;
  label: string;
  site_id: string;
  site_detail: Generated<string>;
  laterality: 'left' | 'right' | 'midline' | 'bilateral' | null;
  tumor_type_id: string;
  preop_length_mm: number;
  preop_width_mm: number;
  recurrent: number;
  deep_structures: Generated<string>;
  twelve_oclock: string | null;
  final_defect_length_mm: number | null;
  final_defect_width_mm: number | null;
  final_defect_source: 'measured' | 'computed' | null;
  signed_at: string | null;
  signed_by: string | null;
  /** Schema 6: how the signer was authenticated ('password' re-entry; 'user-choice' before sign-in existed). */
  signature_method: Generated<'password' | 'user-choice' | null>;
  outcome: 'cleared' | 'stopped' | 'referred' | null;
  outcome_note: Generated<string>;
  /** Schema 11: the repair after the last stage, JSON of lesionRepairSchema; null until recorded (absent before 11). */
  repair?: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export type MarginResult = 'pending' | 'clear' | 'positive' | 'not-evaluable';

export interface StagesTable {
  id: string;
  lesion_id: string;
  number: number;
  map_doc: string;
  map_doc_version: number;
  block_count: Generated<number>;
  result: Generated<MarginResult>;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface BlocksTable {
  id: string;
  stage_id: string;
  position: number;
  label: string;
  inks: Generated<string>;
  lab_status: Generated<string>;
  margin_result: Generated<MarginResult>;
  version: number;
  created_at: string;
  updated_at: string;
  /** Migration 15: when the block was ready for reading (labTimes.ts); null before, or not yet. */
  ready_at: Generated<string | null>;
}

export interface MarginFindingsTable {
  id: string;
  block_id: string;
  kind: string;
  location: string;
  note: Generated<string>;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SettingsTable {
  key: string;
  value_json: string;
  version: number;
  updated_at: string;
}

export interface AuditEventsTable {
  seq: Generated<number>;
  at: string;
  user_id: string;
  entity: string;
  entity_id: string;
  action: string;
  before_json: string | null;
  after_json: string | null;
  /** HMAC-SHA-256 hex over the previous row's chain and this row (auditChain.ts); null only before the first sealing open. */
  chain: string | null;
  /** null: format 1 (full before/after records, schema 7 and older); 2: patch and periodic snapshot; 3: as 2, smaller (auditVersions.ts). */
  format: number | null;
  /** Format 2 and 3: the RFC 6902 JSON Patch from the record's previous audited version to this one. */
  patch_json: string | null;
  /** Format 3: a snapshot over a kilobyte, raw-deflated JSON text (after_json is then null). */
  after_deflated: Buffer | null;
}

export interface AddendaTable {
  id: string;
  case_id: string;
  lesion_id: string | null;
  at: string;
  user_id: string;
  text: string;
}

/** Histology per block (migration 12): the lab's half and the surgeon's reading (shared/records/histology.ts). */
export interface BlockHistologyTable {
  block_id: string;
  slides: number | null;
  levels: number | null;
  /** JSON array of { name, kind }. */
  stains: string;
  quality: string;
  /** JSON array of quality problems. */
  problems: string;
  recut: number;
  /** Schema 15: a re-cut was asked for at some time (recut is cleared once it is done); never cleared. */
  recut_asked?: Generated<number>;
  tumor_subtype_id: string | null;
  perineural: string;
  nerve_size_mm: number | null;
  note: string;
  version: number;
  created_at: string;
  updated_at: string;
}

/** A lesion's photo (migration 13): what the records hold of it; the pictures are apart (photoImages.ts). */
export interface LesionPhotosTable {
  id: string;
  lesion_id: string;
  kind: string;
  stage_number: number | null;
  captured_at: string | null;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  display_width: number;
  display_height: number;
  file_name: string;
  /** Content addresses of the full picture and its display copy. */
  full_ref: string;
  display_ref: string;
  ruler_x1: number | null;
  ruler_y1: number | null;
  ruler_x2: number | null;
  ruler_y2: number | null;
  ruler_length_mm: number | null;
  placed_x: number | null;
  placed_y: number | null;
  placed_rotation_deg: number | null;
  placed_opacity: number | null;
  /** 0/1; null when not placed. */
  placed_shown: number | null;
  added_by: string;
  version: number;
  created_at: string;
  updated_at: string;
}

/** The operative note of a case (migration 14): what the record does not hold (shared/note/record.ts). */
export interface OperativeNotesTable {
  case_id: string;
  /** JSON of storedChecklistSchema: each item's who and when. */
  checklist: string;
  anesthesia: string;
  closure: string;
  post_op: string;
  /** The surgeon's own text of the note; null: the generated text stands. */
  surgeon_text: string | null;
  /** The generated text the surgeon's text was edited from (set and cleared with it). */
  edited_from: string | null;
  /** The note as it was when the case was signed; null until then. */
  signed_text: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** A surgeon's defaults for the free-text parts of the note (migration 14). */
export interface NoteTemplatesTable {
  user_id: string;
  anesthesia: string;
  closure: string;
  post_op: string;
  version: number;
  created_at: string;
  updated_at: string;
}

/** When a block reached a lab step (migration 15): the latest time, and who moved it. */
export interface BlockLabTimesTable {
  block_id: string;
  status: string;
  reached_at: string;
  user_id: string;
}

export interface Schema {
  users: UsersTable;
  patients: PatientsTable;
  cases: CasesTable;
  lesions: LesionsTable;
  stages: StagesTable;
  blocks: BlocksTable;
  margin_findings: MarginFindingsTable;
  settings: SettingsTable;
  audit_events: AuditEventsTable;
  addenda: AddendaTable;
  block_histology: BlockHistologyTable;
  lesion_photos: LesionPhotosTable;
  operative_notes: OperativeNotesTable;
  note_templates: NoteTemplatesTable;
  block_lab_times: BlockLabTimesTable;
}

/** What store functions query through: the store's handle, or the transaction of a write. */
export type Db = Kysely<Schema>;
