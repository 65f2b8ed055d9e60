import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { quarterCuts } from '../../shared/geometry/templates';
import { deriveStage, outlineRing } from '../../shared/map/derive';
import { EMPTY_MAP, type MapDocument } from '../../shared/map/document';
import { addFinding, addPiece, setCuts, type EditResult } from '../../shared/map/edits';
import { screenshotPath, useHostAndChromium, watchForPageErrors } from './browser';
import { clearPresizedOutline, settled } from './mapPage';
import { hostCall, seedLesion } from './hostApi';

/**
 * Issue 9, sections 1 and 2, in Chromium: stage 1 of a nasal ala BCC is positive in two
 * separate places (block 1-1 at its peripheral edge around 2–3 o'clock, block 1-3 at the deep
 * margin). The next stage is pre-placed as one stage with two pieces, coded as one +17312;
 * the blocks are read clear one by one in any order, refusals show where the surgeon acted,
 * and the map sheet has no "Not read" left.
 */
const e2e = useHostAndChromium('pieces');

const ok = (r: EditResult): MapDocument => {
  if (!r.ok) throw new Error(r.reason);
  return r.doc;
};

/** Stage 1 as drawn in the editor: ellipse quartered along 12–6 and 3–9, tumor in blocks 1-1 (edge) and 1-3 (deep). */
function stageOne(): MapDocument {
  let n = 0;
  const newId = () => `pieces-${++n}`;
  let doc = ok(addPiece(EMPTY_MAP, { kind: 'ellipse', cx: 0, cy: 0, rx: 12, ry: 9, rotation: 0 }, newId));
  const piece = doc.pieces[0]!;
  doc = ok(setCuts(doc, piece.id, quarterCuts(outlineRing(piece.outline)), newId));
  const [b1, , b3] = deriveStage(doc, 1, 'stage-dash-number').blocks;
  const edge = b1!.sides.find((s) => s.kind === 'peripheral')!;
  doc = ok(addFinding(doc, { id: newId(), blockId: b1!.ref.id, kind: 'tumor-peripheral', stretch: { from: edge.from, to: edge.to }, note: '' }));
  return ok(addFinding(doc, { id: newId(), blockId: b3!.ref.id, kind: 'tumor-deep', area: [...b3!.ring], note: '' }));
}

/** Whether an element is wholly inside the window as it is scrolled now: seen without scrolling. */
async function inView(page: Page, testId: string): Promise<boolean> {
  const box = await page.getByTestId(testId).filter({ visible: true }).first().boundingBox();
  const size = page.viewportSize()!;
  return !!box && box.y >= 0 && box.x >= 0 && box.y + box.height <= size.height && box.x + box.width <= size.width;
}

const codes = async (caseId: string) =>
  (await hostCall(e2e.host, 'cases.coding', { id: caseId })).result.lines.map((l) => [l.code, l.units] as const);

