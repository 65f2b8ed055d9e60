import type { MapDocument } from '../../../../shared/map/document';
import { planNextStage } from '../../../../shared/map/carryForward';
import { presizeFirstStage, type PreopSize } from '../../../../shared/map/presize';
import type { AppError } from '../../../../shared/result';
import { describeFailure } from '../../lib/failure';
import type { Selection } from '../tools/types';

/** What the session needs of a stage record. */
export interface StageLike {
  readonly id: string;
  readonly number: number;
  readonly doc: MapDocument;
}

/** The stage records behind the session (useStageRecords in the app, a fake in tests). */
export interface StagePorts<S extends StageLike> {
  /** The autosave: one stage's document at the end of every recorded change. */
  saveDoc(stageId: string, doc: MapDocument): void;
  createStage(doc: MapDocument): Promise<S | AppError>;
  removeStage(stage: S): Promise<AppError | null>;
  /** Takes what is stored again; unsaved documents are dropped. */
  reload(): Promise<void>;
}

interface Hooks {
  readonly newId: () => string;
  readonly preop: PreopSize | null;
  /** The document on screen for this stage, if it is the one open. */
  readonly liveDoc: (stageId: string) => MapDocument | null;
  readonly opened: (doc: MapDocument, select: Selection | null) => void;
  readonly changed: () => void;
  readonly addedStage: (hasOutline: boolean) => void;
}

const isFailure = (x: unknown): x is AppError => typeof x === 'object' && x !== null && 'code' in x;

/**
 * The lesion's stages as the session pages through them: which one is open (and loaded into
 * the store), the next stage planned from the last, removal, and a notice about one stage
 * (what carry-forward placed) shown only while that stage is open.
 */
export class StageList<S extends StageLike> {
  private records: readonly S[] | null = null;
  private activeId: string | null = null;
  /** The stage whose document is in the store: saves go there. */
  loadedId: string | null = null;
  private selectOnOpen: Selection | null = null;
  private noticeOf: { readonly text: string; readonly stageId: string | null } | null = null;

  constructor(
    private readonly ports: StagePorts<S>,
    private readonly hooks: Hooks,
  ) {}

  /** The records as last loaded or saved; opens the active stage when it changed. */
  setRecords(records: readonly S[] | null): void {
    this.records = records;
    const active = this.active();
    if (active && this.loadedId !== active.id) {
      this.loadedId = active.id;
      const select = this.selectOnOpen;
      this.selectOnOpen = null;
      this.hooks.opened(active.doc, select);
    } else this.hooks.changed();
  }

  all(): readonly S[] {
    return this.records ?? [];
  }

  loaded(): boolean {
    return this.records !== null;
  }

  /** The stage chosen, else the last. */
  active(): S | null {
    const list = this.records;
    if (!list) return null;
    return list.find((s) => s.id === this.activeId) ?? list[list.length - 1] ?? null;
  }

  /** The stage `by` tabs from the open one, if there is one. */
  step(by: -1 | 1): S | null {
    const active = this.active();
    if (!active) return null;
    return this.all()[this.all().indexOf(active) + by] ?? null;
  }

  show(stage: S | null): void {
    if (!stage) return;
    this.activeId = stage.id;
    this.setRecords(this.records);
  }

  save(doc: MapDocument): void {
    if (this.loadedId) this.ports.saveDoc(this.loadedId, doc);
  }

  notice(): string | null {
    const n = this.noticeOf;
    return n && (n.stageId === null || n.stageId === this.active()?.id) ? n.text : null;
  }

  private setNotice(text: string | null, stageId: string | null = null): void {
    this.noticeOf = text === null ? null : { text, stageId };
    this.hooks.changed();
  }

  /** A next stage may be started once the last one has an outline (or there is none yet). */
  canAddNext(): boolean {
    const list = this.records;
    return !!list && (list.length === 0 || (list[list.length - 1]?.doc.pieces.length ?? 0) > 0);
  }

  /** The next stage, planned from the last (its positive areas plus the margin), or the first, pre-sized. */
  async addNext(marginMm: number): Promise<void> {
    if (!this.records) return;
    const last = this.records[this.records.length - 1];
    const lastDoc = last ? (this.hooks.liveDoc(last.id) ?? last.doc) : null;
    const plan = lastDoc ? planNextStage(lastDoc, marginMm, this.hooks.newId) : presizeFirstStage(this.hooks.preop, marginMm, this.hooks.newId);
    const created = await this.ports.createStage(plan.doc);
    if (isFailure(created)) return this.setNotice(describeFailure(created));
    const first = plan.doc.pieces[0];
    this.selectOnOpen = first ? { kind: 'piece', id: first.id } : null;
    this.activeId = created.id;
    this.noticeOf = plan.notice === null ? null : { text: plan.notice, stageId: created.id };
    this.hooks.addedStage(!!first);
    // The records may have arrived first and opened the stage without its selection: open it
    // again to select the outline, unless something was drawn on it meanwhile.
    if (this.loadedId === created.id) {
      if (this.hooks.liveDoc(created.id) === created.doc) this.loadedId = null;
      else this.selectOnOpen = null;
    }
    // Opened now, whenever the records behind arrive: the new stage is the one on screen.
    const list = this.records ?? [];
    this.setRecords(list.some((s) => s.id === created.id) ? list : [...list, created]);
  }

  async remove(stage: S): Promise<void> {
    const problem = await this.ports.removeStage(stage);
    if (!problem) this.activeId = null;
    this.setNotice(problem ? describeFailure(problem) : `Stage ${stage.number} removed.`);
  }

  /** The open stage's map was changed elsewhere (clinic mode): it is loaded afresh from the next records. */
  openAfresh(): void {
    this.loadedId = null;
  }

  /** Takes the stored stages again; the open one is loaded afresh. */
  reload(): void {
    this.loadedId = null;
    void this.ports.reload();
  }
}
