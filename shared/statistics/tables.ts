import { siteById } from '../catalog/anatomicSites';
import { tumorTypeById } from '../catalog/tumorTypes';
import { csvText } from '../coding/csvRows';
import { REPAIR_KIND_LABELS, type RepairKind } from '../records/repair';
import { medianBucket, ratio, TURNAROUND_BUCKET_MINUTES, TURNAROUND_CAP_MINUTES, type PracticeStatistics, type SurgeonStatistics } from './practice';

// Every chart's numbers as a table (shown under the chart and saved as CSV): one row per
// surgeon and one for the practice, so the table says exactly what the chart draws.

export type StatisticsTableId = 'summary' | 'stages' | 'repairs' | 'tumors' | 'sites' | 'turnaround' | 'mue' | RateId;
export type RateId = 'stages-per-lesion' | 'stages-per-case' | 'first-stage-clearance' | 'blocks-per-stage' | 'recuts';

export interface StatisticsTable {
  readonly id: StatisticsTableId;
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number | null)[])[];
}

const pct = (n: number, d: number) => {
  const r = ratio(n, d);
  return r === null ? null : Math.round(r * 1000) / 10;
};
const twoPlaces = (n: number, d: number) => {
  const r = ratio(n, d);
  return r === null ? null : Math.round(r * 100) / 100;
};

/** Everyone in the table: each surgeon, then the practice. */
const everyone = (s: PracticeStatistics): SurgeonStatistics[] => [...s.surgeons, s.practice];

export const repairLabel = (kind: string): string => (kind === 'not-recorded' ? 'Not recorded' : (REPAIR_KIND_LABELS[kind as RepairKind] ?? kind));
export const tumorLabel = (id: string): string => tumorTypeById(id)?.label ?? `Unknown tumor type (${id})`;
export const siteLabel = (id: string): string => siteById(id)?.label ?? `Unknown site (${id})`;
export const bucketLabel = (from: number): string =>
  from >= TURNAROUND_CAP_MINUTES ? `${TURNAROUND_CAP_MINUTES} min or more` : `${from}–${from + TURNAROUND_BUCKET_MINUTES} min`;

/** A count per key, across everyone: keys in the practice's order (most first). */
function countTable(id: StatisticsTableId, title: string, keyTitle: string, s: PracticeStatistics, pick: (x: SurgeonStatistics) => readonly { key: string; count: number }[], label: (k: string) => string): StatisticsTable {
  const keys = pick(s.practice).map((c) => c.key);
  const people = everyone(s);
  return {
    id,
    title,
    columns: [keyTitle, ...people.map((p) => p.surgeonName)],
    rows: keys.map((k) => [label(k), ...people.map((p) => pick(p).find((c) => c.key === k)?.count ?? 0)]),
  };
}

