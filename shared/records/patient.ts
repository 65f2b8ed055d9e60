import { z } from 'zod';
import type { PatientId } from '../ids';
import { isoDate, personName, today, type Stamped } from './fields';

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

/** Nobody alive was born earlier: an older date is a typing slip (1850 for 1950). */
export const EARLIEST_BIRTH = '1900-01-01';

export const patientFields = z.object({
  familyName: personName('Family name', 100),
  givenName: personName('Given name', 100),
  mrn: z
    .string({ error: 'MRN is required.' })
    .trim()
    .min(1, { error: 'MRN is required.' })
    .max(40, { error: 'MRN must be at most 40 characters.' })
    .regex(/^[A-Za-z0-9][A-Za-z0-9\-/.]*$/, {
      error: 'MRN may contain only letters, digits, "-", "/" and ".".',
    }),
  dateOfBirth: isoDate('Date of birth')
    .refine((s) => s <= today(), { error: 'Date of birth cannot be in the future.' })
    .refine((s) => s >= EARLIEST_BIRTH, { error: 'Date of birth cannot be before 1900; check the year.' }),
  sex: z.enum(SEXES, { error: 'Choose a sex (or "unknown").' }),
});
export type PatientFields = z.input<typeof patientFields>;

export interface Patient extends Stamped, z.output<typeof patientFields> {
  readonly id: PatientId;
}

/** "Family, Given", the way clinic lists show a patient. */
export const patientDisplayName = (p: Pick<Patient, 'familyName' | 'givenName'>): string =>
  `${p.familyName}, ${p.givenName}`;
