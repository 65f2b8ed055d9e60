import type { MapDocument } from '../../../../shared/map/document';
import type { EditResult } from '../../../../shared/map/edits';

/**
 * The stage map being edited, outside Konva. Every change goes through `apply`; history
 * keeps whole documents (they are small, immutable values), so undo returns exactly the
 * earlier document. A gesture (a drag, a stroke) may change the document many times while
 * it runs; only its end is one undo step and one save.
 *
 * There is no "apply without recording" (Excalidraw's capture off): a change outside a
 * gesture that was neither an undo step nor saved would show on the map what the record
 * does not hold. Changes that must not be steps each run inside a gesture instead.
 */
export type Edit = (doc: MapDocument) => EditResult;

export interface EditorSnapshot {
  readonly doc: MapDocument;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** Why the last change was refused, shown to the user until the next change. */
  readonly problem: string | null;
}

const HISTORY_LIMIT = 200;

export class EditorStore {
  private doc: MapDocument;
  private past: MapDocument[] = [];
  private future: MapDocument[] = [];
  private gestureBase: MapDocument | null = null;
  private problem: string | null = null;
  private snapshot: EditorSnapshot;
  private settled: EditorSnapshot;
  private readonly listeners = new Set<() => void>();

  /** `onCommit` runs once at the end of every recorded change: the autosave. */
  constructor(
    doc: MapDocument,
    private readonly onCommit: (doc: MapDocument) => void = () => {},
  ) {
    this.doc = doc;
    this.snapshot = this.makeSnapshot();
    this.settled = this.snapshot;
  }

  /** The document as it is this moment, mid-gesture included: what the canvas draws. */
  getSnapshot = (): EditorSnapshot => this.snapshot;

  /**
   * The document as of the last finished gesture: what panels and lists show. It does not
   * change during a drag, so only the canvas redraws on every pointer move.
   */
  getSettledSnapshot = (): EditorSnapshot => this.settled;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get document(): MapDocument {
    return this.doc;
  }

  get inGesture(): boolean {
    return this.gestureBase !== null;
  }

  /** Runs an edit; outside a gesture it is a whole gesture of its own. Returns the refusal reason, if any. */
  apply(edit: Edit): string | null {
    const result = edit(this.doc);
    if (!result.ok) {
      this.problem = result.reason;
      this.emit();
      return result.reason;
    }
    this.problem = null;
    // Outside a gesture every change is recorded, so nothing on screen can go unsaved.
    if (this.gestureBase !== null) {
      this.doc = result.doc;
      this.emit();
      return null;
    }
    this.commit(this.doc, result.doc);
    return null;
  }

  beginGesture(): void {
    if (this.gestureBase === null) this.gestureBase = this.doc;
  }

  /** Ends a gesture: one history step and one save, if it changed anything. */
  endGesture(): void {
    const base = this.gestureBase;
    this.gestureBase = null;
    if (base === null) return;
    if (base === this.doc) return this.emit();
    this.commit(base, this.doc);
  }

  /** Abandons a gesture (Escape): the document goes back to how it was before it. */
  cancelGesture(): void {
    if (this.gestureBase === null) return;
    this.doc = this.gestureBase;
    this.gestureBase = null;
    this.emit();
  }

  /** Undo: mid-gesture it abandons the gesture (that is the step being undone), else one step back. */
  undo(): void {
    if (this.gestureBase !== null) return this.cancelGesture();
    const previous = this.past.pop();
    if (!previous) return;
    this.future.push(this.doc);
    this.doc = previous;
    this.problem = null;
    this.emit();
    this.onCommit(this.doc);
  }

  redo(): void {
    if (this.gestureBase !== null) this.cancelGesture();
    const next = this.future.pop();
    if (!next) return;
    this.past.push(this.doc);
    this.doc = next;
    this.problem = null;
    this.emit();
    this.onCommit(this.doc);
  }

  /** Replaces the document without history (a stage was loaded or switched). */
  reset(doc: MapDocument): void {
    this.doc = doc;
    this.past = [];
    this.future = [];
    this.gestureBase = null;
    this.problem = null;
    this.emit();
  }

  clearProblem(): void {
    if (this.problem === null) return;
    this.problem = null;
    this.emit();
  }

  private commit(before: MapDocument, after: MapDocument): void {
    this.past.push(before);
    if (this.past.length > HISTORY_LIMIT) this.past.shift();
    this.future = [];
    this.doc = after;
    this.emit();
    this.onCommit(after);
  }

  private makeSnapshot(): EditorSnapshot {
    return { doc: this.doc, canUndo: this.past.length > 0, canRedo: this.future.length > 0, problem: this.problem };
  }

  private emit(): void {
    this.snapshot = this.makeSnapshot();
    if (this.gestureBase === null) this.settled = this.snapshot;
    for (const l of this.listeners) l();
  }
}
