// The CMS quarterly Practitioner Services MUE table, as a clinic downloads it (CSV): a few
// copyright and disclaimer lines, then a header row ("HCPCS/CPT Code", "Practitioner
// Services MUE Values", "MUE Adjudication Indicator", "MUE Rationale") and one row per
// code. Only the codes the engine checks are kept. A file that does not read as that table
// is refused with what is wrong, and nothing changes.

import { z } from 'zod';
import { fail, ok, type Result } from '../result';
import { MOHS_CODES } from './cptCodes';
import { parseCsvRows } from './csvRows';
import { MUE_CODES, MUE_TABLE, type MueAdjudicationIndicator, type MueEntry } from './mue';

/** The CMS practitioner file is about 1 MB; far more is not that file. */
export const MUE_FILE_MAX_CHARS = 5_000_000;

/** A loaded table as stored (a settings row): what the engine needs, and where it came from. */
export const loadedMueTableSchema = z.object({
  fileName: z.string().min(1).max(255),
  loadedAt: z.string().min(1),
  /** e.g. "2026 Q1 (effective 2026-01-01)", or null when neither the file nor its name says. */
  quarter: z.string().nullable(),
  rowsRead: z.number().int().min(0),
  entries: z
    .array(
      z.object({
        code: z.string().regex(/^\d{5}$/),
        units: z.number().int().min(0),
        adjudicationIndicator: z.union([z.literal(1), z.literal(2), z.literal(3)]),
        rationale: z.string().max(200),
      }),
    )
    .min(1),
});
export type LoadedMueTable = z.output<typeof loadedMueTableSchema>;

/** The MUE values in force, as the engine and the Settings page read them. */
export interface MueTableView {
  readonly origin: 'built-in' | 'cms-file';
  readonly fileName: string | null;
  readonly loadedAt: string | null;
  readonly quarter: string | null;
  /** Where the values come from, in words, for the screen. */
  readonly source: string;
  /** One row per code the engine checks, in MUE_CODES order. */
  readonly entries: readonly MueEntry[];
  /** Set when a stored table could not be read and the built-in values are used instead. */
  readonly problem?: string;
}

const BUILT_IN_SOURCE =
  'Built-in values: 17311 = 4 and 17312 = 6 from a secondary source (2026, quarter not stated, DOMAIN.md); ' +
  'the others are not known until the CMS practitioner services MUE file is loaded.';

export function builtInMueView(problem?: string): MueTableView {
  return { origin: 'built-in', fileName: null, loadedAt: null, quarter: null, source: BUILT_IN_SOURCE, entries: MUE_TABLE, ...(problem ? { problem } : {}) };
}

export function loadedMueView(table: LoadedMueTable): MueTableView {
  const source = `CMS practitioner services MUE file "${table.fileName}", loaded ${table.loadedAt.slice(0, 10)}`;
  const quarter = table.quarter ?? 'quarter not stated in the file';
  const entries = MUE_CODES.map((code): MueEntry => {
    const row = table.entries.find((e) => e.code === code);
    if (!row) return { code, units: null, adjudicationIndicator: null, quarter, source, note: 'Not listed in the loaded file.' };
    return { code, units: row.units, adjudicationIndicator: row.adjudicationIndicator, quarter, source, rationale: row.rationale };
  });
  return { origin: 'cms-file', fileName: table.fileName, loadedAt: table.loadedAt, quarter: table.quarter, source, entries };
}

const norm = (cell: string): string => cell.trim().toLowerCase().replace(/\s+/g, ' ');

interface Columns {
  readonly code: number;
  readonly value: number;
  readonly mai: number;
  readonly rationale: number;
}

/** The header row's columns, or why the row is not the practitioner table's header. */
function headerColumns(row: readonly string[]): Columns | 'facility' | null {
  const cells = row.map(norm);
  const code = cells.findIndex((c) => c.includes('hcpcs') || c === 'cpt code');
  if (code < 0) return null;
  if (cells.some((c) => /(facility|outpatient hospital|dme) .*mue value/.test(c))) return 'facility';
  const value = cells.findIndex((c) => c.includes('practitioner') && c.includes('mue value'));
  const mai = cells.findIndex((c) => c.includes('adjudication indicator'));
  const rationale = cells.findIndex((c) => c.includes('rationale'));
  if (value < 0 || mai < 0) return null;
  return { code, value, mai, rationale };
}

const QUARTER_MONTH = (month: number): number => Math.floor((month - 1) / 3) + 1;

/** "2026 Q1 (effective 2026-01-01)" from the lines above the table or the file's name, if either says. */
export function findQuarter(texts: readonly string[]): string | null {
  for (const t of texts) {
    const iso = /(20\d\d)[-_.](0[1-9]|1[0-2])[-_.](0[1-9]|[12]\d|3[01])/.exec(t);
    const us = /(0?[1-9]|1[0-2])[-_/.](0?[1-9]|[12]\d|3[01])[-_/.](20\d\d)/.exec(t);
    const date = iso ? { y: iso[1], m: Number(iso[2]), d: Number(iso[3]) } : us ? { y: us[3], m: Number(us[1]), d: Number(us[2]) } : null;
    if (date) {
      const day = `${date.y}-${String(date.m).padStart(2, '0')}-${String(date.d).padStart(2, '0')}`;
      return `${date.y} Q${QUARTER_MONTH(date.m)} (effective ${day})`;
    }
    // Not \b: in a file name "_" joins words ("mue_2026q4_practitioner").
    const q = /(?<![0-9a-z])(20\d\d)\s*[-_ ]?\s*q([1-4])(?![0-9a-z])/i.exec(t) ?? /(?<![0-9a-z])q([1-4])\s*[-_ ]?\s*(20\d\d)(?![0-9a-z])/i.exec(t);
    if (q) {
      const [year, n] = /^20/.test(q[1] ?? '') ? [q[1], q[2]] : [q[2], q[1]];
      return `${year} Q${n}`;
    }
  }
  return null;
}

