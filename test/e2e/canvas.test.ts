import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { quarterCuts, radialCuts } from '../../shared/geometry/templates';
import { ellipseRing } from '../../shared/geometry/shapes';
import { deriveStage, outlineRing } from '../../shared/map/derive';
import { EMPTY_MAP, type Finding, type MapDocument } from '../../shared/map/document';
import { addFinding, setCuts, addPiece } from '../../shared/map/edits';
import { markRestClear } from '../../shared/map/readings';
import { screenshotPath, useHostAndChromium, watchForPageErrors } from './browser';
import { hostCall, seedLesion } from './hostApi';
import { rightmostCornerOnPage, settled } from './mapPage';

/**
 * The canvas really draws: pixels of each Konva layer are read back and counted by color.
 * Colors are the map's own (style.ts, inkPalette.ts), matched with a small tolerance.
 */
const COLORS = {
  outline: [0x1d, 0x2a, 0x36],
  pendingFill: [0xff, 0xff, 0xff],
  positiveFill: [0xfd, 0xe4, 0xe4],
  // The positive fill seen through the deep tumor's tint (TUMOR_TINT, red at 15%) drawn over it.
  positiveUnderDeepTint: [0xf5, 0xc8, 0xc8],
  blueInk: [0x1f, 0x4f, 0xc8],
  yellowInk: [0xb8, 0x86, 0x0b],
  tumor: [0xc6, 0x28, 0x28],
  previousStage: [0x9a, 0xa5, 0xb1],
} as const;
type ColorName = keyof typeof COLORS;

async function countColors(page: Page): Promise<Record<string, Record<ColorName | 'reddish', number>>> {
  return page.evaluate((colors) => {
    const layers = [...document.querySelectorAll<HTMLCanvasElement>('[data-testid="map-canvas"] canvas')];
    // Without a photo under the map, the specimen and its marks are one layer (the stage's).
    const names = ['base', 'stage', 'overlay'];
    const out: Record<string, Record<string, number>> = {};
    layers.forEach((canvas, i) => {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      const counts: Record<string, number> = Object.fromEntries([...Object.keys(colors), 'reddish'].map((k) => [k, 0]));
      for (let p = 0; p < data.length; p += 4) {
        // Hatching is thin and antialiased: count clearly red pixels of any real strength.
        if (data[p + 3]! > 100 && data[p]! - data[p + 1]! > 90 && data[p]! - data[p + 2]! > 90) counts.reddish!++;
        if (data[p + 3]! < 250) continue; // only opaque pixels: what was drawn at full strength
        for (const [name, [r, g, b]] of Object.entries(colors)) {
          if (Math.abs(data[p]! - r) <= 6 && Math.abs(data[p + 1]! - g) <= 6 && Math.abs(data[p + 2]! - b) <= 6) counts[name]!++;
        }
      }
      out[names[i] ?? `layer${i}`] = counts;
    });
    return out as Record<string, Record<ColorName | 'reddish', number>>;
  }, COLORS);
}

const e2e = useHostAndChromium('canvas');

