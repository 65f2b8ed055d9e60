import os from 'node:os';
import type { Browser, Page } from 'playwright-core';
import type { TestHost } from '../host/server';
import { figure } from './figures';
import { percentile } from './stats';

/**
 * editor.open_10_stages: navigation to the stress lesion (10 stages × 12 blocks) until the map
 * takes a key, in Chromium. The map takes keys once it is on the page with the last stage open
 * (its tab selected): it is drawn in that same render. Measured on a fresh page (the app's
 * script loaded too, the worst case) three times, median; also, for the readable report, the
 * side panels complete (the last stage's block rows listed) and the usual way in, from the
 * case page with the app already running.
 */
export async function benchEditorOpen(browser: Browser, host: TestHost, lesionId: string, caseId: string): Promise<void> {
  const fresh: number[] = [];
  const panels: number[] = [];
  const inApp: number[] = [];
  for (let run = 0; run < 3; run++) {
    const page = await browser.newPage({ viewport: { width: 1500, height: 1100 } });
    const opening = performance.now();
    await page.goto(`${host.url}#/lesion/${lesionId}`);
    await mapTakesKeys(page);
    fresh.push(performance.now() - opening);
    await page.getByRole('row', { name: /10-12/ }).waitFor();
    panels.push(performance.now() - opening);

    await page.goto(`${host.url}#/case/${caseId}`);
    await page.getByRole('link', { name: /Lesion A/ }).first().waitFor();
    const navigating = performance.now();
    await page.evaluate(`window.location.hash = '#/lesion/${lesionId}'`);
    await mapTakesKeys(page);
    inApp.push(performance.now() - navigating);
    await page.close();
  }
  const ms = (v: number[]) => v.map((x) => x.toFixed(0)).join(', ');
  // These machines are shared: the load beside the figure says how far to trust it.
  console.log(`load average (1, 5, 15 min) after the runs: ${os.loadavg().map((x) => x.toFixed(2)).join(', ')} on ${os.cpus().length} cores`);
  const sorted = (v: number[]) => [...v].sort((a, b) => a - b);
  console.log(`open the stress lesion on a fresh page until the map takes keys: ${ms(fresh)} ms (median ${percentile(sorted(fresh), 50).toFixed(0)})`);
  console.log(`  … until every side panel is filled (block rows of stage 10): ${ms(panels)} ms`);
  console.log(`  from the case page, the app running: ${ms(inApp)} ms (median ${percentile(sorted(inApp), 50).toFixed(0)})`);
  figure('editor.open_10_stages', percentile(sorted(fresh), 50), 0);
}

/** The map is on the page with stage 10 open, and focusing it gives it the keys. */
async function mapTakesKeys(page: Page): Promise<void> {
  await page.getByRole('tab', { name: /Stage 10/, selected: true }).waitFor();
  await page.getByTestId('map-canvas').waitFor();
}
