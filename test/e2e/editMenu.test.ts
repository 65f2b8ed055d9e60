import { describe, expect, it } from 'vitest';
import { EMPTY_MAP } from '../../shared/map/document';
import { addPiece } from '../../shared/map/edits';
import { useHostAndChromium, watchForPageErrors } from './browser';
import { hostCall, seedLesion } from './hostApi';

/**
 * The renderer's half of the desktop Edit menu, with a fake of the preload's bridge: the map
 * reports when it has the focus (so the menu routes Undo there), and an Undo sent by the menu
 * undoes the last map gesture. The main process's half is test/electron/main/editMenu.test.ts.
 */
const e2e = useHostAndChromium('edit-menu');

describe('Edit menu and the map editor', () => {
  it('tells the desktop app when the map has focus and runs the menu Undo on the map', async () => {
    const { lesionId } = await seedLesion(e2e.host);
    const placed = addPiece(EMPTY_MAP, { kind: 'ellipse', cx: 0, cy: 0, rx: 14, ry: 10, rotation: 0 }, (() => { let n = 0; return () => `menu-${++n}`; })());
    if (!placed.ok) throw new Error(placed.reason);
    await hostCall(e2e.host, 'stages.create', { lesionId, doc: placed.doc });
    const page = await e2e.browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors = watchForPageErrors(page);
    await page.addInitScript(() => {
      const w = window as unknown as { layermapDesktop: unknown; focusLog: boolean[]; sendEdit?: (a: string) => void };
      w.focusLog = [];
      w.layermapDesktop = {
        savePdf: async () => ({ ok: true, value: null }),
        mapFocus: (f: boolean) => w.focusLog.push(f),
        onMapEdit: (run: (a: string) => void) => {
          w.sendEdit = run;
          return () => {
            w.sendEdit = undefined;
          };
        },
      };
    });
    await page.goto(`${e2e.host.url}#/lesion/${lesionId}`);
    await page.getByRole('toolbar', { name: 'Map tools' }).waitFor();
    const lastFocus = () => page.evaluate(() => (window as unknown as { focusLog: boolean[] }).focusLog.at(-1) ?? null);
    const blocks = async () => (await hostCall(e2e.host, 'stages.list', { lesionId }))[0]!.blockCount;

    const uncut = await blocks();
    const box = (await page.getByTestId('map-canvas').boundingBox())!;
    await page.mouse.click(box.x + 20, box.y + 20);
    await expect.poll(lastFocus).toBe(true);
    await page.keyboard.press('q');
    await expect.poll(blocks).toBe(4);

    // Typing in a field: the menu's Undo would go to the field, not the map.
    await page.getByRole('spinbutton', { name: 'Pieces' }).click();
    await expect.poll(lastFocus).toBe(false);

    // Back on the map, the menu's Undo takes back the quartering (one whole gesture).
    await page.mouse.click(box.x + 20, box.y + 20);
    await expect.poll(lastFocus).toBe(true);
    await page.evaluate(() => (window as unknown as { sendEdit: (a: string) => void }).sendEdit('undo'));
    await expect.poll(blocks).toBe(uncut);
    await page.evaluate(() => (window as unknown as { sendEdit: (a: string) => void }).sendEdit('redo'));
    await expect.poll(blocks).toBe(4);
    expect(errors).toEqual([]);
    await page.close();
  });
});
