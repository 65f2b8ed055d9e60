import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsvRows } from '../../shared/coding';
import type { LabStatus } from '../../shared/records';
import { startTestHost, type TestHost } from '../host/server';
import { bisected, quartered } from '../electron/store/maps';
import { screenshotPath, useChromium, watchForPageErrors } from './browser';
import { addUser, hostCall, NASAL_ALA_BCC, signInAs, signInSurgeon } from './hostApi';

/**
 * The practice statistics page in Chromium (issue 16 part 3): a surgeon opens it from the top
 * bar, reads the practice's figures for this range, changes the range (fewer cases, the URL
 * follows), opens a chart's numbers and downloads them as CSV; a histotech has no link to it.
 * Charts are Observable Plot SVG, drawn under the app's CSP (a violation fails the test).
 */
const e2e = useChromium('statistics');
let host: TestHost;

afterAll(async () => {
  await host?.close();
});

const LAB: readonly LabStatus[] = ['grossed', 'embedded', 'cut', 'stained', 'ready', 'read'];

/** Cases through the app's operations: March and May, two surgeons, 1–3 stages, blocks through the lab. */
async function seed(h: TestHost) {
  const ana = await signInSurgeon(h);
  const ben = await addUser(h, { name: 'Dr Ben Okoro', initials: 'BO', roles: ['surgeon'] });
  const plan = [
    { date: '2026-03-03', surgeon: ana, site: 'nasal-ala', tumor: 'bcc-nodular', stages: 2 },
    { date: '2026-03-10', surgeon: ben, site: 'forehead', tumor: 'bcc-infiltrative', stages: 3 },
    { date: '2026-03-17', surgeon: ana, site: 'back', tumor: 'scc-well-differentiated', stages: 1 },
    { date: '2026-05-05', surgeon: ben, site: 'scalp', tumor: 'bcc-superficial', stages: 1 },
    { date: '2026-05-12', surgeon: ana, site: 'upper-lip', tumor: 'bcc-nodular', stages: 2 },
  ];
  for (const [i, p] of plan.entries()) {
    const patient = await hostCall(h, 'patients.create', { familyName: `Stat${i}`, givenName: 'Pat', mrn: `ST-${i}`, dateOfBirth: '1950-02-03', sex: 'female' });
    const c = await hostCall(h, 'cases.create', { patientId: patient.id, dateOfSurgery: p.date, surgeonId: p.surgeon.id, accessionNumber: `ST26-${i}` });
    const lesion = await hostCall(h, 'lesions.create', { ...NASAL_ALA_BCC, siteId: p.site, tumorTypeId: p.tumor, caseId: c.id });
    for (let s = 0; s < p.stages; s++) {
      const stage = await hostCall(h, 'stages.create', { lesionId: lesion.id, doc: s % 2 === 0 ? quartered() : bisected() });
      for (const block of stage.doc.blocks) {
        let version = 1;
        for (const status of LAB) version = (await hostCall(h, 'blocks.setStatus', { id: block.id, version, status })).version;
      }
    }
    if (i % 2 === 0) {
      const now = await hostCall(h, 'lesions.get', { id: lesion.id });
      await hostCall(h, 'lesions.setRepair', {
        id: lesion.id,
        version: now.lesion.version,
        repair: { kind: 'intermediate', siteIds: [p.site], defectDepth: 'subcutaneous-fat', lengthCm: 2.5, primaryDefect: null, secondaryDefect: null, graft: null, laterOn: '' },
      });
    }
  }
  const tech = await addUser(h, { name: 'Tom Histo', initials: 'TH', roles: ['histotech'] });
  return { ana, tech, cases: plan.length, march: plan.filter((p) => p.date.startsWith('2026-03')).length };
}

