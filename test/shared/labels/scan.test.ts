import { describe, expect, it } from 'vitest';
import type { BlockId, CaseId, LesionId, StageId } from '../../../shared/ids';
import { accessionedBlockName, blockName } from '../../../shared/labels/blockName';
import { parsePayload, type ScannedLabel } from '../../../shared/labels/payload';
import { describeLabel, labelDifferences } from '../../../shared/labels/scan';
import type { WorklistRow } from '../../../shared/records';

const ROW: WorklistRow = {
  blockId: 'blk-1' as BlockId,
  version: 3,
  caseId: 'case-1' as CaseId,
  lesionId: 'les-1' as LesionId,
  stageId: 'stg-1' as StageId,
  dateOfSurgery: '2026-11-27',
  patientName: 'Walker, Joan',
  mrn: 'W-4411',
  accessionNumber: 'MS26-0412',
  lesionLabel: 'A',
  siteLabel: 'Left nasal ala',
  stageNumber: 1,
  blockLabel: '1-2',
  inks: ['Blue'],
  status: 'grossed',
  updatedAt: '2026-11-27T09:00:00.000Z',
  histology: null,
};

const scanned = (text: string): ScannedLabel => {
  const parsed = parsePayload(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
};

describe('block names off the map', () => {
  it('put the lesion letter with the block label, and the accession number in front on labels', () => {
    expect(blockName({ lesion: 'A', block: '1-2' })).toBe('A 1-2');
    expect(blockName({ lesion: 'AB', block: 'II-3' })).toBe('AB II-3');
    expect(accessionedBlockName({ accession: 'MS26-0412', lesion: 'A', block: '1-2' })).toBe('MS26-0412 A 1-2');
    expect(accessionedBlockName({ accession: ' ', lesion: 'B', block: '2C' })).toBe('B 2C');
  });
});

describe('a scanned label against the record', () => {
  it('agrees when nothing changed since printing', () => {
    const label = scanned('LM2|blk-1|MS26-0412|W-4411|2026-11-27|A|1|1-2');
    expect(labelDifferences(label, ROW)).toEqual([]);
    expect(describeLabel(label)).toBe('MS26-0412 A 1-2 (stage 1), MRN W-4411, 2026-11-27');
  });

  it('names every field the record now says otherwise', () => {
    const label = scanned('LM2|blk-1||W-4410|2026-11-27|A|1|1-3');
    expect(labelDifferences(label, ROW)).toEqual([
      'the accession number is none on the label, “MS26-0412” in the record',
      'the MRN is “W-4410” on the label, “W-4411” in the record',
      'the block label is “1-3” on the label, “1-2” in the record',
    ]);
    expect(describeLabel(label)).toBe('A 1-3 (stage 1), MRN W-4410, 2026-11-27');
  });

  it('an LM1 label has no accession number to compare', () => {
    const label = scanned('LM1|W-4411|2026-11-27|A|1|1-2');
    expect(labelDifferences(label, ROW)).toEqual([]);
    expect(labelDifferences(label, { ...ROW, stageNumber: 2 })).toEqual(['the stage is “1” on the label, “2” in the record']);
  });
});
