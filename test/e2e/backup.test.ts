import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestHost } from '../host/server';
import { screenshotPath, useChromium, watchForPageErrors } from './browser';
import { hostCall, signInSurgeon } from './hostApi';

/**
 * Backups end to end in Chromium through the test host: the administrator types the backup
 * folder, backs up now (a progress bar, the button disabled meanwhile) and sees "Last backup";
 * after a later change, Restore… lists the backup, previews it read-only (counts and dates, no
 * patient: the administrator may not see patient data) and swaps it in; the app answers again.
 */
const e2e = useChromium('backup');

describe('backup and restore in Settings', () => {
  it('backs up now, previews a backup read-only and restores it; the app answers after', async () => {
    const file = path.join(e2e.dir, 'clinic.sqlite');
    const folder = path.join(e2e.dir, 'backups');
    fs.mkdirSync(folder);
    const host = await startTestHost({ databasePath: file });
    try {
      const surgeon = await signInSurgeon(host);
      const okafor = await hostCall(host, 'patients.create', { familyName: 'Okafor', givenName: 'Grace', mrn: 'MRN-100234', dateOfBirth: '1944-06-01', sex: 'female' });
      await hostCall(host, 'cases.create', { patientId: okafor.id, dateOfSurgery: '2026-11-27', surgeonId: surgeon.id });

      const page = await e2e.browser.newPage({ viewport: { width: 1366, height: 1000 } });
      const errors = watchForPageErrors(page);
      page.on('dialog', (d) => void d.accept());
      await page.goto(`${host.url}#/settings`);
      const panel = page.getByTestId('backup-panel');
      await expect.poll(() => panel.getByTestId('backup-last').textContent()).toMatch(/Last backup: none yet/);
      await panel.getByLabel(/Backup folder/).fill(folder);
      await panel.getByRole('button', { name: 'Use this folder' }).click();
      await expect.poll(() => panel.getByRole('status').textContent()).toContain(`Backups go to ${folder}`);
      // The answer held back a moment (a slow disk): the progress arrives meanwhile, as events.
      await page.route('**/api/backup.now', async (route) => {
        const response = await route.fetch();
        await new Promise((r) => setTimeout(r, 1500));
        await route.fulfill({ response });
      });
      await page.evaluate(() => {
        const seen: { value: number; disabled: boolean }[] = [];
        (window as unknown as { seen: typeof seen }).seen = seen;
        new MutationObserver(() => {
          const bar = document.querySelector<HTMLProgressElement>('progress[aria-label="Backup progress"]');
          const button = [...document.querySelectorAll('button')].find((b) => /Back(ing)? up/.test(b.textContent ?? ''));
          if (bar) seen.push({ value: bar.value, disabled: button?.disabled ?? false });
        }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      });
      await panel.getByRole('button', { name: 'Back up now' }).click();
      const bar = panel.getByRole('progressbar', { name: 'Backup progress' });
      await expect.poll(() => bar.evaluate((b: HTMLProgressElement) => b.value)).toBe(1);
      expect(await panel.getByRole('button', { name: 'Backing up and checking…' }).isDisabled()).toBe(true);
      await page.screenshot({ path: screenshotPath('backup-progress'), fullPage: true });
      await expect.poll(() => panel.getByRole('status').textContent()).toMatch(/Backed up: 1 case, checked/);
      await expect.poll(() => bar.count()).toBe(0);
      const seen = await page.evaluate(() => (window as unknown as { seen: { value: number; disabled: boolean }[] }).seen);
      const values = [...new Set(seen.map((s) => s.value))];
      expect(values.length).toBeGreaterThan(1);
      expect(values).toEqual([...values].sort((a, b) => a - b));
      expect(seen.every((s) => s.disabled)).toBe(true);
      await page.unroute('**/api/backup.now');
      await expect.poll(() => panel.getByTestId('backup-last').textContent()).toMatch(/^Last backup: .*\(1 case\)\.$/);
      await page.screenshot({ path: screenshotPath('backup-status'), fullPage: true });

      // A change after the backup: the restore takes the clinic back before it.
      const later = await hostCall(host, 'patients.create', { familyName: 'Later', givenName: 'Ann', mrn: 'MRN-999', dateOfBirth: '1960-01-01', sex: 'female' });
      await hostCall(host, 'cases.create', { patientId: later.id, dateOfSurgery: '2026-11-28', surgeonId: surgeon.id });

      await panel.getByRole('button', { name: 'Restore…' }).click();
      const list = panel.getByRole('table', { name: 'Backups' });
      await expect.poll(() => list.locator('tbody tr').count()).toBe(1);
      expect(await list.locator('tbody tr td:nth-child(2)').textContent()).toBe('1');
      await list.getByRole('button', { name: 'Preview' }).click();
      const preview = panel.getByTestId('backup-preview');
      await expect.poll(() => preview.locator('.facts').textContent()).toMatch(/Cases1 \(0 signed\)Patients1.*Dates of surgery2026-11-27 to 2026-11-27/);
      expect(await preview.getByRole('table', { name: 'Cases by month of surgery' }).locator('tbody tr').allTextContents()).toEqual([expect.stringMatching(/November 2026\s*1/)]);
      // No patient's data in front of the administrator.
      expect(await panel.textContent()).not.toMatch(/Okafor|Grace|MRN-100234/);
      await page.screenshot({ path: screenshotPath('backup-preview'), fullPage: true });

      await preview.getByRole('button', { name: 'Restore this backup' }).click();
      await expect.poll(() => panel.getByRole('status').textContent(), { timeout: 15_000 }).toMatch(/Restored the backup of .*kept at .*before-restore/);
      await page.screenshot({ path: screenshotPath('backup-restored'), fullPage: true });

      // The app answers again, from the restored file: Later's case is not in it.
      expect((await hostCall(host, 'cases.search', { text: 'Later' })).length).toBe(0);
      expect((await hostCall(host, 'cases.search', { text: 'Okafor' })).length).toBe(1);
      expect((await hostCall(host, 'audit.list', {}))[0]).toMatchObject({ action: 'restore', userId: surgeon.id });
      await page.goto(`${host.url}#/settings`);
      await expect.poll(() => page.getByTestId('backup-last').textContent()).toMatch(/Last backup:/);
      expect(errors).toEqual([]);
    } finally {
      await host.close();
    }
  }, 120_000);
});
