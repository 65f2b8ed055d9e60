import { statisticsRangeSchema, type PracticeStatistics } from '../statistics';
import { z } from 'zod';
import type { AucArea } from '../catalog/anatomicSites';
import { MUE_FILE_MAX_CHARS, type CodingResult, type RepairCodingResult, type Icd10Suggestion, type MueTableView, type StainCodeSuggestion } from '../coding';
import type { CaseId, LesionId, UserId } from '../ids';
import type { BlockStatus } from '../map/derive';
import { savedMapSchema } from '../map/inkPlacement';
import type { SignoffWarning } from '../signoff/warnings';
import { checklistChangeSchema, noteFreeTextSchema, noteTextSchema, type NoteTemplate, type OperativeNoteView } from '../note';
import { BACKUP_NAME_PATTERN } from '../backup/rotation';
import type { BackupPreview, BackupStatus, BackupSummary, RestoreResult } from '../backup/status';
import { copyToServerSchema, exportJoinFileSchema, joinClinicSchema, saveDatabaseSchema, testConnectionSchema, type ConnectionTestResult, type DatabaseCopySummary, type DatabaseSettingsView } from './databaseSettings';
import type { OperationName } from './operations';
import type { UnsavedReplay } from './unsavedMaps';
import { photoAddSchema, photoReplaceSchema, type PhotoPicture } from './photos';
import {
  additionalCodesSchema,
  addendumText,
  isoDate,
  LAB_STATUSES,
  caseFields,
  lesionFields,
  lesionMapFields,
  lesionOutcomeSchema,
  lesionRepairSchema,
  patientFields,
  twelveOClockSchema,
  recordId,
  newUserFields,
  rolesSchema,
  secretInput,
  settingsSchema,
  userFields,
  version,
  type AdditionalCode,
  type Addendum,
  type AuditEvent,
  type AuditVerdict,
  AUDIT_ACTIONS,
  AUDITED_OUTPUTS,
  type WorklistRow,
  type ScannedBlock,
  type Case,
  type FinalDefect,
  type CaseSummary,
  type Lesion,
  type Patient,
  type Photo,
  photoCalibrationSchema,
  photoPlacementSchema,
  type Settings,
  type StageRecord,
  type User,
  histologyLabSchema,
  histologyReadingSchema,
  type BlockHistology,
} from '../records';

/** An operation: its input schema, and (as a type only) what it returns on success. */
export interface Operation<I extends z.ZodType, O> {
  readonly input: I;
  readonly summary: string;
  /** Phantom: carries the result type; never set at run time. */
  readonly _result?: O;
}
/**
 * Each operation's schema is built on its first call, not when the store's thread starts: building
 * all of them took a noticeable part of the first answered read (store.open_2gb).
 */
const op =
  <O>() =>
  <I extends z.ZodType>(build: () => I, summary: string): Operation<I, O> => {
    let input: I | undefined;
    return {
      get input() {
        return (input ??= build());
      },
      summary,
    };
  };

const none = z.object({}).strict();
/** A backup named by its file name in the backup folder: never a path, so nothing outside it is opened. */
const backupFile = z
  .object({ file: z.string({ error: 'Choose a backup.' }).regex(BACKUP_NAME_PATTERN, { error: 'That is not a Layermap backup file name.' }) })
  .strict();
const auditFilter = z.object({
  patient: z.string().max(200).optional(),
  userId: z.string().max(64).optional(),
  action: z.enum(AUDIT_ACTIONS, { error: 'Unknown audit action.' }).optional(),
  from: isoDate('From date').optional(),
  to: isoDate('To date').optional(),
});
const byId = (label: string) => z.object({ id: recordId(label) }).strict();
/** The ids of the sign-off warnings the surgeon reviewed in the sign dialog. */
const reviewed = z.array(z.string().max(300)).max(1000).optional();
/** A signature re-authenticates: the signer types their password (or PIN) again. */
const signerPassword = secretInput('Your password');
/** On create, absent = not chosen yet; on update, absent = unchanged. */
/** The histology version the user saw: 0 for a block that had none yet (the first write makes version 1). */
const histologyVersion = z.number({ error: 'Record version is missing.' }).int().min(0);
/** A note's or template's version as the user saw it: 0 while none is stored. */
const noteVersion = z.number({ error: 'Record version is missing.' }).int().min(0);
const twelveOClockInput = { twelveOClock: twelveOClockSchema.optional() };

