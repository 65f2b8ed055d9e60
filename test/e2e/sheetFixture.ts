import { quarterCuts, bisectCuts } from '../../shared/geometry/templates';
import { planNextStage } from '../../shared/map/carryForward';
import { deriveStage, outlineRing } from '../../shared/map/derive';
import { EMPTY_MAP, type MapDocument } from '../../shared/map/document';
import { addFinding, addMark, setCuts, addPiece } from '../../shared/map/edits';
import { markRestClear } from '../../shared/map/readings';
import type { TestHost } from '../host/server';
import { hostCall, NASAL_ALA_BCC, signInSurgeon } from './hostApi';

/**
 * A 2-lesion case with 3 stages on lesion A (positive edge, then positive deep, then clear)
 * and 1 clear stage on lesion B, built with the editor's own edit functions and stored
 * through the API: what a finished surgery day looks like when it is printed.
 */
export async function seedPrintedCase(host: TestHost, stagesOnA = 3): Promise<{ caseId: string; lesionA: string; lesionB: string }> {
  let n = 0;
  const newId = () => `sheet-${++n}`;
  const ok = (r: { ok: true; doc: MapDocument } | { ok: false; reason: string }): MapDocument => {
    if (!r.ok) throw new Error(r.reason);
    return r.doc;
  };
  const surgeon = await signInSurgeon(host);
  await hostCall(host, 'settings.update', { clinicName: 'Riverside Dermatology', cliaNumber: '12D3456789' });
  const patient = await hostCall(host, 'patients.create', { familyName: 'Lindqvist', givenName: 'Astrid', mrn: 'RD-55821', dateOfBirth: '1946-09-30', sex: 'female' });
  const c = await hostCall(host, 'cases.create', { patientId: patient.id, dateOfSurgery: '2026-11-20', surgeonId: surgeon.id, accessionNumber: 'MS26-0777' });
  const lesion = (siteId: string, laterality: 'left' | 'right') =>
    hostCall(host, 'lesions.create', { ...NASAL_ALA_BCC, caseId: c.id, siteId, laterality, preopLengthMm: 11, preopWidthMm: 9 });
  const a = await lesion('nasal-ala', 'left');
  const b = await lesion('upper-back', 'right');

  // Lesion A, stage 1: ellipse with a 3 o'clock nick, quartered and inked, block 2 positive at its edge.
  let doc = ok(addPiece(EMPTY_MAP, { kind: 'ellipse', cx: 0, cy: 0, rx: 12, ry: 9, rotation: 0 }, newId));
  doc = ok(addMark(doc, doc.pieces[0]!.id, 3, newId));
  doc = ok(setCuts(doc, doc.pieces[0]!.id, quarterCuts(outlineRing(doc.pieces[0]!.outline)), newId));
  const block2 = deriveStage(doc, 1, 'stage-dash-number').blocks[1]!;
  const edge = block2.sides.find((s) => s.kind === 'peripheral')!;
  doc = ok(addFinding(doc, { id: newId(), blockId: block2.ref.id, kind: 'tumor-peripheral', stretch: { from: edge.from, to: edge.to }, note: 'nodular BCC at margin' }));
  await hostCall(host, 'stages.create', { lesionId: a.id, doc });
  let previous = doc;
  for (let s = 2; s <= stagesOnA; s++) {
    let next = planNextStage(previous, 2, newId).doc;
    next = ok(setCuts(next, next.pieces[0]!.id, bisectCuts(outlineRing(next.pieces[0]!.outline)), newId));
    if (s < stagesOnA) {
      const deep = deriveStage(next, s, 'stage-dash-number').blocks[0]!;
      next = ok(addFinding(next, { id: newId(), blockId: deep.ref.id, kind: 'tumor-deep', area: [...deep.ring], note: '' }));
    } else {
      next = ok(markRestClear(next));
    }
    await hostCall(host, 'stages.create', { lesionId: a.id, doc: next });
    previous = next;
  }
  // Lesion B: one stage, quartered, clear.
  let docB = ok(addPiece(EMPTY_MAP, { kind: 'ellipse', cx: 0, cy: 0, rx: 15, ry: 11, rotation: 0.3 }, newId));
  docB = ok(markRestClear(ok(setCuts(docB, docB.pieces[0]!.id, quarterCuts(outlineRing(docB.pieces[0]!.outline)), newId))));
  await hostCall(host, 'stages.create', { lesionId: b.id, doc: docB });
  return { caseId: c.id, lesionA: a.id, lesionB: b.id };
}
