import { z } from 'zod';
import { siteById } from '../catalog/anatomicSites';
import { isoDate, optionalText } from './fields';

/**
 * What was done to close a lesion's wound after its last stage (DOMAIN.md "Repairs after Mohs").
 * The repair's own sizes are what the surgeon measured, in cm as coders measure them; the
 * drawn (computed) final defect is never a repair size. A repair may be saved without its size
 * (the codes then say what is missing) but never with a size it does not use.
 */
export const REPAIR_KINDS = [
  'none',
  'second-intention',
  'simple',
  'intermediate',
  'complex',
  'adjacent-tissue-transfer',
  'split-thickness-graft',
  'full-thickness-graft',
  'delayed',
  'referred',
] as const;
export type RepairKind = (typeof REPAIR_KINDS)[number];

export const REPAIR_KIND_LABELS: Readonly<Record<RepairKind, string>> = {
  none: 'No repair',
  'second-intention': 'Second intention (left to heal)',
  simple: 'Linear repair, simple',
  intermediate: 'Linear repair, intermediate (layered)',
  complex: 'Linear repair, complex',
  'adjacent-tissue-transfer': 'Flap (adjacent tissue transfer)',
  'split-thickness-graft': 'Split-thickness skin graft',
  'full-thickness-graft': 'Full-thickness skin graft',
  delayed: 'Delayed repair',
  referred: 'Referred for repair',
};

export const LINEAR_REPAIR_KINDS = ['simple', 'intermediate', 'complex'] as const;
export type LinearRepairKind = (typeof LINEAR_REPAIR_KINDS)[number];
export const GRAFT_KINDS = ['split-thickness-graft', 'full-thickness-graft'] as const;
export type GraftKind = (typeof GRAFT_KINDS)[number];

export const isLinearRepair = (k: RepairKind): k is LinearRepairKind => (LINEAR_REPAIR_KINDS as readonly string[]).includes(k);
export const isGraft = (k: RepairKind): k is GraftKind => (GRAFT_KINDS as readonly string[]).includes(k);
const isLater = (k: RepairKind) => k === 'delayed' || k === 'referred';

/** How deep the final defect reaches: the deepest layer exposed. */
export const DEFECT_DEPTHS = ['dermis', 'subcutaneous-fat', 'fascia', 'muscle', 'cartilage', 'bone'] as const;
export type DefectDepth = (typeof DEFECT_DEPTHS)[number];
export const DEFECT_DEPTH_LABELS: Readonly<Record<DefectDepth, string>> = {
  dermis: 'Dermis',
  'subcutaneous-fat': 'Subcutaneous fat',
  fascia: 'Fascia',
  muscle: 'Muscle',
  cartilage: 'Cartilage / perichondrium',
  bone: 'Bone / periosteum',
};

/** Flap names offered as the surgeon types; any other name is kept as typed. */
export const FLAP_NAMES = [
  'Advancement flap',
  'Rotation flap',
  'Transposition flap',
  'Rhombic flap',
  'Bilobed flap',
  'O-to-Z flap',
  'A-to-T flap',
  'V-Y advancement flap',
  'Island pedicle flap',
  'Burow\'s advancement flap',
  'Filleted finger or toe flap',
] as const;
/** 14350 has its own code: a filleted finger or toe flap. */
export const FILLETED_DIGIT_FLAP = 'Filleted finger or toe flap';

/** Repair sizes in cm: a millimetre is below what is coded; 100 cm more than any Mohs repair. */
export const REPAIR_CM = { min: 0.1, max: 100 } as const;

const cm = (label: string) =>
  z
    .number({ error: (i) => (i.input === undefined ? `${label} is required, in centimetres.` : `${label} must be a number of centimetres.`) })
    .min(REPAIR_CM.min, { error: `${label} must be at least ${REPAIR_CM.min} cm.` })
    .max(REPAIR_CM.max, { error: `${label} must be at most ${REPAIR_CM.max} cm; check the unit (centimetres).` });

