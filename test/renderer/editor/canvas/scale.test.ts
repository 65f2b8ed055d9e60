import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GRID_STEPS_MM, gridLabel, gridLabelStepMm, gridLines, gridStepMm, MIN_GRID_PX, MIN_LABEL_PX, scaleBar } from '../../../../renderer/src/editor/canvas/scale';
import { MAX_SCALE, MIN_SCALE, toScreen } from '../../../../renderer/src/editor/canvas/view';

const scales = fc.double({ min: MIN_SCALE, max: MAX_SCALE, noNaN: true });

describe('grid step by zoom', () => {
  it('uses 1, 2, 5, 10 and 20 mm as the zoom goes down', () => {
    // px per mm: at 40 a 1 mm square is 40 px; at 2 only 20 mm squares are far enough apart (40 px).
    expect([40, 24, 12, 5, 3, 2].map((s) => gridStepMm(s))).toEqual([1, 1, 2, 5, 10, 20]);
  });

  it('is the finest ruler step whose lines are at least MIN_GRID_PX apart', () => {
    fc.assert(
      fc.property(scales, (scale) => {
        const step = gridStepMm(scale);
        expect(GRID_STEPS_MM).toContain(step);
        expect(step * scale).toBeGreaterThanOrEqual(MIN_GRID_PX);
        const finer = GRID_STEPS_MM.filter((s) => s < step);
        for (const s of finer) expect(s * scale).toBeLessThan(MIN_GRID_PX);
      }),
    );
  });

  it('numbers a multiple of the grid step, far enough apart to read', () => {
    fc.assert(
      fc.property(scales, (scale) => {
        const every = gridLabelStepMm(scale);
        expect(every % gridStepMm(scale)).toBe(0);
        expect(every * scale).toBeGreaterThanOrEqual(MIN_LABEL_PX);
      }),
    );
    expect(gridLabelStepMm(28)).toBe(2); // 1-mm grid at 28 px, a number every 2 mm (56 px)
    expect(gridLabelStepMm(10)).toBe(5); // 5-mm grid at 10 px: every line numbered (50 px)
  });
});

describe('grid lines', () => {
  it('lie exactly where their millimetre projects on screen, and cover the canvas', () => {
    fc.assert(
      fc.property(scales, fc.double({ min: -500, max: 1500, noNaN: true }), fc.double({ min: -500, max: 1500, noNaN: true }), (scale, ox, oy) => {
        const view = { scale, ox, oy };
        const { vertical, horizontal } = gridLines(view, 900, 600);
        const step = gridStepMm(scale);
        for (const l of vertical) {
          expect(l.px).toBeCloseTo(toScreen(view, { x: l.mm, y: 0 }).x, 6);
          expect(l.px).toBeGreaterThanOrEqual(-1e-6);
          expect(l.px).toBeLessThanOrEqual(900 + 1e-6);
        }
        for (const l of horizontal) {
          expect(l.px).toBeCloseTo(toScreen(view, { x: 0, y: l.mm }).y, 6);
          expect(l.px).toBeGreaterThanOrEqual(-1e-6);
          expect(l.px).toBeLessThanOrEqual(600 + 1e-6);
        }
        // No gap bigger than one step: every visible line is there.
        expect(vertical.length).toBeGreaterThanOrEqual(Math.floor(900 / (step * scale)));
        expect(horizontal.length).toBeGreaterThanOrEqual(Math.floor(600 / (step * scale)));
      }),
    );
  });

  it('labels lines in whole millimetres from the lesion centre, 12 o’clock up', () => {
    const view = { scale: 10, ox: 400, oy: 300 };
    const { vertical, horizontal } = gridLines(view, 800, 600);
    const labelled = (ls: typeof vertical) => ls.filter((l) => l.labelled).map((l) => gridLabel(l.mm));
    // A 5-mm grid at 10 px/mm: every line numbered, 50 px apart.
    expect(labelled(vertical)).toEqual(['-40', '-35', '-30', '-25', '-20', '-15', '-10', '-5', '0', '5', '10', '15', '20', '25', '30', '35', '40']);
    // From the top of the screen down: +y is toward 12 o'clock.
    expect(labelled(horizontal)).toEqual(['30', '25', '20', '15', '10', '5', '0', '-5', '-10', '-15', '-20', '-25', '-30']);
  });
});

describe('scale bar', () => {
  it('is N mm long and N × scale pixels on screen, the longest round length that fits', () => {
    expect(scaleBar(28)).toEqual({ mm: 5, px: 140, label: '5 mm' });
    expect(scaleBar(10)).toEqual({ mm: 10, px: 100, label: '10 mm' });
    expect(scaleBar(2)).toEqual({ mm: 50, px: 100, label: '50 mm' });
    fc.assert(
      fc.property(scales, (scale) => {
        const bar = scaleBar(scale);
        expect(bar.px).toBeCloseTo(bar.mm * scale, 9);
        expect(bar.label).toBe(`${bar.mm} mm`);
        if (bar.mm > 1) expect(bar.px).toBeLessThanOrEqual(140);
        expect(bar.px).toBeGreaterThanOrEqual(20);
      }),
    );
  });
});