export function statisticsTables(s: PracticeStatistics): StatisticsTable[] {
  const people = everyone(s);
  const summary: StatisticsTable = {
    id: 'summary',
    title: 'Cases, stages and blocks',
    columns: [
      'Surgeon',
      'Cases',
      'Lesions',
      'Stages',
      'Stages per lesion',
      'Stages per case',
      'First-stage clearance %',
      'Blocks per stage',
      'Blocks with histology',
      'Re-cut blocks',
      'Re-cut %',
    ],
    rows: people.map((p) => [
      p.surgeonName,
      p.cases,
      p.lesions,
      p.stages,
      twoPlaces(p.stages, p.stagedLesions),
      twoPlaces(p.stages, p.stagedCases),
      pct(p.firstStagesClear, p.firstStagesRead),
      twoPlaces(p.blocks, p.stages),
      p.histologyBlocks,
      p.recutBlocks,
      pct(p.recutBlocks, p.histologyBlocks),
    ]),
  };
  const maxStages = Math.max(0, ...s.practice.stagesPerLesion.map((c) => c.key));
  const stages: StatisticsTable = {
    id: 'stages',
    title: 'Lesions by number of stages',
    columns: ['Stages', ...people.map((p) => p.surgeonName)],
    rows: Array.from({ length: maxStages + 1 }, (_, n) => [String(n), ...people.map((p) => p.stagesPerLesion.find((c) => c.key === n)?.count ?? 0)]),
  };
  const turnaround: StatisticsTable = {
    id: 'turnaround',
    title: 'Lab turnaround per block, excised to ready for reading',
    columns: ['Minutes', ...people.map((p) => p.surgeonName)],
    rows: [
      ...s.practice.turnaround.buckets.map((b) => [bucketLabel(b.key), ...people.map((p) => p.turnaround.buckets.find((c) => c.key === b.key)?.count ?? 0)]),
      ['Mean minutes', ...people.map((p) => (p.turnaround.timedBlocks === 0 ? null : Math.round(p.turnaround.totalMinutes / p.turnaround.timedBlocks)))],
      ['Median within', ...people.map((p) => {
        const m = medianBucket(p.turnaround.buckets);
        return m === null ? null : bucketLabel(m[0]);
      })],
      ['Blocks timed', ...people.map((p) => p.turnaround.timedBlocks)],
      ['Ready without a recorded time (left out)', ...people.map((p) => p.turnaround.untimedBlocks)],
      ['Not yet ready', ...people.map((p) => p.turnaround.notReadyBlocks)],
    ],
  };
  const mue: StatisticsTable = {
    id: 'mue',
    title: 'Cases with an MUE warning (Mohs codes)',
    columns: ['Code', ...people.map((p) => p.surgeonName)],
    rows: [
      ...s.mue.limits.map((l) => [`${l.key} (MUE ${l.count})`, ...people.map((p) => p.mueByCode.find((c) => c.key === l.key)?.count ?? 0)]),
      ['Any code', ...people.map((p) => p.mueCases)],
    ],
  };
  return [
    summary,
    stages,
    countTable('repairs', 'Lesions by repair', 'Repair', s, (p) => p.repairs, repairLabel),
    countTable('tumors', 'Lesions by tumor type', 'Tumor type', s, (p) => p.tumorTypes, tumorLabel),
    countTable('sites', 'Lesions by site', 'Site', s, (p) => p.sites, siteLabel),
    turnaround,
    mue,
  ];
}

interface RateSpec {
  readonly title: string;
  readonly numerator: string;
  readonly denominator: string;
  readonly rate: string;
  readonly of: (p: SurgeonStatistics) => readonly [number, number];
  readonly percent: boolean;
}

/** The rates charted per surgeon, each with the two counts it is worked out from. */
export const RATES: Readonly<Record<RateId, RateSpec>> = {
  'stages-per-lesion': { title: 'Stages per lesion', numerator: 'Stages', denominator: 'Lesions with stages', rate: 'Stages per lesion', of: (p) => [p.stages, p.stagedLesions], percent: false },
  'stages-per-case': { title: 'Stages per case', numerator: 'Stages', denominator: 'Cases with stages', rate: 'Stages per case', of: (p) => [p.stages, p.stagedCases], percent: false },
  'first-stage-clearance': { title: 'First-stage clearance', numerator: 'First stages clear', denominator: 'First stages read', rate: 'Clear at first stage %', of: (p) => [p.firstStagesClear, p.firstStagesRead], percent: true },
  'blocks-per-stage': { title: 'Blocks per stage', numerator: 'Blocks', denominator: 'Stages', rate: 'Blocks per stage', of: (p) => [p.blocks, p.stages], percent: false },
  recuts: { title: 'Re-cut blocks', numerator: 'Blocks re-cut', denominator: 'Blocks with histology', rate: 'Re-cut %', of: (p) => [p.recutBlocks, p.histologyBlocks], percent: true },
};

/** A rate per surgeon and for the practice, with its counts; the rate is null where the denominator is 0. */
export function rateTable(id: RateId, s: PracticeStatistics): StatisticsTable {
  const spec = RATES[id];
  return {
    id,
    title: spec.title,
    columns: ['Surgeon', spec.numerator, spec.denominator, spec.rate],
    rows: everyone(s).map((p) => {
      const [num, den] = spec.of(p);
      return [p.surgeonName, num, den, spec.percent ? pct(num, den) : twoPlaces(num, den)];
    }),
  };
}

/** A table as CSV (RFC 4180, cells neutralised against spreadsheet formulas, as every Layermap CSV). */
export function statisticsCsv(t: StatisticsTable): string {
  return csvText([t.columns, ...t.rows.map((r) => r.map((c) => (c === null ? '' : String(c))))]);
}
