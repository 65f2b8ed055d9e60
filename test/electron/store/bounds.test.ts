/**
 * Implausible sizes, maps over the caps and inks off their block, refused through dispatch
 * against a real SQLite file with a message naming what is wrong, and nothing changed or
 * audited (issue 11 §5). Every store call is awaited: dispatch becomes async with the store
 * rewrite, and awaiting a plain value is harmless until then.
 */
import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../../electron/services/context';
import { MAP_CAPS } from '../../../shared/map/caps';
import type { MapDocument } from '../../../shared/map/document';
import { auditCount, lesionInput, must, refused, reopen, seed, useTempWorld } from './helpers';
import { quartered } from './maps';
import { wavyRing, worstOnePiece } from '../../shared/map/worstMaps';

const world = useTempWorld();

/** What a refused request could have changed: the lesion, its stages, and the audit trail. */
async function snapshot(ctx: ServiceContext, lesionId: string) {
  return {
    lesion: await must(ctx, 'lesions.get', { id: lesionId }),
    stages: await must(ctx, 'stages.list', { lesionId }),
    audits: await auditCount(ctx),
  };
}

describe('implausible input is refused and changes nothing', () => {
  it('sizes below 0.1 mm, above 500 mm or not a number, naming the field', async () => {
    const ctx = world.open(world.file());
    const { kase, lesion } = await seed(ctx);
    const before = await snapshot(ctx, lesion.id);
    const cases: [Record<string, unknown>, string][] = [
      [{ preopWidthMm: 5e-324 }, 'Pre-op width must be at least 0.1 mm.'],
      [{ preopLengthMm: 1e9 }, 'Pre-op length must be at most 500 mm; check the unit (millimetres).'],
      [{ preopLengthMm: Number.NaN }, 'Pre-op length must be a number of millimetres.'],
      [{ preopWidthMm: Number.POSITIVE_INFINITY }, 'Pre-op width must be a number of millimetres.'],
    ];
    for (const [change, message] of cases) {
      expect(await refused(ctx, 'lesions.update', { id: lesion.id, version: lesion.version, ...lesionInput(), ...change })).toEqual({ code: 'invalid_input', message });
      expect(await refused(ctx, 'lesions.create', { caseId: kase.id, ...lesionInput(), ...change })).toEqual({ code: 'invalid_input', message });
    }
    const defect = await refused(ctx, 'lesions.setMapFacts', {
      id: lesion.id,
      version: lesion.version,
      twelveOClock: null,
      finalDefect: { lengthMm: 12, widthMm: 5e-324, source: 'measured' },
    });
    expect(defect).toEqual({ code: 'invalid_input', message: 'Defect width must be at least 0.1 mm.' });
    expect(await snapshot(ctx, lesion.id)).toEqual(before);
    expect((await must(ctx, 'cases.get', { id: kase.id })).lesions).toHaveLength(1);
  });

  it('a map over the caps, on create and on save, with the count and the most allowed', async () => {
    const ctx = world.open(world.file());
    const { lesion } = await seed(ctx);
    const stage = await must(ctx, 'stages.create', { lesionId: lesion.id, doc: quartered() });
    const before = await snapshot(ctx, lesion.id);
    const four: MapDocument = {
      ...quartered(),
      pieces: Array.from({ length: 4 }, (_, k) => ({ id: `p${k}`, outline: { kind: 'freehand' as const, points: wavyRing(MAP_CAPS.outlinePoints, 10, k * 25) }, marks: [], cuts: [] })),
      blocks: [],
      inks: [],
      findings: [],
    };
    const message = `This map has too many points (${4 * MAP_CAPS.outlinePoints}); the most a map can hold is ${MAP_CAPS.totalPoints}.`;
    expect(await refused(ctx, 'stages.save', { id: stage.id, version: stage.version, doc: four })).toEqual({ code: 'invalid_input', message });
    expect(await refused(ctx, 'stages.create', { lesionId: lesion.id, doc: four })).toEqual({ code: 'invalid_input', message });
    // The measurement: 60 cuts of 500 points, 7.5 s of geometry before there were caps; now refused at once.
    const sixty = worstOnePiece();
    const cut = Array.from({ length: 500 }, (_, i) => ({ x: -50 + (100 * i) / 499, y: ((i % 2) - 0.5) * 80 }));
    const heavy = { ...sixty, pieces: [{ ...sixty.pieces[0]!, cuts: Array.from({ length: 60 }, (_, k) => ({ id: `c${k}`, points: cut })) }] };
    const t0 = performance.now();
    const error = await refused(ctx, 'stages.save', { id: stage.id, version: stage.version, doc: heavy });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/too many cuts \(60\); the most a piece can have is 24|too many points/);
    expect(await snapshot(ctx, lesion.id)).toEqual(before);
  });

  it('an ink off its block, or on a block the map does not have; the map saved before reads back unchanged', async () => {
    const file = world.file();
    let ctx = world.open(file);
    const { lesion } = await seed(ctx);
    const doc = quartered();
    const stage = await must(ctx, 'stages.create', { lesionId: lesion.id, doc });
    const before = await snapshot(ctx, lesion.id);
    const ink = doc.inks[0]!;
    const block = doc.blocks.find((b) => b.id === ink.blockId)!;
    const off = { ...doc, inks: [{ ...ink, stretch: { from: block.anchor, to: ink.stretch.to } }, ...doc.inks.slice(1)] };
    const error = await refused(ctx, 'stages.save', { id: stage.id, version: stage.version, doc: off });
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(new RegExp(`ink of block ${block.number} is not on that block's edge`));
    const orphan = { ...doc, inks: [{ ...ink, blockId: 'no-such-block' }] };
    expect(await refused(ctx, 'stages.save', { id: stage.id, version: stage.version, doc: orphan })).toEqual({
      code: 'invalid_input',
      message: 'An ink is on a block this map does not have; undo the last change.',
    });
    expect(await refused(ctx, 'stages.create', { lesionId: lesion.id, doc: off })).toMatchObject({ code: 'invalid_input' });
    expect(await snapshot(ctx, lesion.id)).toEqual(before);
    ctx = await reopen(world, ctx);
    expect((await must(ctx, 'stages.list', { lesionId: lesion.id }))[0]!.doc).toEqual(doc);
  });
});
