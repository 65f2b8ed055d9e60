import { z } from 'zod';
import type { AucArea } from '../catalog/anatomicSites';
import type { BlockStatus } from '../map/derive';
import type { HistologyLab, HistologyReading } from '../records/histology';
import type { Laterality, TwelveOClockDirection } from '../records/lesion';
import type { LesionOutcome } from '../records/outcome';
import type { LesionRepair } from '../records/repair';
import { optionalText } from '../records/fields';

/**
 * What the Mohs operative note is written from (issue 16 part 1): the record of one case, read
 * by the store, in plain data so the note's text and its required elements are pure functions
 * (generate.ts, elements.ts) the store, the sign dialog and the tests share.
 */

/** One specimen (piece of tissue) of a stage, measured on its map: longer side first, in mm. */
export interface NoteSpecimen {
  readonly lengthMm: number;
  readonly widthMm: number;
}

export interface NoteBlock {
  readonly label: string;
  /** The surgeon's reading of the block's margins ('pending' = not read). */
  readonly marginResult: BlockStatus;
  /** Where tumor was found (margin findings of the block). */
  readonly peripheral: boolean;
  readonly deep: boolean;
  /** Slides, stains and the surgeon's reading (migration 12); null when the lab recorded none. */
  readonly lab: HistologyLab | null;
  readonly reading: HistologyReading | null;
}

export interface NoteStage {
  readonly number: number;
  readonly specimens: readonly NoteSpecimen[];
  readonly blocks: readonly NoteBlock[];
  readonly result: BlockStatus;
}

export interface NoteLesion {
  readonly label: string;
  /** "Left nasal ala, alar crease": side, site and the surgeon's detail. */
  readonly site: string;
  readonly laterality: Laterality | null;
  readonly aucArea: AucArea | null;
  readonly diagnosis: string;
  readonly recurrent: boolean;
  readonly preopLengthMm: number;
  readonly preopWidthMm: number;
  readonly twelveOClock: TwelveOClockDirection | null;
  readonly stages: readonly NoteStage[];
  readonly finalDefect: { readonly lengthMm: number; readonly widthMm: number } | null;
  readonly repair: LesionRepair | null;
  /** The repaired sites' names, in the repair's order. */
  readonly repairSites: readonly string[];
  readonly outcome: LesionOutcome | null;
}

export interface NoteRecord {
  readonly patientName: string;
  readonly mrn: string;
  readonly dateOfBirth: string;
  readonly dateOfSurgery: string;
  readonly accessionNumber: string;
  readonly surgeonName: string;
  readonly lesions: readonly NoteLesion[];
  readonly checklist: NoteChecklist;
  readonly freeText: NoteFreeText;
}

/**
 * The consent and time-out checklist (issue 16: "a checklist with who and when: patient
 * identity, site verified against the biopsy photo or description, side"). Each item is
 * confirmed by a named user at a time, or not yet.
 */
export const CHECKLIST_ITEMS = ['consent', 'identity', 'site', 'side'] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

export const CHECKLIST_LABELS: Readonly<Record<ChecklistItem, string>> = {
  consent: 'Informed consent signed',
  identity: 'Patient identity confirmed (name and date of birth)',
  site: 'Site verified',
  side: 'Side confirmed',
};

/** What the site was checked against: the biopsy photo, or the biopsy report's description. */
export const SITE_EVIDENCE = ['biopsy-photo', 'biopsy-description'] as const;
export type SiteEvidence = (typeof SITE_EVIDENCE)[number];
export const SITE_EVIDENCE_LABELS: Readonly<Record<SiteEvidence, string>> = {
  'biopsy-photo': 'against the biopsy photo',
  'biopsy-description': 'against the biopsy description',
};

export interface ChecklistMark {
  readonly byUserId: string;
  readonly byName: string;
  readonly at: string;
  /** Site only: what it was verified against. */
  readonly against?: SiteEvidence;
}

export type NoteChecklist = Readonly<Partial<Record<ChecklistItem, ChecklistMark>>>;

/** One item ticked or cleared; the store stamps who and when. */
export const checklistChangeSchema = z
  .object({
    item: z.enum(CHECKLIST_ITEMS, { error: 'Unknown checklist item.' }),
    done: z.boolean({ error: 'Say whether the item is done.' }),
    against: z.enum(SITE_EVIDENCE, { error: 'Say whether the site was checked against the biopsy photo or its description.' }).optional(),
  })
  .strict()
  .refine((c) => !(c.item === 'site' && c.done && c.against === undefined), {
    error: 'Say whether the site was verified against the biopsy photo or the biopsy description.',
    path: ['against'],
  })
  .refine((c) => c.item === 'site' || c.against === undefined, { error: 'Only the site is verified against the biopsy.', path: ['against'] });
export type ChecklistChange = z.output<typeof checklistChangeSchema>;

const checklistMarkSchema = z
  .object({
    byUserId: z.string().min(1).max(64),
    byName: z.string().min(1).max(200),
    at: z.string().min(1).max(40),
    against: z.enum(SITE_EVIDENCE).optional(),
  })
  .strict();
/** The checklist as stored (JSON in operative_notes.checklist), read back through this schema. */
export const storedChecklistSchema = z.object(Object.fromEntries(CHECKLIST_ITEMS.map((i) => [i, checklistMarkSchema.optional()])) as Record<ChecklistItem, z.ZodOptional<typeof checklistMarkSchema>>).strict();

/** The free-text parts a surgeon writes once as a template and adjusts per case. */
export const NOTE_FREE_TEXT_MAX = 4000;
export const noteFreeTextSchema = z
  .object({
    anesthesia: optionalText('Anesthesia', NOTE_FREE_TEXT_MAX),
    closure: optionalText('Closure', NOTE_FREE_TEXT_MAX),
    postOp: optionalText('Post-op instructions', NOTE_FREE_TEXT_MAX),
  })
  .strict();
export type NoteFreeText = z.output<typeof noteFreeTextSchema>;
export const EMPTY_FREE_TEXT: NoteFreeText = { anesthesia: '', closure: '', postOp: '' };

/**
 * The surgeon's own text of the note: the whole note as they want it signed. A note of many
 * stages and blocks runs to a few thousand characters; 60,000 is far beyond any, not a limit
 * a surgeon meets. Line breaks and tabs are text; other control characters print nothing.
 */
export const NOTE_TEXT_MAX = 60_000;
const STRAY_CONTROL = /(?![\t\n\r])\p{Cc}/u;
export const noteTextSchema = z
  .string({ error: 'The note text is missing.' })
  .max(NOTE_TEXT_MAX, { error: `The note must be at most ${NOTE_TEXT_MAX.toLocaleString('en-US')} characters.` })
  .refine((s) => !STRAY_CONTROL.test(s), { error: 'The note holds a control character that prints nothing (pasted from another program?); remove it and save again.' });
