import type { BlockId, CaseId, LesionId, StageId } from '../ids';
import type { BlockHistology } from './histology';

/** A block's way through the Mohs lab (DOMAIN.md step 5), in order. */
export const LAB_STATUSES = ['excised', 'grossed', 'embedded', 'cut', 'stained', 'ready', 'read'] as const;
export type LabStatus = (typeof LAB_STATUSES)[number];
export const LAB_STATUS_LABELS: Readonly<Record<LabStatus, string>> = {
  excised: 'Excised',
  grossed: 'Grossed/inked',
  embedded: 'Embedded',
  cut: 'Cut',
  stained: 'Stained',
  ready: 'Ready for reading',
  read: 'Read',
};

/** One block on the histotech's worklist. */
export interface WorklistRow {
  readonly blockId: BlockId;
  readonly version: number;
  readonly caseId: CaseId;
  readonly lesionId: LesionId;
  readonly stageId: StageId;
  readonly dateOfSurgery: string;
  readonly patientName: string;
  readonly mrn: string;
  readonly accessionNumber: string;
  readonly lesionLabel: string;
  readonly siteLabel: string;
  readonly stageNumber: number;
  readonly blockLabel: string;
  /** Ink names on this block's edges, e.g. ["Blue", "Yellow"]. */
  readonly inks: readonly string[];
  readonly status: LabStatus;
  readonly updatedAt: string;
  /** Slides, stains, quality and reading (histology.ts); null until the lab records any. */
  readonly histology: BlockHistology | null;
}

/** A block found by scanning its label (worklist.scan). */
export interface ScannedBlock {
  readonly row: WorklistRow;
  /** The barcode format the label was printed in: LM3 a slide, LM2 a cassette, or LM1 from before block ids. */
  readonly format: 'LM1' | 'LM2' | 'LM3';
  /** LM3: which slide of the block (1, 2 …). */
  readonly slide?: number;
  /** Where the label no longer says what the record does (printed before a change): reprint it. */
  readonly differences: readonly string[];
}
