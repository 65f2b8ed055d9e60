import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { chooseDatabaseAtStart, databaseConfigFile } from '../../electron/services/databaseConfig';
import { startTestHost } from '../host/server';
import { fakeSealer } from '../electron/services/fakeSealer';
import { screenshotPath, useChromium, watchForPageErrors } from './browser';
import { hostCall, signInSurgeon } from './hostApi';

/**
 * Settings → Database in Chromium, as the administrator uses it: the engine in use, the clinic
 * server's form, Test connection against the tests' real PostgreSQL server (which offers no TLS:
 * refused until the local-network exception is ticked), and the save that says to restart.
 */
const url = inject('postgresUrl');
const e2e = useChromium('database-settings');

describe.skipIf(!url)(`Settings → Database${url ? '' : ` (skipped: ${inject('postgresMissing') || 'no server'})`}`, () => {
  it('tests the clinic server, refuses it without TLS, saves it with the local-network exception and says to restart', async () => {
    const folder = path.join(e2e.dir, 'user-data');
    fs.mkdirSync(folder);
    const host = await startTestHost({ databasePath: path.join(e2e.dir, 'clinic.sqlite'), databaseSettings: { folder, sealer: fakeSealer() } });
    try {
      await signInSurgeon(host);
      const server = new URL(url);
      const page = await e2e.browser.newPage({ viewport: { width: 1366, height: 900 } });
      const errors = watchForPageErrors(page);
      await page.goto(`${host.url}#/settings`);
      const panel = page.getByTestId('database-panel');
      await expect.poll(() => panel.getByTestId('database-running').textContent()).toBe('Layermap is using this computer’s own database now.');
      expect(await panel.getByRole('radio', { name: 'This computer only' }).isChecked()).toBe(true);

      await panel.getByRole('radio', { name: /Clinic server/ }).check();
      await panel.getByLabel('Server name').fill(server.hostname);
      await panel.getByLabel('Port').fill(server.port || '5432');
      await panel.getByLabel('Database').fill(decodeURIComponent(server.pathname.slice(1)));
      await panel.getByLabel('User').fill(decodeURIComponent(server.username));
      await panel.getByLabel('Password').fill('clinic server password');
      expect(await panel.getByLabel('Encryption (TLS)').inputValue()).toBe('verify-full');
      await panel.screenshot({ path: screenshotPath('database-settings-form') });

      // The test server has no TLS: said plainly, and a save is refused.
      await panel.getByRole('button', { name: 'Test connection' }).click();
      const result = panel.getByTestId('database-test-result');
      await expect.poll(() => result.textContent()).toMatch(/offers no encrypted \(TLS\) connection/);
      await panel.getByRole('button', { name: 'Save for the next start' }).click();
      await expect.poll(() => panel.getByRole('alert').textContent()).toMatch(/^Not saved: The server offers no encrypted/);
      expect(fs.existsSync(databaseConfigFile(folder))).toBe(false);
      await panel.screenshot({ path: screenshotPath('database-settings-no-tls') });

      // The local-network exception: connected, saved, and the page says to restart.
      await panel.getByLabel(/Local-network exception/).check();
      await panel.getByRole('button', { name: 'Test connection' }).click();
      await expect.poll(() => result.textContent()).toMatch(/^Connected: PostgreSQL 1\d/);
      await panel.getByRole('button', { name: 'Save for the next start' }).click();
      await expect.poll(() => panel.getByTestId('database-saved').textContent()).toBe('Saved. Restart Layermap to use the clinic server.');
      await panel.screenshot({ path: screenshotPath('database-settings-saved') });

      // What the next start opens (electron/main reads the same file), and the audit row.
      const start = await chooseDatabaseAtStart(folder, fakeSealer());
      expect(start.kind === 'server' && new URL(start.clinicServer.connectionString).hostname).toBe(server.hostname);
      expect(fs.readFileSync(databaseConfigFile(folder), 'utf8')).not.toMatch(/clinic server password/);
      const audit = await hostCall(host, 'audit.list', { entityId: 'database' });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'update', after: { engine: 'server', sslmode: 'disable-lan-exception' } });

      // After a reload the page shows the saved choice, the password kept sealed.
      await page.reload();
      await expect.poll(() => panel.getByLabel('Server name').inputValue()).toBe(server.hostname);
      expect(await panel.getByLabel(/Local-network exception/).isChecked()).toBe(true);
      await expect.poll(() => panel.textContent()).toMatch(/A password is saved on this computer/);
      expect(errors).toEqual([]);
    } finally {
      await host.close();
    }
  }, 120_000);
});
