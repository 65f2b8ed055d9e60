import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quarterCuts, radialCuts } from '../../../shared/geometry/templates';
import { deriveStage, outlineRing, type BlockStatus } from '../../../shared/map/derive';
import { EMPTY_MAP, type Finding, type MapDocument } from '../../../shared/map/document';
import { parseMapDocument } from '../../../shared/map/readMap';
import { addFinding, addPiece, setCuts } from '../../../shared/map/edits';
import { V1_PIECE_ID, type MapDocumentV1 } from '../../../shared/map/upgrade';
import { SAMPLE_MAPS } from '../../fixtures/db/sample-maps';
import { must } from './docs';

const upgrade = (v1: unknown): MapDocument => {
  const parsed = parseMapDocument(JSON.parse(JSON.stringify(v1)));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.doc;
};

/** What version 1 derived for a block: findings first, then the stage-wide "read" flag. */
function v1Status(findings: readonly Finding[], read: boolean): BlockStatus {
  if (findings.some((f) => f.kind === 'tumor-peripheral' || f.kind === 'tumor-deep')) return 'positive';
  if (findings.some((f) => f.kind === 'incomplete')) return 'not-evaluable';
  return read ? 'clear' : 'pending';
}

describe('upgrading stored maps of every earlier version', () => {
  it('reads the version-1 fixture maps (SAMPLE_MAPS, as clinics stored them) with nothing lost', () => {
    for (const stage of SAMPLE_MAPS.stages) {
      const v1 = stage.doc;
      const doc = upgrade(v1);
      expect(doc.schemaVersion).toBe(2);
      // The outline, its marks and cuts are the stage's one piece.
      expect(doc.pieces).toEqual([{ id: V1_PIECE_ID, outline: v1.outline, marks: v1.marks, cuts: v1.cuts }]);
      expect(doc.inks).toEqual(v1.inks);
      expect(doc.findings).toEqual(v1.findings);
      expect(doc.blocks.map(({ pieceId, readClear: _, ...b }) => [pieceId, b])).toEqual(v1.blocks.map((b) => [V1_PIECE_ID, b]));
      // Every block reads as the fixture's stored block rows say, and the stage as its stored columns.
      const derived = deriveStage(doc, stage.number, 'stage-dash-number');
      expect(derived.blocks.map((b) => [b.ref.id, b.label, b.result.status])).toEqual(stage.blocks.map((b) => [b.id, b.label, b.marginResult]));
      expect([derived.blocks.length, derived.result]).toEqual([stage.blockCount, stage.result]);
    }
  });

  it('read=true means exactly the blocks without tumor or an unevaluable edge were read clear (property)', () => {
    const base = (() => {
      let n = 0;
      const newId = () => `u${++n}`;
      const doc = must(addPiece(EMPTY_MAP, { kind: 'ellipse', cx: 0, cy: 0, rx: 12, ry: 9, rotation: 0 }, newId));
      return { doc, newId };
    })();
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('tumor-peripheral', 'tumor-deep', 'incomplete', 'scar') ), { maxLength: 6 }),
        fc.boolean(),
        (pieces, marks, read) => {
          const piece = base.doc.pieces[0]!;
          const cut = pieces === 4 ? quarterCuts(outlineRing(piece.outline)) : radialCuts(outlineRing(piece.outline), pieces);
          let doc = must(setCuts(base.doc, piece.id, cut, base.newId));
          const blocks = deriveStage(doc, 1, 'stage-dash-number').blocks;
          marks.forEach(([i, kind], k) => {
            const b = blocks[i % blocks.length]!;
            const side = b.sides[0]!;
            const id = `f${k}`;
            const f: Finding =
              kind === 'tumor-deep' ? { id, blockId: b.ref.id, kind, area: [...b.ring], note: '' }
              : kind === 'scar' ? { id, blockId: b.ref.id, kind, at: b.ref.anchor, note: '' }
              : { id, blockId: b.ref.id, kind, stretch: { from: side.from, to: side.to }, note: '' };
            doc = must(addFinding(doc, f));
          });
          // The same drawing as version 1 stored it.
          const only = doc.pieces[0]!;
          const v1: MapDocumentV1 = {
            schemaVersion: 1,
            outline: only.outline,
            marks: only.marks,
            cuts: only.cuts,
            blocks: doc.blocks.map(({ pieceId: _, readClear: __, ...b }) => b),
            inks: doc.inks,
            findings: doc.findings,
            read,
          };
          const derived = deriveStage(upgrade(v1), 1, 'stage-dash-number');
          for (const b of derived.blocks) expect(b.result.status).toBe(v1Status(b.findings, read));
        },
      ),
      { numRuns: 25 },
    );
  }, 30_000);

  it('a version-1 map without an outline upgrades to an empty map; a damaged one is reported, not repaired', () => {
    expect(upgrade({ schemaVersion: 1, outline: null, marks: [], cuts: [], blocks: [], inks: [], findings: [], read: false })).toEqual(EMPTY_MAP);
    const noOutlineButBlocks = { schemaVersion: 1, outline: null, marks: [], cuts: [], blocks: [{ id: 'b', anchor: { x: 0, y: 0 }, number: 1, label: null }], inks: [], findings: [], read: false };
    expect(parseMapDocument(noOutlineButBlocks)).toMatchObject({ ok: false, reason: expect.stringMatching(/not valid/) });
    expect(parseMapDocument({ ...SAMPLE_MAPS.stages[0]!.doc, read: 'yes' })).toMatchObject({ ok: false, reason: expect.stringMatching(/read/) });
  });
});