describe('the map canvas in Chromium', () => {
  it('draws the outline, block fills and inks, and hatches tumor only once it is marked', async () => {
    const { lesionId } = await seedLesion(e2e.host);
    let n = 0;
    const newId = () => `canvas-${++n}`;
    const placed = addPiece(EMPTY_MAP, { kind: 'ellipse', cx: 0, cy: 0, rx: 14, ry: 10, rotation: 0 }, newId);
    if (!placed.ok) throw new Error(placed.reason);
    const quartered = setCuts(placed.doc, placed.doc.pieces[0]!.id, quarterCuts(outlineRing(placed.doc.pieces[0]!.outline)), newId);
    if (!quartered.ok) throw new Error(quartered.reason);
    const doc: MapDocument = quartered.doc;
    await hostCall(e2e.host, 'stages.create', { lesionId, doc });

    const page = await e2e.browser.newPage({ viewport: { width: 1500, height: 1100 } });
    const errors = watchForPageErrors(page);
    await page.goto(`${e2e.host.url}#/lesion/${lesionId}`);
    await page.getByRole('row', { name: /1-4/ }).waitFor();
    await page.evaluate(() => document.querySelector('[data-testid="map-canvas"]')?.scrollIntoView({ block: 'center' }));
    await expect.poll(async () => (await countColors(page)).stage!.outline, { timeout: 15_000 }).toBeGreaterThan(300);
    const before = await countColors(page);
    expect(before.stage!.pendingFill).toBeGreaterThan(20_000);
    expect(before.stage!.blueInk).toBeGreaterThan(200);
    expect(before.stage!.yellowInk).toBeGreaterThan(100);
    expect(before.stage!.reddish).toBe(0);
    expect(before.stage!.positiveFill).toBe(0);
    expect(before.stage!.positiveUnderDeepTint).toBe(0);

    // Tumor at the deep margin of block 1-3 (lower left): the deep tool, one click inside it.
    const box = (await page.getByTestId('map-canvas').boundingBox())!;
    // The map's keys act while it has the focus (key scopes).
    await page.getByTestId('map-canvas').focus();
    await page.keyboard.press('d');
    // Find the screen point of the block's label, which sits inside the block.
    await page.mouse.click(box.x + box.width / 2 - 60, box.y + box.height / 2 + 45);
    await expect.poll(() => page.getByRole('row', { name: /1-3/ }).textContent()).toContain('Tumor at deep');
    // Konva redraws on the next animation frame, which a busy machine may give late.
    await expect.poll(async () => (await countColors(page)).stage!.reddish, { timeout: 15_000 }).toBeGreaterThan(1500);
    const after = await countColors(page);
    // The block's fill turned positive: on the stage's one canvas, seen through the tint over the deep area.
    expect(after.stage!.positiveFill + after.stage!.positiveUnderDeepTint).toBeGreaterThan(1000);
    await page.getByTestId('map-canvas').screenshot({ path: screenshotPath('canvas-deep-tumor') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws to scale: grid numbers in mm, a scale bar N mm × scale pixels long, and the outline where the view projects it', async () => {
    const { lesionId } = await seedLesion(e2e.host);
    let n = 0;
    const placed = addPiece(EMPTY_MAP, { kind: 'ellipse', cx: 0, cy: 0, rx: 8, ry: 6.5, rotation: 0 }, () => `scale-${++n}`);
    if (!placed.ok) throw new Error(placed.reason);
    await hostCall(e2e.host, 'stages.create', { lesionId, doc: placed.doc });
    // The smallest screen the editor must fit (issue 10).
    const page = await e2e.browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors = watchForPageErrors(page);
    await page.goto(`${e2e.host.url}#/lesion/${lesionId}`);
    await page.getByRole('row', { name: /1-1/ }).waitFor();
    await page.evaluate(() => document.querySelector('[data-testid="map-canvas"]')?.scrollIntoView({ block: 'center' }));
    await expect.poll(async () => (await countColors(page)).stage!.outline, { timeout: 15_000 }).toBeGreaterThan(300);
    const [scale, ox, oy] = ((await page.getByTestId('map-canvas').getAttribute('data-view')) ?? '').split(' ').map(Number) as [number, number, number];
    expect(scale).toBeGreaterThan(0);
    // data-view rounds the scale to 0.001 px/mm and the origin to 0.1 px: compare within that.
    const near = (a: number, b: number, within: number) => expect(Math.abs(a - b)).toBeLessThan(within);

    // Read back what Konva drew (its global, as the page has it): strings, as the test runs under tsx.
    const drawn = (await page.evaluate(`(() => {
      const stage = window.Konva.stages[0];
      const bar = stage.findOne('.scale-bar');
      const barLabel = stage.findOne('.scale-bar-label');
      const labels = stage.find('.grid-label').map((t) => ({ text: t.text(), x: t.getAbsolutePosition().x, y: t.getAbsolutePosition().y }));
      const outline = stage.findOne('.outline');
      const pts = outline.points();
      const onScreen = [];
      for (let i = 0; i < pts.length; i += 2) onScreen.push({ map: { x: pts[i], y: pts[i + 1] }, screen: outline.getAbsoluteTransform().point({ x: pts[i], y: pts[i + 1] }) });
      const mark = stage.findOne('.reference-mark');
      return { bar: bar.points(), barLabel: barLabel.text(), labels, unit: stage.findOne('.grid-unit').text(), onScreen, markScale: mark.getAbsoluteScale(), markText: mark.findOne('Text').getAbsoluteScale() };
    })()`)) as {
      bar: number[];
      barLabel: string;
      labels: { text: string; x: number; y: number }[];
      unit: string;
      onScreen: { map: { x: number; y: number }; screen: { x: number; y: number } }[];
      markScale: { x: number; y: number };
      markText: { x: number; y: number };
    };
    // The scale bar: N mm long on the map is N × scale pixels on screen.
    const mm = Number(/^(\d+) mm$/.exec(drawn.barLabel)?.[1]);
    expect(mm).toBeGreaterThan(0);
    near(drawn.bar[2]! - drawn.bar[0]!, mm * scale, 0.05);
    // Grid numbers: the top row's numbers are x in mm at their line, the left column's y (12 o'clock up).
    expect(drawn.unit).toBe('mm');
    const top = drawn.labels.filter((l) => l.y < 10);
    const left = drawn.labels.filter((l) => l.x < 10);
    expect(top.length).toBeGreaterThanOrEqual(3);
    expect(left.length).toBeGreaterThanOrEqual(3);
    for (const l of top) near(Number(l.text), (l.x - 3 - ox) / scale, 0.02);
    for (const l of left) near(Number(l.text), (oy - (l.y - 2)) / scale, 0.02);
    // The layer transform puts each outline point where the view projects it; symbols and their
    // text are drawn upright in screen pixels (counter-flipped), never mirrored.
    expect(drawn.onScreen.length).toBeGreaterThan(10);
    for (const p of drawn.onScreen) {
      near(p.screen.x, ox + p.map.x * scale, 0.1);
      near(p.screen.y, oy - p.map.y * scale, 0.1);
    }
    expect(drawn.markScale).toEqual({ x: 1, y: 1 });
    expect(drawn.markText).toEqual({ x: 1, y: 1 });
    // A pixel probe: the outline's 3 o'clock point (8 mm right of the centre) is drawn in the outline colour there.
    const probe = await page.evaluate(
      ({ x, y }) => {
        const canvas = document.querySelectorAll<HTMLCanvasElement>('[data-testid="map-canvas"] canvas')[1]!;
        const ratio = canvas.width / canvas.getBoundingClientRect().width;
        const d = canvas.getContext('2d')!.getImageData(Math.round(x * ratio) - 2, Math.round(y * ratio) - 2, 5, 5).data;
        let dark = 0;
        for (let p = 0; p < d.length; p += 4) if (d[p + 3]! > 200 && d[p]! < 80 && d[p + 1]! < 80 && d[p + 2]! < 90) dark++;
        return dark;
      },
      { x: ox + 8 * scale, y: oy },
    );
    expect(probe).toBeGreaterThan(3);
    await page.screenshot({ path: screenshotPath('canvas-1366x768') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a lesion with its map layers made once at the frame size (no resize redraw), the earlier stages and the summary following', async () => {
    const { lesionId } = await seedLesion(e2e.host);
    let n = 0;
    const newId = () => `open-${++n}`;
    for (const [cx, rx] of [[0, 14], [24, 6], [-24, 6]] as const) {
      const placed = addPiece(EMPTY_MAP, { kind: 'ellipse', cx, cy: 0, rx, ry: rx * 0.7, rotation: 0 }, newId);
      if (!placed.ok) throw new Error(placed.reason);
      await hostCall(e2e.host, 'stages.create', { lesionId, doc: placed.doc });
    }
    const page = await e2e.browser.newPage({ viewport: { width: 1500, height: 1100 } });
    const errors = watchForPageErrors(page);
    // Every size given to a canvas on the page, in order: a resized layer is cleared and drawn again.
    await page.addInitScript(`(() => {
      window.__canvasSizes = [];
      for (const side of ['width', 'height']) {
        const own = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, side);
        Object.defineProperty(HTMLCanvasElement.prototype, side, {
          configurable: true,
          get() { return own.get.call(this); },
          set(v) { own.set.call(this, v); if (this.isConnected) window.__canvasSizes.push(side + ' ' + v); },
        });
      }
    })()`);
    await page.goto(`${e2e.host.url}#/lesion/${lesionId}`);
    await page.getByRole('tab', { name: /Stage 3/, selected: true }).waitFor();
    // The summary and the faint earlier stages come in the render after the map's.
    await expect.poll(() => page.getByTestId('stage-summary').textContent(), { timeout: 15_000 }).toContain('Stage 2');
    await expect.poll(async () => (await countColors(page)).base!.previousStage, { timeout: 15_000 }).toBeGreaterThan(50);
    const layers = page.locator('[data-testid="map-canvas"] canvas');
    // Base and the stage's (specimen and marks): the overlay's canvas is made with the first selection or tool preview.
    await expect.poll(() => layers.count()).toBe(2);
    const size = await layers.first().evaluate((c: HTMLCanvasElement) => [c.width, c.height]);
    const sizes = (await page.evaluate('window.__canvasSizes')) as string[];
    // Each layer sized on the page once or not at all, and only ever to the frame's size.
    expect(sizes.length).toBeLessThanOrEqual(4);
    expect(new Set(sizes)).toEqual(new Set([`width ${size[0]}`, `height ${size[1]}`].filter((x) => sizes.includes(x))));
    await page.screenshot({ path: screenshotPath('canvas-open-three-stages') });
    expect(errors).toEqual([]);
    await page.close();
  });

  // At a pixel ratio of 2 too (a HiDPI screen): the part redrawn, and what is left out of it, is worked out in device pixels.
  it.each([1, 2])('while a corner is dragged redraws only what changed, drawing what a whole redraw draws, and the whole layer once the drag ends (pixel ratio %i)', async (pixelRatio) => {
    const { lesionId } = await seedLesion(e2e.host);
    let n = 0;
    const newId = () => `partial-${pixelRatio}x-${++n}`;
    // A polygon cut in six, with inks on the cut sides, tumor at a peripheral and a deep margin, and a scar.
    const placed = addPiece(EMPTY_MAP, { kind: 'polygon', points: [...ellipseRing(0, 0, 16, 12, 0, 48)] }, newId);
    if (!placed.ok) throw new Error(placed.reason);
    const cut = setCuts(placed.doc, placed.doc.pieces[0]!.id, radialCuts(outlineRing(placed.doc.pieces[0]!.outline), 6), newId);
    if (!cut.ok) throw new Error(cut.reason);
    let doc = cut.doc;
    const blocks = deriveStage(doc, 1, 'stage-dash-number').blocks;
    const findings: Finding[] = [
      { id: newId(), blockId: blocks[0]!.ref.id, kind: 'tumor-peripheral', stretch: (({ from, to }) => ({ from, to }))(blocks[0]!.sides.find((x) => x.kind === 'peripheral')!), note: '' },
      { id: newId(), blockId: blocks[1]!.ref.id, kind: 'tumor-deep', area: [...blocks[1]!.ring], note: '' },
      { id: newId(), blockId: blocks[2]!.ref.id, kind: 'scar', at: blocks[2]!.ref.anchor, note: 'scar' },
    ];
    for (const f of findings) {
      const r = addFinding(doc, f);
      if (!r.ok) throw new Error(r.reason);
      doc = r.doc;
    }
    const read = markRestClear(doc);
    await hostCall(e2e.host, 'stages.create', { lesionId, doc: read.ok ? read.doc : doc });

    const page = await e2e.browser.newPage({ viewport: { width: 1500, height: 1100 }, deviceScaleFactor: pixelRatio });
    const errors = watchForPageErrors(page);
    await page.goto(`${e2e.host.url}#/lesion/${lesionId}`);
    await page.getByRole('row', { name: /1-6/ }).waitFor();
    await page.evaluate(() => document.querySelector('[data-testid="map-canvas"]')?.scrollIntoView({ block: 'center' }));
    await expect.poll(async () => (await countColors(page)).stage!.outline, { timeout: 15_000 }).toBeGreaterThan(300);
    // The stage layer's pixels as drawn, against the same layer cleared and drawn whole (a new
    // size, even the same, clears it and makes the next draw whole): the bytes that differ, and
    // the pixels drawn.
    const sameAsWhole = async () =>
      (await page.evaluate(`(() => {
        const layer = window.Konva.stages[0].getLayers()[1];
        const canvas = layer.getCanvas();
        const read = () => canvas._canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        const drawn = read();
        canvas.setSize(canvas.width / canvas.getPixelRatio(), canvas.height / canvas.getPixelRatio());
        layer.draw();
        const whole = read();
        let differ = 0;
        for (let i = 0; i < drawn.length; i++) if (drawn[i] !== whole[i]) differ++;
        return { differ, inked: drawn.filter((v, i) => i % 4 === 3 && v > 0).length };
      })()`)) as { differ: number; inked: number };

    // The corner furthest right, on screen: the map's own view from the canvas's top-left corner.
    const { point: start, ring, canvasBox } = await rightmostCornerOnPage(page, read.ok ? read.doc.pieces[0]!.outline : doc.pieces[0]!.outline);
    await page.getByTestId('map-canvas').focus();
    await page.keyboard.press('v');
    await page.mouse.click(start.x, start.y);
    // Each area the stage layer clears before a draw (the whole canvas, or the part that changed).
    await page.evaluate(`(() => {
      const context = window.Konva.stages[0].getLayers()[1].getCanvas()._canvas.getContext('2d');
      const clear = context.clearRect;
      window.__cleared = [];
      context.clearRect = function (x, y, w, h) { window.__cleared.push(w * h); return clear.call(this, x, y, w, h); };
    })()`);
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await expect.poll(() => page.getByTestId('map-canvas').getAttribute('data-tool-state')).toBe('pointing');
    for (let i = 1; i <= 12; i++) {
      await page.mouse.move(start.x + 40 * Math.sin(i / 3), start.y + 30 * Math.cos(i / 3) - 30);
      // Every few moves, once Konva has drawn the move (its next animation frame): the partial
      // redraws so far draw what a whole redraw draws, but for the antialiasing of a few edge
      // pixels of shapes clipped on their own (cut lines, hatching) under the redraw's clip.
      if (i % 4 === 0) {
        await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
        const mid = await sameAsWhole();
        expect(mid.inked).toBeGreaterThan(20_000);
        expect(mid.differ).toBeLessThan(mid.inked * 0.01 * 4);
      }
    }
    // The moves redrew part of the layer: less than half of it each time, not all of it.
    const cleared = (await page.evaluate('window.__cleared')) as number[];
    // (Cleared in device pixels.)
    const whole = canvasBox.width * canvasBox.height * pixelRatio ** 2;
    expect(cleared.filter((a) => a < whole / 2).length).toBeGreaterThanOrEqual(8);
    // Once the drag ends, the layer is drawn whole: exactly what a whole redraw draws.
    await page.mouse.up();
    await settled(page);
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
    expect((await sameAsWhole()).differ).toBe(0);
    // The corner did move (the drag was a drag), and the move is saved.
    const saved = (await hostCall(e2e.host, 'stages.list', { lesionId }))[0]!.doc.pieces[0]!.outline;
    expect(saved.kind === 'polygon' && saved.points.some((p, k) => p.x !== ring[k]!.x || p.y !== ring[k]!.y)).toBe(true);
    await page.getByTestId('map-canvas').screenshot({ path: screenshotPath(`canvas-corner-dragged-${pixelRatio}x`) });
    expect(errors).toEqual([]);
    await page.close();
  });
  it('saves a gesture without drawing the earlier stages under the map again, nor the map once more', async () => {
    const { lesionId } = await seedLesion(e2e.host);
    let n = 0;
    const newId = () => `after-save-${++n}`;
    // Stage 1 an ellipse in quarters (drawn faint under stage 2), stage 2 a polygon in six.
    const first = addPiece(EMPTY_MAP, { kind: 'ellipse', cx: 0, cy: 0, rx: 14, ry: 10, rotation: 0 }, newId);
    if (!first.ok) throw new Error(first.reason);
    const quartered = setCuts(first.doc, first.doc.pieces[0]!.id, quarterCuts(outlineRing(first.doc.pieces[0]!.outline)), newId);
    if (!quartered.ok) throw new Error(quartered.reason);
    await hostCall(e2e.host, 'stages.create', { lesionId, doc: quartered.doc });
    const second = addPiece(EMPTY_MAP, { kind: 'polygon', points: [...ellipseRing(0, 0, 16, 12, 0, 48)] }, newId);
    if (!second.ok) throw new Error(second.reason);
    const cut = setCuts(second.doc, second.doc.pieces[0]!.id, radialCuts(outlineRing(second.doc.pieces[0]!.outline), 6), newId);
    if (!cut.ok) throw new Error(cut.reason);
    await hostCall(e2e.host, 'stages.create', { lesionId, doc: cut.doc });

    const page = await e2e.browser.newPage({ viewport: { width: 1500, height: 1100 } });
    const errors = watchForPageErrors(page);
    await page.goto(`${e2e.host.url}#/lesion/${lesionId}`);
    await page.getByRole('row', { name: /2-6/ }).waitFor();
    await expect.poll(async () => (await countColors(page)).base!.previousStage, { timeout: 15_000 }).toBeGreaterThan(50);
    const { point: start } = await rightmostCornerOnPage(page, cut.doc.pieces[0]!.outline);
    await page.getByTestId('map-canvas').focus();
    await page.keyboard.press('v');
    await page.mouse.click(start.x, start.y);
    // Each layer's draws from here on (base, stage, overlay: by their order on the stage).
    await page.evaluate(`(() => {
      window.__draws = [0, 0, 0];
      window.Konva.stages[0].getLayers().forEach((layer, i) => {
        const draw = layer.drawScene;
        layer.drawScene = function (...args) { window.__draws[i]++; return draw.apply(this, args); };
      });
    })()`);
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    for (let i = 1; i <= 4; i++) await page.mouse.move(start.x + 3 * i, start.y + 2 * i);
    await page.mouse.up();
    await settled(page);
    // The save's answer arrived and everything it renders has rendered (the stage summary shows the moved stage 2).
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 500))))');
    const [base, stage] = (await page.evaluate('window.__draws')) as number[];
    // The earlier stage did not change: its layer is not drawn again, neither by the gesture nor by its save.
    expect(base).toBe(0);
    // The map: at most a draw per move and the whole layer once at the end, none for the save's answer.
    expect(stage).toBeGreaterThan(0);
    expect(stage).toBeLessThanOrEqual(5);
    const saved = (await hostCall(e2e.host, 'stages.list', { lesionId }))[1]!;
    expect(saved.version).toBe(2);
    expect(errors).toEqual([]);
    await page.close();
  });
});
