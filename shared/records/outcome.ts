import { z } from 'zod';

/**
 * How a lesion's surgery ended. Stopped (abandoned) needs the reason; a referral names the
 * other treatment when known. A stopped or referred lesion is still coded for every stage
 * performed, with a warning for the coder (shared/coding/engine.ts).
 */
export const OUTCOME_KINDS = ['cleared', 'stopped', 'referred'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

export const OUTCOME_LABELS: Readonly<Record<OutcomeKind, string>> = {
  cleared: 'Cleared',
  stopped: 'Stopped (abandoned)',
  referred: 'Referred for other treatment',
};

export const lesionOutcomeSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('cleared') }).strict(),
    z
      .object({
        kind: z.literal('stopped'),
        reason: z
          .string({ error: 'Say why surgery was stopped.' })
          .trim()
          .min(1, { error: 'Say why surgery was stopped, e.g. the patient could not tolerate further stages.' })
          .max(1000, { error: 'The reason must be at most 1000 characters.' }),
      })
      .strict(),
    z
      .object({
        kind: z.literal('referred'),
        referredFor: z.string().trim().max(1000, { error: 'The referral must be at most 1000 characters.' }).default(''),
      })
      .strict(),
  ],
  { error: 'Choose cleared, stopped or referred for other treatment.' },
);
export type LesionOutcome = z.output<typeof lesionOutcomeSchema>;

/** "Stopped (abandoned): patient could not tolerate further stages", as on the sheet. */
export function outcomeText(o: LesionOutcome | null): string {
  if (o === null) return 'not recorded';
  if (o.kind === 'stopped') return `${OUTCOME_LABELS.stopped}: ${o.reason}`;
  if (o.kind === 'referred') return o.referredFor ? `${OUTCOME_LABELS.referred}: ${o.referredFor}` : OUTCOME_LABELS.referred;
  return OUTCOME_LABELS.cleared;
}
