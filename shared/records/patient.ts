import { z } from 'zod';
import type { PatientId } from '../ids';
import { isoDate, requiredText, type Stamped } from './fields';

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

export const patientFields = z.object({
  familyName: requiredText('Family name', 100),
  givenName: requiredText('Given name', 100),
  mrn: z
    .string({ error: 'MRN is required.' })
    .trim()
    .min(1, { error: 'MRN is required.' })
    .max(40, { error: 'MRN must be at most 40 characters.' })
    .regex(/^[A-Za-z0-9][A-Za-z0-9\-/.]*$/, {
      error: 'MRN may contain only letters, digits, "-", "/" and ".".',
    }),
  dateOfBirth: isoDate('Date of birth').refine((s) => s <= new Date().toISOString().slice(0, 10), {
    error: 'Date of birth cannot be in the future.',
  }),
  sex: z.enum(SEXES, { error: 'Choose a sex (or "unknown").' }),
});
export type PatientFields = z.input<typeof patientFields>;

export interface Patient extends Stamped, z.output<typeof patientFields> {
  readonly id: PatientId;
}

/** "Family, Given", the way clinic lists show a patient. */
export const patientDisplayName = (p: Pick<Patient, 'familyName' | 'givenName'>): string =>
  `${p.familyName}, ${p.givenName}`;
