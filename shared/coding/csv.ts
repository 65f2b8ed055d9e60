// Export of the coding lines for a billing system: CSV per RFC 4180 (CRLF rows, fields
// with comma, quote or line break quoted, quotes doubled) and JSON; and the CSV reader
// used to check that an export reads back to the same lines.

import { fail, ok, type Result } from '../result';
import { isMohsCode } from './cptCodes';
import type { CodingLine, CodingResult } from './types';

export const CODING_CSV_HEADER = ['code', 'units', 'modifiers', 'lesion labels', 'reason', 'lesion ids'] as const;

// List cells (modifiers, labels, ids) are ';'-separated; '\' escapes a ';' or '\' inside
// an item so any label survives the round trip.
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

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

export function codingCsv(result: Pick<CodingResult, 'lines'>): string {
  const rows = [
    [...CODING_CSV_HEADER],
    ...result.lines.map((l) => [l.code, String(l.units), joinList(l.modifiers), joinList(l.lesionLabels), l.reason, joinList(l.lesionIds)]),
  ];
  return rows.map((r) => r.map(quote).join(',') + '\r\n').join('');
}

/** RFC 4180 fields; also accepts bare LF line ends, as editors save them. */
function parseRows(text: string): Result<string[][]> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"') {
      if (field !== '') return fail('invalid_input', `A quote appears inside an unquoted field on row ${rows.length + 1}.`);
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else {
      field += ch;
    }
    i++;
  }
  if (quoted) return fail('invalid_input', 'The file ends inside a quoted field.');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return ok(rows);
}

export function parseCodingCsv(text: string): Result<CodingLine[]> {
  const parsed = parseRows(text);
  if (!parsed.ok) return parsed;
  const [header, ...body] = parsed.value;
  if (!header || header.join(',') !== CODING_CSV_HEADER.join(',')) {
    return fail('invalid_input', `The first row must be the header: ${CODING_CSV_HEADER.join(',')}.`);
  }
  const lines: CodingLine[] = [];
  for (const [index, cells] of body.entries()) {
    const rowNo = index + 2;
    const [code, units, modifiers, labels, reason, ids] = cells;
    if (cells.length !== CODING_CSV_HEADER.length || code === undefined || units === undefined || modifiers === undefined || labels === undefined || reason === undefined || ids === undefined) {
      return fail('invalid_input', `Row ${rowNo} has ${cells.length} fields; expected ${CODING_CSV_HEADER.length}.`);
    }
    if (!isMohsCode(code)) return fail('invalid_input', `Row ${rowNo}: "${code}" is not a Mohs code (17311-17315).`);
    if (!/^\d+$/.test(units)) return fail('invalid_input', `Row ${rowNo}: units "${units}" is not a whole number.`);
    lines.push({ code, units: Number(units), modifiers: splitList(modifiers), lesionLabels: splitList(labels), reason, lesionIds: splitList(ids) });
  }
  return ok(lines);
}

/** The whole result (lines and warnings) as JSON, for billing systems that take JSON. */
export function codingJson(result: CodingResult): string {
  return JSON.stringify({ lines: result.lines, warnings: result.warnings }, null, 2);
}
