import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Pixels per millimetre of the map's view (the canvas frame's data-view: scale, origin). */
export async function viewScale(page: Page): Promise<number> {
  return Number(((await page.getByTestId('map-canvas').getAttribute('data-view')) ?? '').split(' ')[0]);
}

/** Waits until every change on the page is saved. */
export async function settled(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('All changes saved');
}

/**
 * A first stage starts with the outline pre-sized from the lesion: delete it (the selected
 * outline, the map focused) and fit the empty map, for a test that draws its own specimen.
 */
export async function clearPresizedOutline(page: Page): Promise<void> {
  await page.keyboard.press('Delete');
  const presizedScale = await viewScale(page);
  await expect.poll(() => page.getByTestId('specimen-size').count()).toBe(0);
  // Fit only once the deletion is saved: the fit spans the stages as saved, and a size drawn
  // in mm afterwards depends on the view.
  await settled(page);
  await page.keyboard.press('0');
  // The empty map's view (60 mm across), well out from the pre-sized outline's.
  await expect.poll(() => viewScale(page)).toBeLessThan(presizedScale / 2);
}
