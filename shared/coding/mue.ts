// Medically Unlikely Edits: the most units of a code CMS expects for one patient on one
// date of service. Values change quarterly, so they live here with their quarter, and a
// value that is not known is null rather than a guess: the engine warns only on numbers.

import { MOHS_CODES } from './cptCodes';
import { KNOWN_ADDITIONAL_CODES } from './excludedCodes';

/**
 * MUE adjudication indicator (MAI): 1 = per claim line; 2 = absolute per day (policy);
 * 3 = per day, clinical, appealable with documentation.
 */
export type MueAdjudicationIndicator = 1 | 2 | 3;

export interface MueEntry {
  /** A Mohs code (17311-17315) or an other code the engine knows (stains, biopsy). */
  readonly code: string;
  /** Most units per patient per date of service; null until loaded from the CMS file. */
  readonly units: number | null;
  /** Null when the source did not give it. */
  readonly adjudicationIndicator: MueAdjudicationIndicator | null;
  /** The CMS quarter the value is from, as the source states it. */
  readonly quarter: string | null;
  readonly source: string;
  /** The MUE rationale column of the CMS file, e.g. "Nature of Service/Procedure". */
  readonly rationale?: string;
  /** What a coder must do with this row. */
  readonly note?: string;
}

/** The codes whose MUE the engine checks: the Mohs codes, then the other codes it has rules for. */
export const MUE_CODES: readonly string[] = [...Object.keys(MOHS_CODES), ...KNOWN_ADDITIONAL_CODES];

export const MUE_SOURCE =
  'CMS NCCI quarterly Practitioner Services MUE table (columns: HCPCS/CPT code, practitioner ' +
  'MUE value, MUE adjudication indicator, MUE rationale). 17311 and 17312 values as given in ' +
  'DOMAIN.md "CPT codes" from a secondary source (2026); replace every row from the current ' +
  'CMS file each quarter.';

const LOAD_FROM_CMS = 'Load from the CMS quarterly practitioner MUE file; no value is assumed.';
const SECONDARY = 'Secondary source quoted in DOMAIN.md (2026); confirm against the CMS file.';
const NO_MAI = 'The adjudication indicator was not given by the source: look it up in the CMS file.';

export const MUE_TABLE: readonly MueEntry[] = [
  { code: '17311', units: 4, adjudicationIndicator: null, quarter: '2026 (quarter not stated)', source: SECONDARY, note: NO_MAI },
  { code: '17312', units: 6, adjudicationIndicator: null, quarter: '2026 (quarter not stated)', source: SECONDARY, note: NO_MAI },
  { code: '17313', units: null, adjudicationIndicator: null, quarter: null, source: MUE_SOURCE, note: LOAD_FROM_CMS },
  { code: '17314', units: null, adjudicationIndicator: null, quarter: null, source: MUE_SOURCE, note: LOAD_FROM_CMS },
  { code: '17315', units: null, adjudicationIndicator: null, quarter: null, source: MUE_SOURCE, note: LOAD_FROM_CMS },
  ...KNOWN_ADDITIONAL_CODES.map((code): MueEntry => ({ code, units: null, adjudicationIndicator: null, quarter: null, source: MUE_SOURCE, note: LOAD_FROM_CMS })),
];

export const MUE_ADJUDICATION_MEANING: Readonly<Record<MueAdjudicationIndicator, string>> = {
  1: 'per claim line',
  2: 'absolute per day',
  3: 'per day, appealable with documentation',
};

export function mueFor(code: string, table: readonly MueEntry[] = MUE_TABLE): MueEntry | undefined {
  return table.find((e) => e.code === code);
}
