import { describe, expect, it } from 'vitest';
import { ellipseRing } from '../../../../shared/geometry/shapes';
import { radialCuts } from '../../../../shared/geometry/templates';
import { deriveStage, outlineRing } from '../../../../shared/map/derive';
import { EMPTY_MAP, type MapDocument } from '../../../../shared/map/document';
import { addPiece, setCuts } from '../../../../shared/map/edits';
import { deriveInTurn, SLICE_MS, type DerivedStages, type StageToDerive } from '../../../../renderer/src/editor/workspace/useStagesDerivedInTurn';

/** A stage of six blocks, as drawn: an ellipse cut by radial cuts. */
function stageDoc(index: number): MapDocument {
  let n = 0;
  const newId = () => `s${index}-${++n}`;
  const placed = addPiece(EMPTY_MAP, { kind: 'polygon', points: [...ellipseRing(index * 3, 0, 14 + index, 10, 0, 48)] }, newId);
  if (!placed.ok) throw new Error(placed.reason);
  const cut = setCuts(placed.doc, placed.doc.pieces[0]!.id, radialCuts(outlineRing(placed.doc.pieces[0]!.outline), 6), newId);
  if (!cut.ok) throw new Error(cut.reason);
  return cut.doc;
}

const stages: StageToDerive[] = [0, 1, 2, 3].map((i) => ({ number: i + 1, doc: stageDoc(i) }));

/** Tasks run only when the test says; a clock each derivation moves on by `perCall` ms. */
function fakeTasks(perCall: number) {
  const queue: (() => void)[] = [];
  let t = 0;
  return {
    later: (slice: () => void) => {
      queue.push(slice);
      return () => void queue.splice(queue.indexOf(slice) >>> 0, 1);
    },
    now: () => (t += perCall),
    queue,
    runOne: () => queue.shift()?.(),
  };
}

describe('deriving every stage in turn', () => {
  it('derives nothing in the task that asks, then hands over each stage derived as deriveStage does', () => {
    const tasks = fakeTasks(0);
    let result: DerivedStages<StageToDerive> | null = null;
    deriveInTurn(stages, 'stage-dash-number', (r) => (result = r), tasks.later, tasks.now);
    expect(result).toBeNull();
    tasks.runOne();
    expect(result!.stages).toBe(stages);
    expect(result!.derived.map((d) => d.blocks.map((b) => b.label))).toEqual(stages.map((s) => deriveStage(s.doc, s.number, 'stage-dash-number').blocks.map((b) => b.label)));
    expect(result!.derived[2]!.blocks[0]!.label).toBe('3-1');
  });

  it('gives the thread back once a slice has taken its time, and goes on where it stopped', () => {
    // Each stage "takes" more than a slice: one stage per task, four tasks.
    const tasks = fakeTasks(SLICE_MS + 1);
    let result: DerivedStages<StageToDerive> | null = null;
    deriveInTurn(stages, 'stage-letter', (r) => (result = r), tasks.later, tasks.now);
    for (let k = 0; k < 3; k++) {
      tasks.runOne();
      expect(result).toBeNull();
      expect(tasks.queue).toHaveLength(1);
    }
    tasks.runOne();
    expect(result!.derived).toHaveLength(4);
    expect(result!.derived.map((d) => d.blocks.length)).toEqual([6, 6, 6, 6]);
    expect(tasks.queue).toHaveLength(0);
  });

  it('once cancelled (a newer list, the page left) hands nothing over', () => {
    const tasks = fakeTasks(SLICE_MS + 1);
    let handed = 0;
    const cancel = deriveInTurn(stages, 'stage-letter', () => handed++, tasks.later, tasks.now);
    tasks.runOne();
    cancel();
    while (tasks.queue.length > 0) tasks.runOne();
    expect(handed).toBe(0);
  });
});
