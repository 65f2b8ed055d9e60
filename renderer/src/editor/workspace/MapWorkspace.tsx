import { useCallback, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { deriveStage } from '../../../../shared/map/derive';
import { markBlockClear } from '../../../../shared/map/readings';
import type { Lesion, Settings } from '../../../../shared/records';
import { describeFailure } from '../../lib/failure';
import { useSameItems } from '../../lib/useSameItems';
import { CodingSummary } from '../../components/coding/CodingSummary';
import { useDesktopEditMenu } from '../session/desktopEditMenu';
import { EDITOR_SCOPE_ATTRIBUTE, focusPlace } from '../session/keyScope';
import { useEditorSession } from '../session/useEditorSession';
import { DefectPanel } from './DefectPanel';
import { FindingKindPicker } from './FindingKindPicker';
import { Inspector } from './Inspector';
import { LiveCanvas } from './LiveCanvas';
import type { PhotoDrag, Underlay } from '../canvas/PhotoLayer';
import { StageBar } from './StageBar';
import { CanvasRefusal, PanelRefusal, StageReading } from './StageReading';
import { StageSummaryPanel } from './StageSummaryPanel';
import { Toolbar } from './Toolbar';
import { useCanvasSize } from './useCanvasSize';
import { useStageRecords } from './useStageRecords';
import { useStoreChanges } from '../../api/storeEvents';
import { useStagesDerivedInTurn } from './useStagesDerivedInTurn';

/**
 * A lesion's maps: every stage on one canvas in the lesion's frame, the tools, the blocks and
 * findings, and the autosave of every gesture. A thin view over the lesion's EditorSession
 * (session/editorSession.ts), which holds the tool, selection, view and commands and is the
 * only way input reaches the map. `readOnly` (a signed lesion): look, zoom, page, never change.
 */
export function MapWorkspace({ lesion, settings, onLesionChanged, readOnly = false, aside, underlays, photoDrag }: {
  readonly lesion: Lesion;
  readonly settings: Settings;
  readonly onLesionChanged: () => void;
  readonly readOnly?: boolean;
  /** More about the lesion, in the side column below the stage's panels. */
  readonly aside?: ReactNode;
  /** Calibrated wound photos placed under the map (features/photos). */
  readonly underlays?: readonly Underlay[];
  /** A placed photo being moved by dragging on the map (features/photos). */
  readonly photoDrag?: PhotoDrag;
}) {
  const records = useStageRecords(lesion.id);
  const { session, snapshot: s, mapElement } = useEditorSession(lesion, settings, readOnly, records);
  // Clinic mode: another workstation's changes (a block moved in the lab, a stage saved elsewhere) show as they are heard.
  useStoreChanges(() => void records.readAgain(() => session.stages.openAfresh()));
  // The panels follow the last finished gesture; only the canvas follows a drag.
  const doc = useSyncExternalStore(session.store.subscribe, session.store.getSettledSnapshot);
  const stages = records.stages;
  const active = session.stages.active();
  const convention = settings.blockLabelConvention;
  // The earlier stages drawn faint under the open one, the stage summary and the as-drawn
  // defect need every stage derived, which costs more than the open stage's map itself: they,
  // and the stage's panels beside the map, follow once the map is on the page and takes keys,
  // derived a few milliseconds per task so that a key pressed meanwhile is not kept waiting.
  const derivedStages = useStagesDerivedInTurn(stages, convention);
  const allStages = derivedStages?.stages ?? null;
  // The open stage's blocks for its panels and its division notice come with them: deriving it
  // here, in the render that first shows the map, held the map's first task for a whole split
  // (the canvas derives it in its own task; the document is the same, so it is split once).
  const panelsShown = allStages !== null;
  const derived = useMemo(() => (panelsShown ? deriveStage(doc.doc, s.stageNumber, convention) : null), [panelsShown, doc.doc, s.stageNumber, convention]);
  // The same list while they are the same stages derived the same: a save of the open stage
  // gives a new list of records, and a new list here would draw the layer under the map again.
  const previous = useSameItems(
    useMemo(
      () => (derivedStages ? derivedStages.stages.flatMap((x, k) => (x.number < s.stageNumber ? [{ number: x.number, derived: derivedStages.derived[k]! }] : [])) : []),
      [derivedStages, s.stageNumber],
    ),
    (a, b) => a.number === b.number && a.derived === b.derived,
  );
  const canvasRef = useCanvasSize<HTMLDivElement>((width, height) => session.resize(width, height));
  // Stable: a new callback each render would re-measure the frame on every render.
  const frameRef = useCallback((el: HTMLDivElement | null) => {
    canvasRef(el);
    mapElement(el);
  }, [canvasRef, mapElement]);
  // The desktop Edit menu's Undo/Redo, while the map has the focus (a signed map has no history).
  const editMenu = useDesktopEditMenu((action) => session.run(action));
  // Where the pointer or a panel last acted, as of this render: a refusal shows there. Not part
  // of the workspace's snapshot (every press moves it); whatever refusal this render shows came
  // after that action.
  const actedAt = session.getSnapshot().actedAt;
  const actedInPanel = (target: EventTarget) => {
    if (target instanceof Element) session.actedInPanel((target.closest('button, input, select, textarea, tr') ?? target).getBoundingClientRect());
  };

  if (records.loadError) return <p className="notice notice--error" role="alert">{describeFailure(records.loadError)}</p>;
  if (!stages) return <p className="loading" role="status">Loading stages…</p>;
  const editable = stages.length > 0 && !readOnly;
  return (
    // Keys reach the editor only from its own scope (the map, its toolbar): a focused button,
    // field or dialog elsewhere keeps its native keys (Enter, Space, typing).
    <div className={`map-workspace${readOnly ? ' map-workspace--read-only' : ''}`} onKeyDown={(e) => session.key(e, focusPlace(e.target)) && e.preventDefault()}>
      <StageBar
        stages={stages}
        active={active}
        onSelect={(x) => session.stages.show(x)}
        onAdd={session.addNextStage}
        canAdd={!readOnly && session.stages.canAddNext()}
        margin={s.margin}
        onMargin={session.setMargin}
        save={records.save}
        onRetry={records.retry}
        onReload={() => session.stages.reload()}
        onRemove={session.removeStage}
      />
      {editable && <Toolbar session={session} tool={s.tool} ink={s.ink} radialCount={s.radialCount} axisHour={s.axisHour} />}
      {editable && s.tool === 'note' && <FindingKindPicker value={s.otherFinding} onChange={session.setOtherFinding} />}
      {stages.length > 0 && (derived?.divisionProblem || s.notice) && (
        <p className="notice notice--warning map-notice" role="status">{derived?.divisionProblem ?? s.notice}</p>
      )}
      <div className="map-body">
        {stages.length === 0 && readOnly ? (
          <p className="empty empty--inline">No stages were mapped before the lesion was signed.</p>
        ) : stages.length === 0 ? (
          <div className="empty">
            <p><strong>No stages are mapped yet.</strong></p>
            <p className="muted">Start stage 1, then draw the excised specimen on the map.</p>
            <button type="button" className="button button--primary" onClick={session.addNextStage}>Start stage 1</button>
          </div>
        ) : (
          <div
            className="map-canvas-frame"
            ref={frameRef}
            onFocus={editMenu.onFocus}
            onBlur={editMenu.onBlur}
            data-testid="map-canvas"
            data-view={`${s.view.scale.toFixed(3)} ${s.view.ox.toFixed(1)} ${s.view.oy.toFixed(1)}`}
            data-moving-photo={photoDrag && !readOnly ? photoDrag.id : undefined}
            {...{ [EDITOR_SCOPE_ATTRIBUTE]: 'map' }}
            tabIndex={0}
            role="application"
            aria-label={`Map of stage ${s.stageNumber}${readOnly ? ' (signed, read-only)' : ''}: the tool keys act here`}
            // Pointing at the map gives it the keys (the canvas prevents the default focus).
            onPointerDownCapture={(e) => e.currentTarget.focus({ preventScroll: true })}
          >
            <LiveCanvas
              session={session}
              previous={previous}
              showHandles={!readOnly && s.tool === 'select' && s.selection?.kind === 'piece'}
              underlays={underlays}
              photoDrag={readOnly ? undefined : photoDrag}
            />
            {doc.problem && actedAt.kind === 'canvas' && (
              <CanvasRefusal text={doc.problem} at={actedAt.at} width={s.size.width} height={s.size.height} onClose={() => session.store.clearProblem()} />
            )}
          </div>
        )}
        {/* The side column scrolls on its own: the map keeps the window's remaining height. */}
        <div className="map-side" data-testid="map-side">
          {stages.length > 0 && allStages && derived && (
            // Signed: the panels show the blocks and findings; their forms are disabled.
            <fieldset className="map-side__stage" disabled={readOnly} onPointerDownCapture={(e) => actedInPanel(e.target)} onKeyDownCapture={(e) => actedInPanel(e.target)}>
              <StageReading derived={derived} readOnly={readOnly} canRun={session.canRun} run={session.run} />
              <Inspector
                store={session}
                derived={derived}
                selection={s.selection}
                select={session.select}
                labStatus={active?.labStatus}
                onMarkClear={readOnly ? undefined : (block) => {
                  session.select({ kind: 'block', id: block.ref.id });
                  session.apply((d) => markBlockClear(d, block.ref.id, `Block ${block.label}`));
                }}
              />
              <DefectPanel lesion={lesion} stages={allStages} onSaved={onLesionChanged} />
              {doc.problem && actedAt.kind === 'panel' && <PanelRefusal text={doc.problem} near={actedAt.near} onClose={() => session.store.clearProblem()} />}
            </fieldset>
          )}
          {allStages && <StageSummaryPanel stages={allStages} lesion={lesion} convention={convention} />}
          {/* Re-read whenever a stage is saved: the coding follows the map as it is drawn. */}
          <CodingSummary caseId={lesion.caseId} refresh={stages.map((x) => `${x.id}:${x.version}`).join(',')} />
          {aside}
        </div>
      </div>
    </div>
  );
}
