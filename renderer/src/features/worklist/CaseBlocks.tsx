import type { KeyboardEvent, MouseEvent } from 'react';
import { blockName } from '../../../../shared/labels/blockName';
import { histologySummary, LAB_STATUSES, qualitySummary, type HistologyLab, type LabStatus, type WorklistRow } from '../../../../shared/records';
import { HistologyLabForm } from './HistologyLabForm';
import { href } from '../../app/route';
import { InkList } from './InkList';
import { labStatusLabel, LAB_STATUS_SHORT, nextStatus, statusIndex } from '../../lib/labStatus';

// One case of the worklist: its stages, each block a row the histotech moves through the lab.

/** The histology editor under one row: which block, and what saving it does. */
export interface HistologyEditing {
  /** Whether this user records the lab's histology (histotechs: roles.ts). */
  readonly allowed: boolean;
  readonly blockId: string | null;
  readonly busy: boolean;
  readonly error: string | null;
  readonly open: (row: WorklistRow) => void;
  readonly save: (row: WorklistRow, lab: HistologyLab) => void;
  readonly close: () => void;
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

export const groupByCase = (rows: readonly WorklistRow[]) => groupBy(rows, (r) => r.caseId).map((g) => ({ caseId: (g[0] as WorklistRow).caseId, rows: g }));

export function CaseBlocks(props: {
  readonly rows: readonly WorklistRow[];
  readonly indexOf: (blockId: string) => number;
  readonly pending: ReadonlySet<string>;
  readonly changedElsewhere: ReadonlySet<string>;
  /** The block last found by scanning its label. */
  readonly selected: string | null;
  readonly rowRef: (blockId: string, el: HTMLTableRowElement | null) => void;
  readonly onKey: (e: KeyboardEvent<HTMLTableRowElement>, row: WorklistRow, index: number) => void;
  readonly onChange: (row: WorklistRow, status: LabStatus) => void;
  readonly histology: HistologyEditing;
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
          <col className="worklist-table__histology" />
          <col className="worklist-table__status" />
          <col className="worklist-table__next" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Block</th>
            <th scope="col">Inks</th>
            <th scope="col">Slides · stains</th>
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
                <th scope="colgroup" colSpan={5}>
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
              {s.rows.map((r) => [
                <BlockRow
                  key={r.blockId}
                  row={r}
                  index={props.indexOf(r.blockId)}
                  busy={props.pending.has(r.blockId)}
                  changedElsewhere={props.changedElsewhere.has(r.blockId)}
                  selected={props.selected === r.blockId}
                  rowRef={props.rowRef}
                  onKey={props.onKey}
                  onChange={props.onChange}
                  histology={props.histology}
                />,
                props.histology.blockId === r.blockId && (
                  <tr key={`${r.blockId}-histology`} className="worklist-histology">
                    <td colSpan={5}>
                      <HistologyLabForm
                        blockName={blockName({ lesion: r.lesionLabel, block: r.blockLabel })}
                        lab={r.histology?.lab ?? null}
                        busy={props.histology.busy}
                        error={props.histology.error}
                        onSave={(lab) => props.histology.save(r, lab)}
                        onClose={props.histology.close}
                      />
                    </td>
                  </tr>
                ),
              ])}
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
  selected,
  rowRef,
  onKey,
  onChange,
  histology,
}: {
  readonly histology: HistologyEditing;
  readonly row: WorklistRow;
  readonly index: number;
  readonly busy: boolean;
  readonly changedElsewhere: boolean;
  readonly selected: boolean;
  readonly rowRef: (blockId: string, el: HTMLTableRowElement | null) => void;
  readonly onKey: (e: KeyboardEvent<HTMLTableRowElement>, row: WorklistRow, index: number) => void;
  readonly onChange: (row: WorklistRow, status: LabStatus) => void;
}) {
  const next = nextStatus(row.status);
  const at = statusIndex(row.status);
  const name = blockName({ lesion: row.lesionLabel, block: row.blockLabel });
  // A clicked button is disabled while saving (or replaced once the block is read), which
  // would drop the focus to the page: keep it on this row, so ↓ and Enter go on from here.
  const choose = (e: MouseEvent<HTMLButtonElement>, status: LabStatus) => {
    e.currentTarget.closest('tr')?.focus();
    onChange(row, status);
  };
  return (
    <tr
      ref={(el) => rowRef(row.blockId, el)}
      tabIndex={0}
      className={`worklist-row worklist-row--${row.status}${changedElsewhere ? ' is-changed' : ''}${selected ? ' is-selected' : ''}`}
      data-testid="worklist-row"
      data-block-id={row.blockId}
      data-status={row.status}
      data-selected={selected || undefined}
      aria-current={selected || undefined}
      aria-label={`Block ${name}, ${labStatusLabel(row.status)}${selected ? ', found by scanning' : ''}`}
      aria-busy={busy || undefined}
      onKeyDown={(e) => onKey(e, row, index)}
    >
      <td className="worklist-row__label">
        {/* Block labels repeat across lesions: the lesion letter goes with every one. */}
        <span className="worklist-row__lesion">{row.lesionLabel}</span> {row.blockLabel}
        {changedElsewhere && <span className="worklist-row__changed">Changed elsewhere</span>}
      </td>
      <td>
        <InkList names={row.inks} />
      </td>
      <td className="worklist-row__histology" data-testid="worklist-histology">
        <HistologyCell row={row} />
        {histology.allowed && (
          <button
            type="button"
            tabIndex={-1}
            className="button button--secondary button--small worklist-histology__edit"
            aria-expanded={histology.blockId === row.blockId}
            onClick={() => histology.open(row)}
          >
            Histology
          </button>
        )}
      </td>
      <td>
        <div className="lab-steps" role="group" aria-label={`Lab status of block ${name}`}>
          {LAB_STATUSES.map((s, i) => (
            <button
              key={s}
              type="button"
              tabIndex={-1}
              className={`lab-step${i < at ? ' is-done' : ''}${i === at ? ' is-current' : ''}`}
              aria-pressed={i === at}
              title={labStatusLabel(s)}
              disabled={busy}
              onClick={(e) => choose(e, s)}
            >
              {LAB_STATUS_SHORT[s]}
            </button>
          ))}
        </div>
      </td>
      <td className="worklist-row__next">
        {next ? (
          <button type="button" className="button button--primary worklist-next" disabled={busy} onClick={(e) => choose(e, next)}>
            Next: {labStatusLabel(next)}
          </button>
        ) : (
          <span className="worklist-done">✓ Read</span>
        )}
      </td>
    </tr>
  );
}

/** Slides, levels and stains in one line, the section quality under it when assessed. */
function HistologyCell({ row }: { readonly row: WorklistRow }) {
  const lab = row.histology?.lab;
  const summary = lab ? histologySummary(lab) : '';
  const quality = lab ? qualitySummary(lab) : '';
  if (summary === '' && quality === '') return <span className="muted">None yet</span>;
  return (
    <>
      <span className="worklist-histology__summary">{summary}</span>
      {quality !== '' && <span className={`worklist-histology__quality${lab?.recut ? ' is-recut' : ''}`}>{quality}</span>}
    </>
  );
}
