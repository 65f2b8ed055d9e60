import type { PointerEvent, Preview, Tool, ToolContext, ToolId, ToolStateName } from './types';

/** A state of one tool: its name and whatever the tool keeps while in it. */
export interface State {
  readonly name: ToolStateName;
}

const IDLE = { name: 'idle' } as const;

/**
 * How a tool answers each event: every handler takes the state the tool is in and returns
 * the next one (the transition). A handler not given leaves the state as it is. What a tool
 * keeps mid-gesture lives only in its state value, so `cancel` is always "back to idle".
 */
export interface ToolSpec<S extends State> {
  readonly id: ToolId;
  readonly down?: (ctx: ToolContext, e: PointerEvent, s: S | typeof IDLE) => S | typeof IDLE;
  readonly move?: (ctx: ToolContext, e: PointerEvent, s: S | typeof IDLE) => S | typeof IDLE;
  readonly up?: (ctx: ToolContext, e: PointerEvent, s: S | typeof IDLE) => S | typeof IDLE;
  /** What leaving a gesture undoes besides the state (a drag's changes to the document). */
  readonly onCancel?: (ctx: ToolContext, s: S) => void;
  /** Enter: the next state, or null when the key means nothing in this state. */
  readonly finish?: (ctx: ToolContext, s: S | typeof IDLE) => S | typeof IDLE | null;
  readonly preview?: (s: S) => Preview | null;
}

export type Idle = typeof IDLE;
export const idle: Idle = IDLE;

/** Builds a tool from its transitions; it starts, and ends every gesture, in `idle`. */
export function defineTool<S extends State>(spec: ToolSpec<S>): Tool {
  let state: S | Idle = IDLE;
  const isIdle = (s: S | Idle): s is Idle => s.name === 'idle';
  return {
    id: spec.id,
    get state() {
      return state.name;
    },
    down: (ctx, e) => {
      if (spec.down) state = spec.down(ctx, e, state);
    },
    move: (ctx, e) => {
      if (spec.move) state = spec.move(ctx, e, state);
    },
    up: (ctx, e) => {
      if (spec.up) state = spec.up(ctx, e, state);
    },
    cancel: (ctx) => {
      const was = state;
      state = IDLE;
      if (!isIdle(was)) spec.onCancel?.(ctx, was);
    },
    finish: (ctx) => {
      const next = spec.finish?.(ctx, state) ?? null;
      if (next === null) return false;
      state = next;
      return true;
    },
    preview: () => (isIdle(state) || !spec.preview ? null : spec.preview(state)),
  };
}

/** Distance between two points in mm. */
export const gap = (a: { x: number; y: number }, b: { x: number; y: number }): number => Math.hypot(a.x - b.x, a.y - b.y);
