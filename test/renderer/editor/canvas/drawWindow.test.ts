import { describe, expect, it } from 'vitest';
import type { Box } from '../../../../shared/geometry/types';
import { boundsOf, drawWindowOf, meets, meetsAt, setDrawWindow, windowOfRect } from '../../../../renderer/src/editor/canvas/drawWindow';

/** The box with -0 read as 0 (the inverse of a y flip gives -0 at the origin). */
const plain = (b: Box) => ({ minX: b.minX + 0, minY: b.minY + 0, maxX: b.maxX + 0, maxY: b.maxY + 0 });

// 20 px per mm, y up on the map and down on screen, origin at (500, 300), pixel ratio 1.
const m = { a: 20, b: 0, c: 0, d: -20, e: 500, f: 300 };

describe('the part of the map a redraw can change', () => {
  it('is the map box under the redrawn rectangle, with how many mm a screen pixel is', () => {
    const w = windowOfRect([500, 260, 20, 40], m, 1)!;
    expect(plain(w.box)).toEqual({ minX: 0, minY: 0, maxX: 1, maxY: 2 });
    expect(w.mmPerPx).toBeCloseTo(0.05);
    // At a pixel ratio of 2 the canvas has twice the device pixels per mm; a screen pixel is still 1/20 mm.
    const hiDpi = windowOfRect([1000, 520, 40, 80], { a: 40, b: 0, c: 0, d: -40, e: 1000, f: 600 }, 2)!;
    expect(plain(hiDpi.box)).toEqual({ minX: 0, minY: 0, maxX: 1, maxY: 2 });
    expect(hiDpi.mmPerPx).toBeCloseTo(0.05);
    // No inverse, no window: everything is drawn.
    expect(windowOfRect([0, 0, 10, 10], { a: 0, b: 0, c: 0, d: 0, e: 0, f: 0 }, 1)).toBeNull();
  });

  it('lets a shape through when it or its reach (line widths, halos in screen pixels) meets the window', () => {
    const w = windowOfRect([500, 260, 20, 40], m, 1)!;
    const beside = { minX: 1.2, minY: 0, maxX: 3, maxY: 1 };
    expect(meets(w, beside, 0)).toBe(false);
    expect(meets(w, beside, 0.2)).toBe(true);
    // 4 px at 20 px per mm is 0.2 mm.
    expect(meets(w, beside, 0, 3)).toBe(false);
    expect(meets(w, beside, 0, 4)).toBe(true);
    expect(meets(w, { minX: -5, minY: -5, maxX: 5, maxY: 5 }, 0)).toBe(true);
    // A label 30 px wide either side of its anchor, 1.5 mm right of the window.
    expect(meetsAt(w, { x: 2.5, y: 1 }, 30, 8)).toBe(true);
    expect(meetsAt(w, { x: 2.5, y: 1 }, 20, 8)).toBe(false);
    expect(meetsAt(w, { x: 0.5, y: 3 }, 4, 20)).toBe(true);
    expect(meetsAt(w, { x: 0.5, y: 3 }, 4, 10)).toBe(false);
  });

  it('is everything for a layer that set none, and again once its window is taken away', () => {
    const layer = {};
    const shape = { getLayer: () => layer };
    expect(drawWindowOf(shape)).toBeNull();
    expect(drawWindowOf({ getLayer: () => null })).toBeNull();
    const w = windowOfRect([500, 260, 20, 40], m, 1)!;
    setDrawWindow(layer, w);
    expect(drawWindowOf(shape)).toBe(w);
    setDrawWindow(layer, null);
    expect(drawWindowOf(shape)).toBeNull();
    expect(meets(null, { minX: 1e6, minY: 1e6, maxX: 1e6, maxY: 1e6 }, 0)).toBe(true);
    expect(meetsAt(null, { x: 1e6, y: 1e6 }, 0, 0)).toBe(true);
  });

  it('bounds points once per array', () => {
    const ring = [{ x: 1, y: 2 }, { x: -3, y: 5 }, { x: 4, y: -1 }];
    expect(boundsOf(ring)).toEqual({ minX: -3, minY: -1, maxX: 4, maxY: 5 });
    expect(boundsOf(ring)).toBe(boundsOf(ring));
  });
});
