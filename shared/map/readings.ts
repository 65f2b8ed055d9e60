import type { BlockStatus, DerivedBlock } from './derive';
import { isMarginFinding, type MapDocument } from './document';
import type { EditResult } from './edits';

/**
 * Reading the slides, block by block and in any order. A block with tumor or an unevaluable
 * edge reads as its findings say; a block without is "not read" until the surgeon marks it
 * read clear. The stage's result follows from its blocks (derive.ts, stageResult).
 */

/** A block's reading in the surgeon's words (the stored values stay the blocks table's). */
export const READING_LABEL: Readonly<Record<BlockStatus, string>> = {
  pending: 'Not read',
  clear: 'Clear',
  positive: 'Tumor',
  'not-evaluable': 'Not evaluable',
};

/** "Tumor at peripheral and deep": where a positive block's tumor is; the plain reading otherwise. */
export function readingText(block: Pick<DerivedBlock, 'result'>): string {
  const r = block.result;
  if (r.status !== 'positive') return READING_LABEL[r.status];
  return `Tumor at ${[r.peripheral && 'peripheral', r.deep && 'deep'].filter(Boolean).join(' and ')}`;
}

/** A stage's result in the surgeon's words: 'pending' is a stage still being read, 'not-evaluable' an incomplete one. */
export const STAGE_RESULT_LABEL: Readonly<Record<BlockStatus, string>> = {
  pending: 'reading',
  clear: 'clear',
  positive: 'positive',
  'not-evaluable': 'incomplete',
};

const refuse = (reason: string): EditResult => ({ ok: false, reason });

/** Marks one block read clear. A block with tumor or an unevaluable edge cannot be: its findings say otherwise. */
export function markBlockClear(doc: MapDocument, blockId: string, label = 'This block'): EditResult {
  const block = doc.blocks.find((b) => b.id === blockId);
  if (!block) return refuse('Select a block first (click it on the map or in the block list).');
  const finding = doc.findings.find((f) => f.blockId === blockId && isMarginFinding(f));
  if (finding) {
    const what = finding.kind === 'incomplete' ? 'an edge marked not evaluable' : 'tumor marked';
    return refuse(`${label} has ${what}, so it cannot be read clear. Delete the finding first if it was placed by mistake.`);
  }
  return { ok: true, doc: { ...doc, blocks: doc.blocks.map((b) => (b.id === blockId ? { ...b, readClear: true } : b)) } };
}

/** Takes back a "read clear" (the block is "not read" again). */
export function markBlockNotRead(doc: MapDocument, blockId: string): EditResult {
  if (!doc.blocks.some((b) => b.id === blockId)) return refuse('Select a block first (click it on the map or in the block list).');
  return { ok: true, doc: { ...doc, blocks: doc.blocks.map((b) => (b.id === blockId ? { ...b, readClear: false } : b)) } };
}

/**
 * Marks every block not read yet as read clear; blocks with tumor or an unevaluable edge keep
 * their reading. The common last step of reading a stage: the findings were marked, the rest
 * is clear.
 */
export function markRestClear(doc: MapDocument): EditResult {
  if (doc.blocks.length === 0) return refuse('Divide the specimen into blocks before reading it.');
  const decided = new Set(doc.findings.filter(isMarginFinding).map((f) => f.blockId));
  const rest = doc.blocks.filter((b) => !b.readClear && !decided.has(b.id));
  if (rest.length === 0) return refuse('Every block of this stage is already read.');
  return { ok: true, doc: { ...doc, blocks: doc.blocks.map((b) => (decided.has(b.id) ? b : { ...b, readClear: true })) } };
}
