import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { radialCuts } from '../../../shared/geometry/templates';
import { deriveStage, outlineRing, type DerivedBlock } from '../../../shared/map/derive';
import { EMPTY_MAP, type Finding, type MapDocument } from '../../../shared/map/document';
import { addFinding, addPiece, removeFinding, setCuts } from '../../../shared/map/edits';
import { markBlockClear, markBlockNotRead, markRestClear, readingText } from '../../../shared/map/readings';
import { must } from './docs';

function sliced(n: number): MapDocument {
  let k = 0;
  const newId = () => `r${++k}`;
  const doc = must(addPiece(EMPTY_MAP, { kind: 'ellipse', cx: 0, cy: 0, rx: 12, ry: 9, rotation: 0 }, newId));
  return must(setCuts(doc, doc.pieces[0]!.id, radialCuts(outlineRing(doc.pieces[0]!.outline), n), newId));
}
const derive = (doc: MapDocument) => deriveStage(doc, 1, 'stage-dash-number');
const peripheral = (b: DerivedBlock, id: string): Finding => {
  const side = b.sides.find((s) => s.kind === 'peripheral')!;
  return { id, blockId: b.ref.id, kind: 'tumor-peripheral', stretch: { from: side.from, to: side.to }, note: '' };
};
const deep = (b: DerivedBlock, id: string): Finding => ({ id, blockId: b.ref.id, kind: 'tumor-deep', area: [...b.ring], note: '' });
const incomplete = (b: DerivedBlock, id: string): Finding => {
  const side = b.sides[0]!;
  return { id, blockId: b.ref.id, kind: 'incomplete', stretch: { from: side.from, to: side.to }, note: '' };
};

describe('reading a stage block by block', () => {
  it('blocks read clear in any order: the stage is "reading" until the last one, then clear (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 8 }).chain((n) => fc.tuple(fc.constant(n), fc.shuffledSubarray([...Array(n).keys()], { minLength: n }))), ([n, order]) => {
        let doc = sliced(n);
        const blocks = derive(doc).blocks;
        order.forEach((i, k) => {
          expect(derive(doc).result).toBe('pending');
          doc = must(markBlockClear(doc, blocks[i]!.ref.id));
          const d = derive(doc);
          expect(d.blocks.filter((b) => b.result.status === 'clear')).toHaveLength(k + 1);
        });
        expect(derive(doc).result).toBe('clear');
        expect(derive(doc).blocks.every((b) => readingText(b) === 'Clear')).toBe(true);
      }),
      { numRuns: 20 },
    );
  }, 30_000);

  it('the stage is positive as soon as any block is, whatever the others; incomplete only once every block is read', () => {
    const doc = sliced(4);
    const [b1, b2, b3] = derive(doc).blocks;
    const positive = must(addFinding(doc, peripheral(b1!, 'p')));
    expect(derive(positive).result).toBe('positive');
    const notEvaluable = must(addFinding(doc, incomplete(b2!, 'i')));
    expect(derive(notEvaluable).result).toBe('pending'); // blocks 1, 3, 4 are not read yet
    const restClear = must(markRestClear(notEvaluable));
    expect(derive(restClear).blocks.map((b) => b.result.status)).toEqual(['clear', 'not-evaluable', 'clear', 'clear']);
    expect(derive(restClear).result).toBe('not-evaluable');
    // Mark the rest clear never overrides a block's findings.
    const mixed = must(markRestClear(must(addFinding(positive, deep(b3!, 'd')))));
    expect(derive(mixed).blocks.map((b) => b.result.status)).toEqual(['positive', 'clear', 'positive', 'clear']);
    expect(markRestClear(mixed)).toMatchObject({ ok: false, reason: expect.stringMatching(/already read/) });
  });

  it('a block can be positive at the peripheral and the deep margin at once', () => {
    const doc = sliced(3);
    const b = derive(doc).blocks[0]!;
    const both = must(addFinding(must(addFinding(doc, peripheral(b, 'p'))), deep(b, 'd')));
    const read = derive(both).blocks[0]!;
    expect(read.result).toEqual({ status: 'positive', peripheral: true, deep: true });
    expect(readingText(read)).toBe('Tumor at peripheral and deep');
  });

  it('tumor marked after a block was read clear takes the "clear" back; removing it leaves the block not read', () => {
    const doc = sliced(3);
    const b = derive(doc).blocks[1]!;
    const clear = must(markBlockClear(doc, b.ref.id));
    const tumor = must(addFinding(clear, peripheral(b, 'p')));
    expect(derive(tumor).blocks[1]!.result.status).toBe('positive');
    expect(markBlockClear(tumor, b.ref.id, 'Block 1-2')).toMatchObject({ ok: false, reason: expect.stringMatching(/^Block 1-2 has tumor marked/) });
    expect(derive(must(removeFinding(tumor, 'p'))).blocks[1]!.result.status).toBe('pending');
    // A scar or note is a remark, not a reading: it neither blocks nor takes back "clear".
    const scar = must(addFinding(clear, { id: 's', blockId: b.ref.id, kind: 'scar', at: b.ref.anchor, note: '' }));
    expect(derive(scar).blocks[1]!.result.status).toBe('clear');
    expect(derive(must(markBlockNotRead(clear, b.ref.id))).blocks[1]!.result.status).toBe('pending');
  });
});
