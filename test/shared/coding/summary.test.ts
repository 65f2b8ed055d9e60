import { describe, expect, it } from 'vitest';
import { CODING_CSV_HEADER, codingCsv, codingJson, parseCodingCsv } from '../../../shared/coding/csv';
import { codeCase } from '../../../shared/coding/engine';
import { codingSummaryText, stageSummary } from '../../../shared/coding/summary';

describe('stageSummary', () => {
  it('lists each stage with blocks and result, then totals', () => {
    const s = stageSummary(
      [
        { number: 2, blockCount: 2, result: 'clear' },
        { number: 1, blockCount: 4, result: 'positive', positiveWhere: 'deep margin, block 1-3' },
        { number: 3, blockCount: 1, result: 'not-evaluable' },
      ],
      { finalDefect: { lengthMm: 22, widthMm: 18 } },
    );
    expect(s.lines).toEqual([
      'Stage 1: 4 blocks, positive (deep margin, block 1-3)',
      'Stage 2: 2 blocks, clear',
      'Stage 3: 1 block, not evaluable (incomplete margin)',
      'Total: 3 stages, 7 blocks',
      'Final defect: 22 × 18 mm',
    ]);
    expect(s.stageCount).toBe(3);
    expect(s.blocksPerStage).toEqual([
      { number: 1, blocks: 4 },
      { number: 2, blocks: 2 },
      { number: 3, blocks: 1 },
    ]);
    expect(s.totalBlocks).toBe(7);
  });

  it('shows a stage still being read as pending, and no defect line until measured', () => {
    const s = stageSummary([{ number: 1, blockCount: 2, result: 'pending', positiveWhere: 'ignored' }]);
    expect(s.lines).toEqual(['Stage 1: 2 blocks, result pending', 'Total: 1 stage, 2 blocks']);
  });
});

describe('codingSummaryText', () => {
  const lesions = [
    { id: 'a', label: 'A', siteId: 'nasal-ala', laterality: 'right' as const, tumorTypeId: 'bcc-nodular' },
    { id: 'b', label: 'B', siteId: 'upper-arm', laterality: null, tumorTypeId: 'scc-nos' },
  ];
  const result = codeCase({
    lesions: [
      { id: 'a', label: 'A', siteId: 'nasal-ala', deepStructures: false, stages: [{ blockCount: 7 }, { blockCount: 3 }] },
      { id: 'b', label: 'B', siteId: 'upper-arm', deepStructures: true, stages: [{ blockCount: 2 }, { blockCount: 0 }] },
    ],
  });
  const text = codingSummaryText(result, lesions);

  it('prints each CPT line with modifiers, units, lesion and reason', () => {
    expect(text).toContain('  17311 x1  lesion A  Stage 1 of lesion A (nasal ala: head/neck family), 7 blocks: 5 included, 2 billed as +17315');
    expect(text).toContain('  +17312 x1  lesion A  ');
    expect(text).toContain('  +17315 x2  lesion A  ');
    expect(text).toContain('  17311-59 x1  lesion B  ');
  });

  it('prints the ICD-10-CM suggestion and AUC area per lesion, or why there is none', () => {
    expect(text).toContain('Lesion A: nasal ala (right); ICD-10-CM C44.311 Basal cell carcinoma of skin of nose; AUC area H');
    expect(text).toMatch(/Lesion B: upper arm; ICD-10-CM: none suggested \(.*right or left.*\); AUC area L/);
  });

  it('prints the warnings, marking those that need a look', () => {
    expect(text).toMatch(/\n {2}i Lesion B \(upper arm\).*17311\/17312/);
    expect(text).toMatch(/\n {2}! Stage 2 of lesion B has no blocks/);
  });

  it('says when there is nothing to code', () => {
    expect(codingSummaryText({ lines: [], warnings: [] }, [])).toBe('CPT\n  No Mohs codes yet.\n');
  });
});

describe('coding CSV and JSON', () => {
  it('writes RFC 4180 rows: header, CRLF, quoted fields with commas and quotes', () => {
    const csv = codingCsv({
      lines: [{ code: '17311', units: 1, modifiers: ['59'], lesionIds: ['id-b'], lesionLabels: ['B'], reason: 'Stage 1 of lesion B (ear, "helix"), 2 blocks' }],
    });
    expect(csv).toBe(`${CODING_CSV_HEADER.join(',')}\r\n17311,1,59,B,"Stage 1 of lesion B (ear, ""helix""), 2 blocks",id-b\r\n`);
  });

  it('reads the engine\'s export back to the same lines', () => {
    const result = codeCase({
      lesions: [
        { id: 'a', label: 'A', siteId: 'nose', deepStructures: false, stages: [{ blockCount: 7 }, { blockCount: 3 }, { blockCount: 2 }] },
        { id: 'b', label: 'B', siteId: 'back', deepStructures: false, stages: [{ blockCount: 6 }, { blockCount: 7 }] },
      ],
      distinctLesionModifier: 'XS',
    });
    const back = parseCodingCsv(codingCsv(result));
    expect(back).toEqual({ ok: true, value: result.lines });
  });

  it('reads files saved with bare LF line ends', () => {
    const back = parseCodingCsv(`${CODING_CSV_HEADER.join(',')}\n17313,1,,A,"a, b",x\n`);
    expect(back).toEqual({ ok: true, value: [{ code: '17313', units: 1, modifiers: [], lesionLabels: ['A'], reason: 'a, b', lesionIds: ['x'] }] });
  });

  it('refuses files it cannot read, saying why', () => {
    const header = CODING_CSV_HEADER.join(',');
    expect(parseCodingCsv('code,units\r\n')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(parseCodingCsv(`${header}\r\n88305,1,,A,r,x\r\n`)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not a Mohs code/) } });
    expect(parseCodingCsv(`${header}\r\n17311,two,,A,r,x\r\n`)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/whole number/) } });
    expect(parseCodingCsv(`${header}\r\n17311,1,,A,"open`)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/quoted field/) } });
    expect(parseCodingCsv(`${header}\r\n17311,1,,A\r\n`)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/4 fields/) } });
  });

  it('exports lines and warnings as JSON', () => {
    const result = codeCase({ lesions: [{ id: 'a', label: 'A', siteId: 'nose', deepStructures: false, stages: [{ blockCount: 0 }] }] });
    expect(JSON.parse(codingJson(result))).toEqual({ lines: [], warnings: result.warnings });
  });
});
