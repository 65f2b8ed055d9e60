import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startTestHost } from '../host/server';
import { launchChromium } from '../e2e/browser';
import { seedPrintedCase } from '../e2e/sheetFixture';
import { figure } from './figures';
import { percentile } from './stats';

/**
 * Printing a 5-stage lesion's map sheet to PDF in Chromium, five times: from opening the
 * sheet (data read, maps drawn) to the PDF bytes, and the PDF step alone.
 */
export async function benchSheet(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-bench-sheet-'));
  const host = await startTestHost({ databasePath: path.join(dir, 'db.sqlite') });
  const chromium = await launchChromium();
  try {
    const { lesionA } = await seedPrintedCase(host, 5);
    const whole: number[] = [];
    const pdfOnly: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 6; i++) {
      const page = await chromium.browser.newPage();
      const t0 = performance.now();
      await page.goto(`${host.url}#/print/lesion/${lesionA}/letter`);
      await page.getByTestId('map-sheet').waitFor();
      const t1 = performance.now();
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      const t2 = performance.now();
      bytes = pdf.length;
      // The first run warms Chromium up; it is not counted.
      if (i > 0) {
        whole.push(t2 - t0);
        pdfOnly.push(t2 - t1);
      }
      await page.close();
    }
    whole.sort((a, b) => a - b);
    pdfOnly.sort((a, b) => a - b);
    figure('sheet.print_5_stages_p50', percentile(whole, 50), 0);
    console.log(`5-stage lesion sheet to PDF (${(bytes / 1024).toFixed(0)} KiB), 5 runs: open + print p50 ${percentile(whole, 50).toFixed(0)} ms (max ${whole[whole.length - 1]!.toFixed(0)} ms); page.pdf alone p50 ${percentile(pdfOnly, 50).toFixed(0)} ms`);
  } finally {
    await chromium.close();
    await host.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
