import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseCodingCsv } from '../../shared/coding';
import { screenshotPath, useHostAndChromium, watchForPageErrors } from './browser';
import { hostCall, signInSurgeon } from './hostApi';

/**
 * Coding follows the map: a two-lesion case built in the UI, the coding summary read as
 * blocks and stages are added, then exported as CSV and read back.
 */
const e2e = useHostAndChromium('coding');

/** The CPT lines as "code×units[modifiers]" in table order. */
async function cptLines(page: Page): Promise<string[]> {
  const rows = page.getByRole('table', { name: 'CPT lines' }).locator('tbody tr');
  const out: string[] = [];
  for (const row of await rows.all()) {
    const cells = await row.locator('td').allTextContents();
    out.push(`${cells[0]}×${cells[1]}${cells[2] === '—' ? '' : `[${cells[2]}]`} ${cells[3]}`);
  }
  return out;
}

async function expectLines(page: Page, lines: string[]): Promise<void> {
  await expect.poll(() => cptLines(page), { timeout: 10_000 }).toEqual(lines);
}

async function addLesion(page: Page, site: string, side?: string): Promise<void> {
  await page.getByRole('button', { name: 'Add lesion' }).click();
  await page.getByLabel('Anatomic site').fill(site);
  await page.getByRole('option').first().waitFor();
  await page.getByLabel('Anatomic site').press('Enter');
  if (side) await page.getByLabel(side, { exact: true }).check();
  await page.getByLabel('Diagnosis').selectOption('bcc-nodular');
  await page.getByLabel('Pre-op length (mm)').fill('10');
  await page.getByLabel('Pre-op width (mm)').fill('8');
  await page.getByLabel('Primary', { exact: true }).check();
  await page.getByRole('button', { name: 'Save lesion' }).click();
}

