import { z } from 'zod';
import type { CaseId, LesionId } from '../ids';
import { optionalText, requiredText, type Stamped } from './fields';
import type { Signature } from './signoff';
import type { LesionOutcome } from './outcome';
import type { LesionRepair } from './repair';

export const LATERALITIES = ['left', 'right', 'midline', 'bilateral'] as const;
export type Laterality = (typeof LATERALITIES)[number];

/** Structures whose direct involvement puts any site in the 17311 family (DOMAIN.md, CPT codes). */
export const DEEP_STRUCTURES = ['muscle', 'cartilage', 'bone', 'tendon', 'major-nerve', 'major-vessel'] as const;
export type DeepStructure = (typeof DEEP_STRUCTURES)[number];
export const DEEP_STRUCTURE_LABELS: Readonly<Record<DeepStructure, string>> = {
  muscle: 'Muscle',
  cartilage: 'Cartilage',
  bone: 'Bone',
  tendon: 'Tendon',
  'major-nerve': 'Major nerve',
  'major-vessel': 'Major vessel',
};

/** Sizes a surgeon measures, in mm: a tenth of a millimetre is below what a ruler reads, 500 mm more than any Mohs excision. */
export const SIZE_MM = { min: 0.1, max: 500 } as const;

const sizeMm = (label: string) =>
  z
    .number({
      error: (issue) => (issue.input === undefined ? `${label} is required, in millimetres.` : `${label} must be a number of millimetres.`),
    })
    .min(SIZE_MM.min, { error: `${label} must be at least ${SIZE_MM.min} mm.` })
    .max(SIZE_MM.max, { error: `${label} must be at most ${SIZE_MM.max} mm; check the unit (millimetres).` });

export const lesionFields = z.object({
  siteId: requiredText('Anatomic site', 64),
  siteDetail: optionalText('Site detail', 200),
  laterality: z.enum(LATERALITIES, { error: 'Choose left, right, midline or bilateral.' }).nullable(),
  tumorTypeId: requiredText('Diagnosis', 64),
  preopLengthMm: sizeMm('Pre-op length'),
  preopWidthMm: sizeMm('Pre-op width'),
  recurrent: z.boolean({ error: 'Say whether the tumor is primary or recurrent.' }),
  deepStructures: z
    .array(z.enum(DEEP_STRUCTURES, { error: 'Unknown deep structure.' }))
    .max(DEEP_STRUCTURES.length)
    .refine((a) => new Set(a).size === a.length, { error: 'A deep structure is listed twice.' }),
});
export type LesionFields = z.input<typeof lesionFields>;

/**
 * Which anatomic direction the map's 12 o'clock points to (DOMAIN.md, "Labels and conventions").
 * Proximal and distal make sense only along a limb or digit: see twelveOClockChoices.
 */
export const TWELVE_OCLOCK_DIRECTIONS = ['superior', 'inferior', 'medial', 'lateral', 'anterior', 'posterior', 'proximal', 'distal'] as const;
export type TwelveOClockDirection = (typeof TWELVE_OCLOCK_DIRECTIONS)[number];
export const TWELVE_OCLOCK_LABELS: Readonly<Record<TwelveOClockDirection, string>> = {
  superior: 'Superior',
  inferior: 'Inferior',
  medial: 'Medial',
  lateral: 'Lateral',
  anterior: 'Anterior',
  posterior: 'Posterior',
  proximal: 'Proximal',
  distal: 'Distal',
};

/** The directions offered for a site: every one, plus proximal/distal on limbs, hands and feet (digits). */
export function twelveOClockChoices(region: string | undefined): readonly TwelveOClockDirection[] {
  const limb = region === 'upper-limb' || region === 'lower-limb' || region === 'hand' || region === 'foot';
  return limb ? TWELVE_OCLOCK_DIRECTIONS : TWELVE_OCLOCK_DIRECTIONS.filter((d) => d !== 'proximal' && d !== 'distal');
}

/**
 * Null until the surgeon chooses: an unchosen direction is never shown or printed as a fact,
 * and signing warns about it.
 */
export const twelveOClockSchema = z.enum(TWELVE_OCLOCK_DIRECTIONS, { error: "Choose where 12 o'clock points." }).nullable();

export const finalDefectSchema = z
  .object({
    lengthMm: sizeMm('Defect length'),
    widthMm: sizeMm('Defect width'),
    /** Measured on the patient, or computed from the union of the mapped stages. */
    source: z.enum(['measured', 'computed'], { error: 'Say whether the defect was measured or computed.' }),
  })
  .refine((d) => d.lengthMm >= d.widthMm, { error: 'Give the defect as length × width, the longer side first.' });
export type FinalDefect = z.output<typeof finalDefectSchema>;

/** Facts about the lesion's map as a whole, set from the workspace. */
export const lesionMapFields = z.object({
  twelveOClock: twelveOClockSchema,
  finalDefect: finalDefectSchema.nullable(),
});

export interface Lesion extends Stamped, z.output<typeof lesionFields>, z.output<typeof lesionMapFields> {
  /** How the lesion ended: null while surgery is under way (or the outcome is not recorded yet). */
  readonly outcome: LesionOutcome | null;
  /** What closed the wound after the last stage, with its measured sizes; null until recorded. */
  readonly repair: LesionRepair | null;
  readonly id: LesionId;
  /** Set once the surgeon signs the lesion: from then on it changes only by addenda. */
  readonly signature: Signature | null;
  readonly caseId: CaseId;
  /** A, B, C … in the order lesions were added to the case; used on maps, labels and coding lines. */
  readonly label: string;
}

/** Labels A…Z, then AA, AB … so a case never runs out. */
export function lesionLabel(index: number): string {
  let n = index;
  let s = '';
  do {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return s;
}
