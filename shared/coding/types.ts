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

export interface CodingResult {
  readonly lines: readonly CodingLine[];
  readonly warnings: readonly CodingWarning[];
}
