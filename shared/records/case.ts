import { z } from 'zod';
import type { CaseId, PatientId, UserId } from '../ids';
import { isoDate, optionalText, recordId, type Stamped } from './fields';

/** A case is one surgery day for one patient (one date of service for coding). */
export const caseFields = z.object({
  dateOfSurgery: isoDate('Date of surgery'),
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
}

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
