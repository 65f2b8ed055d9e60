// RFC 4180 CSV rows, read and written the same way for the coding export and for the CMS
// MUE file a clinic loads: quoted fields may hold commas, quotes and line breaks.

import { fail, ok, type Result } from '../result';

/** Fields per RFC 4180; also accepts bare LF line ends and a leading byte-order mark, as editors and Excel save them. */
export function parseCsvRows(input: string): Result<string[][]> {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
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
  if (quoted) return fail('invalid_input', `The file ends inside a quoted field (opened on row ${rows.length + 1}).`);
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return ok(rows);
}

/**
 * Spreadsheets run a cell that begins with =, +, -, @, tab or CR as a formula, so an exported
 * value could run as one when a clinic opens the file. Such a cell gets a leading single quote,
 * as OWASP's "CSV Injection" guidance says (https://owasp.org/www-community/attacks/CSV_Injection).
 * A value that already begins with quotes before one of those characters gets one more, so
 * `readNeutralisedCell` gives back exactly what was written.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The inverse of neutraliseCell, for reading back a file Layermap wrote. */
export function readNeutralisedCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell) ? cell.slice(1) : cell;
}

/** One field, neutralised against formulas, then quoted only when it must be. Every CSV Layermap writes goes through here. */
export function csvField(value: string): string {
  const field = neutraliseCell(value);
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** Rows as CSV text with CRLF line ends. */
export function csvText(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvField).join(',') + '\r\n').join('');
}
