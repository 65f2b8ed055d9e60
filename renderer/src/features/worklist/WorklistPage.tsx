import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { LAB_STATUSES, type LabStatus, type WorklistRow } from '../../../../shared/records';
import { href, navigate } from '../../app/route';
import { ErrorNotice, LoadFailed, Loading } from '../../components/Notice';
import { localToday } from '../../lib/dates';
import { describeFailure } from '../../lib/failure';
import { useTitle } from '../../lib/useTitle';
import { InkList } from './InkList';
import { labStatusLabel, LAB_STATUS_SHORT, nextStatus, previousStatus, statusIndex } from './labStatus';
import { REFRESH_MS, useWorklist, type Change } from './useWorklist';

/**
 * The histotech's worklist (DOMAIN.md "The procedure" step 5): every block of the day's
 * cases with its label, inks and lab status, moved on with one click or key.
 */
export function WorklistPage({ date }: { readonly date: string | null }) {
  useTitle('Lab worklist');
  const day = date ?? localToday();
  const { rows, error, refreshedAt, pending, refresh, setStatus } = useWorklist(day);
  const [message, setMessage] = useState<{ readonly text: string; readonly tone: 'ok' | 'warn' | 'error' } | null>(null);
  const [changedElsewhere, setChangedElsewhere] = useState<ReadonlySet<string>>(new Set());
  const rowEls = useRef(new Map<string, HTMLTableRowElement>());

  // Another day: nothing said about the last one still applies.
  useEffect(() => {
    setMessage(null);
    setChangedElsewhere(new Set());
  }, [day]);

  // ↑/↓ from anywhere on the page (not typing) start at the first or last block.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
      const t = e.target as HTMLElement | null;
      if (t && t !== document.body && t.id !== 'main') return;
      const ids = rows?.map((r) => r.blockId) ?? [];
      const id = e.key === 'ArrowDown' ? ids[0] : ids[ids.length - 1];
      if (id) {
        e.preventDefault();
        rowEls.current.get(id)?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [rows]);

  const change = async (row: WorklistRow, pick: (current: LabStatus) => LabStatus | null) => {
    const result = await setStatus(row.blockId, pick);
    if (result) report(result, row);
  };

  function report(result: Change, row: WorklistRow) {
    const who = `Block ${row.blockLabel} (${row.patientName}, lesion ${row.lesionLabel}, stage ${row.stageNumber})`;
    const mark = (on: boolean) =>
      setChangedElsewhere((prev) => {
        const marked = new Set(prev);
        if (on) marked.add(row.blockId);
        else marked.delete(row.blockId);
        return marked;
      });
    mark(result.kind === 'stale' && result.row !== null);
    if (result.kind === 'done') {
      setMessage({ text: `${who}: ${labStatusLabel(result.row.status)}.`, tone: 'ok' });
    } else if (result.kind === 'stale') {
      if (result.row) {
        setMessage({
          tone: 'warn',
          text:
            `${who} was changed on another workstation, so “${labStatusLabel(result.wanted)}” was not saved. ` +
            `It has been read again and is now “${labStatusLabel(result.row.status)}”: check it, then choose again.`,
        });
      } else {
        setMessage({ tone: 'warn', text: `${who} is no longer on the map (the stage was re-cut or removed); the list has been read again.` });
      }
    } else {
      setMessage({ tone: 'error', text: `${who} was not changed. ${describeFailure(result.error)}` });
    }
  }

  const focusRow = (index: number) => {
    const id = rows?.[Math.max(0, Math.min(index, rows.length - 1))]?.blockId;
    if (id) rowEls.current.get(id)?.focus();
  };

  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, row: WorklistRow, index: number) => {
    const onRow = e.target === e.currentTarget;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    switch (e.key) {
      case 'ArrowDown':
        focusRow(index + 1);
        break;
      case 'ArrowUp':
        focusRow(index - 1);
        break;
      case 'Home':
        focusRow(0);
        break;
      case 'End':
        focusRow(Infinity);
        break;
      case 'ArrowRight':
        void change(row, nextStatus);
        break;
      case 'ArrowLeft':
        void change(row, previousStatus);
        break;
      case 'Enter':
        // On a button, Enter presses that button; on the row it moves the block on.
        if (!onRow) return;
        void change(row, nextStatus);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  return (
    <section aria-labelledby="worklist-title" className="worklist">
      <div className="page-head">
        <div>
          <h1 id="worklist-title">Lab worklist</h1>
          <p className="page-head__sub">
            Every block of every stage of the cases operated on {day === localToday() ? 'today' : day}, with its labels, inks and
            where it is in the lab.
          </p>
        </div>
        <DayPicker day={day} />
      </div>

      {error && rows === null && <LoadFailed error={error} onRetry={() => void refresh()} />}
      {!error && rows === null && <Loading what="the worklist" />}
      {rows !== null && (
        <>
          <div className="panel worklist-summary">
            <StatusCounts rows={rows} />
            <div className="worklist-summary__foot">
              <p className="worklist-keys" id="worklist-keys">
                Keyboard: <kbd>↑</kbd> <kbd>↓</kbd> choose a block · <kbd>Enter</kbd> or <kbd>→</kbd> next step · <kbd>←</kbd> back one
                step
              </p>
              <p className="worklist-refresh muted">
                {refreshedAt ? `Updated ${refreshedAt.toLocaleTimeString()}` : ''} · refreshes every {REFRESH_MS / 1000} s
                <button type="button" className="button button--secondary button--small" onClick={() => void refresh()}>
                  Refresh now
                </button>
              </p>
            </div>
            {error && (
              <ErrorNotice>
                <p>The list could not be read again just now: {describeFailure(error)} What is shown may be out of date.</p>
              </ErrorNotice>
            )}
          </div>
          <p className={`worklist-message worklist-message--${message?.tone ?? 'ok'}`} role="status" aria-live="polite" data-testid="worklist-message">
            {message?.text ?? ''}
          </p>
          {rows.length === 0 ? (
            <div className="panel empty">
              <p className="empty__title">No blocks for {day}</p>
              <p>Blocks appear here as soon as the surgeon divides a stage on the map. Choose another day above to see its cases.</p>
            </div>
          ) : (
            groupByCase(rows).map((c) => (
              <CaseBlocks
                key={c.caseId}
                rows={c.rows}
                indexOf={(id) => rows.findIndex((r) => r.blockId === id)}
                pending={pending}
                changedElsewhere={changedElsewhere}
                rowRef={(id, el) => {
                  if (el) rowEls.current.set(id, el);
                  else rowEls.current.delete(id);
                }}
                onKey={onRowKey}
                onChange={(row, status) => void change(row, () => status)}
              />
            ))
          )}
        </>
      )}
    </section>
  );
}

function shiftDay(day: string, by: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return localToday(new Date(y, m - 1, d + by));
}

function DayPicker({ day }: { readonly day: string }) {
  const today = localToday();
  return (
    <div className="worklist-day" role="group" aria-label="Day of surgery">
      <button type="button" className="button button--secondary" onClick={() => navigate(href.worklist(shiftDay(day, -1)))}>
        ‹ Previous day
      </button>
      <label className="worklist-day__field">
        <span className="field__label">Date of surgery</span>
        <input
          className="input"
          type="date"
          value={day}
          onChange={(e) => {
            if (/^\d{4}-\d{2}-\d{2}$/.test(e.target.value)) navigate(href.worklist(e.target.value));
          }}
        />
      </label>
      <button type="button" className="button button--secondary" onClick={() => navigate(href.worklist(shiftDay(day, 1)))}>
        Next day ›
      </button>
      <button type="button" className="button button--secondary" disabled={day === today} onClick={() => navigate(href.worklist(today))}>
        Today
      </button>
    </div>
  );
}

function StatusCounts({ rows }: { readonly rows: readonly WorklistRow[] }) {
  const counts = new Map<LabStatus, number>(LAB_STATUSES.map((s) => [s, 0]));
  for (const r of rows) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  return (
    <div className="worklist-counts">
      <p className="worklist-counts__total">
        <strong data-testid="worklist-total">{rows.length}</strong> block{rows.length === 1 ? '' : 's'}
      </p>
      <ul aria-label="Blocks by lab status">
        {LAB_STATUSES.map((s) => (
          <li key={s} className={`worklist-count worklist-count--${s}${counts.get(s) ? '' : ' is-zero'}`} data-testid={`count-${s}`}>
            <span className="worklist-count__n">{counts.get(s)}</span> {labStatusLabel(s)}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface StageGroup {
  readonly stageId: string;
  readonly rows: readonly WorklistRow[];
}

function groupBy<K>(rows: readonly WorklistRow[], key: (r: WorklistRow) => K): WorklistRow[][] {
  const groups: WorklistRow[][] = [];
  for (const r of rows) {
    const last = groups[groups.length - 1];
    if (last && key(last[0] as WorklistRow) === key(r)) last.push(r);
    else groups.push([r]);
  }
  return groups;
}

const groupByCase = (rows: readonly WorklistRow[]) => groupBy(rows, (r) => r.caseId).map((g) => ({ caseId: (g[0] as WorklistRow).caseId, rows: g }));

function CaseBlocks(props: {
  readonly rows: readonly WorklistRow[];
  readonly indexOf: (blockId: string) => number;
  readonly pending: ReadonlySet<string>;
  readonly changedElsewhere: ReadonlySet<string>;
  readonly rowRef: (blockId: string, el: HTMLTableRowElement | null) => void;
  readonly onKey: (e: KeyboardEvent<HTMLTableRowElement>, row: WorklistRow, index: number) => void;
  readonly onChange: (row: WorklistRow, status: LabStatus) => void;
}) {
  const first = props.rows[0] as WorklistRow;
  const stages: StageGroup[] = groupBy(props.rows, (r) => r.stageId).map((g) => ({ stageId: (g[0] as WorklistRow).stageId, rows: g }));
  const titleId = `wl-case-${first.caseId}`;
  return (
    <section className="panel worklist-case" aria-labelledby={titleId}>
      <header className="worklist-case__head">
        <h2 id={titleId}>
          <a href={href.case(first.caseId)}>{first.patientName}</a>
        </h2>
        <dl className="worklist-case__ids">
          <div>
            <dt>MRN</dt>
            <dd>{first.mrn}</dd>
          </div>
          <div>
            <dt>Accession</dt>
            <dd>{first.accessionNumber || <span className="muted">not given yet</span>}</dd>
          </div>
        </dl>
      </header>
      <table className="table worklist-table" aria-describedby="worklist-keys">
        <colgroup>
          <col className="worklist-table__block" />
          <col className="worklist-table__inks" />
          <col className="worklist-table__status" />
          <col className="worklist-table__next" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Block</th>
            <th scope="col">Inks</th>
            <th scope="col">Lab status</th>
            <th scope="col">
              <span className="visually-hidden">Next step</span>
            </th>
          </tr>
        </thead>
        {stages.map((s) => {
          const head = s.rows[0] as WorklistRow;
          return (
            <tbody key={s.stageId} className="worklist-stage">
              <tr className="worklist-stage__head">
                <th scope="colgroup" colSpan={4}>
                  <span className="worklist-stage__lesion">Lesion {head.lesionLabel}</span>
                  <span className="worklist-stage__site">{head.siteLabel}</span>
                  <span className="worklist-stage__number">Stage {head.stageNumber}</span>
                  <span className="muted">
                    {s.rows.length} block{s.rows.length === 1 ? '' : 's'}
                  </span>
                  <a className="worklist-stage__labels" href={href.labels(head.lesionId, head.stageNumber)}>
                    Labels
                  </a>
                </th>
              </tr>
              {s.rows.map((r) => (
                <BlockRow
                  key={r.blockId}
                  row={r}
                  index={props.indexOf(r.blockId)}
                  busy={props.pending.has(r.blockId)}
                  changedElsewhere={props.changedElsewhere.has(r.blockId)}
                  rowRef={props.rowRef}
                  onKey={props.onKey}
                  onChange={props.onChange}
                />
              ))}
            </tbody>
          );
        })}
      </table>
    </section>
  );
}

function BlockRow({
  row,
  index,
  busy,
  changedElsewhere,
  rowRef,
  onKey,
  onChange,
}: {
  readonly row: WorklistRow;
  readonly index: number;
  readonly busy: boolean;
  readonly changedElsewhere: boolean;
  readonly rowRef: (blockId: string, el: HTMLTableRowElement | null) => void;
  readonly onKey: (e: KeyboardEvent<HTMLTableRowElement>, row: WorklistRow, index: number) => void;
  readonly onChange: (row: WorklistRow, status: LabStatus) => void;
}) {
  const next = nextStatus(row.status);
  const at = statusIndex(row.status);
  return (
    <tr
      ref={(el) => rowRef(row.blockId, el)}
      tabIndex={0}
      className={`worklist-row worklist-row--${row.status}${changedElsewhere ? ' is-changed' : ''}`}
      data-testid="worklist-row"
      data-block-id={row.blockId}
      data-status={row.status}
      aria-label={`Block ${row.blockLabel}, ${labStatusLabel(row.status)}`}
      aria-busy={busy || undefined}
      onKeyDown={(e) => onKey(e, row, index)}
    >
      <td className="worklist-row__label">
        {row.blockLabel}
        {changedElsewhere && <span className="worklist-row__changed">Changed elsewhere</span>}
      </td>
      <td>
        <InkList names={row.inks} />
      </td>
      <td>
        <div className="lab-steps" role="group" aria-label={`Lab status of block ${row.blockLabel}`}>
          {LAB_STATUSES.map((s, i) => (
            <button
              key={s}
              type="button"
              tabIndex={-1}
              className={`lab-step${i < at ? ' is-done' : ''}${i === at ? ' is-current' : ''}`}
              aria-pressed={i === at}
              title={labStatusLabel(s)}
              disabled={busy}
              onClick={() => onChange(row, s)}
            >
              {LAB_STATUS_SHORT[s]}
            </button>
          ))}
        </div>
      </td>
      <td className="worklist-row__next">
        {next ? (
          <button type="button" className="button button--primary worklist-next" disabled={busy} onClick={() => onChange(row, next)}>
            Next: {labStatusLabel(next)}
          </button>
        ) : (
          <span className="worklist-done">✓ Read</span>
        )}
      </td>
    </tr>
  );
}