describe('a stage of several pieces, read block by block', () => {
  it('carries two separate positive areas into one stage of two pieces, reads every block in any order, and prints no "Not read"', async () => {
    const { lesionId, caseId } = await seedLesion(e2e.host);
    await hostCall(e2e.host, 'stages.create', { lesionId, doc: stageOne() });

    const page = await e2e.browser.newPage({ viewport: { width: 1500, height: 1000 } });
    const errors = watchForPageErrors(page);
    await page.goto(`${e2e.host.url}#/lesion/${lesionId}`);
    await page.getByRole('tab', { name: /Stage 1/ }).waitFor();
    await page.evaluate(() => document.querySelector('[data-testid="map-canvas"]')?.scrollIntoView({ block: 'center' }));

    // Stage 2: one stage, one piece per separate positive area, and a notice that never advises another stage.
    await page.getByRole('button', { name: 'Add next stage' }).click();
    await page.getByRole('tab', { name: /Stage 2/ }).waitFor();
    await settled(page);
    const notice = page.getByText(/found in 2 separate places/);
    await notice.waitFor();
    expect(await notice.textContent()).not.toMatch(/another stage/);
    const [, two] = await hostCall(e2e.host, 'stages.list', { lesionId });
    expect(two?.doc.pieces).toHaveLength(2);
    expect([two?.blockCount, two?.result]).toEqual([2, 'pending']);
    expect(await page.getByTestId('specimen-size').allTextContents()).toEqual([expect.stringMatching(/^Piece 1 /), expect.stringMatching(/^Piece 2 /)]);
    await page.screenshot({ path: screenshotPath('pieces-1-stage2-two-pieces'), fullPage: true });
    // One round of excision: 17311 and one +17312, nothing more.
    expect(await codes(caseId)).toEqual([['17311', 1], ['17312', 1]]);

    // Read stage 2's blocks in reverse order, one click each: "reading" until the last, then clear.
    await page.getByRole('button', { name: 'Mark block 2-2 clear' }).click();
    await expect.poll(() => page.getByRole('row', { name: /2-2/ }).textContent()).toContain('Clear');
    expect(await page.getByTestId('stage-result').textContent()).toBe('reading');
    await page.getByRole('button', { name: 'Mark block 2-1 clear' }).click();
    await expect.poll(() => page.getByTestId('stage-result').textContent()).toBe('clear');
    await settled(page);

    // Stage 1: marking a positive block clear is refused beside the button that asked, in view.
    await page.getByRole('tab', { name: /Stage 1/ }).click();
    await page.getByRole('row', { name: /1-1/ }).click();
    // What carry-forward said is about stage 2; stage 1 does not repeat it.
    expect(await page.getByText(/found in 2 separate places/).count()).toBe(0);
    await page.getByRole('button', { name: /Selected block clear/ }).click();
    const refusal = page.getByTestId('map-problem');
    await expect.poll(() => refusal.textContent()).toMatch(/Block 1-1 has tumor marked/);
    expect(await inView(page, 'map-problem')).toBe(true);
    await page.screenshot({ path: screenshotPath('pieces-2-refused-in-panel') });
    // The same by key on the map: the refusal shows on the canvas, in view.
    const frame = page.getByTestId('map-canvas');
    const box = (await frame.boundingBox())!;
    // Where a map point is on screen, from the canvas's view (scale, origin); block 1-3 is the lower-left quarter.
    const [scale, ox, oy] = ((await frame.getAttribute('data-view')) ?? '').split(' ').map(Number) as [number, number, number];
    await page.keyboard.press('v');
    await page.mouse.click(box.x + 1 + ox - 5 * scale, box.y + 1 + oy + 4 * scale);
    await page.keyboard.press('k');
    await expect.poll(() => refusal.textContent()).toMatch(/Block 1-3 has tumor marked/);
    expect(await inView(page, 'map-problem')).toBe(true);
    await page.screenshot({ path: screenshotPath('pieces-3-refused-on-map') });

    // Blocks 1-4 then 1-2 read clear; the positive ones keep their tumor; the stage stays positive.
    await page.getByRole('button', { name: 'Mark block 1-4 clear' }).click();
    await page.getByRole('button', { name: 'Mark block 1-2 clear' }).click();
    await expect.poll(() => page.getByRole('row', { name: /1-2/ }).textContent()).toContain('Clear');
    await settled(page);
    const readings = await page.getByRole('table', { name: 'Blocks of this stage' }).getByRole('row').allTextContents();
    expect(readings.slice(1).map((r) => /Tumor at \w+|Clear|Not read/.exec(r)?.[0])).toEqual(['Tumor at peripheral', 'Clear', 'Tumor at deep', 'Clear']);
    expect(await page.getByTestId('stage-result').textContent()).toBe('positive');

    // The lab has read every block's slides too; the sheet says the same as the map: nothing "Not read".
    for (const row of await hostCall(e2e.host, 'worklist.list', { date: '2026-11-27' })) {
      await hostCall(e2e.host, 'blocks.setStatus', { id: row.blockId, version: row.version, status: 'read' });
    }
    const stored = await hostCall(e2e.host, 'stages.list', { lesionId });
    expect(stored.map((s) => [s.number, s.blockCount, s.result])).toEqual([[1, 4, 'positive'], [2, 2, 'clear']]);
    expect(errors).toEqual([]);

    const sheet = await e2e.browser.newPage({ viewport: { width: 1200, height: 1000 } });
    const sheetErrors = watchForPageErrors(sheet);
    await sheet.goto(`${e2e.host.url}#/print/lesion/${lesionId}/letter`);
    await sheet.getByTestId('map-sheet').waitFor();
    const text = (await sheet.getByTestId('map-sheet').textContent()) ?? '';
    expect(text).not.toMatch(/Not read/);
    expect(text).toMatch(/Stage 2: 2 pieces, 2 blocks, clear/);
    // Both pieces of stage 2 are drawn in its one map, at the scale all the lesion's maps share.
    const stage2 = sheet.getByRole('img', { name: /stage 2 map/ });
    expect(await stage2.locator('.stage-piece').count()).toBe(2);
    const [w1, w2] = await Promise.all([sheet.getByRole('img', { name: /stage 1 map/ }).getAttribute('viewBox'), stage2.getAttribute('viewBox')]);
    expect(w1).toBe(w2);
    await sheet.screenshot({ path: screenshotPath('pieces-4-sheet'), fullPage: true });
    expect(sheetErrors).toEqual([]);
    await sheet.close();
    await page.close();
  });

  it('draws a second piece beside the first with the mouse, refuses one over it beside the pointer, and deletes a piece', async () => {
    const { lesionId } = await seedLesion(e2e.host);
    const page = await e2e.browser.newPage({ viewport: { width: 1500, height: 1000 } });
    const errors = watchForPageErrors(page);
    await page.goto(`${e2e.host.url}#/lesion/${lesionId}`);
    await page.getByRole('button', { name: 'Start stage 1' }).click();
    const frame = page.getByTestId('map-canvas');
    await frame.waitFor();
    await page.evaluate(() => document.querySelector('[data-testid="map-canvas"]')?.scrollIntoView({ block: 'center' }));
    const box = (await frame.boundingBox())!;
    // Stage 1 starts with the outline pre-sized from the lesion: delete it, fit the empty map, take the ellipse.
    await page.getByTestId('specimen-size').waitFor();
    await clearPresizedOutline(page);
    await page.keyboard.press('e');
    const drag = async (x0: number, y0: number, x1: number, y1: number) => {
      await page.mouse.move(box.x + x0, box.y + y0);
      await page.mouse.down();
      for (let i = 1; i <= 8; i++) await page.mouse.move(box.x + x0 + ((x1 - x0) * i) / 8, box.y + y0 + ((y1 - y0) * i) / 8);
      await page.mouse.up();
    };
    // Two ellipses apart (the ellipse tool stays active): two pieces of one stage, blocks 1-1 and 1-2.
    await drag(150, 150, 400, 350);
    await drag(500, 180, 700, 320);
    await page.getByRole('row', { name: /1-2/ }).waitFor();
    await settled(page);
    const [stage] = await hostCall(e2e.host, 'stages.list', { lesionId });
    expect([stage?.doc.pieces.length, stage?.blockCount]).toEqual([2, 2]);
    await page.screenshot({ path: screenshotPath('pieces-5-drawn-two') });
    // A third outline over both is refused, the reason beside the pointer, and nothing changes.
    await drag(300, 200, 600, 300);
    const refusal = page.getByTestId('map-problem');
    await expect.poll(() => refusal.textContent()).toMatch(/overlaps piece 1/);
    expect(await inView(page, 'map-problem')).toBe(true);
    await page.screenshot({ path: screenshotPath('pieces-6-overlap-refused') });
    // The second piece is selected (just drawn): Delete removes it with its block.
    await page.keyboard.press('Escape');
    await page.keyboard.press('v');
    await page.mouse.click(box.x + 700, box.y + 250); // on the second outline's 3 o'clock
    await page.keyboard.press('Delete');
    await expect.poll(async () => (await hostCall(e2e.host, 'stages.list', { lesionId }))[0]?.doc.pieces.length).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
