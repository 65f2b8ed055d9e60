import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startTestHost } from '../host/server';
import { screenshotPath, useChromium, watchForPageErrors } from './browser';
import { addUser, E2E_PASSWORD, hostCall, seedLesion } from './hostApi';

/**
 * Issue 12 §4, in Chromium against the test host (which runs the same idle clock as Electron's
 * main process, with input from the page): a move of the stage left half-done when the
 * surgeon walks away is saved, then the session locks; the lock screen holds no patient name,
 * MRN or date of birth in its DOM or accessibility tree; unlocking brings the lesion back.
 */
const e2e = useChromium('idle-lock');

/** A minute of the idle clock lasts this long here, so the 1-minute setting locks in seconds. */
const MINUTE_MS = 4000;

/** Everything of the page a person or a screen reader could get at: markup with attributes, title, text, ARIA tree. */
async function everythingOnPage(page: Page): Promise<string> {
  const html = await page.evaluate(() => `${document.title}\n${document.documentElement.outerHTML}\n${document.body.innerText}`);
  const aria = await page.locator('html').ariaSnapshot();
  return `${html}\n${aria}`;
}

describe('automatic lock', () => {
  it('saves the unsaved gesture, locks after the idle time with no patient data on screen, and unlocks to the same work', async () => {
    const host = await startTestHost({ databasePath: path.join(e2e.dir, 'clinic.sqlite'), minuteMs: MINUTE_MS });
    try {
      const { lesionId, caseId } = await seedLesion(host);
      const detail = await hostCall(host, 'cases.get', { id: caseId });
      const { familyName, givenName, mrn, dateOfBirth } = detail.patient;
      const secrets = [familyName, givenName, mrn, dateOfBirth];

      const page = await e2e.browser.newPage({ viewport: { width: 1366, height: 900 } });
      const errors = watchForPageErrors(page);
      await page.goto(`${host.url}#/lesion/${lesionId}`);
      await page.getByRole('heading', { name: /Lesion A/ }).waitFor();
      await page.getByRole('button', { name: 'Start stage 1' }).click();
      const frame = page.getByTestId('map-canvas');
      await frame.waitFor();
      await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('All changes saved');
      // The patient is on this screen before the lock (so the check below can fail).
      const before = await everythingOnPage(page);
      for (const s of [familyName, mrn]) expect(before).toContain(s);
      const [stored] = await hostCall(host, 'stages.list', { lesionId });

      // The clinic's shortest idle time, then a move of the stage begun and not finished.
      const idleFrom = Date.now();
      await hostCall(host, 'settings.update', { idleLockMinutes: 1 });
      await page.evaluate(() => document.querySelector('[data-testid="map-canvas"]')?.scrollIntoView({ block: 'center' }));
      await frame.focus();
      await page.keyboard.press('v');
      const box = (await frame.boundingBox())!;
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      for (let i = 1; i <= 6; i++) await page.mouse.move(cx + 10 * i, cy + 6 * i);

      // Nobody touches anything: the host's clock locks (told to the page as an event).
      await page.getByRole('heading', { name: 'Layermap is locked' }).waitFor({ timeout: 30_000 });
      // Not sooner than the setting allows (the input above only pushed it later).
      expect(Date.now() - idleFrom).toBeGreaterThanOrEqual(MINUTE_MS);
      await page.mouse.up();
      const onLock = await everythingOnPage(page);
      for (const s of secrets) expect(onLock, `“${s}” on the lock screen`).not.toContain(s);
      expect(onLock).not.toMatch(/Lesion A|nasal ala/i);
      expect(onLock).toContain('Dr Ana Mendez');
      expect(await page.title()).toBe('Locked — Layermap');
      await page.screenshot({ path: screenshotPath('lock-screen'), fullPage: true });
      // The store refuses reads while locked, whoever asks.
      await expect(hostCall(host, 'cases.get', { id: caseId })).rejects.toThrow(/Layermap is locked/);

      // Unlock as the same surgeon: the lesion is back, with the move saved before the lock.
      await page.getByLabel('Password').fill(E2E_PASSWORD);
      await page.getByRole('button', { name: 'Unlock' }).click();
      await page.getByRole('heading', { name: /Lesion A/ }).waitFor();
      const [after] = await hostCall(host, 'stages.list', { lesionId });
      expect(after!.version).toBeGreaterThan(stored!.version);
      expect(JSON.stringify(after!.doc.pieces[0]!.outline)).not.toBe(JSON.stringify(stored!.doc.pieces[0]!.outline));
      await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('All changes saved');
      expect(await everythingOnPage(page)).toContain(familyName);
      await page.screenshot({ path: screenshotPath('lock-unlocked'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await host.close();
    }
  });

  it('Lock and Switch user from the top bar: the sign-in list, no patient data', async () => {
    const host = await startTestHost({ databasePath: path.join(e2e.dir, 'switch.sqlite') });
    try {
      const { caseId } = await seedLesion(host);
      const tech = await addUser(host, { name: 'Sam Okafor', initials: 'SO', roles: ['histotech'] });
      const { patient } = await hostCall(host, 'cases.get', { id: caseId });
      const page = await e2e.browser.newPage({ viewport: { width: 1366, height: 900 } });
      const errors = watchForPageErrors(page);
      await page.goto(`${host.url}#/case/${caseId}`);
      await page.getByText(patient.mrn).first().waitFor();
      await page.getByRole('button', { name: 'Lock', exact: true }).click();
      await page.getByRole('heading', { name: 'Layermap is locked' }).waitFor();
      expect(await everythingOnPage(page)).not.toContain(patient.mrn);
      await page.getByRole('button', { name: 'Switch user' }).click();
      await page.getByRole('heading', { name: /^Sign in/ }).waitFor();
      const list = await everythingOnPage(page);
      for (const s of [patient.familyName, patient.mrn, patient.dateOfBirth]) expect(list).not.toContain(s);
      await page.getByRole('button', { name: /Sam Okafor/ }).click();
      await page.getByLabel('Password for Sam Okafor').fill(E2E_PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('Sam Okafor');
      expect((await hostCall(host, 'session.status', {})).user?.id).toBe(tech.id);
      expect(errors).toEqual([]);
    } finally {
      await host.close();
    }
  });
});
