import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestHost } from '../host/server';
import { useChromium, watchForPageErrors } from './browser';
import { signInSurgeon } from './hostApi';

/**
 * The pickers in Settings: with the desktop bridge's choosePath (here a fake standing in for
 * electron/main/pathPicker.ts) "Choose…" fills the backup folder and the archive file; without
 * it (the test host as it is) there is no "Choose…" and the paths are typed.
 */
const e2e = useChromium('path-picker');

describe('folder and file pickers', () => {
  it('fill the paths where the desktop offers a picker, and are absent where it does not', async () => {
    const file = path.join(e2e.dir, 'clinic.sqlite');
    const folder = path.join(e2e.dir, 'picked-backups');
    fs.mkdirSync(folder);
    const host = await startTestHost({ databasePath: file });
    try {
      await signInSurgeon(host);
      const plain = await e2e.browser.newPage();
      await plain.goto(`${host.url}#/settings`);
      await plain.getByTestId('backup-panel').getByLabel(/Backup folder/).waitFor();
      expect(await plain.getByRole('button', { name: 'Choose…' }).count()).toBe(0);

      const page = await e2e.browser.newPage({ viewport: { width: 1366, height: 900 } });
      const errors = watchForPageErrors(page);
      await page.addInitScript((picked: string) => {
        (window as unknown as { layermapDesktop: unknown }).layermapDesktop = {
          choosePath: (kind: string) => Promise.resolve({ ok: true, value: kind === 'backup-folder' ? picked : '/home/clinic/archives/case.zip' }),
        };
      }, folder);
      await page.goto(`${host.url.replace(/#.*$/, '')}#/settings`);
      const panel = page.getByTestId('backup-panel');
      await panel.getByRole('button', { name: 'Choose…' }).click();
      await expect.poll(() => panel.getByLabel(/Backup folder/).inputValue()).toBe(folder);
      await panel.getByRole('button', { name: 'Use this folder' }).click();
      await expect.poll(() => panel.getByRole('status').textContent()).toContain(`Backups go to ${folder}`);
      const importForm = page.getByRole('form', { name: 'Import an archive' });
      await importForm.getByRole('button', { name: 'Choose…' }).click();
      await expect.poll(() => importForm.getByLabel('Archive file').inputValue()).toBe('/home/clinic/archives/case.zip');
      expect(errors).toEqual([]);
    } finally {
      await host.close();
    }
  }, 90_000);
});
