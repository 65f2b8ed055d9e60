import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { lesionFields } from '../../shared/records';
import { startTestHost } from '../host/server';
import { quartered } from '../electron/store/maps';
import { screenshotPath, useChromium, watchForPageErrors } from './browser';
import { E2E_PASSWORD, hostCall, seedLesion } from './hostApi';

/**
 * The surgeon signs a mapped lesion in Chromium against the test host: the map becomes
 * read-only (no tools, no stage actions, the canvas and the keys change nothing), a write
 * through the contract is refused with the signature's message, and an addendum added in
 * the page is listed again after a reload.
 */
const e2e = useChromium('signoff');

const LOCKED = /^lesions\.update: This lesion was signed by Dr Ana Mendez on \d{4}-\d{2}-\d{2}; it can no longer be changed\. Add an addendum instead\.$/;

async function dragAcross(page: Page): Promise<void> {
  const box = (await page.getByTestId('map-canvas').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx - 120, cy - 120);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(cx - 120 + 30 * i, cy - 120 + 30 * i);
  await page.mouse.up();
}

describe('sign-off end to end', () => {
  it('signs a lesion in the page; its map is read-only, the contract refuses writes, and an addendum survives a reload', async () => {
    const host = await startTestHost({ databasePath: path.join(e2e.dir, 'clinic.sqlite') });
    const { lesionId, caseId } = await seedLesion(host);
    await hostCall(host, 'stages.create', { lesionId, doc: quartered() });
    const page = await e2e.browser.newPage({ viewport: { width: 1500, height: 1000 } });
    const errors = watchForPageErrors(page);
    await page.goto(`${host.url}#/lesion/${lesionId}`);
    await page.getByRole('heading', { name: /Lesion A/ }).waitFor();
    await page.getByRole('toolbar', { name: 'Map tools' }).waitFor();
    await page.getByRole('row', { name: /1-4/ }).waitFor();

    // Sign: the dialog says what signing means; Review leaves everything as it was.
    await page.getByRole('button', { name: 'Sign lesion' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Sign lesion A?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/read-only.*addendum/);
    await dialog.getByRole('list', { name: 'Sign-off warnings' }).waitFor();
    await dialog.getByRole('button', { name: 'Review' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await hostCall(host, 'lesions.get', { id: lesionId })).lesion.signature).toBeNull();
    await page.getByRole('button', { name: 'Sign lesion' }).click();
    await page.screenshot({ path: screenshotPath('signoff-0-confirm') });
    await dialog.getByRole('list', { name: 'Sign-off warnings' }).waitFor();
    // A signature asks for the password again.
    await dialog.getByLabel('Your password (to sign)').fill(E2E_PASSWORD);
    await dialog.getByRole('button', { name: 'Sign anyway and lock' }).click();
    const banner = page.getByTestId('signed-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/^✓Signed by Dr Ana Mendez on \d{4}-\d{2}-\d{2} \d{2}:\d{2}Lesion A is signed and read-only\./);
    await page.screenshot({ path: screenshotPath('signoff-1-signed'), fullPage: true });

    // The editor shows no tools and no stage actions; the canvas and the edit keys change nothing.
    expect(await page.getByRole('toolbar').count()).toBe(0);
    for (const name of ['Sign lesion', 'Edit lesion', 'Mark the rest clear', 'Selected block clear', 'Add next stage', 'Remove stage 1', 'Start stage 1']) {
      expect(await page.getByRole('button', { name }).filter({ visible: true }).count(), name).toBe(0);
    }
    expect(await page.getByRole('button', { name: 'Save measured size' }).isDisabled()).toBe(true);
    expect(await page.getByLabel('Margin (mm)').filter({ visible: true }).count()).toBe(0);
    // Printing the stage's labels does not change the record: still offered.
    await page.getByRole('link', { name: 'Labels' }).waitFor();
    const [before] = await hostCall(host, 'stages.list', { lesionId });
    await page.evaluate(() => document.querySelector('[data-testid="map-canvas"]')?.scrollIntoView({ block: 'center' }));
    await dragAcross(page);
    for (const key of ['b', 'q', 'Shift+K', 'Shift+R', 'Delete', 'Control+z']) await page.keyboard.press(key);
    // The view keys still work: 0 fits the view, G toggles the clock guide.
    await page.keyboard.press('0');
    expect(await page.getByTestId('save-state').textContent()).toBe('All changes saved');
    const [after] = await hostCall(host, 'stages.list', { lesionId });
    expect(after).toEqual(before);

    // A write through the contract is refused, saying who signed and what to do instead.
    const { lesion } = await hostCall(host, 'lesions.get', { id: lesionId });
    const fields = lesionFields.parse(lesion);
    await expect(hostCall(host, 'lesions.update', { id: lesionId, version: lesion.version, ...fields, preopLengthMm: 12 })).rejects.toThrow(LOCKED);

    // An addendum, added in the page and listed at once, then again after a reload.
    const text = 'Deeper levels of block 1-2 reviewed on 28 Nov: margins clear.';
    await page.getByLabel('Add an addendum to lesion A').fill(text);
    await page.getByRole('button', { name: 'Add addendum' }).click();
    const addenda = page.getByRole('list', { name: 'Addenda, oldest first' });
    await addenda.getByText(text).waitFor();
    expect(await addenda.textContent()).toMatch(/Addendum · \d{4}-\d{2}-\d{2} \d{2}:\d{2} · Dr Ana Mendez/);
    await page.reload();
    await page.getByRole('heading', { name: /Lesion A/ }).waitFor();
    await addenda.getByText(text).waitFor();
    await banner.waitFor();
    expect(await page.getByRole('toolbar').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('signoff-2-addendum'), fullPage: true });
    expect((await hostCall(host, 'addenda.list', { caseId })).map((a) => [a.lesionId, a.userName, a.text])).toEqual([[lesionId, 'Dr Ana Mendez', text]]);
    const audit = await hostCall(host, 'audit.list', { entityId: lesionId });
    expect(audit.slice(0, 2).map((e) => e.action)).toEqual(['addendum', 'sign']);

    // The case page shows the lesion as signed, and offers to sign the rest of the case.
    await page.goto(`${host.url}#/case/${caseId}`);
    await page.getByRole('row', { name: /Lesion A/ }).getByText('signed').waitFor();
    await page.getByRole('button', { name: 'Sign case' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
    await host.close();
  });
});
