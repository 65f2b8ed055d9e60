import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

/**
 * Where the tests' Chromium is. One finder for the set-up step (test/setup/prepare.ts) and
 * for every test that launches a browser, so both always agree on which browser runs.
 *
 * Order: LAYERMAP_CHROMIUM (a user's explicit choice wins, and a wrong one is an error, not a
 * silent fallback), then the browser the set-up step recorded, then the system's Chromium or
 * Chrome on PATH and in the usual install places, then Playwright's own browser cache
 * (`npx playwright install chromium`, or PLAYWRIGHT_BROWSERS_PATH).
 */
export type ChromiumSearch = { ok: true; path: string; from: string } | { ok: false; tried: readonly string[]; reason?: string };

/** Where the set-up step writes down the browser it found or installed, for the tests. */
export const RECORDED_CHROMIUM = path.resolve(import.meta.dirname, '../../node_modules/.cache/layermap/chromium-path');

export function recordChromium(file: string): void {
  fs.mkdirSync(path.dirname(RECORDED_CHROMIUM), { recursive: true });
  fs.writeFileSync(RECORDED_CHROMIUM, file);
}

function recordedChromium(): string | null {
  try {
    return fs.readFileSync(RECORDED_CHROMIUM, 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/** Launcher names looked up on PATH. */
export const ON_PATH = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

/** Places a browser is installed that are not on PATH (on Linux, packages install on PATH). */
const INSTALL_PLACES: Readonly<Partial<Record<NodeJS.Platform, readonly string[]>>> = {
  darwin: [
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ],
  win32: [
    path.join(process.env.PROGRAMFILES ?? 'C:\\Program Files', 'Google\\Chrome\\Application\\chrome.exe'),
    path.join(process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', 'Google\\Chrome\\Application\\chrome.exe'),
  ],
};

/** `which`, without a shell: the first executable file of that name on PATH. */
function onPath(name: string, envPath = process.env.PATH ?? ''): string | null {
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A browser that answers `--version`. Ubuntu's chromium-browser is a shim that asks for the
 * snap instead of running: it fails here and the search moves on.
 */
function runs(file: string): boolean {
  try {
    const out = execFileSync(file, ['--version'], { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'ignore'] });
    return /chrom/i.test(out);
  } catch {
    return false;
  }
}

const answered = new Set<string>();

/** Whether `file` is a Chromium that runs, asked once per process (each answer costs a launch). */
export function isWorkingChromium(file: string): boolean {
  // Only a yes is kept: a browser missing now may be installed by the set-up step a moment later.
  if (answered.has(file)) return true;
  const yes = isExecutable(file) && runs(file);
  if (yes) answered.add(file);
  return yes;
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumSearch {
  const chosen = env.LAYERMAP_CHROMIUM;
  if (chosen) {
    return isWorkingChromium(chosen)
      ? { ok: true, path: chosen, from: 'LAYERMAP_CHROMIUM' }
      : { ok: false, tried: [chosen], reason: `LAYERMAP_CHROMIUM is set to ${chosen}, which is not a Chromium that runs: fix or unset it.` };
  }
  const tried: string[] = [];
  const candidates: { file: string | null; from: string }[] = [
    { file: recordedChromium(), from: 'the set-up step' },
    ...ON_PATH.map((name) => ({ file: onPath(name, env.PATH), from: `PATH (${name})` })),
    ...(INSTALL_PLACES[process.platform] ?? []).map((file) => ({ file, from: 'system install' })),
    { file: playwrightCachePath(), from: "Playwright's browser cache" },
  ];
  for (const { file, from } of candidates) {
    if (!file || tried.includes(file)) continue;
    tried.push(file);
    if (isWorkingChromium(file)) return { ok: true, path: file, from };
  }
  return { ok: false, tried };
}

/** Where `npx playwright install chromium` puts the browser of this playwright-core version. */
function playwrightCachePath(): string | null {
  try {
    return chromium.executablePath();
  } catch {
    return null;
  }
}

/** For tests: the browser to launch, or an error that says how to get one. */
export function chromiumForTests(): string {
  const found = findChromium();
  if (found.ok) return found.path;
  throw new Error(found.reason ?? `No Chromium found (tried ${found.tried.join(', ')}): run \`npm test\` once, which sets one up, or set LAYERMAP_CHROMIUM.`);
}