export interface AppInfo {
  readonly appVersion: string;
  readonly schemaVersion: number;
  readonly databasePath: string;
  readonly transport: 'electron' | 'test-host';
}

/**
 * What the app shows before anyone works: whether the clinic is set up, its name, who is signed
 * in, and whether the session is locked (a locked session shows only the user's name).
 */
export interface SessionStatus {
  readonly setUp: boolean;
  readonly clinicName: string;
  readonly user: User | null;
  readonly locked: boolean;
}

/** A user the sign-in screen lists: no more than a name to choose. */
export interface SignInChoice {
  readonly id: UserId;
  readonly name: string;
  readonly initials: string;
}

export interface CaseDetail {
  readonly case: Case;
  readonly patient: Patient;
  readonly surgeon: User;
  readonly lesions: readonly Lesion[];
}

/** What coding reads of one lesion, derived from stored records on every read. */
export interface LesionCoding {
  readonly lesionId: LesionId;
  readonly label: string;
  readonly siteId: string;
  readonly siteLabel: string;
  readonly laterality: Lesion['laterality'];
  readonly tumorTypeId: string;
  readonly deepStructures: boolean;
  readonly aucArea: AucArea | null;
  readonly icd10: Icd10Suggestion;
  readonly stages: readonly { readonly number: number; readonly blockCount: number; readonly result: BlockStatus }[];
  readonly finalDefect: FinalDefect | null;
  /** Cleared, stopped or referred (null: not recorded); a stopped or referred lesion is coded with a warning. */
  readonly outcome: Lesion['outcome'];
  /** What closed the wound, as recorded (null: not yet). */
  readonly repair: Lesion['repair'];
}

/** The case's coding summary: CPT lines with reasons, warnings, and each lesion's ICD-10 and AUC area. */
export interface CaseCoding {
  readonly caseId: CaseId;
  readonly dateOfSurgery: string;
  readonly distinctLesionModifier: Settings['distinctLesionModifier'];
  /** The lab's CLIA number (clinic setting), carried on every exported line; '' until set. */
  readonly cliaNumber: string;
  readonly additionalCodes: readonly AdditionalCode[];
  readonly lesions: readonly LesionCoding[];
  readonly result: CodingResult;
  /** The repair lines (12001-15261) with their reasons, and the flags for the coder. */
  readonly repair: RepairCodingResult;
  /** Which MUE values the warnings used. */
  readonly mue: Pick<MueTableView, 'origin' | 'source' | 'quarter'>;
  /** Stain lines the blocks' histology suggests (shared/coding/stainCodes.ts); never billed until the coder adds them. */
  readonly stainSuggestions: readonly StainCodeSuggestion[];
}

export interface LesionDetail {
  readonly lesion: Lesion;
  readonly case: Case;
  readonly patient: Patient;
  readonly surgeon: User;
}

/** A case archive's path on this computer, typed or chosen in a dialog. */
const archivePath = z
  .string({ error: 'Say where the archive file is.' })
  .trim()
  .min(1, { error: 'Say where the archive file is.' })
  .max(4000, { error: 'That path is too long.' })
  .refine((p) => /\.zip$/i.test(p), { error: 'A case archive is a .zip file: give a path ending in .zip.' });

/** One case, or every case in a date range (both dates), to a new file. */
const archiveExport = z
  .object({ caseId: recordId('Case').optional(), from: isoDate('From date').optional(), to: isoDate('To date').optional(), file: archivePath })
  .strict()
  .refine((x) => (x.caseId !== undefined) !== (x.from !== undefined && x.to !== undefined) && (x.from === undefined) === (x.to === undefined), {
    error: 'Choose one case, or both dates of a range.',
  });

export interface ArchiveExported {
  readonly file: string;
  readonly cases: number;
  readonly lesions: number;
  /** Map sheet PDFs included (none where this transport cannot print them). */
  readonly sheets: number;
  readonly bytes: number;
}

/** A lesion an archive will carry: its map sheet is printed for the archive (the thread that writes it cannot print). */
export interface ArchiveLesion {
  readonly id: string;
  readonly label: string;
  readonly caseId: string;
}

