import { describe, expect, it } from 'vitest';
import { quarterCuts } from '../../../shared/geometry/templates';
import { slideLabels, stageLabels } from '../../../shared/labels/content';
import { parsePayload } from '../../../shared/labels/payload';
import { outlineRing } from '../../../shared/map/derive';
import { EMPTY_MAP, type MapDocument } from '../../../shared/map/document';
import { relabelBlock, setCuts, addPiece } from '../../../shared/map/edits';

function quartered(): MapDocument {
  let n = 0;
  const newId = () => `lbl-${++n}`;
  const placed = addPiece(EMPTY_MAP, { kind: 'ellipse', cx: 0, cy: 0, rx: 14, ry: 10, rotation: 0 }, newId);
  if (!placed.ok) throw new Error(placed.reason);
  const cut = setCuts(placed.doc, placed.doc.pieces[0]!.id, quarterCuts(outlineRing(placed.doc.pieces[0]!.outline)), newId);
  if (!cut.ok) throw new Error(cut.reason);
  return cut.doc;
}

const INPUT = {
  patient: { familyName: 'Walker', givenName: 'Joan', mrn: 'W-104233' },
  dateOfSurgery: '2026-11-27',
  accessionNumber: 'MS26-0412',
  lesionLabel: 'A',
  siteText: 'Left nasal ala',
  convention: 'stage-dash-number' as const,
};

describe('stage labels', () => {
  it('one label per block, in block order, with patient, accession, lesion, stage, inks and a payload without the name', () => {
    const doc = quartered();
    const labels = stageLabels({ ...INPUT, stage: { number: 2, doc } });
    expect(labels.map((l) => l.blockLabel)).toEqual(['2-1', '2-2', '2-3', '2-4']);
    expect(labels.map((l) => l.fullName)).toEqual(['MS26-0412 A 2-1', 'MS26-0412 A 2-2', 'MS26-0412 A 2-3', 'MS26-0412 A 2-4']);
    expect(labels.map((l) => l.blockId)).toEqual([1, 2, 3, 4].map((n) => doc.blocks.find((b) => b.number === n)!.id));
    for (const l of labels) {
      expect(l).toMatchObject({
        patientName: 'Walker, Joan',
        mrn: 'W-104233',
        date: '2026-11-27',
        accessionNumber: 'MS26-0412',
        lesionLabel: 'A',
        siteText: 'Left nasal ala',
        stageNumber: 2,
      });
      expect(l.inks.length).toBeGreaterThan(0);
      for (const ink of l.inks) expect(ink.name).toMatch(/^[A-Z][a-z]+$/);
      expect(l.payload).not.toMatch(/Walker|Joan/);
      expect(parsePayload(l.payload)).toEqual({
        ok: true,
        value: { format: 'LM2', blockId: l.blockId, accession: 'MS26-0412', mrn: 'W-104233', date: '2026-11-27', lesion: 'A', stage: 2, block: l.blockLabel },
      });
    }
    // Quartering inks each cut edge in the default sequence (blue, yellow, black, green): two inks a quarter, in palette order.
    expect(labels.map((l) => l.inks.map((i) => `${i.name} ${i.symbol}`))).toEqual([
      ['Blue B', 'Yellow Y'],
      ['Yellow Y', 'Black K'],
      ['Black K', 'Green G'],
      ['Blue B', 'Green G'],
    ]);
  });

  it('follows the clinic convention and a hand-written block label', () => {
    const doc = quartered();
    const roman = stageLabels({ ...INPUT, convention: 'roman-dash-number', stage: { number: 3, doc } });
    expect(roman.map((l) => l.blockLabel)).toEqual(['III-1', 'III-2', 'III-3', 'III-4']);
    const first = doc.blocks.find((b) => b.number === 1)!;
    const relabelled = relabelBlock(doc, first.id, 'X|1');
    if (!relabelled.ok) throw new Error(relabelled.reason);
    const custom = stageLabels({ ...INPUT, stage: { number: 1, doc: relabelled.doc } });
    expect(custom[0]!.blockLabel).toBe('X|1');
    expect(custom[0]!.payload).toBe(`LM2|${first.id}|MS26-0412|W-104233|2026-11-27|A|1|X%7C1`);
  });

  it('two lesions of a case: the same block label, different names and barcodes', () => {
    const doc = quartered();
    const a = stageLabels({ ...INPUT, stage: { number: 1, doc } });
    // Lesion B's map has its own block ids (block ids are keys of the whole database).
    const bDoc = { ...doc, blocks: doc.blocks.map((b) => ({ ...b, id: `B-${b.id}` })), inks: doc.inks.map((k) => ({ ...k, blockId: `B-${k.blockId}` })) };
    const b = stageLabels({ ...INPUT, lesionLabel: 'B', siteText: 'Right cheek', stage: { number: 1, doc: bDoc } });
    expect(a[0]!.blockLabel).toBe(b[0]!.blockLabel);
    expect(a[0]!.fullName).toBe('MS26-0412 A 1-1');
    expect(b[0]!.fullName).toBe('MS26-0412 B 1-1');
    const payloads = [...a, ...b].map((l) => l.payload);
    expect(new Set(payloads).size).toBe(8);
  });

  it('a case without an accession number: labels say so, the barcode field is empty', () => {
    const labels = stageLabels({ ...INPUT, accessionNumber: '  ', stage: { number: 1, doc: quartered() } });
    expect(labels[0]).toMatchObject({ accessionNumber: '', fullName: 'A 1-1' });
    expect(parsePayload(labels[0]!.payload)).toMatchObject({ ok: true, value: { accession: '' } });
  });

  it('no blocks, no labels', () => {
    expect(stageLabels({ ...INPUT, stage: { number: 1, doc: EMPTY_MAP } })).toEqual([]);
  });
});

describe('slide labels', () => {
  it('one label per slide the histology records, each with its own barcode; blocks without slides get none', () => {
    const doc = quartered();
    const cassettes = stageLabels({ ...INPUT, stage: { number: 1, doc } });
    const slides = slideLabels(cassettes, (id) => (id === cassettes[0]!.blockId ? 2 : id === cassettes[2]!.blockId ? 1 : null));
    expect(slides.map((l) => [l.blockLabel, l.slide])).toEqual([
      ['1-1', { number: 1, of: 2 }],
      ['1-1', { number: 2, of: 2 }],
      ['1-3', { number: 1, of: 1 }],
    ]);
    expect(slides[1]!.payload).toBe(`LM3|${cassettes[0]!.blockId}|MS26-0412|W-104233|2026-11-27|A|1|1-1|2`);
    expect(new Set(slides.map((l) => l.payload)).size).toBe(3);
    expect(cassettes.every((c) => c.slide === null)).toBe(true);
  });
});
