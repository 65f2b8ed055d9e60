/**
 * Reading the CMS practitioner services MUE file (CSV): a hand-written sample shaped like
 * CMS's (disclaimer lines, BOM, quoted fields, CRLF) and the ways a wrong file is refused.
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvText } from '../../../shared/coding/csvRows';
import { codeCase } from '../../../shared/coding/engine';
import { MUE_CODES } from '../../../shared/coding/mue';
import { builtInMueView, findQuarter, loadedMueView, parseMueFile } from '../../../shared/coding/mueFile';

const SAMPLE = fs.readFileSync(new URL('../../fixtures/mue/practitioner-mue-sample.csv', import.meta.url), 'utf8');
const AT = '2026-01-05T10:00:00.000Z';
const HEADER = ['HCPCS/CPT Code', 'Practitioner Services MUE Values', 'MUE Adjudication Indicator', 'MUE Rationale'];
const MOHS_ROWS = [
  ['17311', '4', '3 Date of Service Edit: Clinical', 'Clinical: Data'],
  ['17312', '6', '3 Date of Service Edit: Clinical', 'Clinical: Data'],
  ['17313', '3', '3 Date of Service Edit: Clinical', 'Clinical: Data'],
  ['17314', '5', '3 Date of Service Edit: Clinical', 'Clinical: Data'],
  ['17315', '15', '3 Date of Service Edit: Clinical', 'Clinical: Data'],
];
const file = (rows: string[][], above: string[][] = [['Practitioner Services MUE Table']]) => csvText([...above, HEADER, ...rows]);
const refusal = (text: string, name = 'mue.csv') => {
  const r = parseMueFile(text, name, AT);
  if (r.ok) throw new Error('expected a refusal');
  expect(r.error.code).toBe('invalid_input');
  return r.error.message;
};

describe('parseMueFile: the CMS practitioner file', () => {
  it('reads the sample: BOM, disclaimer lines, quoted fields; keeps only the codes the engine checks', () => {
    const r = parseMueFile(SAMPLE, 'practitioner-mue-sample.csv', AT);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ fileName: 'practitioner-mue-sample.csv', loadedAt: AT, quarter: '2026 Q1 (effective 2026-01-01)', rowsRead: 17 });
    expect(r.value.entries.map((e) => `${e.code}=${e.units}/${e.adjudicationIndicator}`)).toEqual([
      '17311=4/3', '17312=6/3', '17313=3/3', '17314=5/3', '17315=15/3',
      '88314=6/3', '88342=4/3', '88341=13/3', '88344=6/3', '88311=4/3', '11102=1/2', '11104=1/2', '11106=1/2', '88331=11/3',
    ]);
    expect(r.value.entries[0]?.rationale).toBe('Clinical: Data');
    expect(r.value.entries.some((e) => e.code === '88305' || e.code === '99213')).toBe(false);
  });

  it('finds the table below any number of lines, in any column order, with LF line ends', () => {
    const text = csvText([['a'], ['b'], ['c'], ['MUE Rationale', 'MUE Adjudication Indicator', 'HCPCS/CPT Code', 'Practitioner Services MUE Values'], ...MOHS_ROWS.map(([c, v, m, x]) => [x ?? '', m ?? '', c ?? '', v ?? ''])]);
    const r = parseMueFile(text.replace(/\r\n/g, '\n'), 'x.csv', AT);
    expect(r.ok && r.value.entries.map((e) => e.units)).toEqual([4, 6, 3, 5, 15]);
  });

  it('takes the quarter from an "effective" line, else from the file name, else says none', () => {
    expect(findQuarter(['Effective 04/01/2026'])).toBe('2026 Q2 (effective 2026-04-01)');
    expect(findQuarter(['MCR_MUE_PractitionerServices_Eff_2026-07-01.csv'])).toBe('2026 Q3 (effective 2026-07-01)');
    expect(findQuarter(['mue_2026q4_practitioner.csv'])).toBe('2026 Q4');
    expect(findQuarter(['Q1 2027 practitioner'])).toBe('2027 Q1');
    const r = parseMueFile(file(MOHS_ROWS, [['no date here']]), 'mue.csv', AT);
    expect(r.ok && r.value.quarter).toBeNull();
    const named = parseMueFile(file(MOHS_ROWS, [['copyright 2025 AMA']]), 'MCR_MUE_PractitionerServices_Eff_10-01-2026.csv', AT);
    expect(named.ok && named.value.quarter).toBe('2026 Q4 (effective 2026-10-01)');
  });

  it('keeps exactly the values of the codes it checks, whatever the row order, other rows and lines above', () => {
    const MAI_TEXT = { 1: '1 Line Edit', 2: '2 Date of Service Edit: Policy', 3: '3 Date of Service Edit: Clinical' } as const;
    const valuesArb = fc.record(
      Object.fromEntries(MUE_CODES.map((c) => [c, fc.record({ units: fc.nat({ max: 999 }), mai: fc.constantFrom(1 as const, 2 as const, 3 as const) })])),
    );
    const otherArb = fc.array(fc.tuple(fc.stringMatching(/^[0-9A-Z]{5}$/), fc.nat({ max: 99 })), { maxLength: 20 });
    fc.assert(
      fc.property(valuesArb, otherArb, fc.nat({ max: 5 }), fc.boolean(), (values, others, above, lf) => {
        const rows = [
          ...MUE_CODES.map((code) => [code, String(values[code]?.units), MAI_TEXT[values[code]?.mai ?? 1], 'Clinical: Data, "quoted"']),
          ...others.filter(([c]) => !MUE_CODES.includes(c)).map(([c, n]) => [c, String(n), '3 Date of Service Edit: Clinical', 'x']),
        ].sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
        const text = file(rows, Array.from({ length: above }, (_, i) => [`disclaimer line ${i}, with a comma`]));
        const r = parseMueFile(lf ? text.replace(/\r\n/g, '\n') : text, 'x.csv', AT);
        if (!r.ok) throw new Error(r.error.message);
        expect(r.value.entries.map((e) => [e.code, e.units, e.adjudicationIndicator])).toEqual(MUE_CODES.map((c) => [c, values[c]?.units, values[c]?.mai]));
        expect(r.value.entries.every((e) => e.rationale === 'Clinical: Data, "quoted"')).toBe(true);
      }),
    );
  });

  it('accepts a code listed twice with the same values', () => {
    const r = parseMueFile(file([...MOHS_ROWS, MOHS_ROWS[0] ?? []]), 'x.csv', AT);
    expect(r.ok).toBe(true);
  });
});

describe('parseMueFile: refusals say what is wrong', () => {
  it('an empty file, a ZIP or Excel file, a binary file', () => {
    expect(refusal('  \r\n')).toMatch(/"mue.csv" is empty/);
    expect(refusal('PK\u0003\u0004rest', 'mue.zip')).toMatch(/ZIP or Excel file, not CSV.*Unzip/);
    expect(refusal('abc\u0000def')).toMatch(/not a CSV text file/);
  });

  it('a file without the table header', () => {
    expect(refusal(csvText([['code', 'value'], ['17311', '4']]))).toMatch(/no MUE table header: expected a row with the columns "HCPCS\/CPT Code", "Practitioner Services MUE Values"/);
  });

  it('the facility (outpatient hospital) table instead of the practitioner one', () => {
    const text = csvText([['HCPCS/CPT Code', 'Facility Outpatient Hospital Services MUE Values', 'MUE Adjudication Indicator', 'MUE Rationale'], ...MOHS_ROWS]);
    expect(refusal(text)).toMatch(/facility \(outpatient hospital\) MUE table.*practitioner services/);
  });

  it('a Mohs code missing', () => {
    expect(refusal(file(MOHS_ROWS.filter((r) => r[0] !== '17313' && r[0] !== '17315')))).toMatch(/no rows for 17313, 17315/);
  });

  it('a value that is not a whole number, naming the row', () => {
    const rows = MOHS_ROWS.map((r) => (r[0] === '17312' ? ['17312', 'six', r[2] ?? '', r[3] ?? ''] : r));
    expect(refusal(file(rows))).toMatch(/^Row 4 of "mue.csv": the MUE value of 17312 is "six", not a whole number\.$/);
  });

  it('an adjudication indicator that is not 1, 2 or 3', () => {
    const rows = MOHS_ROWS.map((r) => (r[0] === '17315' ? ['17315', '9', 'Date of Service Edit', r[3] ?? ''] : r));
    expect(refusal(file(rows))).toMatch(/the adjudication indicator of 17315 is "Date of Service Edit"; expected 1, 2 or 3/);
  });

  it('a code listed twice with different values', () => {
    expect(refusal(file([...MOHS_ROWS, ['17311', '9', '3 Date of Service Edit: Clinical', '']]))).toMatch(/lists 17311 twice with different values \(rows 3 and 8\)/);
  });

  it('an unclosed quote', () => {
    expect(refusal(`${file(MOHS_ROWS)}"17311,4`)).toMatch(/cannot be read as CSV: The file ends inside a quoted field/);
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const r = parseMueFile(text, 'any.csv', AT);
        if (r.ok) expect(r.value.entries.length).toBeGreaterThanOrEqual(5);
        else expect(r.error.message.length).toBeGreaterThan(10);
      }),
    );
  });
});

describe('MUE views and the engine', () => {
  it('the built-in view lists every code the engine checks, with its source', () => {
    const v = builtInMueView();
    expect(v.origin).toBe('built-in');
    expect(v.entries.map((e) => e.code)).toEqual(MUE_CODES);
    expect(v.source).toMatch(/Built-in values: 17311 = 4 and 17312 = 6 .*2026/);
  });

  it('a loaded table gives every code its value, or "not listed", with the file and quarter', () => {
    const r = parseMueFile(file(MOHS_ROWS, [['Effective 01/01/2026']]), 'cms.csv', AT);
    if (!r.ok) throw new Error(r.error.message);
    const v = loadedMueView(r.value);
    expect(v).toMatchObject({ origin: 'cms-file', fileName: 'cms.csv', quarter: '2026 Q1 (effective 2026-01-01)' });
    expect(v.entries.map((e) => e.code)).toEqual(MUE_CODES);
    expect(v.entries.find((e) => e.code === '17313')).toMatchObject({ units: 3, adjudicationIndicator: 3, quarter: '2026 Q1 (effective 2026-01-01)' });
    expect(v.entries.find((e) => e.code === '88314')).toMatchObject({ units: null, note: 'Not listed in the loaded file.' });
  });

  it('the engine warns on a code the built-in table does not know once the file gives its MUE', () => {
    const lesions = ['back', 'chest', 'thigh', 'forearm'].map((site, i) => ({ id: `l${i}`, label: String.fromCharCode(65 + i), siteId: site, deepStructures: false, stages: [{ blockCount: 2 }] }));
    expect(codeCase({ lesions }).warnings).toEqual([]);
    const r = parseMueFile(SAMPLE, 'sample.csv', AT);
    if (!r.ok) throw new Error(r.error.message);
    const warned = codeCase({ lesions, mueTable: loadedMueView(r.value).entries }).warnings;
    expect(warned).toEqual([expect.objectContaining({ kind: 'mue-exceeded', code: '17313' })]);
    expect(warned[0]?.message).toMatch(/17313: 4 units today exceed the MUE of 3 \(adjudication indicator 3, per day, appealable with documentation; 2026 Q1 \(effective 2026-01-01\)\)/);
  });
});
