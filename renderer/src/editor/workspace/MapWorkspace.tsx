import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';
import { DEFAULT_INK_SEQUENCE } from '../../../../shared/catalog/inkPalette';
import { clockAngle } from '../../../../shared/geometry/clock';
import type { Point } from '../../../../shared/geometry/types';
import { planNextStage } from '../../../../shared/map/carryForward';
import { presizeFirstStage } from '../../../../shared/map/presize';
import { deriveStage, pieceRings } from '../../../../shared/map/derive';
import { EMPTY_MAP } from '../../../../shared/map/document';
import { markBlockClear } from '../../../../shared/map/readings';
import type { Lesion, Settings } from '../../../../shared/records';
import { describeFailure } from '../../lib/failure';
import { registerUnsavedWork } from '../../lib/unsavedWork';
import type { CanvasPointer } from '../canvas/MapCanvas';
import { fitView, toScreen, type View } from '../canvas/view';
import { editorCommands, type EditorCommandContext } from '../commands/editorCommands';
import { keyChord } from '../commands/keys';
import { useDesktopEditMenu } from '../session/desktopEditMenu';
import { EDITOR_SCOPE_ATTRIBUTE, editorTakesKey, focusPlace } from '../session/keyScope';
import { EditorStore } from '../state/editorStore';
import { createTool, type Selection, type Tool, type ToolContext, type ToolId } from '../tools';
import { CodingSummary } from '../../components/coding/CodingSummary';
import { DefectPanel } from './DefectPanel';
import { StageSummaryPanel } from './StageSummaryPanel';
import { CanvasRefusal, PanelRefusal, StageReading } from './StageReading';
import { LiveCanvas } from './LiveCanvas';
import { Inspector } from './Inspector';
import { StageBar } from './StageBar';
import { Toolbar } from './Toolbar';
import { useCanvasSize } from './useCanvasSize';
import { useStageRecords } from './useStageRecords';

/** Large hit targets for gloved hands and pens: 12 screen pixels, whatever the zoom. */
const HIT_PX = 12;
const PLACEHOLDER_SIZE = { width: 800, height: 560 };
const newId = () => crypto.randomUUID();

/**
 * A lesion's maps: every stage on one canvas in the lesion's frame, the tools, the blocks
 * and findings, and the autosave of every gesture. `readOnly` (a signed lesion): the maps
 * can be looked at, zoomed and paged through, never changed.
 */
