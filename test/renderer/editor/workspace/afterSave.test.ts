import { describe, expect, it } from 'vitest';
import { ellipseRing } from '../../../../shared/geometry/shapes';
import { radialCuts } from '../../../../shared/geometry/templates';
import { deriveStage, outlineRing } from '../../../../shared/map/derive';
import { EMPTY_MAP, type MapDocument } from '../../../../shared/map/document';
import { addPiece, setCuts } from '../../../../shared/map/edits';
import type { StageRecord } from '../../../../shared/records';
import { storedAsSent } from '../../../../renderer/src/editor/workspace/useStageRecords';
import { sameItems } from '../../../../renderer/src/lib/useSameItems';

/** A stage of six blocks: an ellipse cut by radial cuts. */
function stageDoc(): MapDocument {
  let n = 0;
  const newId = () => `after-save-${++n}`;
  const placed = addPiece(EMPTY_MAP, { kind: 'polygon', points: [...ellipseRing(0, 0, 14, 10, 0, 48)] }, newId);
  if (!placed.ok) throw new Error(placed.reason);
  const cut = setCuts(placed.doc, placed.doc.pieces[0]!.id, radialCuts(outlineRing(placed.doc.pieces[0]!.outline), 6), newId);
  if (!cut.ok) throw new Error(cut.reason);
  return cut.doc;
}

/** The record as the store answers a save: the document read back, a copy of what was sent. */
function answered(doc: MapDocument): StageRecord {
  return {
    id: 'stage-1',
    lesionId: 'lesion-1',
    number: 1,
    doc: JSON.parse(JSON.stringify(doc)) as MapDocument,
    blockCount: 6,
    result: 'pending',
    labStatus: {},
    version: 2,
    createdAt: '2026-11-29T10:00:00.000Z',
    updatedAt: '2026-11-29T10:00:05.000Z',
  } as StageRecord;
}

describe('what follows a save', () => {
  it('keeps the document the map shows when the store stored it as sent, so the stage is not derived again', () => {
    const sent = stageDoc();
    const derived = deriveStage(sent, 1, 'stage-dash-number');
    const record = storedAsSent(sent, answered(sent));
    expect(record.doc).toBe(sent);
    expect(record.version).toBe(2); // the rest of the record is the store's
    // The derivation of the shown document is reused, not done again for the copy.
    expect(deriveStage(record.doc, 1, 'stage-dash-number')).toBe(derived);
    expect(deriveStage(answered(sent).doc, 1, 'stage-dash-number')).not.toBe(derived);
  });

  it('takes the stored document when it differs from the one sent in anything', () => {
    const sent = stageDoc();
    const stored = answered(sent);
    const moved = { ...stored, doc: { ...stored.doc, pieces: stored.doc.pieces.map((p) => (p.outline.kind === 'polygon' ? { ...p, outline: { ...p.outline, points: p.outline.points.map((q, k) => (k === 0 ? { x: q.x + 1e-9, y: q.y } : q)) } } : p)) } };
    expect(storedAsSent(sent, moved).doc).toBe(moved.doc);
  });

  it('calls two lists the same only when they hold the same items in order', () => {
    const a = { n: 1 };
    const b = { n: 2 };
    expect(sameItems([a, b], [a, b])).toBe(true);
    expect(sameItems([a, b], [b, a])).toBe(false);
    expect(sameItems([a, b], [a])).toBe(false);
    expect(sameItems([a], [{ n: 1 }])).toBe(false); // equal, not the same
    expect(sameItems([a], [{ n: 1 }], (x, y) => x.n === y.n)).toBe(true);
  });
});
