import { z } from 'zod';
import type { CaseId, PatientId, UserId } from '../ids';
import { addYears, isoDate, optionalText, recordId, today, type Stamped } from './fields';
import type { Signature } from './signoff';

/** A case is one surgery day for one patient (one date of service for coding). */
export const caseFields = z.object({
  // Cases are opened on the day or booked ahead; more than a year ahead is a typing slip.
  // Surgery before the patient's birth is checked where both are known (the store).
  dateOfSurgery: isoDate('Date of surgery').refine((s) => s <= addYears(today(), 1), {
    error: 'Date of surgery is more than a year from today; check the year.',
  }),
  surgeonId: recordId('Surgeon'),
  accessionNumber: optionalText('Accession number', 40),
  notes: optionalText('Notes', 4000),
});
export type CaseFields = z.input<typeof caseFields>;

export interface Case extends Stamped {
  readonly id: CaseId;
  readonly patientId: PatientId;
  readonly surgeonId: UserId;
  readonly dateOfSurgery: string;
  readonly accessionNumber: string;
  readonly notes: string;
  /**
   * Other codes the clinic wants on this date of service (stains, biopsy); checked against
   * the codes not billed with Mohs, warned about, never silently dropped.
   */
  readonly additionalCodes: readonly string[];
  /** Set once the surgeon signs the case (and with it every lesion): then addenda only. */
  readonly signature: Signature | null;
}

export const additionalCodesSchema = z
  .array(z.string().trim().regex(/^\d{5}$/, { error: 'A CPT code is five digits, e.g. 88342.' }))
  .max(30, { error: 'At most 30 additional codes.' })
  .refine((codes) => new Set(codes).size === codes.length, { error: 'A code is listed twice.' });

/** One row of the case list. */
export interface CaseSummary {
  readonly caseId: CaseId;
  readonly dateOfSurgery: string;
  readonly patientId: PatientId;
  readonly patientName: string;
  readonly mrn: string;
  readonly dateOfBirth: string;
  readonly surgeonName: string;
  readonly lesionCount: number;
  readonly lesionLabels: string;
}
