import { radialCuts } from '../../shared/geometry/templates';
import { planNextStage } from '../../shared/map/carryForward';
import { deriveStage, outlineRing } from '../../shared/map/derive';
import { EMPTY_MAP, type MapDocument } from '../../shared/map/document';
import { addFinding, addInk, addPiece, setCuts } from '../../shared/map/edits';
import { markRestClear } from '../../shared/map/readings';
import type { TestHost } from '../host/server';
import { hostCall, seedLesion } from './hostApi';

/**
 * A lesion whose sheet shows every ink and every kind of mark: stage 1 cut in 6 radial
 * pieces (default inks), red, orange and violet on peripheral edges, red ink and tumor on
 * the very same edge (the confusion this guards against), deep tumor, a not-evaluable edge,
 * clear blocks; stage 2 pre-placed over the positives, so stage 1 shows as an earlier stage.
 */
export async function seedInkedLesion(host: TestHost): Promise<{ lesionId: string }> {
  const { lesionId } = await seedLesion(host);
  let n = 0;
  const newId = () => `ink-${++n}`;
  const ok = (r: { ok: true; doc: MapDocument } | { ok: false; reason: string }): MapDocument => {
    if (!r.ok) throw new Error(r.reason);
    return r.doc;
  };
  let doc = ok(addPiece(EMPTY_MAP, { kind: 'ellipse', cx: 0, cy: 0, rx: 16, ry: 12, rotation: 0 }, newId));
  const piece = doc.pieces[0]!;
  doc = ok(setCuts(doc, piece.id, radialCuts(outlineRing(piece.outline), 6), newId));
  const blocks = deriveStage(doc, 1, 'stage-dash-number').blocks;
  const edge = (i: number) => blocks[i]!.sides.find((s) => s.kind === 'peripheral')!;
  const stretch = (i: number) => ({ from: edge(i).from, to: edge(i).to });
  doc = ok(addInk(doc, blocks[0]!.ref.id, 'red', stretch(0), newId));
  doc = ok(addFinding(doc, { id: newId(), blockId: blocks[0]!.ref.id, kind: 'tumor-peripheral', stretch: stretch(0), note: '' }));
  doc = ok(addInk(doc, blocks[1]!.ref.id, 'orange', stretch(1), newId));
  doc = ok(addInk(doc, blocks[2]!.ref.id, 'violet', stretch(2), newId));
  doc = ok(addFinding(doc, { id: newId(), blockId: blocks[3]!.ref.id, kind: 'tumor-deep', area: [...blocks[3]!.ring], note: '' }));
  doc = ok(addFinding(doc, { id: newId(), blockId: blocks[4]!.ref.id, kind: 'incomplete', stretch: stretch(4), note: '' }));
  // The blocks without findings were read clear.
  doc = ok(markRestClear(doc));
  await hostCall(host, 'stages.create', { lesionId, doc });
  const next = planNextStage(doc, 2, newId).doc;
  await hostCall(host, 'stages.create', { lesionId, doc: next });
  return { lesionId };
}
