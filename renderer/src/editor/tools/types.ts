import type { Point } from '../../../../shared/geometry/types';
import type { DerivedStage } from '../../../../shared/map/derive';
import type { EditorStore } from '../state/editorStore';

export type ToolId =
  | 'select'
  | 'ellipse'
  | 'polygon'
  | 'freehand'
  | 'cut'
  | 'mark'
  | 'ink'
  | 'tumor-edge'
  | 'tumor-deep'
  | 'incomplete'
  | 'note';

/** What is selected: session state, never saved, never undone. */
export type Selection =
  | { readonly kind: 'block'; readonly id: string }
  | { readonly kind: 'cut'; readonly id: string }
  | { readonly kind: 'ink'; readonly id: string }
  | { readonly kind: 'finding'; readonly id: string }
  | { readonly kind: 'mark'; readonly id: string }
  /** A whole piece of the stage: its outline's corners can be dragged, Delete removes it. */
  | { readonly kind: 'piece'; readonly id: string };

/** What a tool may use and change: handed to it by the editor session with every event. */
export interface ToolContext {
  readonly store: EditorStore;
  /** The current stage as derived from the store's document, mid-gesture included (cached). */
  readonly derived: () => DerivedStage;
  readonly newId: () => string;
  readonly activeInk: string;
  readonly otherFindingKind: 'scar' | 'unrelated-tumor' | 'note';
  /** How far from a line or handle a pointer may be and still hit it, in mm at the current zoom. */
  readonly hitMm: number;
  readonly selection: Selection | null;
  readonly select: (s: Selection | null) => void;
}

export interface PointerEvent {
  readonly point: Point;
  readonly shift: boolean;
}

/** What the overlay layer draws while a tool works. */
export type Preview =
  | { readonly kind: 'polyline'; readonly points: readonly Point[]; readonly closed?: boolean }
  | { readonly kind: 'ellipse'; readonly cx: number; readonly cy: number; readonly rx: number; readonly ry: number }
  | { readonly kind: 'stretch'; readonly points: readonly Point[]; readonly color: string }
  | { readonly kind: 'lasso'; readonly points: readonly Point[] };

/**
 * The named states a tool passes through: `idle` waits for the pointer, `pointing` is pressed
 * but not yet moved past a click, `dragging` moves something, `drawing` collects a shape
 * over several moves or clicks.
 */
export type ToolStateName = 'idle' | 'pointing' | 'dragging' | 'drawing';

/** A tool as the session drives it: a small state machine fed pointer events in mm. */
export interface Tool {
  readonly id: ToolId;
  /** The state it is in now (observable through the session). */
  readonly state: ToolStateName;
  down(ctx: ToolContext, e: PointerEvent): void;
  move(ctx: ToolContext, e: PointerEvent): void;
  up(ctx: ToolContext, e: PointerEvent): void;
  /** Escape, or the tool being switched off mid-gesture: back to idle, nothing kept. */
  cancel(ctx: ToolContext): void;
  /** Enter: finish what is being drawn (polygon). Returns true if the key was used. */
  finish(ctx: ToolContext): boolean;
  /** What the overlay draws for the state the tool is in. */
  preview(): Preview | null;
}
