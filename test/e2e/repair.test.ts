import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { quartered } from '../electron/store/maps';
import { screenshotPath, useHostAndChromium, watchForPageErrors } from './browser';
import { hostCall, seedLesion } from './hostApi';
import { readPdf } from './pdf';

/**
 * The repair after the last stage, in Chromium against the test host: the surgeon enters a flap
 * in the lesion's Repair panel and sees its code with the reason while typing; a bad size is
 * refused with a clear message and nothing typed is lost; the saved repair is there after a
 * reload, in the case's coding summary, and on the printed map sheet.
 */
const e2e = useHostAndChromium('repair');

describe('repair documentation end to end', () => {
  it('adds a flap, shows its code live, keeps it over a reload, and prints it on the sheet', async () => {
    const { host } = e2e;
    const { lesionId, caseId } = await seedLesion(host);
    await hostCall(host, 'stages.create', { lesionId, doc: quartered() });
    const { lesion } = await hostCall(host, 'lesions.get', { id: lesionId });
    await hostCall(host, 'lesions.setMapFacts', { id: lesionId, version: lesion.version, twelveOClock: 'medial', finalDefect: { lengthMm: 15, widthMm: 12, source: 'measured' } });

    const page = await e2e.browser.newPage({ viewport: { width: 1400, height: 1100 } });
    const errors = watchForPageErrors(page);
    await page.goto(`${host.url}#/lesion/${lesionId}`);
    const form = page.getByRole('form', { name: 'Repair of lesion A' });
    await form.waitFor();
    const panel = page.getByTestId('repair');
    await panel.getByText('Final defect: 15 × 12 mm, measured').waitFor();

    // An intermediate repair with a length typed in mm by mistake: refused, said why, kept as typed.
    await form.getByLabel('Repair', { exact: true }).selectOption('intermediate');
    await form.getByLabel('Repair length (cm)').fill('150');
    await form.getByRole('button', { name: 'Save repair' }).click();
    await form.getByText('Repair length must be at most 100 cm; check the unit (centimetres).').waitFor();
    expect(await form.getByLabel('Repair length (cm)').inputValue()).toBe('150');
    // Live: 1.8 cm on the nasal ala is an intermediate repair of the face group, up to 2.5 cm.
    await form.getByLabel('Repair length (cm)').fill('1.8');
    await panel.getByTestId('repair-codes').getByText('12051', { exact: true }).waitFor();

    // It was a bilobed flap after all: the primary defect from the measured final defect, the secondary typed.
    await form.getByLabel('Repair', { exact: true }).selectOption('adjacent-tissue-transfer');
    await form.getByLabel('Flap', { exact: true }).selectOption('Bilobed flap');
    await form.getByRole('button', { name: 'Primary = measured final defect' }).click();
    await form.getByLabel('Secondary defect length (cm)').fill('2');
    await form.getByLabel('Secondary defect width (cm)').fill('1.5');
    await form.getByLabel('Defect depth').selectOption('cartilage');
    await form.getByLabel('Closure note').fill('Bilobed flap from the nasal sidewall; 5-0 deep, 6-0 skin.');
    const codes = panel.getByTestId('repair-codes');
    await codes.getByText('14060', { exact: true }).waitFor();
    expect(await codes.locator('li').first().textContent()).toBe(
      '14060 ×1: Bilobed flap, lesion A: primary 1.5 cm × 1.2 cm = 1.8 sq cm + secondary 2 cm × 1.5 cm = 3 sq cm = 4.8 sq cm; eyelids, nose, ears, lips, up to 10 sq cm.',
    );
    await form.getByRole('button', { name: 'Save repair' }).click();
    await form.getByText(/^Repair saved: Flap \(adjacent tissue transfer\)/).waitFor();
    await form.getByLabel('Repair', { exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('repair-panel-form') });
    await codes.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('repair-panel-codes') });

    // Stored: a reload shows the same repair and codes.
    await page.reload();
    await form.waitFor();
    expect(await form.getByLabel('Flap name').inputValue()).toBe('Bilobed flap');
    expect(await form.getByLabel('Primary defect length (cm)').inputValue()).toBe('1.5');
    expect(await form.getByLabel('Secondary defect width (cm)').inputValue()).toBe('1.5');
    await page.getByTestId('repair-codes').getByText('14060', { exact: true }).waitFor();
    const stored = (await hostCall(host, 'lesions.get', { id: lesionId })).lesion.repair;
    expect(stored).toMatchObject({ kind: 'adjacent-tissue-transfer', flapName: 'Bilobed flap', defectDepth: 'cartilage', primaryDefect: { lengthCm: 1.5, widthCm: 1.2 } });

    // The case's coding summary has the repair line after the Mohs line.
    await page.goto(`${host.url}#/case/${caseId}`);
    const summary = page.getByTestId('coding-summary');
    await summary.locator('.coding-line--repair').waitFor();
    expect(await summary.locator('.coding-line').allTextContents()).toEqual([
      expect.stringMatching(/^17311/),
      expect.stringMatching(/^140601—ABilobed flap, lesion A: primary 1.5 cm/),
    ]);
    await summary.screenshot({ path: screenshotPath('repair-coding-summary') });

    // The printed sheet: the repair with its formulas, and the repair line in the coding summary.
    await page.goto(`${host.url}#/print/case/${caseId}/letter`);
    await page.getByTestId('map-sheet').waitFor();
    expect(await page.getByTestId('sheet-repair').textContent()).toBe(
      'RepairFlap (adjacent tissue transfer); Bilobed flap; primary defect 1.5 cm × 1.2 cm = 1.8 sq cm; secondary defect 2 cm × 1.5 cm = 3 sq cm; defect to cartilage / perichondrium. Bilobed flap from the nasal sidewall; 5-0 deep, 6-0 skin.',
    );
    await page.getByTestId('sheet-repair').screenshot({ path: screenshotPath('repair-sheet-facts') });
    const file = path.join(e2e.dir, 'repair-sheet.pdf');
    await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
    const pdf = await readPdf(e2e.browser, file);
    // Lines wrap where the page width says: compare with the whitespace made single.
    const text = pdf.pages.map((_, i) => pdf.text(i + 1)).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('secondary defect 2 cm × 1.5 cm = 3 sq cm');
    expect(text).toContain('14060 x1 lesion A Bilobed flap');
    expect(errors).toEqual([]);
    await page.close();
  });
});
