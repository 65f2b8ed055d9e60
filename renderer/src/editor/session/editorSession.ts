import { DEFAULT_INK_SEQUENCE } from '../../../../shared/catalog/inkPalette';
import { clockAngle } from '../../../../shared/geometry/clock';
import type { Point } from '../../../../shared/geometry/types';
import { deriveStage, pieceRings, type DerivedStage } from '../../../../shared/map/derive';
import { EMPTY_MAP, type MapDocument } from '../../../../shared/map/document';
import type { BlockLabelConvention } from '../../../../shared/records';
import type { CanvasPointer } from '../canvas/pointer';
import { fitView, toScreen, type View } from '../canvas/view';
import { editorCommands, type EditorCommandContext } from '../commands/editorCommands';
import { keyChord, type KeyLike } from '../commands/keys';
import type { Command } from '../commands/registry';
import { EditorStore, type Edit } from '../state/editorStore';
import { createTool, type Preview, type Selection, type Tool, type ToolContext, type ToolId, type ToolStateName } from '../tools';
import { editorTakesKey, type FocusPlace } from './keyScope';
import { StageList, type StagePorts, type StageLike } from './stageList';

/** Large hit targets for gloved hands and pens: 12 screen pixels, whatever the zoom. */
const HIT_PX = 12;
const PLACEHOLDER_SIZE = { width: 800, height: 560 } as const;

export type FindingKind = 'scar' | 'unrelated-tumor' | 'note';

/** Where the last change was asked for, so its refusal shows there, in view. */
export type ActedAt = { readonly kind: 'canvas'; readonly at: Point | null } | { readonly kind: 'panel'; readonly near: DOMRect };

/** The session as the workspace draws it; a new object whenever any of it changes. */
export interface SessionSnapshot {
  readonly tool: ToolId;
  /** The tool's named state: idle, pointing, dragging or drawing. */
  readonly toolState: ToolStateName;
  readonly selection: Selection | null;
  readonly view: View;
  readonly size: { readonly width: number; readonly height: number };
  readonly ink: string;
  readonly otherFinding: FindingKind;
  readonly radialCount: number;
  readonly axisHour: number;
  readonly clockGuide: boolean;
  /** The margin the next stage is planned with, mm. */
  readonly margin: number;
  readonly readOnly: boolean;
  /** How block labels are written (the clinic's setting). */
  readonly convention: BlockLabelConvention;
  readonly actedAt: ActedAt;
  /** The open stage's id, its number; the note about it; a count that asks to focus the map. */
  readonly stageId: string | null;
  readonly stageNumber: number;
  readonly notice: string | null;
  readonly focusMapRequest: number;
}

/**
 * The snapshot as the workspace around the map renders it: all but what changes inside a
 * gesture without changing what the workspace shows (the tool's state, where the pointer last
 * acted). A new object only when the rest changes, so a press on a corner and the first move
 * of its drag re-render none of the page's panels, the toolbar aside (see `getSnapshot`).
 */
export type WorkspaceSnapshot = Omit<SessionSnapshot, 'toolState' | 'actedAt'>;

export interface SessionOptions<S extends StageLike> {
  readonly ports: StagePorts<S>;
  readonly convention: BlockLabelConvention;
  readonly readOnly?: boolean;
  readonly defaultMarginMm: number;
  readonly preop: { readonly lengthMm: number; readonly widthMm: number } | null;
  readonly newId?: () => string;
}

/**
 * One editing session of a lesion's maps, with no React: the current tool (a small state
 * machine), the selection, the view, the pending gesture, the commands and the key scopes.
 * It is the only path from input (pointer, keys, commands, the Edit menu, the side panels)
 * to the store's `apply`, so a signed lesion is refused in one place. Observable two ways:
 * `subscribe`/`getSnapshot` for the workspace (changes at gesture boundaries), and
 * `subscribeLive`/`getPreview` for the live canvas layer (changes on every pointer move).
 */
