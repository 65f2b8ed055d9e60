import { z } from 'zod';
import { tumorTypeById } from '../catalog/tumorTypes';
import type { BlockId } from '../ids';
import { optionalText, type Stamped } from './fields';

/**
 * A block's histology (DOMAIN.md "The procedure" steps 5 and 6, issue 15 part 3): what the lab
 * did to it (slides, levels, stains, the frozen section's quality) and what the surgeon read in
 * it (tumor subtype, perineural invasion, a note). Two halves because two people write them:
 * the histotech the lab half, the surgeon the reading (shared/api/roles.ts).
 */

/**
 * How a stain is billed beside Mohs (DOMAIN.md "CPT codes", shared/coding/excludedCodes.ts):
 * routine stains (H&E, toluidine blue) are part of the Mohs code; a special histochemical
 * stain is 88314; a single-antibody immunostain 88342/+88341; a multiplex one 88344.
 */
export const STAIN_KINDS = ['routine', 'special', 'immuno', 'multiplex'] as const;
export type StainKind = (typeof STAIN_KINDS)[number];
export const STAIN_KIND_LABELS: Readonly<Record<StainKind, string>> = {
  routine: 'Routine',
  special: 'Special stain',
  immuno: 'Immunostain',
  multiplex: 'Multiplex immunostain',
};

/**
 * Stains a Mohs lab offers by name (DOMAIN.md step 5: H&E, toluidine blue, MART-1; issue 15:
 * SOX10, CK). A lab may type another name, choosing its kind: the kind, not the name, decides the code.
 */
export const COMMON_STAINS: readonly { readonly name: string; readonly kind: StainKind }[] = [
  { name: 'H&E', kind: 'routine' },
  { name: 'Toluidine blue', kind: 'routine' },
  { name: 'MART-1', kind: 'immuno' },
  { name: 'SOX10', kind: 'immuno' },
  { name: 'CK (pan-cytokeratin)', kind: 'immuno' },
  { name: 'CK7', kind: 'immuno' },
  { name: 'CK20', kind: 'immuno' },
  { name: 'CD34', kind: 'immuno' },
  { name: 'Ber-EP4', kind: 'immuno' },
  { name: 'PAS', kind: 'special' },
  { name: 'Alcian blue', kind: 'special' },
];

export const stainSchema = z
  .object({
    name: z
      .string({ error: 'Each stain needs a name.' })
      .trim()
      .min(1, { error: 'Each stain needs a name.' })
      .max(60, { error: 'A stain name must be at most 60 characters.' }),
    kind: z.enum(STAIN_KINDS, { error: 'Say whether the stain is routine, special, an immunostain or multiplex.' }),
  })
  .strict();
export type Stain = z.output<typeof stainSchema>;

/** What can be wrong with a frozen section (DOMAIN.md step 5: "checks for complete epidermis"). */
export const QUALITY_PROBLEMS = ['folds', 'holes', 'chatter', 'incomplete-epidermis', 'incomplete-deep'] as const;
export type QualityProblem = (typeof QUALITY_PROBLEMS)[number];
export const QUALITY_PROBLEM_LABELS: Readonly<Record<QualityProblem, string>> = {
  folds: 'Folds',
  holes: 'Holes',
  chatter: 'Chatter',
  'incomplete-epidermis': 'Incomplete epidermis',
  'incomplete-deep': 'Incomplete deep margin',
};

/** Not assessed yet, adequate, or with problems (then at least one is named). */
export const SECTION_QUALITIES = ['not-assessed', 'adequate', 'problems'] as const;
export type SectionQuality = (typeof SECTION_QUALITIES)[number];

/** More than any Mohs block is cut into: a larger number is a typing slip. */
export const MAX_SLIDES = 30;
export const MAX_LEVELS = 30;

const count = (label: string, max: number) =>
  z
    .number({ error: `${label} must be a whole number.` })
    .refine(Number.isInteger, { error: `${label} must be a whole number.` })
    .min(1, { error: `${label} must be at least 1.` })
    .max(max, { error: `${label} must be at most ${max}; check what was typed.` })
    .nullable();

/** The histotech's half. Slides and levels are null until cut. */
export const histologyLabSchema = z
  .object({
    slides: count('Slides', MAX_SLIDES),
    levels: count('Levels', MAX_LEVELS),
    stains: z
      .array(stainSchema)
      .max(12, { error: 'At most 12 stains per block.' })
      .refine((s) => new Set(s.map((x) => x.name.toLowerCase())).size === s.length, { error: 'A stain is listed twice.' }),
    quality: z.enum(SECTION_QUALITIES, { error: 'Choose the frozen section quality.' }),
    problems: z
      .array(z.enum(QUALITY_PROBLEMS, { error: 'Unknown section problem.' }))
      .refine((p) => new Set(p).size === p.length, { error: 'A section problem is listed twice.' }),
    recut: z.boolean({ error: 'Say whether the block is to be re-cut.' }),
  })
  .strict()
  .refine((l) => (l.quality === 'problems') === (l.problems.length > 0), {
    error: 'Name the section problems (folds, holes, chatter, incomplete epidermis or deep margin), or choose adequate.',
    path: ['problems'],
  })
  .refine((l) => !l.recut || l.quality === 'problems', { error: 'A re-cut is asked for a section with problems: name them.', path: ['recut'] })
  .refine((l) => l.levels === null || l.slides !== null, { error: 'Say how many slides were cut before the levels.', path: ['slides'] });
