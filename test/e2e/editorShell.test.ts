import type { Page } from 'playwright-core';
import { outlineRing } from '../../shared/map/derive';
import { describe, expect, it } from 'vitest';
import { screenshotPath, useHostAndChromium, watchForPageErrors } from './browser';
import { hostCall } from './hostApi';
import { openLesion, quarteredLesion } from './mapPage';

/**
 * The editor shell as a user meets it (issue 10): the lesion page fits the window, keys go
 * to the map only while it has focus, dialogs keep their keys, the wheel pans and zooms the
 * map and never the page, and a new stage opens selected and in view.
 */
const e2e = useHostAndChromium('editor-shell');

const pageScroll = (page: Page) =>
  page.evaluate(() => ({ y: window.scrollY, height: document.scrollingElement!.scrollHeight, inner: window.innerHeight }));
const viewOf = async (page: Page) => {
  const [scale, ox, oy] = ((await page.getByTestId('map-canvas').getAttribute('data-view')) ?? '').split(' ').map(Number) as [number, number, number];
  return { scale, ox, oy };
};
const pressedTool = (page: Page) => page.locator('.tool-group[aria-label="Tools"] button[aria-pressed="true"]').textContent();
const focusedIsMap = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'map-canvas');

describe('editor shell in Chromium', () => {
  it('fits 1366×768 and 1440×900 with no page scroll; the wheel pans, Ctrl+wheel zooms, the page never scrolls', async () => {
    const lesionId = await quarteredLesion(e2e.host, 'shell');
    const page = await e2e.browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors = watchForPageErrors(page);
    await openLesion(page, e2e.host, lesionId);
    const fits = async () => {
      const s = await pageScroll(page);
      expect(s.height).toBeLessThanOrEqual(s.inner);
      expect(s.y).toBe(0);
      // The map is on screen and usefully tall, the side column scrolls on its own.
      const box = (await page.getByTestId('map-canvas').boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(s.inner);
      expect(box.height).toBeGreaterThan(360);
    };
    await page.screenshot({ path: screenshotPath('session-after-1366x768') });
    await fits();
    expect(await page.getByTestId('map-side').evaluate((el) => getComputedStyle(el).overflowY)).toBe('auto');

    const box = (await page.getByTestId('map-canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const before = await viewOf(page);
    await page.mouse.wheel(0, 100);
    await expect.poll(async () => (await viewOf(page)).oy).toBeCloseTo(before.oy - 100, 0);
    expect((await viewOf(page)).scale).toBe(before.scale);
    await page.mouse.wheel(60, 0);
    await expect.poll(async () => (await viewOf(page)).ox).toBeCloseTo(before.ox - 60, 0);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -200);
    await page.keyboard.up('Control');
    await expect.poll(async () => (await viewOf(page)).scale).toBeGreaterThan(before.scale * 1.2);
    expect((await pageScroll(page)).y).toBe(0);

    await page.setViewportSize({ width: 1440, height: 900 });
    await expect.poll(async () => (await page.getByTestId('map-canvas').boundingBox())!.height).toBeGreaterThan(500);
    await fits();
    await page.screenshot({ path: screenshotPath('session-after-1440x900') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('Tab reaches the toolbar and Enter/Space press its buttons; a field keeps its keys until the map is clicked', async () => {
    const lesionId = await quarteredLesion(e2e.host, 'shell');
    const page = await e2e.browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors = watchForPageErrors(page);
    await openLesion(page, e2e.host, lesionId);

    // Tab from the top of the page to the Polygon tool, Enter presses it (not "finish outline").
    let steps = 0;
    while (!(await page.evaluate(() => document.activeElement?.textContent ?? '')).startsWith('Polygon')) {
      await page.keyboard.press('Tab');
      expect(++steps).toBeLessThan(60);
    }
    await page.keyboard.press('Enter');
    expect(await pressedTool(page)).toMatch(/^Polygon/);
    // Space presses the next one (not "pan"); a letter from a toolbar button still goes to the map.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    expect(await pressedTool(page)).toMatch(/^Freehand/);
    await page.keyboard.press('v');
    expect(await pressedTool(page)).toMatch(/^Select/);
    // The Labels link in the stage bar: Enter follows it, as a link does.
    await page.getByRole('link', { name: 'Labels' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toMatch(/label/i);
    await page.goBack();
    await page.getByTestId('map-canvas').waitFor();

    // Typing in the Pieces field: the letters are the field's, no tool changes.
    const pieces = page.getByRole('spinbutton', { name: 'Pieces' });
    await pieces.click();
    const tool = await pressedTool(page);
    await page.keyboard.press('p');
    await page.keyboard.press('Shift+K');
    expect(await pressedTool(page)).toBe(tool);
    expect(await pieces.inputValue()).toBe('6');
    expect(await page.getByTestId('stage-result').textContent()).toBe('reading');
    // Clicking the map gives it the keys back, with a visible focus ring.
    const box = (await page.getByTestId('map-canvas').boundingBox())!;
    await page.mouse.click(box.x + 20, box.y + box.height - 20);
    expect(await focusedIsMap(page)).toBe(true);
    expect(await page.getByTestId('map-canvas').evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    await page.keyboard.press('n');
    expect(await pressedTool(page)).toMatch(/^Not evaluable/);
    await page.keyboard.press('v');
    expect(await pressedTool(page)).toMatch(/^Select/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the sign dialog holds the keys: editor keys change nothing behind it, Escape closes it', async () => {
    const lesionId = await quarteredLesion(e2e.host, 'shell');
    const page = await e2e.browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors = watchForPageErrors(page);
    await openLesion(page, e2e.host, lesionId);
    const box = (await page.getByTestId('map-canvas').boundingBox())!;
    await page.mouse.click(box.x + 20, box.y + box.height - 20);
    await page.keyboard.press('v');
    expect(await pressedTool(page)).toMatch(/^Select/);

    const drawn = (await hostCall(e2e.host, 'stages.list', { lesionId }))[0]!.doc;
    await page.getByRole('button', { name: 'Sign lesion' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Sign lesion A?' });
    await dialog.waitFor();
    await dialog.getByRole('list', { name: 'Sign-off warnings' }).waitFor();
    for (const key of ['q', 'Shift+K', 'k', 'e', 'Shift+N', 'Delete', 'Enter']) {
      // Enter would press the focused Review button and close the dialog: keep it for last.
      if (key === 'Enter') break;
      await page.keyboard.press(key);
    }
    expect(await dialog.isVisible()).toBe(true);
    expect(await page.getByTestId('stage-result').textContent()).toBe('reading');
    expect(await pressedTool(page)).toMatch(/^Select/);
    expect(await page.getByRole('tab').count()).toBe(1);
    // The page behind is inert: Tab visits the dialog's buttons (and the browser's own UI,
    // seen as the body), never a control of the page behind.
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement === document.body || !!document.activeElement?.closest('dialog'))).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect((await hostCall(e2e.host, 'lesions.get', { id: lesionId })).lesion.signature).toBeNull();
    const stages = await hostCall(e2e.host, 'stages.list', { lesionId });
    expect(stages).toHaveLength(1);
    expect(stages[0]!.doc).toEqual(drawn);

    // Back on the map, the keys act again.
    await page.mouse.click(box.x + 20, box.y + box.height - 20);
    await page.keyboard.press('Shift+K');
    await expect.poll(() => page.getByTestId('stage-result').textContent()).toBe('clear');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('Shift+N opens the new stage selected, fitted in view, with the keys on its map', async () => {
    const lesionId = await quarteredLesion(e2e.host, 'shell');
    const page = await e2e.browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors = watchForPageErrors(page);
    await openLesion(page, e2e.host, lesionId);
    // Tumor at block 1-1's peripheral edge (upper right, off the cuts), so stage 2 is placed around it.
    const v = await viewOf(page);
    const a = Math.PI / 4;
    const box = (await page.getByTestId('map-canvas').boundingBox())!;
    await page.mouse.click(box.x + 20, box.y + box.height - 20);
    await page.keyboard.press('t');
    await page.mouse.click(box.x + v.ox + 8 * Math.cos(a) * v.scale, box.y + v.oy - 6.5 * Math.sin(a) * v.scale);
    await expect.poll(() => page.getByTestId('stage-result').textContent()).toBe('positive');

    await page.keyboard.press('Shift+N');
    await expect.poll(() => page.getByRole('tab', { name: /Stage 2/ }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => focusedIsMap(page)).toBe(true);
    const two = (await hostCall(e2e.host, 'stages.list', { lesionId }))[1]!;
    const outline = two.doc.pieces[0]!.outline;
    expect(outline.kind).toBe('polygon');
    await expect.poll(async () => (await viewOf(page)).scale).not.toBe(v.scale);
    const w = await viewOf(page);
    const frame = (await page.getByTestId('map-canvas').boundingBox())!;
    for (const p of outlineRing(outline)) {
      const x = w.ox + p.x * w.scale;
      const y = w.oy - p.y * w.scale;
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(frame.width);
      expect(y).toBeGreaterThan(0);
      expect(y).toBeLessThan(frame.height);
    }
    expect((await pageScroll(page)).y).toBe(0);
    await page.screenshot({ path: screenshotPath('session-shift-n') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('removing a stage asks in a modal dialog: keys stay out of the map, Escape and Keep leave the stage, Remove removes it', async () => {
    const lesionId = await quarteredLesion(e2e.host, 'shell');
    const page = await e2e.browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors = watchForPageErrors(page);
    await openLesion(page, e2e.host, lesionId);
    const stagesSaved = async () => (await hostCall(e2e.host, 'stages.list', { lesionId })).length;
    await page.getByRole('button', { name: 'Remove stage 1' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Remove stage 1?' });
    await dialog.waitFor();
    // Keep is focused: Enter keeps the stage. Editor keys never reach the map behind the dialog.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep stage 1');
    const toolBefore = await pressedTool(page);
    expect(toolBefore).not.toContain('Freehand');
    await page.keyboard.press('f');
    await page.keyboard.press('Delete');
    expect(await pressedTool(page)).toBe(toolBefore);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await stagesSaved()).toBe(1);
    await page.getByRole('button', { name: 'Remove stage 1' }).click();
    await dialog.getByRole('button', { name: 'Keep stage 1' }).press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(await stagesSaved()).toBe(1);
    await page.getByRole('button', { name: 'Remove stage 1' }).click();
    await page.screenshot({ path: screenshotPath('remove-stage-dialog') });
    await dialog.getByRole('button', { name: 'Remove stage 1' }).click();
    await expect.poll(stagesSaved).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