const HEADER_HELP =
  'a row with the columns "HCPCS/CPT Code", "Practitioner Services MUE Values" and "MUE Adjudication Indicator"';

/**
 * Reads the CMS practitioner MUE CSV. Refuses, saying what is wrong, a file that is not
 * that table, a kept code with an unreadable value or indicator, a code listed twice with
 * different values, or a file missing any Mohs code.
 */
export function parseMueFile(text: string, fileName: string, loadedAt: string): Result<LoadedMueTable> {
  if (text.trim() === '') return fail('invalid_input', `"${fileName}" is empty. Choose the CSV file of the CMS practitioner services MUE table.`);
  if (text.startsWith('PK')) {
    return fail('invalid_input', `"${fileName}" is a ZIP or Excel file, not CSV. Unzip the download from CMS and choose the practitioner services CSV file inside.`);
  }
  if (text.length > MUE_FILE_MAX_CHARS || text.includes('\u0000')) {
    return fail('invalid_input', `"${fileName}" is not a CSV text file of the size of the CMS practitioner MUE table (about 1 MB). Choose that CSV file.`);
  }
  const parsed = parseCsvRows(text);
  if (!parsed.ok) return fail('invalid_input', `"${fileName}" cannot be read as CSV: ${parsed.error.message}`);
  const rows = parsed.value;

  let headerAt = -1;
  let cols: Columns | null = null;
  for (let i = 0; i < Math.min(rows.length, 60) && !cols; i++) {
    const found = headerColumns(rows[i] ?? []);
    if (found === 'facility') {
      return fail('invalid_input', `"${fileName}" is a facility (outpatient hospital) MUE table. Load the practitioner services MUE table: Mohs is billed by the practitioner.`);
    }
    if (found) {
      cols = found;
      headerAt = i;
    }
  }
  if (!cols) return fail('invalid_input', `"${fileName}" has no MUE table header: expected ${HEADER_HELP} near the top. Is this the CMS practitioner services MUE file?`);

  // An "effective" line or the file's name dates the table; other dates above it (a copyright year, an update note) only if nothing does.
  const above = rows.slice(0, headerAt).map((r) => r.join(' '));
  const quarter = findQuarter([...above.filter((t) => /eff/i.test(t)), fileName, ...above.filter((t) => !/eff/i.test(t))]);
  const kept = new Map<string, LoadedMueTable['entries'][number] & { readonly row: number }>();
  let rowsRead = 0;
  for (let i = headerAt + 1; i < rows.length; i++) {
    const row = rows[i] ?? [];
    const rowNo = i + 1;
    const code = (row[cols.code] ?? '').trim().toUpperCase();
    if (code === '') continue;
    rowsRead++;
    if (!MUE_CODES.includes(code)) continue;
    const valueText = (row[cols.value] ?? '').trim();
    const maiText = (row[cols.mai] ?? '').trim();
    if (!/^\d+$/.test(valueText)) return fail('invalid_input', `Row ${rowNo} of "${fileName}": the MUE value of ${code} is "${valueText}", not a whole number.`);
    const mai = /^([123])(\D|$)/.exec(maiText)?.[1];
    if (!mai) {
      return fail('invalid_input', `Row ${rowNo} of "${fileName}": the adjudication indicator of ${code} is "${maiText}"; expected 1, 2 or 3 (e.g. "2 Date of Service Edit: Policy").`);
    }
    const entry = {
      code,
      units: Number(valueText),
      adjudicationIndicator: Number(mai) as MueAdjudicationIndicator,
      rationale: cols.rationale >= 0 ? (row[cols.rationale] ?? '').trim().slice(0, 200) : '',
      row: rowNo,
    };
    const before = kept.get(code);
    if (before && (before.units !== entry.units || before.adjudicationIndicator !== entry.adjudicationIndicator)) {
      return fail('invalid_input', `"${fileName}" lists ${code} twice with different values (rows ${before.row} and ${rowNo}); it cannot tell which is in force.`);
    }
    kept.set(code, entry);
  }
  const missing = Object.keys(MOHS_CODES).filter((c) => !kept.has(c));
  if (missing.length > 0) {
    return fail(
      'invalid_input',
      `"${fileName}" has no rows for ${missing.join(', ')}: the CMS practitioner services MUE table lists every Mohs code, so this file is incomplete or not that table.`,
    );
  }
  const entries = MUE_CODES.flatMap((c) => {
    const e = kept.get(c);
    return e ? [{ code: e.code, units: e.units, adjudicationIndicator: e.adjudicationIndicator, rationale: e.rationale }] : [];
  });
  return ok({ fileName, loadedAt, quarter, rowsRead, entries });
}
