import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StageRecord } from '../../shared/records';
import { startTestHost, type TestHost } from '../host/server';
import { quartered } from '../electron/store/maps';
import { launchChromium, screenshotPath, watchForPageErrors } from './browser';
import { hostCall } from './hostApi';

/**
 * The histotech moves a block through every lab status on the worklist, with clicks and
 * keys; another workstation's change is caught; after a restart the surgeon's map shows
 * the block as read.
 */
const DAY = '2026-11-27';

let dir: string;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-worklist-e2e-'));
  chromium = await launchChromium();
});
afterAll(async () => {
  await chromium?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function seed(host: TestHost) {
  const surgeon = await hostCall(host, 'users.create', { name: 'Dr Ana Mendez', initials: 'AM', role: 'surgeon' });
  await hostCall(host, 'session.signIn', { userId: surgeon.id });
  const tech = await hostCall(host, 'users.create', { name: 'Tom Histo', initials: 'TH', role: 'histotech' });
  const patient = await hostCall(host, 'patients.create', { familyName: 'Walker', givenName: 'Joan', mrn: 'W-4411', dateOfBirth: '1950-02-03', sex: 'female' });
  const c = await hostCall(host, 'cases.create', { patientId: patient.id, dateOfSurgery: DAY, surgeonId: surgeon.id, accessionNumber: 'MS26-0042' });
  const lesion = await hostCall(host, 'lesions.create', {
    caseId: c.id,
    siteId: 'nasal-ala',
    laterality: 'left',
    tumorTypeId: 'bcc-nodular',
    preopLengthMm: 10,
    preopWidthMm: 8,
    recurrent: false,
    deepStructures: [],
  });
  const stage = await hostCall(host, 'stages.create', { lesionId: lesion.id, doc: quartered() });
  // The histotech is working at this station (the page shares the host's session).
  await hostCall(host, 'session.signIn', { userId: tech.id });
  return { surgeon, tech, lesion, stage };
}

const blockId = (stage: StageRecord, n: number): string => {
  const b = stage.doc.blocks.find((r) => r.number === n);
  if (!b) throw new Error(`no block ${n}`);
  return b.id;
};

describe('histotech worklist end to end', () => {
  it('moves a block through every status by click and key; the surgeon sees "Read" after a restart', async () => {
    const file = path.join(dir, 'clinic.sqlite');
    let host = await startTestHost({ databasePath: file });
    const { surgeon, tech, lesion, stage } = await seed(host);
    const page: Page = await chromium.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors = watchForPageErrors(page);
    await page.goto(`${host.url}#/worklist/${DAY}`);
    await page.getByRole('heading', { name: 'Lab worklist' }).waitFor();
    await page.getByTestId('current-user').filter({ hasText: 'Tom Histo' }).waitFor();

    const row = (id: string) => page.locator(`[data-testid="worklist-row"][data-block-id="${id}"]`);
    const statusOf = (id: string) => row(id).getAttribute('data-status');
    await row(blockId(stage, 4)).waitFor();
    const rows = page.getByTestId('worklist-row');
    expect(await rows.count()).toBe(4);
    expect(await page.getByRole('heading', { name: 'Walker, Joan' }).isVisible()).toBe(true);
    const caseText = await page.locator('.worklist-case').textContent();
    expect(caseText).toContain('W-4411');
    expect(caseText).toContain('MS26-0042');
    expect(caseText).toContain('Left nasal ala');
    expect(caseText).toContain('Stage 1');
    for (const [i, label] of ['1-1', '1-2', '1-3', '1-4'].entries()) {
      const text = await rows.nth(i).textContent();
      expect(text).toContain(label);
      expect(text).toMatch(/(Blue|Yellow|Black|Green).*(Blue|Yellow|Black|Green)/);
    }
    expect(await page.getByTestId('count-excised').textContent()).toMatch(/^4/);
    // The keyboard is explained on the page.
    expect(await page.locator('#worklist-keys').textContent()).toMatch(/↑.*↓.*Enter.*→.*←/);
    await page.screenshot({ path: screenshotPath('worklist-1-opened'), fullPage: true });

    const target = blockId(stage, 2);
    const expectStatus = async (status: string) => {
      await expect.poll(() => statusOf(target)).toBe(status);
    };

    // One click on the big button: excised → grossed.
    await row(target).getByRole('button', { name: 'Next: Grossed/inked' }).click();
    await expectStatus('grossed');
    expect(await page.getByTestId('worklist-message').textContent()).toMatch(/Block 1-2 .*Grossed\/inked/);

    // Keys: focus block 1-1, ↓ to 1-2, Enter → embedded, → cut.
    await row(blockId(stage, 1)).locator('td').first().click();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-block-id'))).toBe(target);
    await page.keyboard.press('Enter');
    await expectStatus('embedded');
    await page.keyboard.press('ArrowRight');
    await expectStatus('cut');
    // A step chosen directly (one click on the step), then → ready, ← back one step, → again.
    await row(target).getByRole('button', { name: 'Stained', exact: true }).click();
    await expectStatus('stained');
    await row(target).focus();
    await page.keyboard.press('ArrowRight');
    await expectStatus('ready');
    await page.keyboard.press('ArrowLeft');
    await expectStatus('stained');
    await page.keyboard.press('ArrowRight');
    await expectStatus('ready');
    await row(target).getByRole('button', { name: 'Next: Read' }).click();
    await expectStatus('read');
    expect(await row(target).textContent()).toContain('✓ Read');
    // Read is the last step: → does nothing more.
    await row(target).focus();
    await page.keyboard.press('ArrowRight');
    expect(await statusOf(target)).toBe('read');
    expect(await page.getByTestId('count-read').textContent()).toMatch(/^1/);
    expect(await page.getByTestId('count-excised').textContent()).toMatch(/^3/);

    // Who changed what and when: one audit event per step, all by the histotech.
    const trail = [...(await hostCall(host, 'audit.list', { entityId: target, limit: 100 }))].reverse();
    expect(trail.map((e) => [e.userId, e.entity, e.action, (e.before as { status: string }).status, (e.after as { status: string }).status])).toEqual(
      [
        ['excised', 'grossed'],
        ['grossed', 'embedded'],
        ['embedded', 'cut'],
        ['cut', 'stained'],
        ['stained', 'ready'],
        ['ready', 'stained'],
        ['stained', 'ready'],
        ['ready', 'read'],
      ].map(([b, a]) => [tech.id, 'block', 'update', b, a]),
    );

    // Another workstation moves block 1-3 first: this one's click is refused, the row read again, and it says so.
    const third = blockId(stage, 3);
    await hostCall(host, 'blocks.setStatus', { id: third, version: 1, status: 'embedded' });
    await row(third).getByRole('button', { name: 'Next: Grossed/inked' }).click();
    await expect.poll(() => page.getByTestId('worklist-message').textContent()).toMatch(/changed on another workstation.*now “Embedded”/);
    expect(await statusOf(third)).toBe('embedded');
    expect(await row(third).textContent()).toContain('Changed elsewhere');
    await page.screenshot({ path: screenshotPath('worklist-2-stale'), fullPage: true });

    // The window getting focus reads the list again: another station's change shows without a click.
    const fourth = blockId(stage, 4);
    await hostCall(host, 'blocks.setStatus', { id: fourth, version: 1, status: 'cut' });
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => statusOf(fourth)).toBe('cut');
    expect(errors).toEqual([]);
    await page.screenshot({ path: screenshotPath('worklist-3-moved'), fullPage: true });
    await page.close();

    // Restart on the same file; the surgeon opens the lesion: block 1-2 reads "Read" in the Lab column.
    await host.close();
    host = await startTestHost({ databasePath: file });
    await hostCall(host, 'session.signIn', { userId: surgeon.id });
    const map = await chromium.browser.newPage({ viewport: { width: 1500, height: 1000 } });
    const mapErrors = watchForPageErrors(map);
    await map.goto(`${host.url}#/lesion/${lesion.id}`);
    await map.getByRole('heading', { name: /Lesion A/ }).waitFor();
    const blocks = map.getByRole('table', { name: 'Blocks of this stage' });
    await blocks.waitFor();
    const headers = await blocks.locator('thead th').allTextContents();
    const lab = headers.indexOf('Lab');
    expect(lab).toBeGreaterThan(0);
    const cellOf = async (label: string) => (await blocks.getByRole('row', { name: new RegExp(`^${label}`) }).locator('td').nth(lab).textContent())?.trim();
    expect(await cellOf('1-2')).toBe('Read');
    expect(await cellOf('1-3')).toBe('Embedded');
    expect(await cellOf('1-4')).toBe('Cut');
    expect(await cellOf('1-1')).toBe('Excised');
    await map.evaluate(() => document.querySelector('[aria-label="Blocks of this stage"]')?.scrollIntoView({ block: 'center' }));
    await map.screenshot({ path: screenshotPath('worklist-4-surgeon-map') });
    expect(mapErrors).toEqual([]);
    await map.close();
    await host.close();
  });
});
