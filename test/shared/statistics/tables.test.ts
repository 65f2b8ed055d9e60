/** Practice statistics' shared arithmetic: the practice's row, the median bucket, the tables and their CSV. */
import { describe, expect, it } from 'vitest';
import { parseCsvRows } from '../../../shared/coding';
import {
  medianBucket,
  practiceTotal,
  rateTable,
  statisticsCsv,
  statisticsTables,
  TURNAROUND_CAP_MINUTES,
  type PracticeStatistics,
  type SurgeonStatistics,
} from '../../../shared/statistics';

const surgeon = (id: string, name: string, over: Partial<SurgeonStatistics> = {}): SurgeonStatistics => ({
  surgeonId: id,
  surgeonName: name,
  cases: 4,
  lesions: 5,
  stagedLesions: 4,
  stagedCases: 3,
  stages: 7,
  blocks: 20,
  firstStagesRead: 4,
  firstStagesClear: 1,
  stagesPerLesion: [
    { key: 0, count: 1 },
    { key: 1, count: 2 },
    { key: 3, count: 2 },
  ],
  repairs: [{ key: 'not-recorded', count: 5 }],
  tumorTypes: [{ key: 'bcc-nodular', count: 5 }],
  sites: [{ key: 'nasal-ala', count: 5 }],
  turnaround: { buckets: [{ key: 30, count: 6 }], timedBlocks: 6, totalMinutes: 240, untimedBlocks: 1, notReadyBlocks: 2 },
  histologyBlocks: 0,
  recutBlocks: 0,
  mueCases: 1,
  mueByCode: [{ key: '17311', count: 1 }],
  ...over,
});

describe('practice statistics tables', () => {
  const a = surgeon('a', 'Dr A');
  const b = surgeon('b', 'Dr B', { cases: 1, stages: 1, stagedLesions: 1, stagedCases: 1, firstStagesRead: 0, firstStagesClear: 0, sites: [{ key: '=HYPERLINK("x")', count: 1 }] });
  const stats: PracticeStatistics = { range: { from: '2026-01-01', to: '2026-12-31' }, surgeons: [a, b], practice: practiceTotal([a, b]), mue: { limits: [{ key: '17311', count: 4 }], source: 'test' } };

  it('the practice is the surgeons added up, keys merged', () => {
    expect(stats.practice).toMatchObject({ surgeonId: null, surgeonName: 'Practice', cases: 5, stages: 8, firstStagesRead: 4, mueCases: 2 });
    expect(stats.practice.stagesPerLesion).toEqual([
      { key: 0, count: 2 },
      { key: 1, count: 4 },
      { key: 3, count: 4 },
    ]);
    expect(stats.practice.turnaround).toEqual({ buckets: [{ key: 30, count: 12 }], timedBlocks: 12, totalMinutes: 480, untimedBlocks: 2, notReadyBlocks: 4 });
  });

  it('rates come from their counts; no denominator is "–" (null), never 0', () => {
    expect(rateTable('first-stage-clearance', stats).rows).toEqual([
      ['Dr A', 1, 4, 25],
      ['Dr B', 0, 0, null],
      ['Practice', 1, 4, 25],
    ]);
    expect(rateTable('stages-per-lesion', stats).rows.at(-1)).toEqual(['Practice', 8, 5, 1.6]);
  });

  it('the median bucket is the one holding the middle block; the last bucket is open-ended', () => {
    expect(medianBucket([])).toBeNull();
    expect(medianBucket([{ key: 0, count: 1 }, { key: 15, count: 1 }, { key: 30, count: 5 }])).toEqual([30, 45]);
    expect(medianBucket([{ key: TURNAROUND_CAP_MINUTES, count: 3 }])).toEqual([TURNAROUND_CAP_MINUTES, Infinity]);
  });

  it('every table reads back from its CSV, quotes doubled as RFC 4180 says', () => {
    for (const t of statisticsTables(stats)) {
      const parsed = parseCsvRows(statisticsCsv(t));
      expect(parsed.ok && parsed.value.length).toBe(t.rows.length + 1);
    }
    const sites = statisticsTables(stats).find((t) => t.id === 'sites')!;
    expect(statisticsCsv(sites)).toContain('Unknown site (=HYPERLINK(""x""))');
  });
});
