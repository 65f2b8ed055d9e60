import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toWorld, type View } from '../../../../renderer/src/editor/canvas/view';
import { wheelView, type WheelLike } from '../../../../renderer/src/editor/session/wheel';

const view: View = { scale: 10, ox: 400, oy: 300 };
const wheel = (over: Partial<WheelLike>): WheelLike => ({ deltaX: 0, deltaY: 0, deltaMode: 0, ctrlKey: false, metaKey: false, shiftKey: false, ...over });

describe('the wheel over the map', () => {
  it('a plain wheel pans (the map moves against the scroll) and keeps the zoom', () => {
    expect(wheelView(view, { x: 10, y: 10 }, wheel({ deltaY: 100 }))).toEqual({ scale: 10, ox: 400, oy: 200 });
    expect(wheelView(view, { x: 10, y: 10 }, wheel({ deltaX: -30, deltaY: 20 }))).toEqual({ scale: 10, ox: 430, oy: 280 });
  });

  it('Shift turns a mouse wheel sideways; line-mode deltas count as lines', () => {
    expect(wheelView(view, { x: 0, y: 0 }, wheel({ deltaY: 50, shiftKey: true }))).toEqual({ scale: 10, ox: 350, oy: 300 });
    expect(wheelView(view, { x: 0, y: 0 }, wheel({ deltaY: 3, deltaMode: 1 }))).toEqual({ scale: 10, ox: 400, oy: 252 });
  });

  it('Ctrl/⌘+wheel (and a pinch, which arrives as Ctrl+wheel) zooms: in for a wheel up, out for down', () => {
    expect(wheelView(view, { x: 0, y: 0 }, wheel({ deltaY: -100, ctrlKey: true })).scale).toBeGreaterThan(10);
    expect(wheelView(view, { x: 0, y: 0 }, wheel({ deltaY: 100, metaKey: true })).scale).toBeLessThan(10);
  });

  it('zooming keeps the map point under the pointer where it was', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1366 }), fc.integer({ min: 0, max: 768 }), fc.integer({ min: -300, max: 300 }), (x, y, dy) => {
        const at = { x, y };
        const next = wheelView(view, at, wheel({ deltaY: dy, ctrlKey: true }));
        const before = toWorld(view, at);
        const after = toWorld(next, at);
        expect(after.x).toBeCloseTo(before.x, 6);
        expect(after.y).toBeCloseTo(before.y, 6);
      }),
    );
  });
});
