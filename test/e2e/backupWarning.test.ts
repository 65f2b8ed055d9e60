import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestHost } from '../host/server';
import { screenshotPath, useChromium, watchForPageErrors } from './browser';
import { addUser, hostCall, signInAs, signInSurgeon } from './hostApi';

/**
 * The last-backup warning in the app shell, end to end in Chromium: after 48 hours without a
 * verified backup every user sees it on every screen; the administrator is sent to Settings →
 * Backups, a histotech is asked to tell the administrator; "Dismiss for today" hides it until
 * the next day; a new backup clears it.
 */
const e2e = useChromium('backup-warning');

describe('the overdue-backup warning', () => {
  it('shows on every screen to everyone after 48 h, can be dismissed for the day, and goes once a backup is taken', async () => {
    const file = path.join(e2e.dir, 'clinic.sqlite');
    const folder = path.join(e2e.dir, 'backups');
    fs.mkdirSync(folder);
    const host = await startTestHost({ databasePath: file });
    try {
      const admin = await signInSurgeon(host);
      const histotech = await addUser(host, { name: 'Sam Reyes', initials: 'SR', roles: ['histotech'] });
      await hostCall(host, 'backup.setFolder', { folder });
      const taken = await hostCall(host, 'backup.now', {});
      // The only backup is three days old.
      const manifest = path.join(folder, `${taken.file}.json`);
      const old = new Date(Date.now() - 72 * 3600_000).toISOString();
      fs.writeFileSync(manifest, JSON.stringify({ ...JSON.parse(fs.readFileSync(manifest, 'utf8')), createdAt: old }));

      const page = await e2e.browser.newPage({ viewport: { width: 1366, height: 900 } });
      const errors = watchForPageErrors(page);
      await page.goto(`${host.url}#/`);
      const warning = page.getByTestId('backup-warning');
      await expect.poll(() => warning.textContent()).toMatch(/Backups are overdue: none verified since .* \(over 48 hours\)\./);
      expect(await warning.getByRole('link', { name: 'Go to Backups' }).getAttribute('href')).toBe('#/settings');
      await page.screenshot({ path: screenshotPath('backup-warning-admin'), fullPage: true });
      await page.goto(`${host.url}#/worklist`);
      await warning.waitFor();

      // Dismissed for today: gone, and still gone after a reload and on other screens.
      await warning.getByRole('button', { name: 'Dismiss for today' }).click();
      await expect.poll(() => warning.count()).toBe(0);
      await page.reload();
      await page.goto(`${host.url}#/`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      expect(await warning.count()).toBe(0);
      // The next day (the mark is yesterday's): back.
      await page.evaluate(() => localStorage.setItem('layermap.backupWarningDismissedOn', '2000-01-01'));
      await page.reload();
      await warning.waitFor();

      // Anyone else: told to tell the administrator, no link to a page they may not change.
      await signInAs(host, histotech);
      await page.reload();
      await expect.poll(() => warning.textContent()).toMatch(/Please tell the clinic's administrator/);
      expect(await warning.getByRole('link').count()).toBe(0);
      await page.screenshot({ path: screenshotPath('backup-warning-histotech'), fullPage: true });

      // A new backup (anyone may take one) clears it on the next screen.
      await hostCall(host, 'backup.now', {});
      await page.goto(`${host.url}#/worklist`);
      await expect.poll(() => warning.count()).toBe(0);
      await signInAs(host, admin);
      expect(errors).toEqual([]);
    } finally {
      await host.close();
    }
  }, 120_000);
});
