/**
 * Practice statistics (issue 16 part 3) on every engine, checked against counts worked out
 * here from the records themselves: the demo clinic (written through the app's operations) and a
 * generated year of a busy clinic (written into the tables). The MUE counts are checked against
 * the coding engine run on each case. Also: the time of each lab step is written with the status
 * change, attributed, and kept over a restart; who may read the statistics.
 */
import { expect, it } from 'vitest';
import { labStepsOf } from '../../../electron/store/labTimes';
import { DEMO_CASES, writeDemoRecords } from '../../../electron/tools/demoData';
import { codeCase, isMohsCode } from '../../../shared/coding';
import { LAB_STATUSES } from '../../../shared/records';
import { TURNAROUND_BUCKET_MINUTES, TURNAROUND_CAP_MINUTES, type StatisticsRange, type SurgeonStatistics } from '../../../shared/statistics';
import { generateYear, writeYear, type GenCase } from '../../fixtures/statistics/busyYear';
import { forEachEngine } from './engines';
import { addUser, auditTrail, must, refused, seed, signInAs, TEST_PASSWORD } from './helpers';
import { bisected, quartered } from './maps';

const BLOCKS_OF = { bisect: 2, quarter: 4, six: 6 } as const;

type Counted = Omit<SurgeonStatistics, 'surgeonId' | 'surgeonName' | 'turnaround'> & { turnaround: Omit<SurgeonStatistics['turnaround'], 'totalMinutes'> & { totalMinutes: number } };

function tally(map: Map<string | number, number>, key: string | number): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
const sorted = <K extends string | number>(m: Map<K, number>, numeric: boolean) =>
  [...m].map(([key, count]) => ({ key, count })).sort((a, b) => (numeric ? (a.key as number) - (b.key as number) : b.count - a.count || String(a.key).localeCompare(String(b.key))));

/** The generated year counted by hand, per surgeon: plain loops over the records written. */
function countYear(year: readonly GenCase[], range: StatisticsRange, surgeonId: string): Counted {
  const cases = year.filter((c) => c.surgeonId === surgeonId && c.date >= range.from && c.date <= range.to);
  const lesions = cases.flatMap((c) => c.lesions);
  const stages = lesions.flatMap((l) => l.stages);
  const blocks = stages.flatMap((s) => s.blocks);
  const perLesion = new Map<number, number>();
  const repairs = new Map<string, number>();
  const tumors = new Map<string, number>();
  const sites = new Map<string, number>();
  for (const l of lesions) {
    tally(perLesion as Map<string | number, number>, l.stages.length);
    tally(repairs as Map<string | number, number>, l.repairKind ?? 'not-recorded');
    tally(tumors as Map<string | number, number>, l.tumorTypeId);
    tally(sites as Map<string | number, number>, l.siteId);
  }
  const buckets = new Map<number, number>();
  let totalMinutes = 0;
  for (const b of blocks) {
    if (b.readyAt === null) continue;
    const m = (Date.parse(b.readyAt) - Date.parse(b.createdAt)) / 60_000;
    totalMinutes += m;
    tally(buckets as Map<string | number, number>, m >= TURNAROUND_CAP_MINUTES ? TURNAROUND_CAP_MINUTES : Math.floor(m / TURNAROUND_BUCKET_MINUTES) * TURNAROUND_BUCKET_MINUTES);
  }
  const past = (s: string) => s === 'ready' || s === 'read';
  const mue = new Map<string, number>();
  let mueCases = 0;
  for (const c of cases) {
    const result = codeCase({ lesions: c.lesions.map((l) => ({ id: l.id, label: l.label, siteId: l.siteId, deepStructures: l.deep, stages: l.stages.map((s) => ({ blockCount: s.blocks.length })) })) });
    const codes = new Set(result.warnings.filter((w) => w.kind === 'mue-exceeded' && w.code !== undefined && isMohsCode(w.code)).map((w) => w.code!));
    if (codes.size > 0) mueCases++;
    for (const code of codes) tally(mue as Map<string | number, number>, code);
  }
  return {
    cases: cases.length,
    lesions: lesions.length,
    stagedLesions: lesions.filter((l) => l.stages.length > 0).length,
    stagedCases: cases.filter((c) => c.lesions.some((l) => l.stages.length > 0)).length,
    stages: stages.length,
    blocks: blocks.length,
    firstStagesRead: stages.filter((s) => s.number === 1 && s.result !== 'pending').length,
    firstStagesClear: stages.filter((s) => s.number === 1 && s.result === 'clear').length,
    stagesPerLesion: sorted(perLesion, true),
    repairs: sorted(repairs, false),
    tumorTypes: sorted(tumors, false),
    sites: sorted(sites, false),
    turnaround: {
      buckets: sorted(buckets, true),
      timedBlocks: blocks.filter((b) => b.readyAt !== null).length,
      totalMinutes,
      untimedBlocks: blocks.filter((b) => b.readyAt === null && past(b.status)).length,
      notReadyBlocks: blocks.filter((b) => !past(b.status)).length,
    },
    histologyBlocks: blocks.filter((b) => b.recut !== null).length,
    recutBlocks: blocks.filter((b) => b.recut === true).length,
    mueCases,
    mueByCode: ['17311', '17312'].map((key) => ({ key, count: mue.get(key) ?? 0 })),
  };
}

