import { z } from 'zod';

/** How a clinic writes stage 2, block 3 (DOMAIN.md, "Labels and conventions"). */
export const BLOCK_LABEL_CONVENTIONS = ['stage-dash-number', 'roman-dash-number', 'stage-letter', 'stage-dash-letter'] as const;
export type BlockLabelConvention = (typeof BLOCK_LABEL_CONVENTIONS)[number];
export const BLOCK_LABEL_CONVENTION_EXAMPLES: Readonly<Record<BlockLabelConvention, string>> = {
  'stage-dash-number': '2-3',
  'roman-dash-number': 'II-3',
  'stage-letter': '2C',
  'stage-dash-letter': '2-C',
};

/** Clinic-wide settings; each has a default so a new database works at once. */
export const settingsSchema = z.object({
  clinicName: z.string().trim().max(200, { error: 'Clinic name must be at most 200 characters.' }),
  cliaNumber: z
    .string()
    .trim()
    .regex(/^$|^[0-9]{2}D[0-9]{7}$/i, { error: 'CLIA number must look like 12D3456789 (or be left empty).' })
    .transform((s) => s.toUpperCase()),
  blockLabelConvention: z.enum(BLOCK_LABEL_CONVENTIONS, { error: 'Choose a block label convention.' }),
  distinctLesionModifier: z.enum(['59', 'XS'], { error: 'Choose modifier 59 or XS.' }),
  defaultMarginMm: z
    .number({ error: 'Default margin must be a number of millimetres.' })
    .min(0.5, { error: 'Default margin must be at least 0.5 mm.' })
    .max(20, { error: 'Default margin must be at most 20 mm.' }),
});
export type Settings = z.output<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  clinicName: '',
  cliaNumber: '',
  blockLabelConvention: 'stage-dash-number',
  distinctLesionModifier: '59',
  defaultMarginMm: 2,
};
