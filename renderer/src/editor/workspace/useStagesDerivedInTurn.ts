import { useEffect, useState } from 'react';
import { deriveStage, type DerivedStage } from '../../../../shared/map/derive';
import type { BlockLabelConvention } from '../../../../shared/records';

/** A stage as the derivation needs it (a StageRecord is one). */
export interface StageToDerive {
  readonly number: number;
  readonly doc: Parameters<typeof deriveStage>[0];
}

/** A stage list and each of its stages derived, in the same order. */
export interface DerivedStages<S extends StageToDerive> {
  readonly stages: readonly S[];
  readonly derived: readonly DerivedStage[];
}

/** Work per task before the page gets the thread back (a key pressed waits at most about this). */
export const SLICE_MS = 4;

/**
 * Derives every stage, a slice of about SLICE_MS per task (`later` runs the next slice), and
 * hands the whole list to `done`. The first slice runs in a later task too. Returns a cancel.
 */
export function deriveInTurn<S extends StageToDerive>(
  stages: readonly S[],
  convention: BlockLabelConvention,
  done: (result: DerivedStages<S>) => void,
  later: (slice: () => void) => () => void = (slice) => {
    const timer = setTimeout(slice, 0);
    return () => clearTimeout(timer);
  },
  now: () => number = () => performance.now(),
): () => void {
  const derived: DerivedStage[] = [];
  let cancel = () => {};
  const slice = () => {
    const start = now();
    for (let stage = stages[derived.length]; stage; stage = stages[derived.length]) {
      derived.push(deriveStage(stage.doc, stage.number, convention));
      if (derived.length < stages.length && now() - start > SLICE_MS) {
        cancel = later(slice);
        return;
      }
    }
    done({ stages, derived });
  };
  cancel = later(slice);
  return () => cancel();
}

/**
 * Every stage of the lesion derived after the map is on the page, a few milliseconds per task.
 * The earlier stages drawn faint under the open one, the stage summary and the as-drawn defect
 * need them all, and deriving ten stages in one go would hold the page well after the map
 * takes keys: a key pressed meanwhile would wait for all of them. Null until the first list is
 * done; afterwards the last finished list stays until the next one is (a save changes one
 * stage: deriveStage keeps the others, so that list is done in one task).
 */
export function useStagesDerivedInTurn<S extends StageToDerive>(stages: readonly S[] | null, convention: BlockLabelConvention): DerivedStages<S> | null {
  const [done, setDone] = useState<DerivedStages<S> | null>(null);
  useEffect(() => (stages ? deriveInTurn(stages, convention, setDone) : undefined), [stages, convention]);
  return done;
}