function expectCounted(got: SurgeonStatistics, want: Counted): void {
  const { turnaround, ...rest } = got;
  const { turnaround: wantTurn, ...wantRest } = want;
  expect(rest).toMatchObject(wantRest);
  expect({ ...turnaround, totalMinutes: 0 }).toEqual({ ...wantTurn, totalMinutes: 0 });
  // SQLite works in Julian days (a double): within a millisecond per block.
  expect(Math.abs(turnaround.totalMinutes - wantTurn.totalMinutes)).toBeLessThanOrEqual(wantTurn.timedBlocks / 60_000);
}

forEachEngine('practice statistics', (world) => {
  it('the demo clinic: every figure matches the demo’s cases counted by hand, for the whole range and for one day', async () => {
    const ctx = await world.open();
    await writeDemoRecords(ctx, TEST_PASSWORD, TEST_PASSWORD);
    for (const range of [{ from: '2026-01-01', to: '2026-12-31' }, { from: '2026-03-12', to: '2026-03-12' }]) {
      const stats = await must(ctx, 'statistics.practice', range);
      const cases = DEMO_CASES.filter((c) => c.date >= range.from && c.date <= range.to);
      const lesions = cases.flatMap((c) => c.lesions);
      const stages = lesions.flatMap((l) => l.stages.map((s, i) => ({ ...s, last: i === l.stages.length - 1, lab: l.lab })));
      const blocksIn = (s: { division: keyof typeof BLOCKS_OF }) => BLOCKS_OF[s.division];
      // Earlier stages were read; the last stage's blocks are where the demo left them.
      const ready = stages.filter((s) => !s.last || s.lab === 'ready' || s.lab === 'read').reduce((n, s) => n + blocksIn(s), 0);
      const all = stages.reduce((n, s) => n + blocksIn(s), 0);
      expect(stats.surgeons.map((s) => s.surgeonName)).toEqual(['Dr Ada Demo']);
      const p = stats.practice;
      // The demo's repairs and re-cuts where it records them (main's demo: `closed`, `labNotes`), read generically.
      const extra = (l: object) => l as { closed?: { repair: { kind: string } }; labNotes?: Readonly<Record<string, string>> };
      const repairs = new Map<string, number>();
      for (const l of lesions) {
        const kind = extra(l).closed?.repair.kind ?? 'not-recorded';
        repairs.set(kind, (repairs.get(kind) ?? 0) + 1);
      }
      const recuts = lesions.flatMap((l) => Object.values(extra(l).labNotes ?? {})).filter((n) => n.startsWith('recut')).length;
      // Blocks with histology: counted straight from the table and the range's blocks, not through the statistics' joins.
      const histologyRows = await ctx.store.query
        .selectFrom('block_histology as h')
        .innerJoin('blocks as b', 'b.id', 'h.block_id')
        .innerJoin('stages as s', 's.id', 'b.stage_id')
        .innerJoin('lesions as l', 'l.id', 's.lesion_id')
        .innerJoin('cases as c', 'c.id', 'l.case_id')
        .select('c.date_of_surgery')
        .execute();
      expect(p).toMatchObject({
        cases: cases.length,
        lesions: lesions.length,
        stagedLesions: lesions.length,
        stages: stages.length,
        blocks: all,
        firstStagesRead: lesions.length,
        firstStagesClear: lesions.filter((l) => l.stages[0]!.tumor.length === 0).length,
        histologyBlocks: histologyRows.filter((r) => r.date_of_surgery >= range.from && r.date_of_surgery <= range.to).length,
        recutBlocks: recuts,
        mueCases: 0,
        mueByCode: [
          { key: '17311', count: 0 },
          { key: '17312', count: 0 },
        ],
      });
      expect(new Map(p.repairs.map((r) => [r.key, r.count]))).toEqual(repairs);
      expect(p.turnaround).toMatchObject({ timedBlocks: ready, untimedBlocks: 0, notReadyBlocks: all - ready, buckets: [{ key: 0, count: ready }] });
      const perLesion = new Map<number, number>();
      for (const l of lesions) perLesion.set(l.stages.length, (perLesion.get(l.stages.length) ?? 0) + 1);
      expect(p.stagesPerLesion).toEqual([...perLesion].map(([key, count]) => ({ key, count })).sort((a, b) => a.key - b.key));
      expect(p.sites.reduce((n, s) => n + s.count, 0)).toBe(lesions.length);
      expect(new Set(p.sites.map((s) => s.key))).toEqual(new Set(lesions.map((l) => l.siteId)));
      expect(p).toEqual({ ...stats.surgeons[0], surgeonId: null, surgeonName: 'Practice' });
    }
  }, 240_000);

  it('a generated year of a two-surgeon clinic: each surgeon’s figures and the practice’s match the records counted by hand, and the coding engine’s MUE warnings', async () => {
    const ctx = await world.open();
    const a = await addUser(ctx, 'surgeon', 'Dr Ann Year');
    const b = await addUser(ctx, 'surgeon', 'Dr Bo Year');
    const year = generateYear([a.id, b.id], world.engine === 'sqlite' ? 1500 : 500);
    await writeYear(ctx.store.query, year, a.id);
    await signInAs(ctx, a);
    for (const range of [{ from: '2025-01-01', to: '2025-12-31' }, { from: '2025-04-01', to: '2025-06-30' }]) {
      const stats = await must(ctx, 'statistics.practice', range);
      expect(stats.surgeons.map((s) => s.surgeonName)).toEqual(['Dr Ann Year', 'Dr Bo Year']);
      const [ann, bo] = stats.surgeons;
      expectCounted(ann!, countYear(year, range, a.id));
      expectCounted(bo!, countYear(year, range, b.id));
      expect(stats.practice.cases).toBe(year.filter((c) => c.date >= range.from && c.date <= range.to).length);
      // The year is made to have some of each: the checks above compare something.
      expect(stats.practice.mueCases).toBeGreaterThan(0);
      expect(stats.practice.turnaround.untimedBlocks).toBeGreaterThan(0);
      expect(stats.practice.recutBlocks).toBeGreaterThan(0);
    }
  }, 600_000);

  it('each lab step’s time is written with the status change, by who moved it; a block sent back loses the later steps; all kept over a restart', async () => {
    let ctx = await world.open();
    const { surgeon, kase, lesion } = await seed(ctx);
    await must(ctx, 'stages.create', { lesionId: lesion.id, doc: quartered() });
    const tech = await addUser(ctx, 'histotech');
    await signInAs(ctx, tech);
    let row = (await must(ctx, 'worklist.list', { date: kase.dateOfSurgery }))[0]!;
    for (const status of LAB_STATUSES.slice(1, 4)) row = await must(ctx, 'blocks.setStatus', { id: row.blockId, version: row.version, status });
    let steps = await labStepsOf(ctx.store.query, row.blockId);
    expect(Object.keys(steps).sort()).toEqual(['cut', 'embedded', 'grossed']);
    expect(Object.values(steps).every((s) => s.userId === tech.id)).toBe(true);
    // Each time is the time of its audit event.
    const trail = (await auditTrail(ctx, { entityId: row.blockId })).filter((e) => e.entity === 'block');
    expect(trail.map((e) => e.at).sort()).toEqual(Object.values(steps).map((s) => s.at).sort());
    // Sent back to grossed (a mistake corrected): embedded and cut are no longer reached.
    await signInAs(ctx, surgeon);
    row = await must(ctx, 'blocks.setStatus', { id: row.blockId, version: row.version, status: 'grossed' });
    ctx = await world.reopen(ctx);
    steps = await labStepsOf(ctx.store.query, row.blockId);
    expect(Object.keys(steps)).toEqual(['grossed']);
    expect(steps.grossed!.userId).toBe(surgeon.id);
    // Back to excised, the stage can be removed: its blocks' times go with it.
    await must(ctx, 'blocks.setStatus', { id: row.blockId, version: row.version, status: 'excised' });
    const [stage] = await must(ctx, 'stages.list', { lesionId: lesion.id });
    await must(ctx, 'stages.remove', { id: stage!.id, version: stage!.version });
    expect(await ctx.store.query.selectFrom('block_lab_times').selectAll().execute()).toEqual([]);
    expect(await must(ctx, 'audit.verify', {})).toMatchObject({ intact: true });
  }, 120_000);

  it('a re-cut asked for and then done still counts as a re-cut; a block never asked for does not', async () => {
    const ctx = await world.open();
    const { surgeon, kase, lesion } = await seed(ctx);
    await must(ctx, 'stages.create', { lesionId: lesion.id, doc: bisected() });
    const tech = await addUser(ctx, 'histotech');
    await signInAs(ctx, tech);
    const [first, second] = await must(ctx, 'worklist.list', { date: kase.dateOfSurgery });
    const asked = { slides: 1, levels: 1, stains: [{ name: 'H&E', kind: 'routine' as const }], quality: 'problems' as const, problems: ['folds' as const], recut: true };
    const h = await must(ctx, 'histology.setLab', { blockId: first!.blockId, version: 0, lab: asked });
    await must(ctx, 'histology.setLab', { blockId: first!.blockId, version: h.version, lab: { ...asked, quality: 'adequate', problems: [], recut: false, slides: 2 } });
    await must(ctx, 'histology.setLab', { blockId: second!.blockId, version: 0, lab: { ...asked, quality: 'adequate', problems: [], recut: false } });
    await signInAs(ctx, surgeon);
    const stats = await must(ctx, 'statistics.practice', { from: kase.dateOfSurgery, to: kase.dateOfSurgery });
    expect(stats.practice).toMatchObject({ histologyBlocks: 2, recutBlocks: 1 });
  }, 120_000);

  it('surgeons and administrators read the statistics; a histotech is refused; a range the wrong way round is refused in words', async () => {
    const ctx = await world.open();
    const { surgeon, kase, lesion } = await seed(ctx);
    await must(ctx, 'stages.create', { lesionId: lesion.id, doc: bisected() });
    const range = { from: kase.dateOfSurgery, to: kase.dateOfSurgery };
    expect((await must(ctx, 'statistics.practice', range)).practice.cases).toBe(1);
    const admin = await addUser(ctx, 'administrator');
    await signInAs(ctx, admin);
    expect((await must(ctx, 'statistics.practice', range)).practice.stages).toBe(1);
    const tech = await addUser(ctx, 'histotech');
    await signInAs(ctx, tech);
    expect((await refused(ctx, 'statistics.practice', range)).code).toBe('forbidden');
    await signInAs(ctx, surgeon);
    expect((await refused(ctx, 'statistics.practice', { from: '2026-03-15', to: '2026-03-14' })).message).toBe('The From date must be on or before the To date.');
  }, 120_000);
});