export class EditorSession<S extends StageLike = StageLike> {
  readonly store: EditorStore;
  readonly stages: StageList<S>;
  private readonly registry = editorCommands();
  private readonly newId: () => string;
  private tool: Tool = createTool('ellipse');
  private state: Omit<SessionSnapshot, 'tool' | 'toolState' | 'stageId' | 'stageNumber' | 'notice'>;
  private snapshot: SessionSnapshot;
  private workspaceSnapshot: WorkspaceSnapshot;
  private preview: Preview | null = null;
  /** The pointer while a button is down on the map: where a gesture would end if cut short. */
  private held: { readonly point: Point; readonly shift: boolean } | null = null;
  private measured = false;
  private readonly listeners = new Set<() => void>();
  private readonly liveListeners = new Set<() => void>();

  constructor(options: SessionOptions<S>) {
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.stages = new StageList(options.ports, {
      newId: this.newId,
      preop: options.preop,
      // The map on screen, not the last save: a tumor marked a moment ago may still be saving.
      liveDoc: (stageId) => (stageId === this.stages.loadedId ? this.store.document : null),
      opened: (doc, select) => this.opened(doc, select),
      changed: () => this.emit(),
      addedStage: (first) => this.addedStage(first),
    });
    this.store = new EditorStore(EMPTY_MAP, (doc) => this.stages.save(doc));
    const size = PLACEHOLDER_SIZE;
    this.state = {
      selection: null,
      view: fitView([], size.width, size.height),
      size,
      ink: DEFAULT_INK_SEQUENCE[0] ?? 'blue',
      otherFinding: 'note',
      radialCount: 6,
      axisHour: 12,
      clockGuide: true,
      readOnly: options.readOnly ?? false,
      convention: options.convention,
      actedAt: { kind: 'canvas', at: null },
      margin: options.defaultMarginMm,
      focusMapRequest: 0,
    };
    this.snapshot = this.makeSnapshot();
    this.workspaceSnapshot = workspacePart(this.snapshot);
  }

  // ── observing ────────────────────────────────────────────────────────────────────────────
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getSnapshot = (): SessionSnapshot => this.snapshot;
  /** The same (`subscribe` tells of its changes) without the tool's state and where the pointer acted: see WorkspaceSnapshot. */
  getWorkspaceSnapshot = (): WorkspaceSnapshot => this.workspaceSnapshot;
  subscribeLive = (listener: () => void): (() => void) => {
    this.liveListeners.add(listener);
    return () => this.liveListeners.delete(listener);
  };
  /** What the tool draws over the map this moment (a rubber-band ellipse, a stroke). */
  getPreview = (): Preview | null => this.preview;

  /** The open stage as derived from the document this moment (cached per document). */
  derived = (): DerivedStage => deriveStage(this.store.document, this.stages.active()?.number ?? 1, this.state.convention);

  // ── settings the workspace passes on ─────────────────────────────────────────────────────
  configure(c: { readonly readOnly: boolean; readonly convention: BlockLabelConvention }): void {
    if (c.readOnly === this.state.readOnly && c.convention === this.state.convention) return;
    // Signed while a shape was half drawn: it is dropped, never finished.
    if (c.readOnly) this.cancelGesture();
    this.set({ readOnly: c.readOnly, convention: c.convention });
  }

  setStageRecords(records: readonly S[] | null): void {
    this.stages.setRecords(records);
  }

  /** The stage bar's actions; a signed lesion's stages are neither added nor removed. */
  addNextStage = (): void => {
    if (!this.state.readOnly && this.stages.canAddNext()) void this.stages.addNext(this.state.margin);
  };
  removeStage = (stage: S): void => {
    if (!this.state.readOnly) void this.stages.remove(stage);
  };

  // ── tool, selection, options ─────────────────────────────────────────────────────────────
  setTool = (id: ToolId): void => {
    this.tool.cancel(this.toolContext());
    this.tool = createTool(id);
    this.emit();
    this.emitPreview();
  };
  select = (selection: Selection | null): void => {
    // The same thing again (a press on a corner of the selected outline): nothing changes.
    const was = this.state.selection;
    if (was === selection || (was && selection && was.kind === selection.kind && was.id === selection.id)) return;
    this.set({ selection });
  };
  setInk = (ink: string): void => this.set({ ink });
  setOtherFinding = (otherFinding: FindingKind): void => this.set({ otherFinding });
  setRadialCount = (radialCount: number): void => this.set({ radialCount });
  setAxisHour = (axisHour: number): void => this.set({ axisHour });
  setMargin = (margin: number): void => this.set({ margin });