async function drawStage(page: Page, key: string): Promise<void> {
  await page.evaluate(() => document.querySelector('[data-testid="map-canvas"]')?.scrollIntoView({ block: 'center' }));
  const box = (await page.getByTestId('map-canvas').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.keyboard.press('e');
  await page.mouse.move(cx - 120, cy - 90);
  await page.mouse.down();
  await page.mouse.move(cx, cy, { steps: 5 });
  await page.mouse.move(cx + 120, cy + 90, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.press(key);
}

/** A first stage starts pre-sized from the lesion: divide that outline with a template key. */
async function dividePresized(page: Page, key: string): Promise<void> {
  await page.getByTestId('specimen-size').waitFor();
  await page.keyboard.press(key);
}

describe('coding summary end to end', () => {
  it('follows blocks and stages of two lesions, and exports a CSV that reads back', async () => {
    const surgeon = await signInSurgeon(e2e.host);
    const patient = await hostCall(e2e.host, 'patients.create', { familyName: 'Okafor', givenName: 'Grace', mrn: 'C-1001', dateOfBirth: '1944-06-01', sex: 'female' });
    const c = await hostCall(e2e.host, 'cases.create', { patientId: patient.id, dateOfSurgery: '2026-11-20', surgeonId: surgeon.id });
    await hostCall(e2e.host, 'settings.update', { cliaNumber: '12D3456789' });

    const page = await e2e.browser.newPage({ viewport: { width: 1500, height: 1100 }, acceptDownloads: true });
    const errors = watchForPageErrors(page);
    await page.goto(`${e2e.host.url}#/case/${c.id}`);
    await addLesion(page, 'nasal ala', 'Left');
    await page.getByRole('link', { name: 'Lesion A' }).waitFor();
    await addLesion(page, 'upper back', 'Right');
    await page.getByRole('link', { name: 'Lesion B' }).waitFor();
    await page.getByText(/Lesion B.*no stages|has no stages/i).first().waitFor();

    // Lesion A: one stage in 6 radial pieces → 17311 and one +17315; quartered → 17311 alone.
    await page.getByRole('link', { name: 'Lesion A' }).click();
    await page.getByRole('button', { name: 'Start stage 1' }).click();
    await dividePresized(page, 'r');
    await expectLines(page, ['17311×1 A', '+17315×1 A']);
    await page.keyboard.press('q');
    await expectLines(page, ['17311×1 A']);
    // A second stage (nothing positive was marked, so it starts empty), bisected → +17312.
    await page.getByRole('button', { name: 'Add next stage' }).click();
    await page.getByRole('tab', { name: /Stage 2/ }).waitFor();
    await drawStage(page, 'b');
    await expectLines(page, ['17311×1 A', '+17312×1 A']);
    expect(await page.getByTestId('stage-summary').textContent()).toContain('Stage 2: 2 blocks');
    await page.screenshot({ path: screenshotPath('coding-lesion-a'), fullPage: true });

    // Lesion B on the back: trunk family, and the distinct-lesion modifier on its first stage.
    await page.getByRole('link', { name: /Okafor, Grace/ }).click();
    await page.getByRole('link', { name: 'Lesion B' }).click();
    await page.getByRole('button', { name: 'Start stage 1' }).click();
    await dividePresized(page, 'q');
    await expectLines(page, ['17311×1 A', '+17312×1 A', '17313×1[59] B']);

    // The case page shows the same, with ICD-10 and AUC per lesion; export and read back.
    await page.getByRole('link', { name: /Okafor, Grace/ }).click();
    await expectLines(page, ['17311×1 A', '+17312×1 A', '17313×1[59] B']);
    const lesions = await page.getByRole('table', { name: 'ICD-10, AUC area and stages by lesion' }).textContent();
    expect(lesions).toContain('C44.311');
    expect(lesions).toMatch(/C44\.51\d/);
    await page.getByLabel('Add a code').fill('88305');
    await page.getByRole('button', { name: 'Add code' }).click();
    await page.getByText(/88305/).first().waitFor();
    await expect.poll(() => page.locator('.coding-warning').allTextContents()).toContainEqual(expect.stringMatching(/88305/));
    // A special stain on four blocks: the units are entered, shown, and billed with 59.
    await page.getByLabel('Add a code').fill('88314');
    await page.getByLabel('Units').fill('4');
    await page.getByRole('button', { name: 'Add code' }).click();
    await expectLines(page, ['17311×1 A', '+17312×1 A', '17313×1[59] B', '88305×1 —', '88314×4[59] —']);
    expect(await page.getByRole('list', { name: 'Other codes' }).textContent()).toMatch(/88305 ×1.*88314 ×4/);
    // Bad units are refused with a message, and nothing is lost.
    await page.getByLabel('Add a code').fill('88342');
    await page.getByLabel('Units').fill('0');
    await page.getByRole('button', { name: 'Add code' }).click();
    await expect.poll(() => page.getByRole('alert').allTextContents()).toContainEqual('Units must be at least 1.');
    await expectLines(page, ['17311×1 A', '+17312×1 A', '17313×1[59] B', '88305×1 —', '88314×4[59] —']);
    expect(await page.getByTestId('coding-clia-mue').textContent()).toMatch(/Laboratory CLIA number 12D3456789.*MUE values: built in/);
    await page.screenshot({ path: screenshotPath('coding-case'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^layermap-coding-2026-11-20-[0-9a-f]{8}\.csv$/);
    // The run's Chromium is a server this file connects to: the file is streamed here, not on a local path.
    const saved = path.join(e2e.dir, download.suggestedFilename());
    await download.saveAs(saved);
    const csv = fs.readFileSync(saved, 'utf8');
    const parsed = parseCodingCsv(csv);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value.map((l) => `${l.dateOfService} ${l.lesionLabel || '-'} ${l.icd10 || '-'} ${l.code}×${l.units}${l.modifiers.length ? `[${l.modifiers.join(',')}]` : ''} ${l.cliaNumber}`)).toEqual([
      '2026-11-20 A C44.311 17311×1 12D3456789',
      '2026-11-20 A C44.311 17312×1 12D3456789',
      expect.stringMatching(/^2026-11-20 B C44\.51\d 17313×1\[59\] 12D3456789$/),
      '2026-11-20 - - 88305×1 12D3456789',
      '2026-11-20 - - 88314×4[59] 12D3456789',
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
