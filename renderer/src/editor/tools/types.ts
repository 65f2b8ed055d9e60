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

export interface ToolContext {
  readonly store: EditorStore;
  /** The current stage as derived from the store's document (kept fresh by the workspace). */
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

/** A tool is a small state machine (idle → pointing → drawing) fed pointer events in mm. */
export interface Tool {
  readonly id: ToolId;
  down(ctx: ToolContext, e: PointerEvent): void;
  move(ctx: ToolContext, e: PointerEvent): void;
  up(ctx: ToolContext, e: PointerEvent): void;
  /** Escape, or the tool being switched off mid-gesture. */
  cancel(ctx: ToolContext): void;
  /** Enter: finish what is being drawn (polygon). Returns true if the key was used. */
  finish?(ctx: ToolContext): boolean;
  preview(): Preview | null;
}
