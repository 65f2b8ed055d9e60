import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, csvText, neutraliseCell, parseCsvRows, readNeutralisedCell } from '../../../shared/coding/csvRows';

const FORMULA_CHARS = ['=', '+', '-', '@', '\t', '\r'];
const cellText = fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", 'a', '1', ',', '"', '\n', ' ', 'é') });

describe('CSV cells against formula injection (OWASP CSV Injection)', () => {
  it('prefixes a single quote to a cell that begins with = + - @ tab or CR', () => {
    expect(neutraliseCell('=HYPERLINK("http://x","click")')).toBe(`'=HYPERLINK("http://x","click")`);
    expect(neutraliseCell('+1')).toBe("'+1");
    expect(neutraliseCell('-2+3')).toBe("'-2+3");
    expect(neutraliseCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseCell('\tx')).toBe("'\tx");
    expect(neutraliseCell('\rx')).toBe("'\rx");
    expect(neutraliseCell('17311')).toBe('17311');
    expect(neutraliseCell('')).toBe('');
    expect(csvText([['=1+1', 'ok']])).toBe("'=1+1,ok\r\n");
  });

  it('no written cell begins with a formula character, and every cell reads back as written', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cellText, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const parsed = parseCsvRows(csvText(rows));
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        // A file of one empty cell is one empty line: nothing to check beyond the round trip.
        for (const row of parsed.value) for (const cell of row) expect(FORMULA_CHARS).not.toContain(cell[0]);
        const back = parsed.value.map((r) => r.map(readNeutralisedCell));
        expect(back).toEqual(rows.map((r) => (r.length === 1 && r[0] === '' ? [''] : r)));
      }),
      { numRuns: 500 },
    );
  });

  it('a field holding a formula character anywhere but the start is left as it is', () => {
    fc.assert(
      fc.property(cellText, (s) => {
        const v = `x${s}`;
        expect(neutraliseCell(v)).toBe(v);
        expect(csvField(v).replace(/^"|"$/g, '').replace(/""/g, '"')).toBe(v);
      }),
    );
  });
});
