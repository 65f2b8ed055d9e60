import { sql, type RawBuilder } from 'kysely';
import { ANATOMIC_SITES } from '../../shared/catalog';
import { BLOCKS_INCLUDED_PER_STAGE, FAMILY_CODES } from '../../shared/coding';
import {
  practiceTotal,
  TURNAROUND_BUCKET_MINUTES,
  TURNAROUND_CAP_MINUTES,
  type CountOf,
  type PracticeStatistics,
  type StatisticsRange,
  type SurgeonStatistics,
} from '../../shared/statistics';
import type { Db } from './engine/schema';
import { computedOnce, jsonTextField, minutesBetween, wholePart } from './engine/perEngine';
import { getMueTable } from './mueTable';

// Practice statistics (issue 16 part 3): each figure is one GROUP BY over the cases of the range
// (cases_surgeon_date, migration 15), summed per surgeon by the engine. Nothing here loads the
// records themselves: every query returns a few rows per surgeon.

const n = (v: unknown): number => Number(v ?? 0);

/** The cases of the range, joined down as far as a query needs. */
const casesIn = (db: Db, r: StatisticsRange) => db.selectFrom('cases as c').where('c.date_of_surgery', '>=', r.from).where('c.date_of_surgery', '<=', r.to);

function bySurgeon<T extends { surgeon_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) out.set(r.surgeon_id, [...(out.get(r.surgeon_id) ?? []), r]);
  return out;
}

/** The site ids of each CPT family, from the catalog the coding engine reads (shared/coding/engine.ts cptFamilyFor). */
const sitesOf = (family: '17311' | '17313') => ANATOMIC_SITES.filter((s) => s.cptFamily === family).map((s) => s.id);

/**
 * Cases whose Mohs units exceed an MUE in force, per surgeon and code, counted the way the coding
 * engine codes a case (shared/coding/engine.ts): a lesion's family is 17311 when deep structures
 * were involved or its site is a 17311 site, else 17313 for a 17313 site, else it is not coded;
 * its coded stages are those with blocks; the first is the family's first-stage code (1 unit),
 * each later one a unit of the add-on stage code, and each block beyond
 * BLOCKS_INCLUDED_PER_STAGE in a stage a unit of 17315. MAI 1 limits each line (one per lesion
 * and code), any other indicator the day's total (the case). Other codes the coder adds to a
 * claim are not counted here (the page says so).
 */
async function mueCounts(db: Db, r: StatisticsRange, limits: readonly { code: string; units: number; perLine: boolean }[]) {
  if (limits.length === 0) return new Map<string, { cases: number; byCode: CountOf<string>[] }>();
  const extra = sql<number>`CASE WHEN s.block_count > ${sql.lit(BLOCKS_INCLUDED_PER_STAGE)} THEN s.block_count - ${sql.lit(BLOCKS_INCLUDED_PER_STAGE)} ELSE 0 END`;
  const perLesion = casesIn(db, r)
    .innerJoin('lesions as l', 'l.case_id', 'c.id')
    .leftJoin('stages as s', (j) => j.onRef('s.lesion_id', '=', 'l.id').on('s.block_count', '>', 0))
    .select([
      'c.id as case_id',
      'c.surgeon_id',
      sql<string | null>`CASE WHEN l.deep_structures <> '[]' OR l.site_id IN (${sql.join(sitesOf('17311'))}) THEN '17311'
        WHEN l.site_id IN (${sql.join(sitesOf('17313'))}) THEN '17313' ELSE NULL END`.as('family'),
      sql<number>`COUNT(s.id)`.as('coded'),
      sql<number>`COALESCE(SUM(${extra}), 0)`.as('extra'),
    ])
    .groupBy(['l.id', 'c.id', 'c.surgeon_id', 'l.deep_structures', 'l.site_id']);
  // Units per code of one lesion (one claim line each).
  const units: Record<string, RawBuilder<number>> = {};
  for (const [family, codes] of Object.entries(FAMILY_CODES)) {
    units[codes.firstStage] = sql<number>`CASE WHEN x.family = ${family} AND x.coded > 0 THEN 1 ELSE 0 END`;
    units[codes.additionalStage] = sql<number>`CASE WHEN x.family = ${family} AND x.coded > 1 THEN x.coded - 1 ELSE 0 END`;
  }
  units['17315'] = sql<number>`CASE WHEN x.family IS NOT NULL AND x.coded > 0 THEN x.extra ELSE 0 END`;
  const checked = limits.filter((l) => units[l.code] !== undefined);
  if (checked.length === 0) return new Map<string, { cases: number; byCode: CountOf<string>[] }>();
  const perCase = db
    .selectFrom(perLesion.as('x'))
    .select([
      'x.case_id',
      'x.surgeon_id',
      ...checked.map((l, i) => (l.perLine ? sql<number>`MAX(${units[l.code]!})` : sql<number>`SUM(${units[l.code]!})`).as(`u${i}`)),
    ])
    .groupBy(['x.case_id', 'x.surgeon_id']);
  const over = checked.map((l, i) => sql<boolean>`y.${sql.ref(`u${i}`)} > ${sql.lit(l.units)}`);
  const rows = await db
    .selectFrom(perCase.as('y'))
    .select([
      'y.surgeon_id',
      sql<number>`SUM(CASE WHEN ${sql.join(over, sql` OR `)} THEN 1 ELSE 0 END)`.as('cases'),
      ...checked.map((_, i) => sql<number>`SUM(CASE WHEN ${over[i]!} THEN 1 ELSE 0 END)`.as(`w${i}`)),
    ])
    .groupBy('y.surgeon_id')
    .execute();
  const out = new Map<string, { cases: number; byCode: CountOf<string>[] }>();
  for (const row of rows as unknown as Record<string, unknown>[]) {
    out.set(String(row['surgeon_id']), { cases: n(row['cases']), byCode: checked.map((l, i) => ({ key: l.code, count: n(row[`w${i}`]) })) });
  }
  return out;
}

