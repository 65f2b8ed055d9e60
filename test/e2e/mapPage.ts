import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { quarterCuts } from '../../shared/geometry/templates';
import { outlineRing } from '../../shared/map/derive';
import type { Outline } from '../../shared/map/document';
import { toScreen } from '../../renderer/src/editor/canvas/view';
import { EMPTY_MAP } from '../../shared/map/document';
import { addPiece, setCuts } from '../../shared/map/edits';
import type { TestHost } from '../host/server';
import { hostCall, seedLesion } from './hostApi';

/** A lesion whose stage 1 is a 16 × 13 mm ellipse cut in quarters (ids start with `prefix`). */
export async function quarteredLesion(host: TestHost, prefix: string): Promise<string> {
  const { lesionId } = await seedLesion(host);
  let n = 0;
  const newId = () => `${prefix}-${lesionId}-${++n}`;
  const placed = addPiece(EMPTY_MAP, { kind: 'ellipse', cx: 0, cy: 0, rx: 8, ry: 6.5, rotation: 0 }, newId);
  if (!placed.ok) throw new Error(placed.reason);
  const cut = setCuts(placed.doc, placed.doc.pieces[0]!.id, quarterCuts(outlineRing(placed.doc.pieces[0]!.outline)), newId);
  if (!cut.ok) throw new Error(cut.reason);
  await hostCall(host, 'stages.create', { lesionId, doc: cut.doc });
  return lesionId;
}

/** The lesion page with its map shown (blocks 1-1…1-4 listed). */
export async function openLesion(page: Page, host: TestHost, lesionId: string): Promise<void> {
  await page.goto(`${host.url}#/lesion/${lesionId}`);
  await page.getByRole('row', { name: /1-4/ }).waitFor();
  await page.getByTestId('map-canvas').waitFor();
}

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

/**
 * An outline's rightmost corner in page pixels (`point`): the map's own view (its data-view:
 * px per mm and origin) from the canvas's top-left corner, not a view worked out again here;
 * with the outline's ring and the canvas's box it was measured on.
 */
export async function rightmostCornerOnPage(page: Page, outline: Outline) {
  const ring = outlineRing(outline);
  const corner = ring.reduce((a, b) => (b.x > a.x ? b : a));
  const canvasBox = (await page.locator('[data-testid="map-canvas"] canvas').first().boundingBox())!;
  const [scale, ox, oy] = ((await page.getByTestId('map-canvas').getAttribute('data-view')) ?? '').split(' ').map(Number) as [number, number, number];
  const at = toScreen({ scale, ox, oy }, corner);
  return { point: { x: canvasBox.x + at.x, y: canvasBox.y + at.y }, ring, canvasBox };
}
