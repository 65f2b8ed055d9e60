import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AUDIT_CSV_HEADER } from '../../shared/audit';
import { parseCsvRows } from '../../shared/coding/csvRows';
import { headFileBeside } from '../../electron/store/auditChain';
import { keyFileBeside } from '../../electron/store/auditKey';
import { applyDatabaseKey, databaseKeyFileBeside, databaseKeyFileSource } from '../../electron/store/databaseKey';
import { startTestHost } from '../host/server';
import { screenshotPath, useChromium, watchForPageErrors } from './browser';
import { hostCall, NASAL_ALA_BCC, signInSurgeon } from './hostApi';

/**
 * The audit viewer end to end: records opened and changed in the UI, filtered by patient and
 * action, exported as CSV (and the export audited), verified; then a tampered copy of the
 * database warns at start and its verify names the row.
 */
const e2e = useChromium('audit');

describe('audit trail viewer', () => {
  it('filters, exports and verifies, and a tampered copy warns at start and names the broken row', async () => {
    const file = path.join(e2e.dir, 'clinic.sqlite');
    const host = await startTestHost({ databasePath: file });
    let copyHost: Awaited<ReturnType<typeof startTestHost>> | null = null;
    let hostOpen = true;
    try {
      const surgeon = await signInSurgeon(host);
      const walker = await hostCall(host, 'patients.create', { familyName: 'Walker', givenName: 'Joan', mrn: 'W-2001', dateOfBirth: '1950-02-03', sex: 'female' });
      const okafor = await hostCall(host, 'patients.create', { familyName: 'Okafor', givenName: 'Grace', mrn: 'O-3001', dateOfBirth: '1944-06-01', sex: 'female' });
      const c = await hostCall(host, 'cases.create', { patientId: walker.id, dateOfSurgery: '2026-11-27', surgeonId: surgeon.id });
      const lesion = await hostCall(host, 'lesions.create', { ...NASAL_ALA_BCC, caseId: c.id });
      const other = await hostCall(host, 'cases.create', { patientId: okafor.id, dateOfSurgery: '2026-11-27', surgeonId: surgeon.id });

      const page = await e2e.browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
      const errors = watchForPageErrors(page);
      await page.goto(`${host.url}#/case/${c.id}`);
      await page.getByRole('heading', { name: /Walker/ }).first().waitFor();
      await page.goto(`${host.url}#/settings`);
      await page.getByRole('link', { name: 'Open the audit trail' }).click();
      const table = page.getByTestId('audit-rows');
      await table.waitFor();
      await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThanOrEqual(6);
      // Newest first: the case opened in the UI is the top row.
      expect(await table.locator('tbody tr').first().locator('td').allTextContents()).toEqual([
        expect.any(String),
        expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
        surgeon.name,
        'Opened',
        `case ${c.id.slice(0, 8)}`,
        '',
      ]);

      await page.getByLabel('Patient (name or MRN)').fill('Walker');
      await page.getByRole('button', { name: 'Show' }).click();
      await expect.poll(() => table.locator('tbody tr').count()).toBe(4); // patient, case and lesion created; case opened
      const records = await table.locator('tbody tr td:nth-child(5)').allTextContents();
      expect(records.some((r) => r.includes(other.id.slice(0, 8)) || r.includes(okafor.id.slice(0, 8)))).toBe(false);

      await page.getByLabel('Action').selectOption('open');
      await page.getByRole('button', { name: 'Show' }).click();
      await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
      await page.screenshot({ path: screenshotPath('audit-viewer-filtered'), fullPage: true });

      await page.getByLabel('Action').selectOption('');
      await page.getByRole('button', { name: 'Show' }).click();
      await expect.poll(() => table.locator('tbody tr').count()).toBe(4);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^layermap-audit-\d{4}-\d\d-\d\d\.csv$/);
      const saved = path.join(e2e.dir, download.suggestedFilename());
      await download.saveAs(saved);
      const parsed = parseCsvRows(fs.readFileSync(saved, 'utf8'));
      if (!parsed.ok) throw new Error(parsed.error.message);
      expect(parsed.value[0]).toEqual([...AUDIT_CSV_HEADER]);
      expect(parsed.value.slice(1).map((r) => r[6]).sort()).toEqual([walker.id, c.id, lesion.id, c.id].sort());
      await page.getByRole('status').filter({ hasText: 'Exported 4 rows as CSV.' }).waitFor();

      await page.getByRole('button', { name: 'Clear' }).click();
      await expect.poll(() => table.locator('tbody tr').first().locator('td').nth(5).textContent()).toBe('audit CSV, 4 rows');
      await page.getByRole('button', { name: 'Verify audit trail' }).click();
      await expect.poll(() => page.getByTestId('audit-verdict').textContent()).toMatch(/^Audit trail intact: \d+ rows checked, head at row \d+\.$/);
      // A change is stored as a JSON Patch (format 2) and shown in words.
      await hostCall(host, 'lesions.update', { ...NASAL_ALA_BCC, id: lesion.id, version: lesion.version, preopLengthMm: NASAL_ALA_BCC.preopLengthMm + 2 });
      await page.getByRole('button', { name: 'Show' }).click();
      await expect.poll(() => table.locator('tbody tr').first().locator('td').nth(5).textContent()).toBe('changed: preop length');
      await page.getByRole('button', { name: 'Verify audit trail' }).click();
      await expect.poll(() => page.getByTestId('audit-verdict').textContent()).toMatch(/^Audit trail intact: \d+ rows checked, head at row \d+\.$/);
      await page.screenshot({ path: screenshotPath('audit-viewer'), fullPage: true });
      expect(errors).toEqual([]);
      await page.close();

      // A tamperer's copy: the newest row back-dated with the triggers dropped.
      await host.close();
      hostOpen = false;
      const copy = path.join(e2e.dir, 'copy.sqlite');
      fs.copyFileSync(file, copy);
      fs.copyFileSync(headFileBeside(file), headFileBeside(copy));
      fs.copyFileSync(keyFileBeside(file), keyFileBeside(copy));
      fs.copyFileSync(databaseKeyFileBeside(file), databaseKeyFileBeside(copy));
      const db = new Database(copy);
      applyDatabaseKey(db, await databaseKeyFileSource(databaseKeyFileBeside(copy)).load());
      db.exec(`DROP TRIGGER audit_events_no_update; UPDATE audit_events SET at = '2024-01-01T08:00:00.000Z' WHERE seq = (SELECT max(seq) FROM audit_events)`);
      const last = (db.prepare('SELECT max(seq) AS n FROM audit_events').get() as { n: number }).n;
      db.close();
      copyHost = await startTestHost({ databasePath: copy });
      await signInSurgeon(copyHost);
      const tampered = await e2e.browser.newPage({ viewport: { width: 1366, height: 900 } });
      await tampered.goto(`${copyHost.url}#/settings/audit`);
      const warning = tampered.getByTestId('audit-start-warning');
      await warning.waitFor();
      expect(await warning.textContent()).toContain(`The audit trail is broken at row ${last}.`);
      await tampered.getByRole('button', { name: 'Verify audit trail' }).click();
      await expect.poll(() => tampered.getByTestId('audit-verdict').textContent()).toMatch(new RegExp(`broken at row ${last}\\. Row ${last} \\([a-z-]+ of [^,]+, dated 2024-01-01T08:00:00.000Z\\) does not match its seal`));
      await tampered.screenshot({ path: screenshotPath('audit-tampered'), fullPage: true });
      await tampered.close();
    } finally {
      if (hostOpen) await host.close();
      await copyHost?.close();
    }
  });
});
