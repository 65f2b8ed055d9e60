import type { Point } from '../../../../shared/geometry/types';
import type { DerivedStage } from '../../../../shared/map/derive';
import { STAGE_RESULT_LABEL } from '../../../../shared/map/readings';

/**
 * Reading the stage's slides: its result so far, "mark the selected block clear" (K) and
 * "mark the rest clear" (Shift+K). It sits at the top of the side panel, above the block
 * list, so it is in view while reading.
 */
export function StageReading(props: {
  readonly derived: DerivedStage;
  readonly readOnly: boolean;
  readonly canRun: (commandId: string) => boolean;
  readonly run: (commandId: string) => void;
}) {
  const { derived } = props;
  const unread = derived.blocks.filter((b) => b.result.status === 'pending').length;
  return (
    <section className="stage-actions" aria-label="Reading">
      <p className="stage-result">
        Stage result: <strong data-testid="stage-result">{STAGE_RESULT_LABEL[derived.result]}</strong>
        {derived.blocks.length > 0 && <span className="muted"> · {unread === 0 ? 'every block read' : `${unread} of ${derived.blocks.length} blocks not read`}</span>}
      </p>
      {!props.readOnly && (
        <div className="stage-actions__buttons">
          <button type="button" className="button button--secondary" disabled={!props.canRun('block.clear')} onClick={() => props.run('block.clear')} title="Mark the selected block clear (K)">
            Selected block clear <kbd>K</kbd>
          </button>
          <button type="button" className="button button--secondary" disabled={!props.canRun('stage.restClear')} onClick={() => props.run('stage.restClear')} title="Mark every block not read yet clear (Shift+K)">
            Mark the rest clear <kbd>Shift+K</kbd>
          </button>
        </div>
      )}
    </section>
  );
}

/** A refused change on the map, shown beside the pointer that asked for it (or the map's top corner for a key). */
export function CanvasRefusal(props: { readonly text: string; readonly at: Point | null; readonly width: number; readonly height: number; readonly onClose: () => void }) {
  const boxWidth = Math.min(340, props.width - 16);
  const x = props.at ? Math.max(8, Math.min(props.at.x + 14, props.width - boxWidth - 8)) : 8;
  const below = props.at ? props.at.y + 14 : 8;
  const y = props.at && below > props.height - 96 ? Math.max(8, props.at.y - 96) : below;
  return (
    <p className="notice notice--warning canvas-refusal" role="alert" data-testid="map-problem" style={{ left: x, top: y, width: boxWidth }}>
      {props.text}
      <button type="button" className="canvas-refusal__close" aria-label="Dismiss" onClick={props.onClose}>×</button>
    </p>
  );
}

/**
 * A refused change asked for in the side panel, shown just below the control that asked
 * (fixed to the window where it was, so it is in view whatever the panel's scroll).
 */
export function PanelRefusal(props: { readonly text: string; readonly near: DOMRect; readonly onClose: () => void }) {
  const width = Math.min(340, window.innerWidth - 16);
  const left = Math.max(8, Math.min(props.near.left, window.innerWidth - width - 8));
  const below = props.near.bottom + 6;
  const top = below > window.innerHeight - 110 ? Math.max(8, props.near.top - 110) : below;
  return (
    <p className="notice notice--warning panel-refusal" role="alert" data-testid="map-problem" style={{ left, top, width }}>
      {props.text}
      <button type="button" className="canvas-refusal__close" aria-label="Dismiss" onClick={props.onClose}>×</button>
    </p>
  );
}
