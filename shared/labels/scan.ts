import type { WorklistRow } from '../records/block';
import { accessionedBlockName } from './blockName';
import type { ScannedLabel } from './payload';

// What a scanned label is checked against: the block's record as it is now.

/** What a label says, in words, for messages: "MS26-0412 A 1-2 (stage 1), MRN W-1, 2026-11-27". */
export function describeLabel(label: ScannedLabel): string {
  const accession = label.format === 'LM1' ? '' : label.accession;
  const slide = label.format === 'LM3' ? ` slide ${label.slide}` : '';
  return `${accessionedBlockName({ accession, lesion: label.lesion, block: label.block })}${slide} (stage ${label.stage}), MRN ${label.mrn}, ${label.date}`;
}

const quoted = (s: string): string => (s === '' ? 'none' : `“${s}”`);

/**
 * Where a label and the block's record disagree, one sentence each. A label printed before
 * the accession number was entered, before a renumbering, or before an MRN was corrected
 * still finds its block (LM2 carries the block id), but it no longer says what the record does.
 */
export function labelDifferences(label: ScannedLabel, row: WorklistRow): string[] {
  const says: [string, string, string][] = [
    ['MRN', label.mrn, row.mrn],
    ['date of surgery', label.date, row.dateOfSurgery],
    ['lesion', label.lesion, row.lesionLabel],
    ['stage', String(label.stage), String(row.stageNumber)],
    ['block label', label.block, row.blockLabel],
  ];
  if (label.format !== 'LM1') says.unshift(['accession number', label.accession, row.accessionNumber.trim()]);
  return says.filter(([, printed, now]) => printed !== now).map(([what, printed, now]) => `the ${what} is ${quoted(printed)} on the label, ${quoted(now)} in the record`);
}