export interface ArchiveImported {
  readonly file: string;
  readonly cases: number;
  readonly lesions: number;
  readonly stages: number;
  /** Patients added; the others were already here (same MRN, same name and date of birth). */
  readonly newPatients: number;
  readonly patientsMatched: number;
  readonly sheets: number;
}

/** The folder a chart export is written into: a full path on this computer, typed or chosen in a dialog. */
const exportFolder = z
  .string({ error: 'Say which folder the chart export goes into.' })
  .trim()
  .min(1, { error: 'Say which folder the chart export goes into.' })
  .max(4000, { error: 'That path is too long.' });

/** A case's chart export: the folder, and whether the sheet carries the wound photos (never unless chosen). */
const chartExport = z.object({ caseId: recordId('Case'), folder: exportFolder, photos: z.boolean().default(false) }).strict();

/** What a chart export wrote: the PDF and the FHIR bundle beside it. */
export interface ChartExported {
  readonly pdfFile: string;
  readonly bundleFile: string;
  readonly pdfBytes: number;
  /** Resources in the FHIR bundle. */
  readonly resources: number;
  readonly photos: boolean;
}

/** The chart PDF to print before the export runs (the thread that writes it cannot print). */
export interface ChartToPrint {
  readonly caseId: string;
  readonly photos: boolean;
}

/** The case's operative note as the chart prints it; null where none is written. */
export interface ChartNote {
  readonly text: string;
  readonly signed: boolean;
  readonly signedBy: string | null;
  readonly signedAt: string | null;
}

export const SEARCH_LIMIT_MAX = 200;
const searchInput = z
  .object({
    text: z.string().max(200, { error: 'Search text must be at most 200 characters.' }),
    limit: z.number().int().min(1).max(SEARCH_LIMIT_MAX).default(50),
  })
  .strict();

