import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestHost } from '../host/server';
import { screenshotPath, useChromium, watchForPageErrors } from './browser';
import { hostCall, signInSurgeon } from './hostApi';

/**
 * Backups end to end in Chromium through the test host: the administrator types the backup
 * folder, backs up now and sees "Last backup"; after a later change, Restore… lists the backup,
 * previews its cases read-only and swaps it in; the app answers again with the restored data.
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
      await panel.getByRole('button', { name: 'Back up now' }).click();
      await expect.poll(() => panel.getByRole('status').textContent()).toMatch(/Backed up: 1 case, checked/);
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
      await expect.poll(() => preview.getByRole('table', { name: 'Cases in this backup' }).locator('tbody tr').allTextContents()).toEqual([
        expect.stringContaining('Okafor, Grace'),
      ]);
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