/** Every figure of the statistics page for the range, per surgeon and for the practice. */
export async function practiceStatistics(store: Db, range: StatisticsRange): Promise<PracticeStatistics> {
  // Read only: one snapshot of the record, taking no write lock.
  return store.transaction().setAccessMode('read only').execute(async (db) => {
    const cases = await casesIn(db, range).select(['c.surgeon_id', (eb) => eb.fn.countAll<number>().as('cases')]).groupBy('c.surgeon_id').execute();
    const lesionStages = casesIn(db, range)
      .innerJoin('lesions as l', 'l.case_id', 'c.id')
      .leftJoin('stages as s', 's.lesion_id', 'l.id')
      .select(['c.surgeon_id', sql<number>`COUNT(s.id)`.as('stages')])
      .groupBy(['l.id', 'c.surgeon_id']);
    const histogram = await db
      .selectFrom(lesionStages.as('x'))
      .select(['x.surgeon_id', 'x.stages', (eb) => eb.fn.countAll<number>().as('lesions')])
      .groupBy(['x.surgeon_id', 'x.stages'])
      .execute();
    const stageRows = await casesIn(db, range)
      .innerJoin('lesions as l', 'l.case_id', 'c.id')
      .innerJoin('stages as s', 's.lesion_id', 'l.id')
      .select([
        'c.surgeon_id',
        (eb) => eb.fn.countAll<number>().as('stages'),
        sql<number>`SUM(s.block_count)`.as('blocks'),
        sql<number>`COUNT(DISTINCT c.id)`.as('cases'),
        sql<number>`SUM(CASE WHEN s.number = 1 AND s.result <> 'pending' THEN 1 ELSE 0 END)`.as('first_read'),
        sql<number>`SUM(CASE WHEN s.number = 1 AND s.result = 'clear' THEN 1 ELSE 0 END)`.as('first_clear'),
      ])
      .groupBy('c.surgeon_id')
      .execute();
    // Tumor type, site and repair in one pass over the range's lesions (a few hundred groups), split below.
    const kind = jsonTextField(db, sql.ref('l.repair'), 'kind');
    const facts = await casesIn(db, range)
      .innerJoin('lesions as l', 'l.case_id', 'c.id')
      .select(['c.surgeon_id', 'l.tumor_type_id', 'l.site_id', kind.as('repair'), (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy(['c.surgeon_id', 'l.tumor_type_id', 'l.site_id', kind])
      .execute();
    const factsBy = (pick: (f: (typeof facts)[number]) => string | null) => {
      const out = new Map<string, { surgeon_id: string; key: string | null; count: number }>();
      for (const f of facts) {
        const key = pick(f);
        const at = `${f.surgeon_id}\u0000${key ?? ''}\u0000${key === null ? 'null' : ''}`;
        const row = out.get(at) ?? { surgeon_id: f.surgeon_id, key, count: 0 };
        row.count += n(f.count);
        out.set(at, row);
      }
      return [...out.values()];
    };
    const tumors = factsBy((f) => f.tumor_type_id);
    const sites = factsBy((f) => f.site_id);
    const repairs = factsBy((f) => f.repair);

    // Ready for reading: the time the block reached 'ready', or 'read' where it went straight there
    // (blocks.ready_at, kept with block_lab_times by labTimes.ts).
    // Minutes are worked out once per block (inner query), then bucketed and summed. The blocks'
    // histology (with a re-cut ever asked) is counted in the same pass: the walk over every block
    // of the range is the page's largest cost, so it is made once.
    const perBlock = casesIn(db, range)
      .innerJoin('lesions as l', 'l.case_id', 'c.id')
      .innerJoin('stages as s', 's.lesion_id', 'l.id')
      .innerJoin('blocks as b', 'b.stage_id', 's.id')
      .leftJoin('block_histology as h', 'h.block_id', 'b.id')
      .select([
        'c.surgeon_id',
        'b.lab_status',
        minutesBetween(db, sql.ref('b.created_at'), sql.ref<string>('b.ready_at')).as('m'),
        sql<number>`CASE WHEN h.block_id IS NULL THEN 0 ELSE 1 END`.as('histology'),
        sql<number>`COALESCE(h.recut_asked, 0)`.as('recut'),
      ])
      .$call((q) => computedOnce(db, q));
    const bucket = sql<number>`CASE
      WHEN x.m IS NULL THEN (CASE WHEN x.lab_status IN ('ready', 'read') THEN -1 ELSE -2 END)
      WHEN x.m >= ${sql.lit(TURNAROUND_CAP_MINUTES)} THEN ${sql.lit(TURNAROUND_CAP_MINUTES)}
      WHEN x.m < 0 THEN 0
      ELSE ${wholePart(db, sql<number>`x.m / ${sql.lit(TURNAROUND_BUCKET_MINUTES)}`)} * ${sql.lit(TURNAROUND_BUCKET_MINUTES)} END`;
    const turnaround = await db
      .selectFrom(perBlock.as('x'))
      .select([
        'x.surgeon_id',
        bucket.as('bucket'),
        (eb) => eb.fn.countAll<number>().as('blocks'),
        sql<number>`SUM(CASE WHEN x.m IS NULL OR x.m < 0 THEN 0 ELSE x.m END)`.as('minutes'),
        sql<number>`SUM(x.histology)`.as('histology'),
        sql<number>`SUM(x.recut)`.as('recut'),
      ])
      .groupBy(['x.surgeon_id', bucket])
      .execute();

    const table = await getMueTable(db);
    const limits = table.entries.filter((e) => e.units !== null).map((e) => ({ code: e.code, units: e.units!, perLine: e.adjudicationIndicator === 1 }));
    const mue = await mueCounts(db, range, limits);

    const ids = cases.map((c) => c.surgeon_id);
    const names = new Map((ids.length === 0 ? [] : await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute()).map((u) => [u.id, u.name]));
    const hist = bySurgeon(histogram);
    const stagesOf = new Map(stageRows.map((s) => [s.surgeon_id, s]));
    const tumorOf = bySurgeon(tumors);
    const siteOf = bySurgeon(sites);
    const repairOf = bySurgeon(repairs);
    const turnOf = bySurgeon(turnaround);
    const histOf = new Map<string, { blocks: number; recut: number }>();
    for (const t of turnaround) {
      const h = histOf.get(t.surgeon_id) ?? { blocks: 0, recut: 0 };
      histOf.set(t.surgeon_id, { blocks: h.blocks + n(t.histology), recut: h.recut + n(t.recut) });
    }
    const counted = (rows: readonly { key: string | null; count: unknown }[] | undefined): CountOf<string>[] =>
      (rows ?? []).map((x) => ({ key: x.key ?? 'not-recorded', count: n(x.count) })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));

    const surgeons: SurgeonStatistics[] = cases
      .map((c): SurgeonStatistics => {
        const id = c.surgeon_id;
        const h = hist.get(id) ?? [];
        const st = stagesOf.get(id);
        const t = turnOf.get(id) ?? [];
        const timed = t.filter((x) => n(x.bucket) >= 0);
        return {
          surgeonId: id,
          surgeonName: names.get(id) ?? `Unknown user (${id})`,
          cases: n(c.cases),
          lesions: h.reduce((s, x) => s + n(x.lesions), 0),
          stagedLesions: h.filter((x) => n(x.stages) > 0).reduce((s, x) => s + n(x.lesions), 0),
          stagedCases: n(st?.cases),
          stages: n(st?.stages),
          blocks: n(st?.blocks),
          firstStagesRead: n(st?.first_read),
          firstStagesClear: n(st?.first_clear),
          stagesPerLesion: h.map((x) => ({ key: n(x.stages), count: n(x.lesions) })).sort((a, b) => a.key - b.key),
          repairs: counted(repairOf.get(id)),
          tumorTypes: counted(tumorOf.get(id)),
          sites: counted(siteOf.get(id)),
          turnaround: {
            buckets: timed.map((x) => ({ key: n(x.bucket), count: n(x.blocks) })).sort((a, b) => a.key - b.key),
            timedBlocks: timed.reduce((s, x) => s + n(x.blocks), 0),
            totalMinutes: timed.reduce((s, x) => s + n(x.minutes), 0),
            untimedBlocks: n(t.find((x) => n(x.bucket) === -1)?.blocks),
            notReadyBlocks: n(t.find((x) => n(x.bucket) === -2)?.blocks),
          },
          histologyBlocks: n(histOf.get(id)?.blocks),
          recutBlocks: n(histOf.get(id)?.recut),
          mueCases: mue.get(id)?.cases ?? 0,
          mueByCode: mue.get(id)?.byCode ?? limits.map((l) => ({ key: l.code, count: 0 })),
        };
      })
      .sort((a, b) => a.surgeonName.localeCompare(b.surgeonName) || String(a.surgeonId).localeCompare(String(b.surgeonId)));
    return {
      range,
      surgeons,
      practice: practiceTotal(surgeons),
      mue: { limits: limits.map((l) => ({ key: l.code, count: l.units })), source: table.source },
    };
  });
}
