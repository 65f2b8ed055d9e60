import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import type { StageRecord } from '../../../../shared/records';
import { href } from '../../app/route';
import { describeFailure } from '../../lib/failure';
import { toRoman } from '../../../../shared/map/labels';
import { STAGE_RESULT_LABEL } from '../../../../shared/map/readings';
import type { SaveState } from './useStageRecords';

/** For maps, a reload replaces the drawing on screen: say what it costs. */
const STALE_MAP =
  'this stage was saved from another window or workstation since you opened it, so your last change was not saved. Reload the map to see the saved version (your unsaved change is discarded).';


/** Stage tabs ([ and ] switch), the next-stage action with its margin, and the save state. */
export function StageBar(props: {
  readonly stages: readonly StageRecord[];
  readonly active: StageRecord | null;
  readonly onSelect: (s: StageRecord) => void;
  readonly onAdd: () => void;
  readonly canAdd: boolean;
  readonly margin: number;
  readonly onMargin: (mm: number) => void;
  readonly save: SaveState;
  readonly onRetry: () => void;
  readonly onReload: () => void;
  readonly onRemove: (s: StageRecord) => void;
}) {
  const last = props.stages[props.stages.length - 1];
  // The stage waiting for the user's yes (a modal dialog: the map's keys are suspended meanwhile).
  const [removing, setRemoving] = useState<StageRecord | null>(null);
  return (
    <div className="stage-bar" data-editor-scope="toolbar">
      <div role="tablist" aria-label="Stages" className="stage-tabs">
        {props.stages.map((s) => (
          <button
            key={s.id}
            type="button"
            role="tab"
            aria-selected={props.active?.id === s.id}
            className={`stage-tab stage-tab--${s.result}`}
            title={`Stage ${toRoman(s.number)} — ${s.blockCount} blocks, ${STAGE_RESULT_LABEL[s.result]} ([ and ] switch stages)`}
            onClick={() => props.onSelect(s)}
          >
            Stage {s.number}
            <span className="stage-tab__meta">
              {s.blockCount} {s.blockCount === 1 ? 'block' : 'blocks'} · {STAGE_RESULT_LABEL[s.result]}
            </span>
          </button>
        ))}
      </div>
      {props.stages.length > 0 && (
        <div className="stage-add">
          {props.active && (
            <a
              className="button button--secondary"
              href={href.labels(props.active.lesionId, props.active.number)}
              title={`Print cassette and slide labels for the blocks of stage ${props.active.number}`}
            >
              Labels
            </a>
          )}
          <label>
            Margin (mm)
            <input type="number" min={0.5} max={20} step={0.5} value={props.margin} onChange={(e) => props.onMargin(Number(e.target.value) || 2)} />
          </label>
          <button type="button" className="button button--primary" disabled={!props.canAdd} onClick={props.onAdd} title="Add the next stage, pre-placed around the positive areas (Shift+N)">
            Add next stage
          </button>
          {last && props.active?.id === last.id && (
            <button type="button" className="button button--secondary" onClick={() => setRemoving(last)}>
              Remove stage {last.number}
            </button>
          )}
          {removing && (
            <Dialog role="alertdialog" labelledBy="remove-stage-title" describedBy="remove-stage-text" onClose={() => setRemoving(null)}>
              <h2 id="remove-stage-title">Remove stage {removing.number}?</h2>
              <p id="remove-stage-text">Stage {removing.number} and its map are removed from the lesion. The removal is recorded in the audit trail.</p>
              <div className="form-actions">
                <button type="button" className="button button--primary" autoFocus onClick={() => setRemoving(null)}>
                  Keep stage {removing.number}
                </button>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => {
                    setRemoving(null);
                    props.onRemove(removing);
                  }}
                >
                  Remove stage {removing.number}
                </button>
              </div>
            </Dialog>
          )}
        </div>
      )}
      <p className={`save-state save-state--${props.save.status}`} role="status" data-testid="save-state">
        {props.save.status === 'saved' && 'All changes saved'}
        {props.save.status === 'saving' && 'Saving…'}
        {props.save.status === 'failed' && (
          <>
            Not saved: {props.save.error.code === 'stale' ? STALE_MAP : describeFailure(props.save.error)}{' '}
            {props.save.error.code === 'stale' ? (
              <button type="button" className="link-button" onClick={props.onReload}>Reload the map</button>
            ) : (
              <button type="button" className="link-button" onClick={props.onRetry}>Try again</button>
            )}
          </>
        )}
      </p>
    </div>
  );
}
