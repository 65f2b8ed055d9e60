import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { startTestHost, type HostOptions, type TestHost } from '../host/server';
import { chromiumLaunchOptions } from './chromiumLaunch';

/**
 * A Chromium of its own, for programs outside the e2e run (the benchmarks). E2e test files
 * use useChromium / useHostAndChromium instead: one Chromium per run (globalSetup.ts).
 * Playwright gives every launch a fresh, empty profile.
 */
export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await chromium.launch(chromiumLaunchOptions());
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

const must = <T,>(v: T | undefined, what: string): T => {
  if (v === undefined) throw new Error(`${what} is not started yet: use it inside a test`);
  return v;
};

/**
 * For a test file: a connection to the run's Chromium (started once by globalSetup.ts) and a
 * fresh temp folder, made before its tests and removed after them. Every page a file opens
 * is its own; closing the connection closes them. Read the fields inside tests.
 */
export function useChromium(name: string): { readonly dir: string; readonly browser: Browser } {
  const state: { dir?: string; browser?: Browser } = {};
  beforeAll(async () => {
    state.dir = fs.mkdtempSync(path.join(os.tmpdir(), `layermap-${name}-`));
    state.browser = await chromium.connect(inject('chromiumWsEndpoint'));
  });
  afterAll(async () => {
    await state.browser?.close();
    if (state.dir) fs.rmSync(state.dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return must(state.dir, 'the temp folder');
    },
    get browser() {
      return must(state.browser, 'Chromium');
    },
  };
}

/**
 * useChromium plus one test host over a fresh database file in the temp folder, for files
 * whose tests share one clinic (files that restart the host use useChromium and start their own).
 */
export function useHostAndChromium(
  name: string,
  /** More for the host, given this run's Chromium (e.g. a sheet printer). */
  more: (browser: Browser) => Omit<HostOptions, 'databasePath'> = () => ({}),
): { readonly dir: string; readonly host: TestHost; readonly browser: Browser } {
  const run = useChromium(name);
  let host: TestHost | undefined;
  beforeAll(async () => {
    host = await startTestHost({ databasePath: path.join(run.dir, 'db.sqlite'), ...more(run.browser) });
  });
  afterAll(async () => {
    await host?.close();
  });
  return {
    get dir() {
      return run.dir;
    },
    get host() {
      return must(host, 'the test host');
    },
    get browser() {
      return run.browser;
    },
  };
}