describe('practice statistics end to end', () => {
  it('a surgeon opens the statistics, changes the range, and downloads a chart’s numbers as CSV', async () => {
    host = await startTestHost({ databasePath: path.join(e2e.dir, 'clinic.sqlite') });
    const { ana, tech, cases, march } = await seed(host);
    await signInAs(host, ana);
    const page = await e2e.browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    const errors = watchForPageErrors(page);
    await page.goto(`${host.url}#/`);
    await page.getByTestId('current-user').filter({ hasText: 'Dr Ana Mendez' }).waitFor();
    await page.getByRole('link', { name: 'Statistics' }).click();
    await page.getByRole('heading', { name: 'Practice statistics' }).waitFor();

    // The whole year: both surgeons and the practice, each row of the summary.
    await page.getByLabel('From (date of surgery)').fill('2026-01-01');
    await page.getByLabel('To (date of surgery)').fill('2026-12-31');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.waitForFunction(() => location.hash === '#/statistics/2026-01-01/2026-12-31');
    const summary = page.getByTestId('stats-table-summary');
    await summary.waitFor();
    const practiceRow = () => summary.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Practice' }) });
    expect(await summary.getByRole('rowheader').allInnerTexts()).toEqual(['Dr Ana Mendez', 'Dr Ben Okoro', 'Practice']);
    expect((await practiceRow().getByRole('cell').allInnerTexts())[0]).toBe(String(cases));
    // Every chart is drawn, with its reference line labelled in words on stages per lesion.
    expect(await page.locator('svg.stats-plot').count()).toBe(8);
    // What has nothing to chart says so: these maps have no results read and no histology.
    expect(await page.getByTestId('stats-first-stage-clearance-panel').locator('.stats-empty').innerText()).toBe('Nothing to chart: no first stages read in this range.');
    expect(await page.getByTestId('stats-mue-panel').locator('.stats-empty').innerText()).toBe('No case in this range exceeds an MUE.');
    expect(await page.getByTestId('stats-stages-per-lesion-panel').locator('svg').innerHTML()).toContain('Medicare mean 1.74 (JAMA Dermatol 2017)');
    expect(await page.getByTestId('stats-turnaround-summary').innerText()).toMatch(/^Excised \(the block on the saved map\) to ready for reading: \d+ blocks timed, mean \d+ min/);
    await page.screenshot({ path: screenshotPath('statistics-1-year'), fullPage: true });
    await page.getByTestId('stats-stages-per-lesion-panel').screenshot({ path: screenshotPath('statistics-3-stages-per-lesion') });
    await page.getByTestId('stats-turnaround-panel').screenshot({ path: screenshotPath('statistics-4-turnaround') });

    // March only: fewer cases, and the address says which range.
    await page.getByLabel('From (date of surgery)').fill('2026-03-01');
    await page.getByLabel('To (date of surgery)').fill('2026-03-31');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.waitForFunction(() => location.hash === '#/statistics/2026-03-01/2026-03-31');
    await page.getByRole('heading', { name: 'Cases, stages and blocks, 2026-03-01 to 2026-03-31' }).waitFor();
    expect((await practiceRow().getByRole('cell').allInnerTexts())[0]).toBe(String(march));

    // A range the wrong way round is refused in words; the page stays on March.
    await page.getByLabel('From (date of surgery)').fill('2026-04-01');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    expect(await page.getByRole('form', { name: 'Dates of surgery' }).getByRole('alert').innerText()).toBe('The From date must be on or before the To date.');
    expect(await page.evaluate(() => location.hash)).toBe('#/statistics/2026-03-01/2026-03-31');

    // One chart's numbers, opened and saved as CSV.
    const panel = page.getByTestId('stats-stages-per-lesion-panel');
    await panel.getByText('Numbers: Stages per lesion').click();
    await panel.getByTestId('stats-table-stages-per-lesion').waitFor();
    await page.screenshot({ path: screenshotPath('statistics-2-march-numbers'), fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('layermap-statistics-2026-03-01-to-2026-03-31-stages-per-lesion.csv');
    const saved = path.join(e2e.dir, download.suggestedFilename());
    await download.saveAs(saved);
    const rows = parseCsvRows(fs.readFileSync(saved, 'utf8'));
    expect(rows.ok && rows.value).toEqual([
      ['Surgeon', 'Stages', 'Lesions with stages', 'Stages per lesion'],
      ['Dr Ana Mendez', '3', '2', '1.5'],
      ['Dr Ben Okoro', '3', '1', '3'],
      ['Practice', '6', '3', '2'],
    ]);
    expect(errors).toEqual([]);

    // A histotech has no Statistics link.
    await signInAs(host, tech);
    const lab = await e2e.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await lab.goto(`${host.url}#/worklist`);
    await lab.getByTestId('current-user').filter({ hasText: 'Tom Histo' }).waitFor();
    expect(await lab.getByRole('link', { name: 'Statistics' }).count()).toBe(0);
  }, 300_000);
});
