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

/** Paper that label sheets come on, portrait, in millimetres. */
export const PAPER_SIZES = ['letter', 'a4'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];
export const PAPER_MM: Readonly<Record<PaperSize, { readonly widthMm: number; readonly heightMm: number; readonly name: string }>> = {
  letter: { widthMm: 215.9, heightMm: 279.4, name: 'Letter' },
  a4: { widthMm: 210, heightMm: 297, name: 'A4' },
};

/** Smallest label that still holds a readable barcode and the block label. */
export const LABEL_MIN_MM = { widthMm: 20, heightMm: 10 } as const;

const millimetres = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number of millimetres.` })
    .min(min, { error: `${label} must be at least ${min} mm.` })
    .max(max, { error: `${label} must be at most ${max} mm.` });

const count = (label: string, max: number) =>
  z
    .number({ error: `${label} must be a whole number.` })
    .int({ error: `${label} must be a whole number.` })
    .min(1, { error: `${label} must be at least 1.` })
    .max(max, { error: `${label} must be at most ${max}.` });

const mmText = (n: number): string => String(Math.round(n * 10) / 10);

/**
 * A sheet of adhesive labels (e.g. 3 across, 10 down, 66.7 × 25.4 mm on Letter): the grid is
 * centred on the paper, with the gaps the label maker gives between columns and rows.
 */
export const labelSheetSchema = z
  .object({
    paper: z.enum(PAPER_SIZES, { error: 'Choose Letter or A4 paper for label sheets.' }),
    columns: count('Labels across', 10),
    rows: count('Labels down', 40),
    widthMm: millimetres('Sheet label width', LABEL_MIN_MM.widthMm, 210),
    heightMm: millimetres('Sheet label height', LABEL_MIN_MM.heightMm, 297),
    columnGapMm: millimetres('Column gap', 0, 50),
    rowGapMm: millimetres('Row gap', 0, 50),
  })
  .superRefine((s, ctx) => {
    const paper = PAPER_MM[s.paper];
    const across = s.columns * s.widthMm + (s.columns - 1) * s.columnGapMm;
    const down = s.rows * s.heightMm + (s.rows - 1) * s.rowGapMm;
    if (across > paper.widthMm + 0.05) {
      ctx.addIssue({
        code: 'custom',
        path: ['widthMm'],
        message: `${s.columns} labels of ${mmText(s.widthMm)} mm with ${mmText(s.columnGapMm)} mm gaps need ${mmText(across)} mm, wider than ${paper.name} paper (${mmText(paper.widthMm)} mm).`,
      });
    }
    if (down > paper.heightMm + 0.05) {
      ctx.addIssue({
        code: 'custom',
        path: ['heightMm'],
        message: `${s.rows} labels of ${mmText(s.heightMm)} mm with ${mmText(s.rowGapMm)} mm gaps need ${mmText(down)} mm, taller than ${paper.name} paper (${mmText(paper.heightMm)} mm).`,
      });
    }
  });
export type LabelSheetSettings = z.output<typeof labelSheetSchema>;

/** A roll of single labels for a label printer: one label per printed page. */
export const labelRollSchema = z.object({
  widthMm: millimetres('Roll label width', LABEL_MIN_MM.widthMm, 210),
  heightMm: millimetres('Roll label height', LABEL_MIN_MM.heightMm, 297),
});
export type LabelRollSettings = z.output<typeof labelRollSchema>;

/** Idle time before the session locks, in minutes (issue 12: 1–60, default 10). */
export const IDLE_LOCK_MINUTES = { min: 1, max: 60, default: 10 } as const;

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
  labelSheet: labelSheetSchema,
  labelRoll: labelRollSchema,
  idleLockMinutes: z
    .number({ error: 'Lock after idle must be a whole number of minutes.' })
    .int({ error: 'Lock after idle must be a whole number of minutes.' })
    .min(IDLE_LOCK_MINUTES.min, { error: `Lock after idle must be at least ${IDLE_LOCK_MINUTES.min} minute.` })
    .max(IDLE_LOCK_MINUTES.max, { error: `Lock after idle must be at most ${IDLE_LOCK_MINUTES.max} minutes.` }),
  /** Whether a user may sign in with a PIN of 6 to 12 digits instead of a password. */
  allowPin: z.boolean({ error: 'Allow PINs must be yes or no.' }),
  /** Whether map sheets print a lesion's calibrated wound photos under its maps (never on an archive's sheets). */
  printPhotosOnSheet: z.boolean({ error: 'Print photos on the map sheet must be yes or no.' }),
});
export type Settings = z.output<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  clinicName: '',
  cliaNumber: '',
  blockLabelConvention: 'stage-dash-number',
  distinctLesionModifier: '59',
  defaultMarginMm: 2,
  // The common 30-up address-label sheet (1 × 2⅝ in, ⅛ in between columns) on Letter.
  labelSheet: { paper: 'letter', columns: 3, rows: 10, widthMm: 66.7, heightMm: 25.4, columnGapMm: 3.2, rowGapMm: 0 },
  // A 2 × 1 in thermal label, the usual size for specimen label printers.
  labelRoll: { widthMm: 50.8, heightMm: 25.4 },
  idleLockMinutes: IDLE_LOCK_MINUTES.default,
  // Passwords only until a clinic decides PINs are enough on its workstations.
  allowPin: false,
  // A photo on paper is the clinic's choice (ink, and who sees the sheet): off until chosen.
  printPhotosOnSheet: false,
};