const rectangle = (label: string) => z.object({ lengthCm: cm(`${label} length`), widthCm: cm(`${label} width`) }).strict();
export type RectangleCm = { readonly lengthCm: number; readonly widthCm: number };

export const lesionRepairSchema = z
  .object({
    kind: z.enum(REPAIR_KINDS, { error: 'Choose the repair: none, second intention, a linear repair, a flap, a graft, or delayed/referred.' }),
    defectDepth: z.enum(DEFECT_DEPTHS, { error: 'Choose how deep the defect reaches.' }).nullable(),
    /** The sites repaired, the lesion's own first; more than one when the repair crosses into another. */
    siteIds: z
      .array(z.string().trim().min(1).max(64).refine((id) => siteById(id) !== undefined, { error: 'Choose the repaired site from the site list.' }))
      .min(1, { error: 'Say which site was repaired.' }).max(4, { error: 'At most 4 sites per repair.' }),
    /** Linear repairs: the repaired wound's length. */
    lengthCm: cm('Repair length').nullable(),
    /** Adjacent tissue transfer: the flap by name. */
    flapName: optionalText('Flap name', 100),
    /** Adjacent tissue transfer: the excised (primary) defect and the defect the flap design makes (secondary). */
    primaryDefect: rectangle('Primary defect').nullable(),
    secondaryDefect: rectangle('Secondary defect').nullable(),
    /** Grafts: the graft's dimensions; its area is length × width. */
    graft: rectangle('Graft').nullable(),
    /** Delayed repair or referral: who repairs, and when (if known). */
    laterBy: optionalText('Who repairs', 200),
    laterOn: z.union([z.literal(''), isoDate('Repair date')]),
    note: optionalText('Closure note', 2000),
  })
  .strict()
  .superRefine((r, ctx) => {
    const stray = (path: string, what: string) => ctx.addIssue({ code: 'custom', path: [path], message: `${what} does not apply to ${REPAIR_KIND_LABELS[r.kind].toLowerCase()}; clear it.` });
    if (!isLinearRepair(r.kind) && r.lengthCm !== null) stray('lengthCm', 'A repair length');
    if (r.kind !== 'adjacent-tissue-transfer') {
      if (r.flapName !== '') stray('flapName', 'A flap name');
      if (r.primaryDefect !== null) stray('primaryDefect', 'A primary defect');
      if (r.secondaryDefect !== null) stray('secondaryDefect', 'A secondary defect');
    } else if (r.flapName === '') {
      ctx.addIssue({ code: 'custom', path: ['flapName'], message: 'Name the flap, e.g. rotation flap.' });
    }
    if (!isGraft(r.kind) && r.graft !== null) stray('graft', 'A graft size');
    if (isLater(r.kind)) {
      if (r.laterBy === '') ctx.addIssue({ code: 'custom', path: ['laterBy'], message: 'Say who will repair the wound.' });
    } else {
      if (r.laterBy !== '') stray('laterBy', 'Who repairs later');
      if (r.laterOn !== '') stray('laterOn', 'A later repair date');
    }
    if (new Set(r.siteIds).size !== r.siteIds.length) ctx.addIssue({ code: 'custom', path: ['siteIds'], message: 'A site is listed twice.' });
  });
export type LesionRepair = z.output<typeof lesionRepairSchema>;
export type LesionRepairInput = z.input<typeof lesionRepairSchema>;

/** Area in sq cm of a length × width, and the formula as printed (e.g. "2.0 cm × 1.5 cm = 3.00 sq cm"). */
export function rectangleArea(r: RectangleCm): { readonly sqCm: number; readonly formula: string } {
  const sqCm = Math.round(r.lengthCm * 100) * Math.round(r.widthCm * 100) / 10000;
  return { sqCm, formula: `${r.lengthCm} cm × ${r.widthCm} cm = ${formatSqCm(sqCm)} sq cm` };
}

export const formatSqCm = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, ''));
