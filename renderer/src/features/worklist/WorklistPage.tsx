import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { blockName } from '../../../../shared/labels/blockName';
import { mayCall } from '../../../../shared/api/roles';
import { LAB_STATUSES, type HistologyLab, type LabStatus, type User, type WorklistRow } from '../../../../shared/records';
import { call } from '../../api/client';
import { ErrorNotice, LoadFailed, Loading } from '../../components/Notice';
import { localToday } from '../../lib/dates';
import { describeFailure } from '../../lib/failure';
import { useTitle } from '../../lib/useTitle';
import { CaseBlocks, groupByCase, type HistologyEditing } from './CaseBlocks';
import { DayPicker } from './DayPicker';
import { labStatusLabel, nextStatus, previousStatus } from '../../lib/labStatus';
import { ScanField } from './ScanField';
import { useScan } from './useScan';
import { useWorklist, type Change } from './useWorklist';

/**
 * The histotech's worklist (DOMAIN.md "The procedure" step 5): every block of the day's
 * cases with its label, inks and lab status, moved on with one click or key, and found by
 * scanning its cassette or slide label.
 */
export function WorklistPage({ date, user }: { readonly date: string | null; readonly user: User | null }) {
  useTitle('Lab worklist');
  const day = date ?? localToday();
  const { rows, error, refreshedAt, pending, refresh, setStatus, putHistology } = useWorklist(day);
  const [editing, setEditing] = useState<string | null>(null);
  const [histologyBusy, setHistologyBusy] = useState(false);
  const [histologyError, setHistologyError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ readonly text: string; readonly tone: 'ok' | 'warn' | 'error' } | null>(null);
  const [changedElsewhere, setChangedElsewhere] = useState<ReadonlySet<string>>(new Set());
  const rowEls = useRef(new Map<string, HTMLTableRowElement>());
  const scanInput = useRef<HTMLInputElement | null>(null);
  const { outcome, selected, scrollRequest, scan } = useScan(day, rows, refresh);
  const scrolledFor = useRef(0);

  // A block found by scanning is scrolled into view once its row is there (its day may still be loading).
  useEffect(() => {
    if (!selected || scrollRequest === scrolledFor.current) return;
    const el = rowEls.current.get(selected);
    if (!el) return;
    scrolledFor.current = scrollRequest;
    el.scrollIntoView({ block: 'center' });
  }, [selected, scrollRequest, rows]);

  // A scanner types wherever the focus is: characters typed outside a text field go to the scan field.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.key.length !== 1 || e.key === ' ') return;
      const t = e.target as HTMLElement | null;
      if (t && (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement || t.isContentEditable)) return;
      scanInput.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

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

  const backToRow = (blockId: string) => requestAnimationFrame(() => rowEls.current.get(blockId)?.focus());
  const mayRecordHistology = mayCall(user, 'histology.setLab');
  const histology: HistologyEditing = {
    allowed: mayRecordHistology,
    blockId: editing,
    busy: histologyBusy,
    error: histologyError,
    open: (row) => {
      setHistologyError(null);
      setEditing((open) => (open === row.blockId ? null : row.blockId));
    },
    close: () => {
      const was = editing;
      setEditing(null);
      setHistologyError(null);
      if (was) backToRow(was);
    },
    save: (row, lab: HistologyLab) => void saveHistology(row, lab),
  };

  async function saveHistology(row: WorklistRow, lab: HistologyLab) {
    const who = `Block ${blockName({ lesion: row.lesionLabel, block: row.blockLabel })} (${row.patientName}, stage ${row.stageNumber})`;
    setHistologyBusy(true);
    try {
      const result = await call('histology.setLab', { blockId: row.blockId, version: row.histology?.version ?? 0, lab });
      if (!result.ok) {
        // Nothing was saved; what was typed stays in the form.
        setHistologyError(describeFailure(result.error));
        if (result.error.code === 'stale') void refresh();
        return;
      }
      putHistology(result.value);
      setEditing(null);
      setHistologyError(null);
      setMessage({ tone: 'ok', text: `${who}: histology saved.` });
      backToRow(row.blockId);
    } finally {
      setHistologyBusy(false);
    }
  }

  function report(result: Change, row: WorklistRow) {
    const who = `Block ${blockName({ lesion: row.lesionLabel, block: row.blockLabel })} (${row.patientName}, stage ${row.stageNumber})`;
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
      case ' ':
        // Space on the row opens (or closes) the block's histology; on a button it presses the button.
        if (!onRow || !mayRecordHistology) return;
        histology.open(row);
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
      <div className="panel worklist-scan-panel">
        <ScanField
          inputRef={scanInput}
          outcome={outcome}
          onScan={(text) => void scan(text)}
          onArrowDown={() => {
            const id = selected && rowEls.current.has(selected) ? selected : rows?.[0]?.blockId;
            if (id) rowEls.current.get(id)?.focus();
          }}
        />
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
                step{mayRecordHistology ? <> · <kbd>Space</kbd> slides and stains</> : null} · scan a label anywhere on the page to find its block
              </p>
              <p className="worklist-refresh muted">
                {refreshedAt ? `Updated ${refreshedAt.toLocaleTimeString()}` : ''}
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
                selected={selected}
                rowRef={(id, el) => {
                  if (el) rowEls.current.set(id, el);
                  else rowEls.current.delete(id);
                }}
                onKey={onRowKey}
                onChange={(row, status) => void change(row, () => status)}
                histology={histology}
              />
            ))
          )}
        </>
      )}
    </section>
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
