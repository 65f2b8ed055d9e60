// Export of the day's claim lines for a billing system: CSV per RFC 4180 (CRLF rows, fields
// with comma, quote or line break quoted, quotes doubled) and JSON; and the CSV reader used
// to check that an export reads back to the same lines. Each row carries what a claim line
// needs: date of service, lesion, its ICD-10-CM code, CPT code, modifiers, units, and the
// lab's CLIA number (Medicare requires it on Mohs claims: DOMAIN.md "CPT codes").

import { fail, ok, type Result } from '../result';
import { csvText, parseCsvRows, readNeutralisedCell } from './csvRows';
import type { RepairCodingResult } from './repairEngine';
import type { CodingResult } from './types';

export const CODING_CSV_HEADER = ['date of service', 'lesion', 'ICD-10-CM', 'CPT code', 'modifiers', 'units', 'CLIA number', 'reason', 'lesion id'] as const;

/** One exported claim line. Other codes (stains, biopsy) belong to the day, so their lesion is blank. */
export interface ClaimLine {
  readonly dateOfService: string;
  readonly lesionLabel: string;
  readonly lesionId: string;
  /** The lesion's suggested ICD-10-CM code; blank where none is suggested (the coder assigns it). */
  readonly icd10: string;
  readonly code: string;
  readonly modifiers: readonly string[];
  readonly units: number;
  readonly cliaNumber: string;
  readonly reason: string;
}

export interface ClaimExportInput {
  readonly dateOfService: string;
  readonly cliaNumber: string;
  readonly lesions: readonly { readonly id: string; readonly label: string; readonly icd10: string | null }[];
  readonly result: Pick<CodingResult, 'lines' | 'additionalLines'>;
  /** Repair lines (12001-15261), after the Mohs lines. A line adding several lesions' repairs names them all ("A+B"). */
  readonly repair?: Pick<RepairCodingResult, 'lines'>;
}

/** The Mohs lines in claim order, then the other codes, as rows of the claim. */
export function claimLines(input: ClaimExportInput): ClaimLine[] {
  const day = { dateOfService: input.dateOfService, cliaNumber: input.cliaNumber };
  const mohs = input.result.lines.map((l): ClaimLine => {
    const id = l.lesionIds[0] ?? '';
    return {
      ...day,
      lesionLabel: l.lesionLabels[0] ?? '',
      lesionId: id,
      icd10: input.lesions.find((x) => x.id === id)?.icd10 ?? '',
      code: l.code,
      modifiers: l.modifiers,
      units: l.units,
      reason: l.reason,
    };
  });
  const repair = (input.repair?.lines ?? []).map((l): ClaimLine => {
    const id = l.lesionIds[0] ?? '';
    return {
      ...day,
      lesionLabel: l.lesionLabels.join('+'),
      lesionId: l.lesionIds.join(' '),
      icd10: input.lesions.find((x) => x.id === id)?.icd10 ?? '',
      code: l.code,
      modifiers: l.modifiers,
      units: l.units,
      reason: l.reason,
    };
  });
  const other = input.result.additionalLines.map(
    (l): ClaimLine => ({ ...day, lesionLabel: '', lesionId: '', icd10: '', code: l.code, modifiers: l.modifiers, units: l.units, reason: l.reason }),
  );
  return [...mohs, ...repair, ...other];
}

// A modifiers cell holds several modifiers ';'-separated; '\' escapes a ';' or '\' inside
// one so any value survives the round trip.
function joinList(items: readonly string[]): string {
  return items.map((s) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;')).join(';');
}

function splitList(cell: string): string[] {
  if (cell === '') return [];
  const items: string[] = [];
  let cur = '';
  for (let i = 0; i < cell.length; i++) {
    const ch = cell[i];
    if (ch === '\\' && i + 1 < cell.length) {
      cur += cell[i + 1];
      i++;
    } else if (ch === ';') {
      items.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  items.push(cur);
  return items;
}

export function claimCsv(lines: readonly ClaimLine[]): string {
  return csvText([
    [...CODING_CSV_HEADER],
    ...lines.map((l) => [l.dateOfService, l.lesionLabel, l.icd10, l.code, joinList(l.modifiers), String(l.units), l.cliaNumber, l.reason, l.lesionId]),
  ]);
}

export function codingCsv(input: ClaimExportInput): string {
  return claimCsv(claimLines(input));
}

export function parseCodingCsv(text: string): Result<ClaimLine[]> {
  const parsed = parseCsvRows(text);
  if (!parsed.ok) return parsed;
  const [header, ...rest] = parsed.value;
  const body = rest.map((cells) => cells.map(readNeutralisedCell));
  if (!header || header.join(',') !== CODING_CSV_HEADER.join(',')) {
    return fail('invalid_input', `The first row must be the header: ${CODING_CSV_HEADER.join(',')}.`);
  }
  const lines: ClaimLine[] = [];
  for (const [index, cells] of body.entries()) {
    const rowNo = index + 2;
    const [dateOfService, lesionLabel, icd10, code, modifiers, units, cliaNumber, reason, lesionId] = cells;
    if (
      cells.length !== CODING_CSV_HEADER.length ||
      dateOfService === undefined ||
      lesionLabel === undefined ||
      icd10 === undefined ||
      code === undefined ||
      modifiers === undefined ||
      units === undefined ||
      cliaNumber === undefined ||
      reason === undefined ||
      lesionId === undefined
    ) {
      return fail('invalid_input', `Row ${rowNo} has ${cells.length} fields; expected ${CODING_CSV_HEADER.length}.`);
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dateOfService)) return fail('invalid_input', `Row ${rowNo}: date of service "${dateOfService}" is not a date (YYYY-MM-DD).`);
    if (!/^\d{5}$/.test(code)) return fail('invalid_input', `Row ${rowNo}: "${code}" is not a five-digit CPT code.`);
    if (!/^\d+$/.test(units)) return fail('invalid_input', `Row ${rowNo}: units "${units}" is not a whole number.`);
    lines.push({ dateOfService, lesionLabel, lesionId, icd10, code, modifiers: splitList(modifiers), units: Number(units), cliaNumber, reason });
  }
  return ok(lines);
}

/** The whole result (claim lines and warnings) as JSON, for billing systems that take JSON. */
export function codingJson(input: ClaimExportInput & { readonly result: CodingResult; readonly repair?: RepairCodingResult }): string {
  return JSON.stringify({ lines: claimLines(input), warnings: input.result.warnings, ...(input.repair ? { repairFlags: input.repair.flags } : {}) }, null, 2);
}
