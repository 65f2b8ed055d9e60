import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { EMPTY_MAP } from '../../shared/map/document';
import { screenshotPath, useHostAndChromium, watchForPageErrors } from './browser';
import { hostCall, seedLesion } from './hostApi';

/**
 * The editor session in Chromium (issue 10): the map shows the tool's named state, the
 * preview is drawn on the live layer while dragging and goes with Escape, and only a
 * finished gesture reaches the record.
 */
const e2e = useHostAndChromium('editor-session');

const toolState = (page: Page) => page.getByTestId('map-canvas').getAttribute('data-tool-state');
/** Pixels drawn on the overlay layer (the third canvas: base, the stage's specimen and marks, overlay). */
const overlayInk = (page: Page) =>
  page.evaluate(() => {
    const canvas = document.querySelectorAll<HTMLCanvasElement>('[data-testid="map-canvas"] canvas')[2]!;
    const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let drawn = 0;
    for (let p = 3; p < d.length; p += 4) if (d[p]! > 0) drawn++;
    return drawn;
  });

describe('editor session in Chromium', () => {
  it('shows the tool state and the preview while dragging, drops both on Escape, and saves only the finished ellipse', async () => {
    const { lesionId } = await seedLesion(e2e.host);
    await hostCall(e2e.host, 'stages.create', { lesionId, doc: EMPTY_MAP });
    const page = await e2e.browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors = watchForPageErrors(page);
    await page.goto(`${e2e.host.url}#/lesion/${lesionId}`);
    const map = page.getByTestId('map-canvas');
    await map.waitFor();
    const box = (await map.boundingBox())!;
    const c = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.click(box.x + 10, box.y + 10);
    await page.keyboard.press('e');
    expect(await toolState(page)).toBe('idle');

    await page.mouse.move(c.x - 80, c.y - 60);
    await page.mouse.down();
    expect(await toolState(page)).toBe('pointing');
    for (let i = 1; i <= 10; i++) await page.mouse.move(c.x - 80 + 16 * i, c.y - 60 + 12 * i);
    await expect.poll(() => toolState(page)).toBe('dragging');
    await expect.poll(() => overlayInk(page)).toBeGreaterThan(200);
    await page.screenshot({ path: screenshotPath('session-ellipse-preview') });
    await page.keyboard.press('Escape');
    await expect.poll(() => toolState(page)).toBe('idle');
    await expect.poll(() => overlayInk(page)).toBe(0);
    await page.mouse.up();
    expect(await toolState(page)).toBe('idle');
    // The release of the abandoned drag drew nothing.
    await page.waitForTimeout(300);
    expect(await page.getByText('Draw the specimen outline first.').isVisible()).toBe(true);

    // The same drag to its end: one piece, saved.
    await page.mouse.move(c.x - 80, c.y - 60);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(c.x - 80 + 16 * i, c.y - 60 + 12 * i);
    await page.mouse.up();
    await expect.poll(() => toolState(page)).toBe('idle');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toMatch(/saved/i);
    const [stage] = await hostCall(e2e.host, 'stages.list', { lesionId });
    expect(stage?.doc.pieces).toHaveLength(1);
    expect(stage?.doc.pieces[0]?.outline.kind).toBe('ellipse');
    expect(errors).toEqual([]);
    await page.close();
  });
});
