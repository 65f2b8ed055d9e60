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
  readonly additionalCodes: readonly AdditionalCode[];
  /** Set once the surgeon signs the case (and with it every lesion): then addenda only. */
  readonly signature: Signature | null;
}

const cptCode = z.string().trim().regex(/^\d{5}$/, { error: 'A CPT code is five digits, e.g. 88342.' });
const codeUnits = z
  .number({ error: 'Units must be a whole number.' })
  // A refinement, not .int(): inside the union zod reports .int() as a type mismatch and would lose this message.
  .refine(Number.isInteger, { error: 'Units must be a whole number.' })
  .min(1, { error: 'Units must be at least 1.' })
  .max(99, { error: 'Units must be at most 99.' });

/**
 * One other code on the claim with its units, e.g. 88314 ×4 for a special stain on four
 * blocks: the units are what was done, so they are recorded, not assumed. A bare code is
 * one unit: the form stored (and sent) before units were recorded, still read the same way.
 */
export const additionalCodeSchema = z.union([cptCode.transform((code) => ({ code, units: 1 })), z.object({ code: cptCode, units: codeUnits })], {
  error: (issue) => (typeof issue.input === 'string' ? 'A CPT code is five digits, e.g. 88342.' : 'Each code needs five digits (e.g. 88342) and its units.'),
});
export type AdditionalCode = z.output<typeof additionalCodeSchema>;

export const additionalCodesSchema = z
  .array(additionalCodeSchema)
  .max(30, { error: 'At most 30 additional codes.' })
  .refine((codes) => new Set(codes.map((c) => c.code)).size === codes.length, { error: 'A code is listed twice: change its units instead.' });

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
