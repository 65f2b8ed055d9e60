/**
 * The first step of `npm test`: make sure what the tests need from outside npm is here, so the
 * README's test command works on a fresh machine. Today that is a Chromium (end-to-end, canvas
 * and printed-sheet tests). Found → used; missing → set up where this machine allows it; else
 * one sentence saying what to run. Prints what it does and how long it took.
 *
 *   node --import tsx test/setup/prepare.ts
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findChromium, isWorkingChromium, ON_PATH, recordChromium, type ChromiumSearch } from './chromium';

const ROOT = path.resolve(import.meta.dirname, '../..');
const started = Date.now();
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const say = (line: string) => console.log(`[test set-up] ${line}`);

/** The package sets this machine can install from. */
type Installer = 'apt' | 'playwright' | 'none';

export function chooseInstaller(facts: {
  platform: NodeJS.Platform;
  isRoot: boolean;
  osRelease: string | null;
  hasApt: boolean;
}): Installer {
  if (facts.platform === 'linux' && facts.isRoot && facts.hasApt && facts.osRelease) {
    // Debian's chromium package is the real browser. Ubuntu's (and its derivatives') is a
    // shim that installs a snap, which does not run headless in a container: use Playwright's.
    const id = /^ID=(.*)$/m.exec(facts.osRelease)?.[1]?.replace(/"/g, '');
    const like = /^ID_LIKE=(.*)$/m.exec(facts.osRelease)?.[1]?.replace(/"/g, '') ?? '';
    const ubuntuFamily = id === 'ubuntu' || /\bubuntu\b/.test(like);
    if (!ubuntuFamily && (id === 'debian' || /\bdebian\b/.test(like))) return 'apt';
  }
  if (facts.platform === 'linux' || facts.platform === 'darwin' || facts.platform === 'win32') return 'playwright';
  return 'none';
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  say(`$ ${command} ${args.join(' ')}`);
  const t = Date.now();
  // The installers' own output is long; it is shown only when they fail.
  const result = spawnSync(command, args, { env, cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ok = result.status === 0;
  say(`${ok ? 'done' : `failed (${result.error?.message ?? `exit ${result.status}`})`} in ${seconds(t)}`);
  if (!ok) console.error(`${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n').slice(-30).join('\n'));
  return ok;
}

function installWithApt(): boolean {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Fonts: a headless Chromium with no fonts prints blank boxes, and the sheet tests read text.
  return (
    run('apt-get', ['update', '-qq'], env) &&
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-dejavu-core'], env)
  );
}

function installWithPlaywright(): boolean {
  const cli = path.join(ROOT, 'node_modules', 'playwright', 'cli.js');
  return fs.existsSync(cli) && run(process.execPath, [cli, 'install', 'chromium']);
}

/** Written down for the tests, which then launch this browser even if it is not on their PATH. */
function report(found: Extract<ChromiumSearch, { ok: true }>): void {
  recordChromium(found.path);
  say(`Chromium: ${found.path} (from ${found.from}); set-up took ${seconds(started)}`);
}

/** Debian's chromium package puts its launcher here. */
const APT_CHROMIUM = '/usr/bin/chromium';

function main(): number {
  say('looking for a Chromium for the browser tests');
  const first = findChromium();
  if (first.ok) {
    report(first);
    return 0;
  }
  if (first.reason) {
    console.error(`[test set-up] ${first.reason}`);
    return 1;
  }
  say(`none found (searched PATH for ${ON_PATH.join(', ')}; looked at ${first.tried.join(', ') || 'nothing else'})`);
  const installer = chooseInstaller({
    platform: process.platform,
    isRoot: process.getuid?.() === 0,
    osRelease: fs.existsSync('/etc/os-release') ? fs.readFileSync('/etc/os-release', 'utf8') : null,
    hasApt: fs.existsSync('/usr/bin/apt-get'),
  });
  say(`setting one up with ${installer === 'apt' ? "Debian's chromium package (apt-get, as root)" : installer === 'playwright' ? "Playwright's installer" : 'nothing: no installer for this system'}`);
  const installed = installer === 'apt' ? installWithApt() : installer === 'playwright' ? installWithPlaywright() : false;
  const second: ChromiumSearch =
    installer === 'apt' && installed && isWorkingChromium(APT_CHROMIUM)
      ? { ok: true, path: APT_CHROMIUM, from: "Debian's chromium package" }
      : installed
        ? findChromium()
        : first;
  if (second.ok) {
    report(second);
    return 0;
  }
  console.error(
    '[test set-up] No Chromium could be set up: install one (Debian: `sudo apt-get install chromium`; elsewhere: `npx playwright install chromium`) or point LAYERMAP_CHROMIUM at a Chromium or Chrome binary, then run `npm test` again.',
  );
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main();