export type HistologyLab = z.output<typeof histologyLabSchema>;

export const PERINEURAL = ['not-assessed', 'absent', 'present'] as const;
export type Perineural = (typeof PERINEURAL)[number];

/**
 * Nerve diameter in mm, measured on the slide: why it is asked (AJCC 8th edition cSCC staging
 * counts invasion of a nerve of 0.1 mm or more as a high-risk feature); nerves seen in Mohs
 * tissue are a few mm at most, so more than 20 is a unit slip.
 */
export const NERVE_SIZE_MM = { min: 0.01, max: 20 } as const;

/** The surgeon's half: what the slides showed. */
export const histologyReadingSchema = z
  .object({
    /** A tumor type id (shared/catalog/tumorTypes.ts) of the subtype seen in this block; null: none seen or not said. */
    tumorSubtypeId: z
      .string()
      .max(64)
      .refine((id) => tumorTypeById(id) !== undefined, { error: 'Choose the tumor subtype from the list.' })
      .nullable(),
    perineural: z.enum(PERINEURAL, { error: 'Say whether perineural invasion was seen.' }),
    nerveSizeMm: z
      .number({ error: 'Nerve size must be a number of millimetres.' })
      .min(NERVE_SIZE_MM.min, { error: `Nerve size must be at least ${NERVE_SIZE_MM.min} mm.` })
      .max(NERVE_SIZE_MM.max, { error: `Nerve size must be at most ${NERVE_SIZE_MM.max} mm; check the unit (millimetres).` })
      .nullable(),
    note: optionalText('Note', 2000),
  })
  .strict()
  .refine((r) => r.nerveSizeMm === null || r.perineural === 'present', { error: 'A nerve size is given only with perineural invasion present.', path: ['nerveSizeMm'] });
export type HistologyReading = z.output<typeof histologyReadingSchema>;

export const EMPTY_LAB: HistologyLab = { slides: null, levels: null, stains: [], quality: 'not-assessed', problems: [], recut: false };
export const EMPTY_READING: HistologyReading = { tumorSubtypeId: null, perineural: 'not-assessed', nerveSizeMm: null, note: '' };

/** A block's histology as stored: a block without a row reads as EMPTY_LAB and EMPTY_READING, version 0. */
export interface BlockHistology extends Stamped {
  readonly blockId: BlockId;
  readonly lab: HistologyLab;
  readonly reading: HistologyReading;
}

/** "3 slides, 2 levels · H&E, MART-1": the compact form the worklist and the sheet show. */
export function histologySummary(lab: HistologyLab): string {
  const parts: string[] = [];
  if (lab.slides !== null) parts.push(`${lab.slides} ${lab.slides === 1 ? 'slide' : 'slides'}`);
  if (lab.levels !== null) parts.push(`${lab.levels} ${lab.levels === 1 ? 'level' : 'levels'}`);
  const cut = parts.join(', ');
  const stains = lab.stains.map((s) => s.name).join(', ');
  return [cut, stains].filter((s) => s !== '').join(' · ');
}

/** "Folds, chatter — re-cut": the quality in words; '' when not assessed. */
export function qualitySummary(lab: HistologyLab): string {
  if (lab.quality === 'not-assessed') return '';
  if (lab.quality === 'adequate') return 'Adequate';
  const problems = lab.problems.map((p) => QUALITY_PROBLEM_LABELS[p]).join(', ');
  return lab.recut ? `${problems} — re-cut` : problems;
}

/** "Infiltrative BCC; PNI present (0.2 mm)": the reading in words; '' when nothing is read yet. */
export function readingSummary(r: HistologyReading): string {
  const parts: string[] = [];
  if (r.tumorSubtypeId !== null) parts.push(tumorTypeById(r.tumorSubtypeId)?.label ?? r.tumorSubtypeId);
  if (r.perineural === 'absent') parts.push('No perineural invasion');
  if (r.perineural === 'present') parts.push(`Perineural invasion${r.nerveSizeMm === null ? '' : ` (nerve ${r.nerveSizeMm} mm)`}`);
  if (r.note !== '') parts.push(r.note);
  return parts.join('; ');
}
