import { describe, expect, it } from 'vitest';
import { CODING_CSV_HEADER, claimCsv, claimLines, codingCsv, codingJson, parseCodingCsv } from '../../../shared/coding/csv';
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
    expect(codingSummaryText({ lines: [], additionalLines: [], warnings: [] }, [])).toBe('CPT\n  No Mohs codes yet.\n');
  });

  it('prints the other codes of the day with their modifiers and units', () => {
    const withStain = codeCase({ lesions: [{ id: 'a', label: 'A', siteId: 'nose', deepStructures: false, stages: [{ blockCount: 2 }] }], additionalCodes: [{ code: '88314', units: 4 }] });
    expect(codingSummaryText(withStain, [])).toMatch(/\nOther codes on this date of service\n {2}88314-59 x4 {2}88314 \(Special histochemical stain/);
  });
});

describe('coding CSV and JSON', () => {
  const header = CODING_CSV_HEADER.join(',');
  const day = { dateOfService: '2026-03-14', cliaNumber: '12D3456789' };

  it('writes one row per claim line: date of service, lesion, ICD-10-CM, CPT code, modifiers, units, CLIA number', () => {
    const result = codeCase({
      lesions: [
        { id: 'id-a', label: 'A', siteId: 'back', deepStructures: false, stages: [{ blockCount: 2 }] },
        { id: 'id-b', label: 'B', siteId: 'helix', deepStructures: false, stages: [{ blockCount: 7 }] },
      ],
      additionalCodes: [{ code: '88314', units: 4 }],
    });
    const csv = codingCsv({ ...day, lesions: [{ id: 'id-a', label: 'A', icd10: 'C44.519' }, { id: 'id-b', label: 'B', icd10: null }], result });
    const rows = csv.split('\r\n');
    expect(rows[0]).toBe('date of service,lesion,ICD-10-CM,CPT code,modifiers,units,CLIA number,reason,lesion id');
    expect(rows[1]).toMatch(/^2026-03-14,B,,17311,,1,12D3456789,"Stage 1 of lesion B \(helix: head\/neck family\), 7 blocks: 5 included, 2 billed as \+17315; first line of the claim.*",id-b$/);
    expect(rows[2]).toMatch(/^2026-03-14,B,,17315,,2,12D3456789,/);
    expect(rows[3]).toMatch(/^2026-03-14,A,C44\.519,17313,59,1,12D3456789,/);
    expect(rows[4]).toMatch(/^2026-03-14,,,88314,59,4,12D3456789,88314 \(Special histochemical stain on a frozen block\) is billable with Mohs with modifier 59 .*; one unit per block stained\.,$/);
    expect(rows.slice(5)).toEqual(['']);
  });

  it('quotes fields with commas and quotes (RFC 4180)', () => {
    const csv = claimCsv([{ ...day, lesionLabel: 'B', lesionId: 'id-b', icd10: '', code: '17311', modifiers: ['59'], units: 1, reason: 'ear, "helix"' }]);
    expect(csv).toBe(`${header}\r\n2026-03-14,B,,17311,59,1,12D3456789,"ear, ""helix""",id-b\r\n`);
  });

  it("reads the engine's export back to the same lines", () => {
    const result = codeCase({
      lesions: [
        { id: 'a', label: 'A', siteId: 'nose', deepStructures: false, stages: [{ blockCount: 7 }, { blockCount: 3 }, { blockCount: 2 }] },
        { id: 'b', label: 'B', siteId: 'back', deepStructures: false, stages: [{ blockCount: 6 }, { blockCount: 7 }] },
      ],
      distinctLesionModifier: 'XS',
    });
    const input = { ...day, lesions: [{ id: 'a', label: 'A', icd10: 'C44.311' }, { id: 'b', label: 'B', icd10: 'C44.519' }], result };
    expect(parseCodingCsv(codingCsv(input))).toEqual({ ok: true, value: claimLines(input) });
    expect(claimLines(input).map((l) => `${l.lesionLabel} ${l.icd10} ${l.code}x${l.units}${l.modifiers.map((m) => `-${m}`).join('')}`)).toEqual([
      'A C44.311 17311x1',
      'A C44.311 17312x2',
      'A C44.311 17315x2',
      'B C44.519 17313x1-XS',
      'B C44.519 17314x1',
      'B C44.519 17315x3',
    ]);
  });

  it('reads files saved with bare LF line ends or a byte-order mark', () => {
    const line = { ...day, lesionLabel: 'A', lesionId: 'x', icd10: '', code: '17313', modifiers: [], units: 1, reason: 'a, b' };
    expect(parseCodingCsv(`${header}\n2026-03-14,A,,17313,,1,12D3456789,"a, b",x\n`)).toEqual({ ok: true, value: [line] });
    expect(parseCodingCsv(`\uFEFF${header}\r\n2026-03-14,A,,17313,,1,12D3456789,"a, b",x\r\n`)).toEqual({ ok: true, value: [line] });
  });

  it('refuses files it cannot read, saying why', () => {
    const row = (cells: string) => parseCodingCsv(`${header}\r\n${cells}\r\n`);
    expect(parseCodingCsv('code,units\r\n')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(row('2026-03-14,A,,8830,,1,,r,x')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/five-digit CPT code/) } });
    expect(row('14/03/2026,A,,17311,,1,,r,x')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not a date/) } });
    expect(row('2026-03-14,A,,17311,,two,,r,x')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/whole number/) } });
    expect(parseCodingCsv(`${header}\r\n2026-03-14,A,,17311,,1,,"open`)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/quoted field/) } });
    expect(row('2026-03-14,A,,17311')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/4 fields/) } });
  });

  it('exports claim lines and warnings as JSON', () => {
    const result = codeCase({ lesions: [{ id: 'a', label: 'A', siteId: 'nose', deepStructures: false, stages: [{ blockCount: 0 }] }] });
    expect(JSON.parse(codingJson({ ...day, lesions: [], result }))).toEqual({ lines: [], warnings: result.warnings });
  });
});
