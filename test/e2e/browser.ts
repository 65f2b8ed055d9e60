import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startTestHost, type TestHost } from '../host/server';
import { chromiumForTests } from '../setup/chromium';

/**
 * The Chromium that `npm test`'s set-up step found (test/setup), launched the way this
 * machine's closed network needs. Playwright gives every launch a fresh, empty profile.
 */
export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: chromiumForTests(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/** Fails the test on any page error or CSP violation, which would otherwise pass silently. */
export function watchForPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

/** Where screenshots of a run go, to be looked at; kept out of git. */
export function screenshotPath(name: string): string {
  const dir = path.resolve(import.meta.dirname, '../../test-results/screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}

/**
 * One Chromium and one test host over a fresh database file for a test file, started before
 * its tests and removed after them. Read the fields inside tests (they are set in beforeAll).
 */
export function useHostAndChromium(name: string): { readonly dir: string; readonly host: TestHost; readonly browser: Browser } {
  const state: { dir?: string; host?: TestHost; chromium?: Awaited<ReturnType<typeof launchChromium>> } = {};
  beforeAll(async () => {
    state.dir = fs.mkdtempSync(path.join(os.tmpdir(), `layermap-${name}-`));
    state.chromium = await launchChromium();
    state.host = await startTestHost({ databasePath: path.join(state.dir, 'db.sqlite') });
  });
  afterAll(async () => {
    await state.host?.close();
    await state.chromium?.close();
    if (state.dir) fs.rmSync(state.dir, { recursive: true, force: true });
  });
  const must = <T,>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`${what} is not started yet: use it inside a test`);
    return v;
  };
  return {
    get dir() {
      return must(state.dir, 'the temp folder');
    },
    get host() {
      return must(state.host, 'the test host');
    },
    get browser() {
      return must(state.chromium, 'Chromium').browser;
    },
  };
}