  // ── view ─────────────────────────────────────────────────────────────────────────────────
  setView = (view: View): void => this.set({ view });

  /** Every stage in view with a margin. */
  fit = (): void => {
    const { width, height } = this.state.size;
    // The open stage's outlines from its document: fitting needs no division into blocks.
    const points = [...this.stages.all().flatMap((s) => pieceRings(s.doc).flat()), ...pieceRings(this.store.document).flat()];
    this.set({ view: fitView(points, width, height) });
  };

  /** The canvas was measured: the first size fits the map; a resized window keeps it where it was, centred. */
  resize(width: number, height: number): void {
    const before = this.state.size;
    const first = !this.measured;
    this.measured = true;
    if (!first && before.width === width && before.height === height) return;
    const v = this.state.view;
    this.set({ size: { width, height }, view: first ? v : { ...v, ox: v.ox + (width - before.width) / 2, oy: v.oy + (height - before.height) / 2 } });
    if (first) this.fit();
  }

  // ── input ────────────────────────────────────────────────────────────────────────────────
  /** A pointer event on the map, in millimetres. A signed map, or no stage, takes none. */
  pointer(e: CanvasPointer): void {
    if (this.state.readOnly || this.snapshot.stageId === null) return;
    if (e.type === 'down') this.store.clearProblem();
    if (e.type === 'down' || e.type === 'up') this.state = { ...this.state, actedAt: { kind: 'canvas', at: toScreen(this.state.view, e.point) } };
    const ctx = this.toolContext();
    const event = { point: e.point, shift: e.shift };
    this.held = e.type === 'down' || (e.type === 'move' && this.held) ? event : null;
    const before = this.tool.state;
    if (e.type === 'down') this.tool.down(ctx, event);
    else if (e.type === 'move') this.tool.move(ctx, event);
    else if (e.type === 'up') this.tool.up(ctx, event);
    else this.tool.cancel(ctx);
    // The workspace re-renders at a gesture's boundaries only; every move goes to the live layer.
    if (e.type !== 'move' || this.tool.state !== before) this.emit();
    this.emitPreview();
  }

  /**
   * A key press; `place` is where the focus is (key scopes). True when the editor took it
   * (the caller prevents the browser's default then).
   */
  key(e: KeyLike, place: FocusPlace = 'map'): boolean {
    if (!editorTakesKey(place, keyChord(e))) return false;
    const command = this.registry.forKey(e);
    // A signed map takes only the keys that look (fit, clock, paging through stages).
    if (!command || (this.state.readOnly && !command.viewOnly)) return false;
    // A key acts on the map: its refusal shows on the map, where the pointer last was.
    if (this.state.actedAt.kind === 'panel') this.set({ actedAt: { kind: 'canvas', at: null } });
    this.store.clearProblem();
    if (command.canRun(this.commandContext())) command.run(this.commandContext());
    return true;
  }

  /** A command by id (toolbar, panels, the Edit menu); never a change on a signed map. */
  run = (id: string): void => this.registry.run(this.commandContext(), id, this.state.readOnly);
  canRun = (id: string): boolean => this.registry.allowed(this.commandContext(), id, this.state.readOnly);
  command = (id: string): Command<EditorCommandContext> => this.registry.get(id);

  /** An edit from a side panel (a block's label, a finding's note); refused on a signed map. */
  apply = (edit: Edit): string | null => {
    if (this.state.readOnly) return 'The lesion is signed: its maps cannot be changed.';
    return this.store.apply(edit);
  };

  /** A control in a side panel was used: a refusal it causes shows beside it. */
  actedInPanel(near: DOMRect): void {
    // A new action: an earlier refusal (shown elsewhere) is no longer the news.
    this.store.clearProblem();
    this.state = { ...this.state, actedAt: { kind: 'panel', near } };
    this.emit();
  }

