// Shapes the coding engine produces; kept apart so tables and engine share them without a cycle.

import type { MohsCode } from './cptCodes';

/** One CPT line as a coder enters it: it always belongs to exactly one lesion. */
export interface CodingLine {
  readonly code: MohsCode;
  readonly units: number;
  readonly modifiers: readonly string[];
  readonly lesionIds: readonly string[];
  /** The same lesions by label (A, B …), in the same order, for printing and export. */
  readonly lesionLabels: readonly string[];
  /** One line a coder can check against the map, e.g. "Stage 1 of lesion A (…), 7 blocks: …". */
  readonly reason: string;
}

export type CodingWarningKind =
  | 'unknown-site'
  | 'unclassified-site'
  | 'no-stages'
  | 'empty-stage'
  | 'invalid-block-count'
  | 'mue-exceeded'
  | 'deep-structures-family'
  | 'excluded-code'
  | 'conditional-code'
  | 'deleted-code'
  | 'lesion-not-cleared';

/** 'info' says what the engine did and why; 'warn' asks a person to look before billing. */
export type CodingWarningSeverity = 'info' | 'warn';

export interface CodingWarning {
  readonly kind: CodingWarningKind;
  readonly severity: CodingWarningSeverity;
  readonly message: string;
  readonly lesionId?: string;
  readonly code?: string;
}

/** How an other code stands with Mohs: see excludedCodes.ts. */
export type AdditionalCodeStatus = 'excluded' | 'conditional' | 'deleted' | 'not-listed';

/**
 * One other code on the claim (a stain, a same-day biopsy) with the units the user entered.
 * It belongs to the date of service, not to one lesion; the status and reason say whether
 * it is billable beside Mohs, and the modifiers are those its rule requires.
 */
export interface AdditionalCodeLine {
  readonly code: string;
  readonly units: number;
  readonly modifiers: readonly string[];
  readonly status: AdditionalCodeStatus;
  readonly reason: string;
}

export interface CodingResult {
  /** The Mohs lines in claim order: the highest-valued first stage first. */
  readonly lines: readonly CodingLine[];
  readonly additionalLines: readonly AdditionalCodeLine[];
  readonly warnings: readonly CodingWarning[];
}