/** The whole API. Both transports (Electron IPC, test host HTTP) are generated from this object. */
export const contract = {
  'app.info': op<AppInfo>()(() => none, 'Version and database location'),
  'session.status': op<SessionStatus>()(() => none, 'Whether the clinic is set up, who is signed in, and whether the session is locked (answered while locked)'),
  'session.current': op<User | null>()(() => none, 'Who is signed in'),
  'session.signInChoices': op<readonly SignInChoice[]>()(() => none, 'The users who can sign in, the last to sign in first'),
  'session.setUp': op<User>()(() => 
    userFields
      .extend({
        clinicName: z.string().trim().min(1, { error: 'Clinic name is required.' }).max(200, { error: 'Clinic name must be at most 200 characters.' }),
        password: secretInput('Password'),
      })
      .strict(),
    "First run: the clinic's name and its first administrator, who is then signed in",
  ),
  'session.signIn': op<User>()(() => z.object({ userId: recordId('User'), secret: secretInput('Password') }).strict(), 'Sign in with your password or PIN; the same user again unlocks a locked session, another user switches'),
  'session.signOut': op<null>()(() => none, 'Stop working as the current user'),
  'session.lock': op<SessionStatus>()(() => none, 'Lock the session: only unlocking or switching user is possible until then'),
  'session.changePassword': op<User>()(() => 
    z.object({ current: secretInput('Current password'), next: secretInput('New password') }).strict(),
    'Change your own password (required after a first password or a reset)',
  ),
  'users.list': op<readonly User[]>()(() => none, "The clinic's users"),
  'users.create': op<User>()(() => newUserFields.strict(), 'Add a user with a first password (they change it at first sign-in)'),
  'users.setRoles': op<User>()(() => z.object({ id: recordId('User'), version, roles: rolesSchema }).strict(), "Change another user's roles"),
  'users.setActive': op<User>()(() => z.object({ id: recordId('User'), version, active: z.boolean() }).strict(), 'Deactivate or reactivate a user (never deleted)'),
  'users.resetPassword': op<User>()(() => 
    z.object({ id: recordId('User'), version, password: secretInput('New password') }).strict(),
    "Give a user a new password; they must change it at next sign-in",
  ),
  'settings.get': op<Settings>()(() => none, 'Clinic settings'),
  'settings.update': op<Settings>()(() => settingsSchema.partial().strict(), 'Change clinic settings'),
  'settings.newRecoveryCode': op<{ code: string }>()(() => 
    z.object({ password: secretInput('Your password') }).strict(),
    'Write a new recovery file (pending) and show its code once, for the recovery sheet (administrators, password re-entered)',
  ),
  'settings.confirmRecoveryCode': op<{ confirmed: true }>()(() => none, 'The new recovery sheet is printed and kept: its code replaces the old one, which stops working'),
  'settings.recoveryCodeStatus': op<{ confirmed: boolean; byServer?: boolean }>()(
    () => none,
    'Whether this database has a confirmed recovery sheet (administrators); byServer: clinic mode, whose records are on the server, not locked by keys on this computer',
  ),
  'settings.mue': op<MueTableView>()(() => none, 'The MUE values in force: loaded from the CMS file, or built in'),
  'settings.loadMueFile': op<MueTableView>()(() => 
    z
      .object({
        fileName: z.string().trim().min(1, { error: 'The file has no name.' }).max(255, { error: 'The file name is too long.' }),
        text: z.string().max(MUE_FILE_MAX_CHARS, { error: 'The file is far larger than the CMS practitioner MUE table (about 1 MB); choose that CSV file.' }),
      })
      .strict(),
    'Load the CMS practitioner services MUE file (CSV); a malformed file changes nothing',
  ),
  'settings.resetMue': op<MueTableView>()(() => none, 'Go back to the built-in MUE values'),
  'database.current': op<DatabaseSettingsView>()(() => none, 'Which database this workstation has open, and which it opens at its next start (administrators)'),
  'database.testConnection': op<ConnectionTestResult>()(() => testConnectionSchema, 'Sign in to a clinic server once and say in plain words whether Layermap could use it; nothing is saved'),
  'database.save': op<DatabaseSettingsView>()(() => saveDatabaseSchema, 'Choose the database for the next start (database.json, the server password sealed on this computer); a new password is tested first; audited'),
  'database.copyToServer': op<DatabaseCopySummary>()(() => copyToServerSchema, "Copy this computer's records onto the clinic's empty server, proved table by table and by the audit chain; audited"),
  'database.exportJoinFile': op<{ readonly file: string }>()(() => exportJoinFileSchema, "Write the clinic's audit key, under a passphrase, for another workstation joining the clinic server; audited"),
  'database.join': op<{ readonly restartNeeded: true }>()(() => joinClinicSchema, 'A new workstation joins the clinic server with a join file, before any clinic of its own is set up'),
  'database.copyToThisComputer': op<DatabaseCopySummary>()(() => none, "Copy the clinic server's records into this workstation's own new encrypted file, proved the same way; audited"),
  'backup.status': op<BackupStatus>()(() => none, 'When the last backup was taken, and whether one can be taken now'),
  'backup.setFolder': op<BackupStatus>()(() => 
    z.object({ folder: z.string().trim().min(1, { error: 'Choose a backup folder.' }).max(1000, { error: 'That folder path is too long.' }) }).strict(),
    'Choose the folder backups go to (an external disk or a network share is fine); audited',
  ),
  'backup.now': op<BackupSummary>()(() => none, 'Take a checked backup into the backup folder now, then rotate the folder'),
  'backup.list': op<readonly BackupSummary[]>()(() => none, 'The whole, checked backups in the backup folder, newest first'),
  'backup.preview': op<BackupPreview>()(() => backupFile, 'Open a backup read-only and list its cases'),
  'backup.restore': op<RestoreResult>()(() => backupFile, 'Replace the database with a backup; the current file is kept aside and the restore audited'),
  'patients.create': op<Patient>()(() => patientFields.strict(), 'Register a patient'),
  'patients.update': op<Patient>()(() => 
    patientFields.extend({ id: recordId('Patient'), version }).strict(),
    'Correct a patient record',
  ),
  'patients.search': op<readonly Patient[]>()(() => searchInput, 'Find patients by name or MRN'),
  'cases.create': op<Case>()(() => caseFields.extend({ patientId: recordId('Patient') }).strict(), 'Open a surgery day for a patient'),
  'cases.update': op<Case>()(() => caseFields.extend({ id: recordId('Case'), version }).strict(), 'Change a case'),
  'cases.get': op<CaseDetail>()(() => byId('Case'), 'A case with its patient and lesions'),
  'cases.search': op<readonly CaseSummary[]>()(() => searchInput, 'Find cases by patient name, MRN or date of surgery'),
  'cases.coding': op<CaseCoding>()(() => byId('Case'), "The case's CPT lines, warnings, ICD-10 and AUC, derived from its stages"),
  'cases.setAdditionalCodes': op<Case>()(() => 
    z.object({ id: recordId('Case'), version, codes: additionalCodesSchema }).strict(),
    'Set other codes billed on this date of service (checked against Mohs exclusions)',
  ),
  'lesions.create': op<Lesion>()(() => lesionFields.extend({ caseId: recordId('Case'), ...twelveOClockInput }).strict(), 'Add a lesion to a case'),
  'lesions.update': op<Lesion>()(() => lesionFields.extend({ id: recordId('Lesion'), version, ...twelveOClockInput }).strict(), 'Change a lesion'),
  'lesions.get': op<LesionDetail>()(() => byId('Lesion'), 'A lesion with its case and patient'),
  'lesions.setMapFacts': op<Lesion>()(() => 
    lesionMapFields.extend({ id: recordId('Lesion'), version }).strict(),
    "Set where 12 o'clock points and the final defect size",
  ),
  'lesions.setOutcome': op<Lesion>()(() => 
    z.object({ id: recordId('Lesion'), version, outcome: lesionOutcomeSchema.nullable() }).strict(),
    'Record how the lesion ended: cleared, stopped (with a reason) or referred',
  ),
  'lesions.setRepair': op<Lesion>()(() => 
    z.object({ id: recordId('Lesion'), version, repair: lesionRepairSchema.nullable() }).strict(),
    'Record what closed the wound after the last stage, with its measured sizes (repair codes are suggested from it)',
  ),
  'stages.list': op<readonly StageRecord[]>()(() => z.object({ lesionId: recordId('Lesion') }).strict(), "A lesion's stages, in order"),
  'stages.create': op<StageRecord>()(() => 
    z.object({ lesionId: recordId('Lesion'), doc: savedMapSchema }).strict(),
    'Add the next stage of a lesion, with its (pre-placed) map',
  ),
  'stages.save': op<StageRecord>()(() => 
    z.object({ id: recordId('Stage'), version, doc: savedMapSchema }).strict(),
    "Save a stage's map (autosave at the end of every gesture)",
  ),
  'stages.remove': op<null>()(() => z.object({ id: recordId('Stage'), version }).strict(), 'Remove the last stage of a lesion'),
  'stages.keepUnsaved': op<{ readonly kept: number }>()(() => 
    z.object({ maps: z.array(z.object({ id: recordId('Stage'), version, doc: savedMapSchema }).strict()).min(1).max(50) }).strict(),
    'Clinic mode: keep map changes the server did not take in this computer\'s encrypted recovery file',
  ),
  'stages.replayUnsaved': op<UnsavedReplay>()(() => z.object({}).strict(), 'Clinic mode: save the kept map changes, each with its version check'),
  'stages.discardUnsaved': op<{ readonly discarded: number }>()(() => z.object({ id: recordId('Stage') }).strict(), 'Clinic mode: let go of a kept map change (saved since, or refused as stale)'),
  'lesions.signWarnings': op<readonly SignoffWarning[]>()(() => byId('Lesion'), 'What signing this lesion would sign over'),
  'cases.signWarnings': op<readonly SignoffWarning[]>()(() => byId('Case'), 'What signing this case and its unsigned lesions would sign over'),
  'lesions.sign': op<Lesion>()(() => 
    z.object({ id: recordId('Lesion'), version, reviewed, password: signerPassword }).strict(),
    'Sign a lesion (surgeons only, password re-entered); it becomes read-only',
  ),
  'cases.sign': op<Case>()(() => 
    z.object({ id: recordId('Case'), version, reviewed, password: signerPassword }).strict(),
    'Sign a case and all its lesions (surgeons only, password re-entered)',
  ),
  'addenda.add': op<Addendum>()(() => 
    z.object({ caseId: recordId('Case'), lesionId: recordId('Lesion').nullable(), text: addendumText }).strict(),
    'Add a dated addendum to a signed case or lesion',
  ),
  'addenda.list': op<readonly Addendum[]>()(() => z.object({ caseId: recordId('Case') }).strict(), "A case's addenda, oldest first"),
  'worklist.list': op<readonly WorklistRow[]>()(() => 
    z.object({ date: isoDate('Date') }).strict(),
    "Every block of every stage of the day's cases, for the lab",
  ),
  'worklist.scan': op<ScannedBlock>()(() => 
    z.object({ text: z.string({ error: 'Nothing was scanned.' }).max(4000, { error: 'The scanned text is longer than any Layermap label.' }) }).strict(),
    'Find the block a scanned cassette or slide label names (any day)',
  ),
  'blocks.setStatus': op<WorklistRow>()(() => 
    z.object({ id: recordId('Block'), version, status: z.enum(LAB_STATUSES, { error: 'Unknown lab status.' }) }).strict(),
    "Move a block through the lab (excised … read); audited",
  ),
  'archive.export': op<ArchiveExported>()(() => 
    archiveExport,
    'Export one case, or every case in a date range, as a case archive (zip: records, audit, sheet PDFs); written owner-only, audited',
  ),
  'archive.lesions': op<readonly ArchiveLesion[]>()(() => 
    archiveExport,
    "The lesions this export would carry (its file checked first): their map sheets are printed before the export",
  ),
  'archive.import': op<ArchiveImported>()(() => 
    z.object({ file: archivePath }).strict(),
    'Import a case archive from another Layermap database: checked whole first, written in one transaction, duplicates refused',
  ),
  'chart.export': op<ChartExported>()(() => 
    chartExport,
    "Export a signed case for the clinic's EHR into a folder: one PDF (map sheet and operative note) and a FHIR R4 Bundle carrying it; written owner-only, audited",
  ),
  'chart.check': op<ChartToPrint>()(() => 
    chartExport,
    'Check a chart export can be written (signed case, folder, new file names) before its PDF is printed',
  ),
  'chart.note': op<ChartNote | null>()(() => z.object({ caseId: recordId('Case') }).strict(), "The case's operative note as the chart PDF prints it (null: none written)"),
  'audit.list': op<readonly AuditEvent[]>()(() => 
    z.object({ entityId: z.string().max(64).optional(), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    'The audit trail, newest first',
  ),
  'audit.search': op<{ readonly rows: readonly AuditEvent[]; readonly nextBeforeSeq: number | null }>()(() => 
    auditFilter.extend({ beforeSeq: z.number().int().min(1).optional(), limit: z.number().int().min(1).max(500).default(50) }).strict(),
    'The audit viewer: rows matching the filters, newest first, one page before beforeSeq (administrator)',
  ),
  'audit.exportCsv': op<{ readonly csv: string; readonly rows: number }>()(() => 
    auditFilter.strict(),
    'The filtered audit rows as CSV, at most 100,000 (administrator); the export is audited',
  ),
  'audit.verify': op<AuditVerdict>()(() => none, 'Recompute the whole audit chain and the head file; the first broken row in words (administrator)'),
  'audit.startCheck': op<AuditVerdict>()(() => none, "What the check of the chain's newest rows found when the database was opened"),
  'audit.record': op<null>()(() => 
    z
      .object({
        action: z.enum(['print', 'export'], { error: 'Only printing and exporting are recorded this way.' }),
        output: z.enum(AUDITED_OUTPUTS, { error: 'Unknown kind of print or export.' }),
        entity: z.enum(['case', 'lesion', 'stage'], { error: 'Prints and exports are recorded against a case, lesion or stage.' }),
        entityId: recordId('Record'),
      })
      .strict(),
    'Record that the user printed a sheet or labels, or exported a file, of a record',
  ),
  'photos.list': op<readonly Photo[]>()(() => z.object({ lesionId: recordId('Lesion') }).strict(), "A lesion's photos (what the records hold of them), oldest first"),
  'photos.add': op<Photo>()(photoAddSchema, 'Attach a photo to a lesion: the picture re-encoded without EXIF and its display copy (JPEG or PNG); audited'),
  'photos.picture': op<PhotoPicture>()(
    () => z.object({ id: recordId('Photo'), copy: z.enum(['display', 'full'], { error: 'Ask for the display copy or the full picture.' }) }).strict(),
    "One of a photo's pictures, base64",
  ),
  'photos.calibrate': op<Photo>()(
    () => z.object({ id: recordId('Photo'), version, calibration: photoCalibrationSchema.nullable() }).strict(),
    'Set how many pixels of the photo make a millimetre: a line over its ruler and its length; audited',
  ),
  'photos.place': op<Photo>()(
    () => z.object({ id: recordId('Photo'), version, placement: photoPlacementSchema.nullable() }).strict(),
    'Place a calibrated photo under the map (position in mm, turn, opacity, shown), or take it away; audited',
  ),
  'photos.delete': op<null>()(
    () => z.object({ id: recordId('Photo'), version }).strict(),
    'Delete a photo of a lesion not yet signed (its picture goes when no other photo has the same one); audited',
  ),
  'photos.replace': op<Photo>()(
    photoReplaceSchema,
    'Replace a photo’s picture, keeping what it shows; its calibration only if asked (and the new picture has the old one’s size); audited',
  ),
  'histology.list': op<readonly BlockHistology[]>()(() => z.object({ lesionId: recordId('Lesion') }).strict(), "Every block of a lesion that has histology (slides, stains, quality, reading)"),
  'histology.setLab': op<BlockHistology>()(
    () => z.object({ blockId: recordId('Block'), version: histologyVersion, lab: histologyLabSchema }).strict(),
    "The histotech's half of a block's histology: slides, levels, stains, frozen-section quality; audited",
  ),
  'histology.setReading': op<BlockHistology>()(
    () => z.object({ blockId: recordId('Block'), version: histologyVersion, reading: histologyReadingSchema }).strict(),
    "The surgeon's reading of a block: tumor subtype, perineural invasion, note; audited",
  ),
  'operativeNote.get': op<OperativeNoteView>()(() => z.object({ caseId: recordId('Case') }).strict(), "A case's Mohs operative note: generated from the record, the surgeon's text, the checklist, what it lacks"),
  'operativeNote.save': op<OperativeNoteView>()(
    () =>
      z
        .object({
          caseId: recordId('Case'),
          version: noteVersion,
          freeText: noteFreeTextSchema,
          /** The whole note as the surgeon wants it signed; null: the generated text. */
          surgeonText: noteTextSchema.nullable(),
        })
        .strict(),
    "The surgeon's text of the note and its free-text parts (anesthesia, closure, post-op); audited",
  ),
  'operativeNote.keepText': op<OperativeNoteView>()(
    () => z.object({ caseId: recordId('Case'), version: noteVersion }).strict(),
    "The record changed after the surgeon edited the note: keep the surgeon's text as it is; audited",
  ),
  'operativeNote.setChecklist': op<OperativeNoteView>()(
    () => z.object({ caseId: recordId('Case'), version: noteVersion, change: checklistChangeSchema }).strict(),
    'Tick or clear one consent and time-out item, stamped with who and when; audited',
  ),
  'noteTemplates.get': op<NoteTemplate>()(() => none, "The signed-in surgeon's defaults for the note's anesthesia, closure and post-op instructions"),
  'noteTemplates.save': op<NoteTemplate>()(
    () => z.object({ version: noteVersion, freeText: noteFreeTextSchema }).strict(),
    "Save the signed-in surgeon's note defaults; audited",
  ),
  'statistics.practice': op<PracticeStatistics>()(
    () => statisticsRangeSchema,
    'Practice statistics for a range of dates of surgery, per surgeon and for the practice (counts only, no patient)',
  ),
} as const satisfies { readonly [K in OperationName]: Operation<z.ZodType, unknown> };

export type Contract = typeof contract;
export type OpInput<K extends OperationName> = z.input<Contract[K]['input']>;
export type OpParsed<K extends OperationName> = z.output<Contract[K]['input']>;
export type OpResult<K extends OperationName> = Contract[K] extends Operation<z.ZodType, infer O> ? O : never;

// Every name in OPERATION_NAMES has an entry, and no entry lacks a name.
type MissingOps = Exclude<OperationName, keyof Contract>;
type ExtraOps = Exclude<keyof Contract, OperationName>;
const _exhaustive: [MissingOps, ExtraOps] extends [never, never] ? true : false = true;
void _exhaustive;
