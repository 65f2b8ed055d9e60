import { useMemo, useState, type ReactNode } from 'react';
import {
  bucketLabel,
  medianBucket,
  NATIONAL_STAGES_PER_CASE,
  RATES,
  rateTable,
  ratio,
  repairLabel,
  siteLabel,
  statisticsTables,
  tumorLabel,
  type PracticeStatistics,
  type RateId,
  type StatisticsTable,
  type SurgeonStatistics,
} from '../../../../shared/statistics';
import { call } from '../../api/client';
import { href, navigate } from '../../app/route';
import { LoadFailed, Loading } from '../../components/Notice';
import { localToday } from '../../lib/dates';
import { useLoad } from '../../lib/useLoad';
import { useTitle } from '../../lib/useTitle';
import { BarChart, type Bar } from './BarChart';
import { NumbersTable } from './StatisticsTablePanel';

/** Sites drawn in the chart (the table lists them all). */
const SITES_CHARTED = 12;

const twoPlaces = (x: number | null) => (x === null ? '–' : x.toFixed(2));
const percent = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);

/** The first of January of this year to today: what the page shows until a range is chosen. */
function defaultRange(): { from: string; to: string } {
  const today = localToday();
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

/**
 * Practice statistics for surgeons and the administrator (issue 16 part 3): a range of dates of
 * surgery; per surgeon and for the practice, cases, stages, clearance, blocks, repairs, tumors,
 * sites, lab turnaround, re-cuts and MUE warnings. Every chart has its numbers as a table and CSV.
 */
export function StatisticsPage({ from, to }: { readonly from: string | null; readonly to: string | null }) {
  useTitle('Practice statistics');
  const range = from && to ? { from, to } : defaultRange();
  const stats = useLoad(`${range.from}/${range.to}`, () => call('statistics.practice', range));
  return (
    <section aria-labelledby="stats-title" className="stats-page">
      <div className="page-head">
        <h1 id="stats-title">Practice statistics</h1>
      </div>
      <RangeForm key={`${range.from}/${range.to}`} from={range.from} to={range.to} />
      {stats.loaded.status === 'loading' && <Loading what="the statistics" />}
      {stats.loaded.status === 'error' && <LoadFailed error={stats.loaded.error} onRetry={stats.reload} />}
      {stats.loaded.status === 'ok' && <Statistics stats={stats.loaded.value} />}
    </section>
  );
}

function RangeForm({ from, to }: { readonly from: string; readonly to: string }) {
  const [draft, setDraft] = useState({ from, to });
  const [problem, setProblem] = useState<string | null>(null);
  const show = (f: string, t: string) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(f) || !/^\d{4}-\d{2}-\d{2}$/.test(t)) return setProblem('Enter both dates, such as 2026-01-01.');
    if (f > t) return setProblem('The From date must be on or before the To date.');
    setProblem(null);
    navigate(href.statistics(f, t));
  };
  const today = localToday();
  const year = Number(today.slice(0, 4));
  return (
    <form
      className="panel stats-range"
      aria-label="Dates of surgery"
      onSubmit={(e) => {
        e.preventDefault();
        show(draft.from, draft.to);
      }}
    >
      <label className="field">
        <span className="field__label">From (date of surgery)</span>
        <input className="input" type="date" value={draft.from} onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))} />
      </label>
      <label className="field">
        <span className="field__label">To (date of surgery)</span>
        <input className="input" type="date" value={draft.to} onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))} />
      </label>
      <div className="stats-range__actions">
        <button type="submit" className="button button--primary">
          Show
        </button>
        <button type="button" className="button button--secondary" onClick={() => show(`${year}-01-01`, today)}>
          This year
        </button>
        <button type="button" className="button button--secondary" onClick={() => show(`${year - 1}-01-01`, `${year - 1}-12-31`)}>
          Last year
        </button>
      </div>
      {problem && (
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

function Panel({ title, children, testId }: { readonly title: string; readonly children: ReactNode; readonly testId: string }) {
  const id = `stats-${testId}`;
  return (
    <section className="panel" aria-labelledby={id} data-testid={id + '-panel'}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function Statistics({ stats }: { readonly stats: PracticeStatistics }) {
  const [whoId, setWhoId] = useState<string>('practice');
  const who: SurgeonStatistics = stats.surgeons.find((s) => s.surgeonId === whoId) ?? stats.practice;
  const tables = useMemo(() => new Map(statisticsTables(stats).map((t) => [t.id, t])), [stats]);
  const stem = `layermap-statistics-${stats.range.from}-to-${stats.range.to}`;
  const table = (id: StatisticsTable['id']) => tables.get(id)!;
  const everyone = [...stats.surgeons, stats.practice];

  const rateBars = (id: RateId, scale: 'ratio' | 'percent'): Bar[] =>
    everyone.map((p) => {
      const [num, den] = RATES[id].of(p);
      const r = ratio(num, den);
      return { label: p.surgeonName, value: r === null ? null : scale === 'percent' ? r * 100 : r, text: scale === 'percent' ? percent(r) : twoPlaces(r) };
    });
  const countBars = (counts: readonly { key: string; count: number }[], label: (k: string) => string): Bar[] =>
    counts.map((c) => ({ label: label(c.key), value: c.count, text: String(c.count) }));
  const rate = (id: RateId, scale: 'ratio' | 'percent', axis: string, reference?: { value: number; label: string }) => (
    <Panel title={RATES[id].title} testId={id}>
      <BarChart
        bars={rateBars(id, scale)}
        axis={axis}
        reference={reference}
        ariaLabel={`${RATES[id].title} per surgeon and for the practice`}
        emptyText={`Nothing to chart: no ${RATES[id].denominator.toLowerCase()} in this range.`}
      />
      <NumbersTable table={rateTable(id, stats)} fileStem={stem} />
    </Panel>
  );

  if (stats.practice.cases === 0) {
    return <p className="panel muted">No cases have a date of surgery from {stats.range.from} to {stats.range.to}.</p>;
  }
  const t = who.turnaround;
  const median = medianBucket(t.buckets);
  const maxStages = Math.max(0, ...who.stagesPerLesion.map((c) => c.key));
  return (
    <>
      <Panel title={`Cases, stages and blocks, ${stats.range.from} to ${stats.range.to}`} testId="summary">
        <NumbersTable table={table('summary')} fileStem={stem} open />
      </Panel>
      <div className="stats-grid">
        {rate('stages-per-lesion', 'ratio', 'Mean stages per lesion →', { value: NATIONAL_STAGES_PER_CASE.value, label: NATIONAL_STAGES_PER_CASE.label })}
        {rate('stages-per-case', 'ratio', 'Mean stages per case →')}
        {rate('first-stage-clearance', 'percent', 'Lesions clear at the first stage (%) →')}
        {rate('blocks-per-stage', 'ratio', 'Mean blocks per stage →')}
        {rate('recuts', 'percent', 'Blocks re-cut, of blocks with histology (%) →')}
        <Panel title="Cases with an MUE warning" testId="mue">
          <BarChart whole bars={everyone.map((p) => ({ label: p.surgeonName, value: p.mueCases, text: String(p.mueCases) }))} axis="Cases →" ariaLabel="Cases with an MUE warning per surgeon" emptyText="No case in this range exceeds an MUE." />
          <NumbersTable table={table('mue')} fileStem={stem} />
        </Panel>
      </div>

      <div className="panel stats-who">
        <label className="field">
          <span className="field__label">Charts below for</span>
          <select className="input" value={whoId} onChange={(e) => setWhoId(e.target.value)} data-testid="stats-who">
            <option value="practice">The practice (all surgeons)</option>
            {stats.surgeons.map((s) => (
              <option key={s.surgeonId} value={s.surgeonId ?? ''}>
                {s.surgeonName}
              </option>
            ))}
          </select>
        </label>
        <p className="muted">The tables under each chart give every surgeon and the practice.</p>
      </div>
      <div className="stats-grid">
        <Panel title={`Lesions by number of stages — ${who.surgeonName}`} testId="stages">
          <BarChart
            vertical
            whole
            bars={Array.from({ length: maxStages + 1 }, (_, n) => {
              const count = who.stagesPerLesion.find((c) => c.key === n)?.count ?? 0;
              return { label: String(n), value: count, text: String(count) };
            })}
            axis="Stages"
            ariaLabel={`Lesions by number of stages, ${who.surgeonName}`}
          />
          <NumbersTable table={table('stages')} fileStem={stem} />
        </Panel>
        <Panel title={`Lab turnaround per block — ${who.surgeonName}`} testId="turnaround">
          <p className="stats-note" data-testid="stats-turnaround-summary">
            Excised (the block on the saved map) to ready for reading: {t.timedBlocks} blocks timed
            {t.timedBlocks > 0 && `, mean ${Math.round(t.totalMinutes / t.timedBlocks)} min, median within ${median ? bucketLabel(median[0]) : '–'}`}.{' '}
            {t.untimedBlocks > 0 && `${t.untimedBlocks} blocks reached ready before Layermap kept lab times and are left out. `}
            {t.notReadyBlocks > 0 && `${t.notReadyBlocks} not yet ready.`}
          </p>
          <BarChart vertical whole bars={t.buckets.map((b) => ({ label: bucketLabel(b.key).replace(' min', '').replace(' or more', '+'), value: b.count, text: String(b.count) }))} axis="Minutes" ariaLabel={`Lab turnaround per block in minutes, ${who.surgeonName}`} />
          <NumbersTable table={table('turnaround')} fileStem={stem} />
        </Panel>
        <Panel title={`Repairs — ${who.surgeonName}`} testId="repairs">
          <BarChart whole bars={countBars(who.repairs, repairLabel)} axis="Lesions →" ariaLabel={`Lesions by repair, ${who.surgeonName}`} />
          <NumbersTable table={table('repairs')} fileStem={stem} />
        </Panel>
        <Panel title={`Tumor types — ${who.surgeonName}`} testId="tumors">
          <BarChart whole bars={countBars(who.tumorTypes, tumorLabel)} axis="Lesions →" ariaLabel={`Lesions by tumor type, ${who.surgeonName}`} />
          <NumbersTable table={table('tumors')} fileStem={stem} />
        </Panel>
        <Panel title={`Sites — ${who.surgeonName}`} testId="sites">
          {who.sites.length > SITES_CHARTED && <p className="stats-note">The {SITES_CHARTED} most frequent of {who.sites.length} sites; the table lists them all.</p>}
          <BarChart whole bars={countBars(who.sites.slice(0, SITES_CHARTED), siteLabel)} axis="Lesions →" ariaLabel={`Lesions by site, ${who.surgeonName}`} />
          <NumbersTable table={table('sites')} fileStem={stem} />
        </Panel>
      </div>
      <section className="panel stats-note" aria-labelledby="stats-notes-title">
        <h2 id="stats-notes-title">How these are counted</h2>
        <ul>
          <li>Cases by date of surgery, both dates included; each case counts for its surgeon. Rates are worked out from the counts in their tables; “–” where there is nothing to divide by.</li>
          <li>Dashed line: {NATIONAL_STAGES_PER_CASE.note}</li>
          <li>First-stage clearance: first stages read clear, of first stages with a result (clear, positive or not evaluable).</li>
          <li>
            Lab turnaround: from the time the block was on a saved map to the time it reached “Ready for reading” (or “Read”, if it went straight there), from the
            lab steps recorded with each status change. Blocks moved before this version of Layermap have no recorded times and are left out, counted as such.
          </li>
          <li>Re-cuts: blocks for which the lab asked for a re-cut at any time (done since or not), of blocks with histology recorded. Re-cuts asked and already done before this version of Layermap are not known and not counted.</li>
          <li>
            MUE warnings: cases whose Mohs units (17311–17315, counted as the coding summary codes them) exceed an MUE in force ({stats.mue.limits.map((l) => `${l.key}: ${l.count}`).join(', ') || 'none loaded'}).
            Other codes added to a claim are not counted here; the case’s coding summary shows them.
          </li>
        </ul>
      </section>
    </>
  );
}
