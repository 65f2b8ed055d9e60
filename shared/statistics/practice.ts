import { z } from 'zod';
import { isoDate } from '../records/fields';

// Practice statistics (issue 16 part 3): counts per surgeon for a range of dates of surgery,
// computed by the store's queries (electron/store/statistics.ts). Every figure here is a count
// or a sum, so the practice's row is the surgeons' rows added up (practiceTotal) and every
// rate is worked out from its counts where it is shown, never averaged from averages.

/** The dates of surgery counted, both included. */
export const statisticsRangeSchema = z
  .object({ from: isoDate('From date'), to: isoDate('To date') })
  .strict()
  .refine((r) => r.from <= r.to, { error: 'The From date must be on or before the To date.' });
export type StatisticsRange = z.infer<typeof statisticsRangeSchema>;

/** Minutes per turnaround bucket; the last bucket holds everything from TURNAROUND_CAP_MINUTES on. */
export const TURNAROUND_BUCKET_MINUTES = 15;
export const TURNAROUND_CAP_MINUTES = 8 * 60;

export interface CountOf<K> {
  readonly key: K;
  readonly count: number;
}

export interface SurgeonStatistics {
  /** Null for the practice as a whole. */
  readonly surgeonId: string | null;
  readonly surgeonName: string;
  readonly cases: number;
  readonly lesions: number;
  /** Lesions and cases with at least one stage (the denominators of stages per lesion and per case). */
  readonly stagedLesions: number;
  readonly stagedCases: number;
  readonly stages: number;
  /** Sum of every stage's block count. */
  readonly blocks: number;
  /** First stages with a result (clear, positive or not evaluable), and those clear. */
  readonly firstStagesRead: number;
  readonly firstStagesClear: number;
  /** Lesions by how many stages they took (0 = none yet). */
  readonly stagesPerLesion: readonly CountOf<number>[];
  /** Lesions by repair kind ('not-recorded' where the surgeon has not recorded one). */
  readonly repairs: readonly CountOf<string>[];
  readonly tumorTypes: readonly CountOf<string>[];
  readonly sites: readonly CountOf<string>[];
  readonly turnaround: {
    /** Blocks by minutes from excised (on the saved map) to ready for reading, in TURNAROUND_BUCKET_MINUTES steps (key = the bucket's first minute). */
    readonly buckets: readonly CountOf<number>[];
    readonly timedBlocks: number;
    readonly totalMinutes: number;
    /** Blocks at or past ready without a recorded time (moved before Layermap kept lab times): left out. */
    readonly untimedBlocks: number;
    /** Blocks not yet ready for reading. */
    readonly notReadyBlocks: number;
  };
  /** Blocks with histology recorded, and those for which a re-cut was asked at any time (done or not). */
  readonly histologyBlocks: number;
  readonly recutBlocks: number;
  /** Cases whose Mohs units exceed an MUE in force, in all and per code. */
  readonly mueCases: number;
  readonly mueByCode: readonly CountOf<string>[];
}

export interface PracticeStatistics {
  readonly range: StatisticsRange;
  readonly surgeons: readonly SurgeonStatistics[];
  readonly practice: SurgeonStatistics;
  /** The MUE values the warnings were counted against (code → units), and where they are from. */
  readonly mue: { readonly limits: readonly CountOf<string>[]; readonly source: string };
}

function addCounts<K>(lists: readonly (readonly CountOf<K>[])[]): CountOf<K>[] {
  const out = new Map<K, number>();
  for (const list of lists) for (const c of list) out.set(c.key, (out.get(c.key) ?? 0) + c.count);
  return [...out].map(([key, count]) => ({ key, count }));
}

const sum = (xs: readonly SurgeonStatistics[], f: (s: SurgeonStatistics) => number) => xs.reduce((n, s) => n + f(s), 0);

/** The practice: every surgeon's counts added up (a case has one surgeon, so nothing is counted twice). */
export function practiceTotal(surgeons: readonly SurgeonStatistics[]): SurgeonStatistics {
  const byKey = <K>(f: (s: SurgeonStatistics) => readonly CountOf<K>[]) => addCounts(surgeons.map(f));
  return {
    surgeonId: null,
    surgeonName: 'Practice',
    cases: sum(surgeons, (s) => s.cases),
    lesions: sum(surgeons, (s) => s.lesions),
    stagedLesions: sum(surgeons, (s) => s.stagedLesions),
    stagedCases: sum(surgeons, (s) => s.stagedCases),
    stages: sum(surgeons, (s) => s.stages),
    blocks: sum(surgeons, (s) => s.blocks),
    firstStagesRead: sum(surgeons, (s) => s.firstStagesRead),
    firstStagesClear: sum(surgeons, (s) => s.firstStagesClear),
    stagesPerLesion: byKey((s) => s.stagesPerLesion).sort((a, b) => a.key - b.key),
    repairs: byKey((s) => s.repairs).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
    tumorTypes: byKey((s) => s.tumorTypes).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
    sites: byKey((s) => s.sites).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
    turnaround: {
      buckets: byKey((s) => s.turnaround.buckets).sort((a, b) => a.key - b.key),
      timedBlocks: sum(surgeons, (s) => s.turnaround.timedBlocks),
      totalMinutes: sum(surgeons, (s) => s.turnaround.totalMinutes),
      untimedBlocks: sum(surgeons, (s) => s.turnaround.untimedBlocks),
      notReadyBlocks: sum(surgeons, (s) => s.turnaround.notReadyBlocks),
    },
    histologyBlocks: sum(surgeons, (s) => s.histologyBlocks),
    recutBlocks: sum(surgeons, (s) => s.recutBlocks),
    mueCases: sum(surgeons, (s) => s.mueCases),
    mueByCode: byKey((s) => s.mueByCode).sort((a, b) => a.key.localeCompare(b.key)),
  };
}

/** A ratio for display, or null where there is nothing to divide by (shown as "–", never as 0). */
export const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);

/** The bucket holding the median block, as [first minute, last minute) — null without timed blocks. */
export function medianBucket(buckets: readonly CountOf<number>[]): readonly [number, number] | null {
  const total = buckets.reduce((n, b) => n + b.count, 0);
  if (total === 0) return null;
  const half = total / 2;
  let seen = 0;
  for (const b of [...buckets].sort((x, y) => x.key - y.key)) {
    seen += b.count;
    if (seen >= half) return [b.key, b.key >= TURNAROUND_CAP_MINUTES ? Infinity : b.key + TURNAROUND_BUCKET_MINUTES];
  }
  return null;
}