  /**
   * Before a lock or a switch of user: a gesture in progress ends as if the pointer were
   * lifted where it last was (one saved step, as usual), so nothing drawn is lost.
   */
  finishGesture = (): void => {
    const held = this.held;
    this.held = null;
    if (held) this.tool.up(this.toolContext(), held);
    this.store.endGesture();
    this.emit();
    this.emitPreview();
  };

  /** Escape, undo mid-drag, a stage switch: the gesture is abandoned and the tool is idle. */
  cancelGesture = (): void => {
    this.tool.cancel(this.toolContext());
    this.store.cancelGesture();
    this.emit();
    this.emitPreview();
  };

  // ── wiring ───────────────────────────────────────────────────────────────────────────────
  private toolContext(): ToolContext {
    return {
      store: this.store,
      derived: this.derived,
      newId: this.newId,
      activeInk: this.state.ink,
      otherFindingKind: this.state.otherFinding,
      hitMm: HIT_PX / this.state.view.scale,
      selection: this.state.selection,
      select: this.select,
    };
  }

  private commandContext(): EditorCommandContext {
    const stages = this.stages;
    return {
      store: this.store,
      derived: this.derived,
      newId: this.newId,
      tool: this.tool.id,
      setTool: this.setTool,
      selection: this.state.selection,
      select: this.select,
      setInk: this.setInk,
      templateAngle: clockAngle(this.state.axisHour),
      radialCount: this.state.radialCount,
      cancelGesture: this.cancelGesture,
      finishGesture: () => {
        this.tool.finish(this.toolContext());
        this.emit();
        this.emitPreview();
      },
      fitView: this.fit,
      toggleClockGuide: () => this.set({ clockGuide: !this.state.clockGuide }),
      stages: {
        canAddNext: stages.canAddNext(),
        addNext: this.addNextStage,
        hasPrevious: stages.step(-1) !== null,
        hasNext: stages.step(1) !== null,
        previous: () => stages.show(stages.step(-1)),
        next: () => stages.show(stages.step(1)),
      },
    };
  }

  /** A stage was opened: its document in the store, what was asked to be selected, all in view. */
  private opened(doc: MapDocument, select: Selection | null): void {
    // A half-drawn shape of the previous stage must not land on this one.
    this.tool.cancel(this.toolContext());
    this.store.reset(doc);
    this.state = { ...this.state, selection: select };
    this.emit();
    this.fit();
    this.emitPreview();
  }

  /** A new stage was made: its pre-placed outline is there to be adjusted, the keys go to the map. */
  private addedStage(hasOutline: boolean): void {
    this.setTool(hasOutline ? 'select' : 'ellipse');
    this.state = { ...this.state, focusMapRequest: this.state.focusMapRequest + 1 };
    this.emit();
  }

  private set(patch: Partial<SessionSnapshot>): void {
    this.state = { ...this.state, ...patch };
    this.emit();
  }

  private makeSnapshot(): SessionSnapshot {
    const active = this.stages.active();
    return {
      ...this.state,
      tool: this.tool.id,
      toolState: this.tool.state,
      stageId: active?.id ?? null,
      stageNumber: active?.number ?? 1,
      notice: this.stages.notice(),
    };
  }

  private emit(): void {
    this.snapshot = this.makeSnapshot();
    const part = workspacePart(this.snapshot);
    if (!sameFields(part, this.workspaceSnapshot)) this.workspaceSnapshot = part;
    for (const l of this.listeners) l();
  }

  private emitPreview(): void {
    const next = this.tool.preview();
    // A stroke grows in place: a preview shown is drawn again on every event, even if it is the same object.
    if (next === null && this.preview === null) return;
    this.preview = next;
    for (const l of this.liveListeners) l();
  }
}

function workspacePart(s: SessionSnapshot): WorkspaceSnapshot {
  const { toolState: _toolState, actedAt: _actedAt, ...rest } = s;
  return rest;
}

function sameFields<T extends object>(a: T, b: T): boolean {
  for (const k of Object.keys(a) as (keyof T)[]) if (a[k] !== b[k]) return false;
  return Object.keys(a).length === Object.keys(b).length;
}