export function MapWorkspace({ lesion, settings, onLesionChanged, readOnly = false, aside }: {
  readonly lesion: Lesion;
  readonly settings: Settings;
  readonly onLesionChanged: () => void;
  readonly readOnly?: boolean;
  /** More about the lesion, in the side column below the stage's panels. */
  readonly aside?: ReactNode;
}) {
  const records = useStageRecords(lesion.id);
  const stages = records.stages;
  const [activeId, setActiveId] = useState<string | null>(null);
  const active = stages?.find((s) => s.id === activeId) ?? stages?.[stages.length - 1] ?? null;

  // The store lives as long as the workspace; saves go to the stage it was last loaded with.
  const store = useMemo(
    () => new EditorStore(EMPTY_MAP, (doc) => {
      if (loadedStageId.current) records.saveDoc(loadedStageId.current, doc);
    }),
    [], // records.saveDoc is stable
  );
  const snapshot = useSyncExternalStore(store.subscribe, store.getSettledSnapshot);
  // Before a lock or a switch of user: a gesture in progress ends as if the pointer were
  // lifted where it last was (one saved step, reconciled as usual), then the autosave queue
  // drains; only then are the views unmounted.
  const pointerHeld = useRef<{ point: Point; shift: boolean } | null>(null);
  useEffect(
    () =>
      registerUnsavedWork(() => {
        const held = pointerHeld.current;
        pointerHeld.current = null;
        if (held) tool.current.up(toolContextRef.current, held);
        store.endGesture();
        return records.whenSaved();
      }),
    [store, records.whenSaved],
  );
  const loadedStageId = useRef<string | null>(null);
  const selectOnOpen = useRef<Selection | null>(null);
  useEffect(() => {
    if (active && loadedStageId.current !== active.id) {
      // A half-drawn shape of the previous stage must not land on this one.
      tool.current.cancel(toolContextRef.current);
      loadedStageId.current = active.id;
      store.reset(active.doc);
      setSelection(selectOnOpen.current);
      selectOnOpen.current = null;
    }
  }, [active, store]);

  const stageNumber = active?.number ?? 1;
  const convention = settings.blockLabelConvention;
  const derived = useMemo(() => deriveStage(snapshot.doc, stageNumber, convention), [snapshot.doc, stageNumber, convention]);
  const previous = useMemo(
    () => (stages ?? []).filter((s) => s.number < stageNumber).map((s) => ({ number: s.number, derived: deriveStage(s.doc, s.number, convention) })),
    [stages, stageNumber, convention],
  );

  const [toolId, setToolId] = useState<ToolId>('ellipse');
  const tool = useRef<Tool>(createTool('ellipse'));
  const [selection, setSelection] = useState<Selection | null>(null);
  const [ink, setInk] = useState<string>(DEFAULT_INK_SEQUENCE[0] ?? 'blue');
  const [otherFinding, setOtherFinding] = useState<'scar' | 'unrelated-tumor' | 'note'>('note');
  const [radialCount, setRadialCount] = useState(6);
  const [axisHour, setAxisHour] = useState(12);
  const [clockGuide, setClockGuide] = useState(true);
  const [margin, setMargin] = useState(settings.defaultMarginMm);
  // A notice about one stage (what carry-forward placed) shows only while that stage is open.
  const [noticeOf, setNoticeOf] = useState<{ text: string; stageId: string | null } | null>(null);
  const setNotice = (text: string | null, stageId: string | null = null) => setNoticeOf(text === null ? null : { text, stageId });
  // Where the last change was asked for, so its refusal is shown there, in view (the canvas at
  // the pointer, or the reading panel beside the block list), never somewhere off-screen.
  const actedAt = useRef<{ kind: 'canvas'; at: Point | null } | { kind: 'panel'; near: DOMRect }>({ kind: 'canvas', at: null });
  const actedInPanel = (target: EventTarget) => {
    if (!(target instanceof Element)) return;
    const control = target.closest('button, input, select, textarea, tr') ?? target;
    // A new action: an earlier refusal (shown elsewhere) is no longer the news.
    store.clearProblem();
    actedAt.current = { kind: 'panel', near: control.getBoundingClientRect() };
  };
  const [canvasRef, measured] = useCanvasSize<HTMLDivElement>();
  const size = measured ?? PLACEHOLDER_SIZE;
  const [view, setView] = useState<View>(() => fitView([], size.width, size.height));

  const allPoints = useCallback((): Point[] => [...(stages ?? []).flatMap((s) => pieceRings(s.doc).flat()), ...derived.pieces.flatMap((p) => p.outline)], [stages, derived.pieces]);
  const fit = useCallback(() => setView(fitView(allPoints(), size.width, size.height)), [allPoints, size.width, size.height]);
  // Fit when a stage is opened. A resized window keeps the map where it was, centred.
  useEffect(fit, [active?.id]);
  const lastSize = useRef<typeof measured>(null);
  useEffect(() => {
    const before = lastSize.current;
    lastSize.current = measured;
    if (!measured) return;
    // The first measurement replaces the placeholder size: fit to it.
    if (!before) return fit();
    if (before.width === measured.width && before.height === measured.height) return;
    setView((v) => ({ ...v, ox: v.ox + (measured.width - before.width) / 2, oy: v.oy + (measured.height - before.height) / 2 }));
  }, [measured]);

  // Tools hit-test against the document as it is mid-gesture; the division is cached.
  const liveDerived = () => deriveStage(store.document, stageNumber, convention);
  const toolContext: ToolContext = {
    store,
    derived: liveDerived,
    newId,
    activeInk: ink,
    otherFindingKind: otherFinding,
    hitMm: HIT_PX / view.scale,
    selection,
    select: setSelection,
  };

  const changeTool = useCallback((id: ToolId) => {
    tool.current.cancel(toolContextRef.current);
    tool.current = createTool(id);
    setToolId(id);
  }, []);
  const toolContextRef = useRef(toolContext);
  toolContextRef.current = toolContext;

  const addNextStage = async () => {
    if (!stages) return;
    const last = stages[stages.length - 1];
    // The map on screen, not the last save: a tumor marked a moment ago may still be saving.
    const lastDoc = last && last.id === loadedStageId.current ? store.document : last?.doc;
    const plan = lastDoc ? planNextStage(lastDoc, margin, newId) : presizeFirstStage({ lengthMm: lesion.preopLengthMm, widthMm: lesion.preopWidthMm }, margin, newId);
    const created = await records.createStage(plan.doc);
    if ('code' in created) return setNotice(describeFailure(created));
    // The pre-placed outline is there to be adjusted: show its corners at once.
    const first = plan.doc.pieces[0];
    selectOnOpen.current = first ? { kind: 'piece', id: first.id } : null;
    setActiveId(created.id);
    setNotice(plan.notice, created.id);
    changeTool(first ? 'select' : 'ellipse');
    focusMapNext.current = true;
  };

  const commandContext: EditorCommandContext = {
    store,
    derived: liveDerived,
    newId,
    tool: toolId,
    setTool: changeTool,
    selection,
    select: setSelection,
    setInk,
    templateAngle: clockAngle(axisHour),
    radialCount,
    cancelGesture: () => {
      tool.current.cancel(toolContext);
      store.cancelGesture();
    },
    finishGesture: () => void tool.current.finish?.(toolContext),
    fitView: fit,
    toggleClockGuide: () => setClockGuide((g) => !g),
    stages: {
      canAddNext: !!stages && (stages.length === 0 || (stages[stages.length - 1]?.doc.pieces.length ?? 0) > 0),
      addNext: () => void addNextStage(),
      hasPrevious: !!stages && !!active && stages.indexOf(active) > 0,
      hasNext: !!stages && !!active && stages.indexOf(active) < stages.length - 1,
      previous: () => stages && active && setActiveId(stages[stages.indexOf(active) - 1]?.id ?? active.id),
      next: () => stages && active && setActiveId(stages[stages.indexOf(active) + 1]?.id ?? active.id),
    },
  };
  const registry = useMemo(editorCommands, []);
  // The desktop Edit menu's Undo/Redo, while the map has the focus (a signed map has no history).
  const editMenu = useDesktopEditMenu((action) => {
    registry.run(commandContext, action, readOnly);
  });

  // Keys reach the editor only from its own scope (the map, its toolbar): a focused button,
  // field or dialog elsewhere keeps its native keys (Enter, Space, typing).
  const onKeyDown = (e: ReactKeyboardEvent) => {
    if (!editorTakesKey(focusPlace(e.target), keyChord(e))) return;
    const command = registry.forKey(e);
    // A signed map takes only the keys that look (fit, clock, paging through stages).
    if (!command || (readOnly && !command.viewOnly)) return;
    const before = actedAt.current;
    // A key acts on the map: its refusal shows on the map, where the pointer last was.
    actedAt.current = before.kind === 'canvas' ? before : { kind: 'canvas', at: null };
    store.clearProblem();
    if (registry.handleKey(commandContext, e, readOnly)) e.preventDefault();
  };

  // A new stage is there to be drawn on: the keys go to the map once it is shown.
  const mapFrame = useRef<HTMLDivElement | null>(null);
  const focusMapNext = useRef(false);
  // Stable: a new callback each render would re-measure the frame on every render.
  const frameRef = useCallback((el: HTMLDivElement | null) => {
    canvasRef(el);
    mapFrame.current = el;
  }, [canvasRef]);
  useEffect(() => {
    if (!focusMapNext.current || !mapFrame.current) return;
    focusMapNext.current = false;
    mapFrame.current.focus({ preventScroll: true });
  });

  const onPointer = (e: CanvasPointer) => {
    if (!active || readOnly) return;
    if (e.type === 'down') store.clearProblem();
    if (e.type === 'down' || e.type === 'up') actedAt.current = { kind: 'canvas', at: toScreen(view, e.point) };
    const t = tool.current;
    const event = { point: e.point, shift: e.shift };
    pointerHeld.current = e.type === 'down' || (e.type === 'move' && pointerHeld.current) ? event : null;
    if (e.type === 'down') t.down(toolContext, event);
    else if (e.type === 'move') t.move(toolContext, event);
    else if (e.type === 'up') t.up(toolContext, event);
    else t.cancel(toolContext);
  };

  const notice = noticeOf && (noticeOf.stageId === null || noticeOf.stageId === active?.id) ? noticeOf.text : null;
  if (records.loadError) return <p className="notice notice--error" role="alert">{describeFailure(records.loadError)}</p>;
  if (!stages) return <p className="loading" role="status">Loading stages…</p>;

  return (
    <div className={`map-workspace${readOnly ? ' map-workspace--read-only' : ''}`} onKeyDown={onKeyDown}>
      <StageBar
        stages={stages}
        active={active}
        onSelect={(s) => setActiveId(s.id)}
        onAdd={() => void addNextStage()}
        canAdd={!readOnly && commandContext.stages.canAddNext}
        margin={margin}
        onMargin={setMargin}
        save={records.save}
        onRetry={records.retry}
        onReload={() => {
          loadedStageId.current = null;
          void records.reload();
        }}
        onRemove={async (s) => {
          if (readOnly) return;
          const problem = await records.removeStage(s);
          setNotice(problem ? describeFailure(problem) : `Stage ${s.number} removed.`);
          if (!problem) setActiveId(null);
        }}
      />
      {stages.length > 0 && !readOnly && (
        <Toolbar registry={registry} ctx={commandContext} tool={toolId} ink={ink} radialCount={radialCount} onRadialCount={setRadialCount} axisHour={axisHour} onAxisHour={setAxisHour} />
      )}
      {stages.length > 0 && !readOnly && toolId === 'note' && (
        <div className="tool-options" role="group" aria-label="Kind of finding">
          {(['scar', 'unrelated-tumor', 'note'] as const).map((k) => (
            <label key={k}>
              <input type="radio" name="finding-kind" checked={otherFinding === k} onChange={() => setOtherFinding(k)} />
              {k === 'unrelated-tumor' ? 'Unrelated tumor' : k === 'scar' ? 'Scar' : 'Note'}
            </label>
          ))}
        </div>
      )}
      {stages.length > 0 && (derived.divisionProblem || notice) && (
        <p className="notice notice--warning map-notice" role="status">
          {derived.divisionProblem ?? notice}
        </p>
      )}
      <div className="map-body">
        {stages.length === 0 && readOnly ? (
          <p className="empty empty--inline">No stages were mapped before the lesion was signed.</p>
        ) : stages.length === 0 ? (
          <div className="empty">
            <p><strong>No stages are mapped yet.</strong></p>
            <p className="muted">Start stage 1, then draw the excised specimen on the map.</p>
            <button type="button" className="button button--primary" onClick={() => void addNextStage()}>Start stage 1</button>
          </div>
        ) : (
          <div
            className="map-canvas-frame"
            ref={frameRef}
            onFocus={editMenu.onFocus}
            onBlur={editMenu.onBlur}
            data-testid="map-canvas"
            data-view={`${view.scale.toFixed(3)} ${view.ox.toFixed(1)} ${view.oy.toFixed(1)}`}
            {...{ [EDITOR_SCOPE_ATTRIBUTE]: 'map' }}
            tabIndex={0}
            role="application"
            aria-label={`Map of stage ${stageNumber}${readOnly ? ' (signed, read-only)' : ''}: the tool keys act here`}
            // Pointing at the map gives it the keys (the canvas prevents the default focus).
            onPointerDownCapture={(e) => e.currentTarget.focus({ preventScroll: true })}
          >
            <LiveCanvas
              store={store}
              stageNumber={stageNumber}
              convention={convention}
              width={size.width}
              height={size.height}
              view={view}
              onView={setView}
              previous={previous}
              selection={selection}
              showHandles={!readOnly && toolId === 'select' && selection?.kind === 'piece'}
              clockGuide={clockGuide}
              tool={tool}
              onPointer={onPointer}
            />
            {snapshot.problem && actedAt.current.kind === 'canvas' && (
              <CanvasRefusal text={snapshot.problem} at={actedAt.current.at} width={size.width} height={size.height} onClose={() => store.clearProblem()} />
            )}
          </div>
        )}
        {/* The side column scrolls on its own: the map keeps the window's remaining height. */}
        <div className="map-side" data-testid="map-side">
          {stages.length > 0 && (
            // Signed: the panels show the blocks and findings; their forms are disabled.
            <fieldset className="map-side__stage" disabled={readOnly} onPointerDownCapture={(e) => actedInPanel(e.target)} onKeyDownCapture={(e) => actedInPanel(e.target)}>
              <StageReading
                derived={derived}
                readOnly={readOnly}
                canRun={(id) => registry.get(id).canRun(commandContext)}
                run={(id) => registry.run(commandContext, id)}
              />
              <Inspector
                store={store}
                derived={derived}
                selection={selection}
                select={setSelection}
                labStatus={active?.labStatus}
                onMarkClear={readOnly ? undefined : (block) => {
                  setSelection({ kind: 'block', id: block.ref.id });
                  store.apply((doc) => markBlockClear(doc, block.ref.id, `Block ${block.label}`));
                }}
              />
              <DefectPanel lesion={lesion} stages={stages} onSaved={onLesionChanged} />
              {snapshot.problem && actedAt.current.kind === 'panel' && (
                <PanelRefusal text={snapshot.problem} near={actedAt.current.near} onClose={() => store.clearProblem()} />
              )}
            </fieldset>
          )}
          <StageSummaryPanel stages={stages} lesion={lesion} convention={convention} />
          {/* Re-read whenever a stage is saved: the coding follows the map as it is drawn. */}
          <CodingSummary caseId={lesion.caseId} refresh={stages.map((s) => `${s.id}:${s.version}`).join(',')} />
          {aside}
        </div>
      </div>
    </div>
  );
}
