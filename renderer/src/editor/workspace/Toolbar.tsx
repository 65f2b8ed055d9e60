import { useSyncExternalStore } from 'react';
import { INK_PALETTE } from '../../../../shared/catalog/inkPalette';
import { displayChord } from '../commands/keys';
import { TOOLS } from '../commands/editorCommands';
import type { StageRecord } from '../../../../shared/records';
import type { EditorSession } from '../session/editorSession';
import type { ToolId } from '../tools/types';

const mac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

/** Tools, templates, inks and history: every button is a registered command with its key shown. */
export function Toolbar(props: {
  readonly session: EditorSession<StageRecord>;
  readonly tool: ToolId;
  readonly ink: string;
  readonly radialCount: number;
  readonly axisHour: number;
}) {
  const { session } = props;
  // Undo is on, and Redo off, while a gesture is under way (undo abandons it): the toolbar
  // follows the gesture's start and end itself, as the workspace around it does not re-render
  // for a press on the map.
  useSyncExternalStore(session.subscribe, () => session.store.inGesture);
  const button = (id: string, text?: string, extra?: { pressed?: boolean; className?: string }) => {
    const c = session.command(id);
    const key = c.keys[0] ? displayChord(c.keys[0], mac) : '';
    return (
      <button
        type="button"
        className={`tool ${extra?.className ?? ''}`}
        aria-pressed={extra?.pressed}
        title={`${c.label}${key ? ` (${key})` : ''}`}
        aria-keyshortcuts={c.keys[0]?.replace('Mod', mac ? 'Meta' : 'Control')}
        disabled={!session.canRun(id)}
        onClick={() => session.run(id)}
      >
        {text ?? c.label}
        {key && <kbd>{key}</kbd>}
      </button>
    );
  };
  return (
    <div className="map-toolbar" role="toolbar" aria-label="Map tools" data-editor-scope="toolbar">
      <div className="tool-group" aria-label="Tools">
        {TOOLS.map((t) => (
          <span key={t.id} title={t.hint}>
            {button(`tool.${t.id}`, t.label, { pressed: props.tool === t.id })}
          </span>
        ))}
      </div>
      <div className="tool-group" aria-label="Divide into blocks">
        <label className="tool-number">
          Axis
          <select value={props.axisHour} onChange={(e) => session.setAxisHour(Number(e.target.value))} title="The clock axis templates cut along">
            {[12, 1, 2, 3, 4, 5].map((h) => (
              <option key={h} value={h}>{`${h}–${((h + 5) % 12) + 1}`}</option>
            ))}
          </select>
        </label>
        {button('template.bisect')}
        {button('template.quarter')}
        {button('template.radial', `Radial ×${props.radialCount}`)}
        <label className="tool-number">
          Pieces
          <input type="number" min={3} max={12} value={props.radialCount} onChange={(e) => session.setRadialCount(Math.min(12, Math.max(3, Number(e.target.value) || 3)))} />
        </label>
        {button('renumber', 'Renumber')}
      </div>
      <div className="tool-group ink-picker" aria-label="Ink">
        {INK_PALETTE.map((ink, i) => (
          <button
            key={ink.id}
            type="button"
            className="ink-swatch"
            aria-pressed={props.ink === ink.id}
            title={`${ink.name} ink (${i + 1})${ink.caution ? ` — ${ink.caution}` : ''}`}
            onClick={() => session.run(`ink.${ink.id}`)}
          >
            <span className="ink-dot" style={{ background: ink.color }} aria-hidden="true" />
            {ink.name}
          </button>
        ))}
      </div>
      <div className="tool-group" aria-label="History and view">
        {button('undo')}
        {button('redo')}
        {button('delete', 'Delete')}
        {button('view.fit', 'Fit')}
        {button('view.clock', 'Clock')}
      </div>
    </div>
  );
}
