import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium } from './chromium';
import { chooseInstaller } from './prepare';

const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n';
const UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n';
const MINT = 'NAME="Linux Mint"\nID=linuxmint\nID_LIKE="ubuntu debian"\n';

describe('how the test set-up gets a Chromium', () => {
  it("uses Debian's package as root on Debian, and Playwright's browser everywhere else", () => {
    const linuxRoot = { platform: 'linux' as const, isRoot: true, hasApt: true };
    expect(chooseInstaller({ ...linuxRoot, osRelease: DEBIAN })).toBe('apt');
    // Ubuntu's chromium package is a snap shim: never apt there.
    expect(chooseInstaller({ ...linuxRoot, osRelease: UBUNTU })).toBe('playwright');
    expect(chooseInstaller({ ...linuxRoot, osRelease: MINT })).toBe('playwright');
    expect(chooseInstaller({ ...linuxRoot, isRoot: false, osRelease: DEBIAN })).toBe('playwright');
    expect(chooseInstaller({ ...linuxRoot, hasApt: false, osRelease: DEBIAN })).toBe('playwright');
    expect(chooseInstaller({ platform: 'darwin', isRoot: false, hasApt: false, osRelease: null })).toBe('playwright');
    expect(chooseInstaller({ platform: 'win32', isRoot: false, hasApt: false, osRelease: null })).toBe('playwright');
    expect(chooseInstaller({ platform: 'freebsd', isRoot: true, hasApt: false, osRelease: null })).toBe('none');
  });
});

describe('finding a Chromium', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-chromium-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const script = (name: string, body: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return file;
  };

  it.runIf(process.platform !== 'win32')('takes the browser LAYERMAP_CHROMIUM names when it runs', () => {
    const browser = script('my-chromium', 'echo "Chromium 156.0.8078.108 built on Debian"');
    expect(findChromium({ LAYERMAP_CHROMIUM: browser })).toEqual({ ok: true, path: browser, from: 'LAYERMAP_CHROMIUM' });
  });

  it.runIf(process.platform !== 'win32')('says so when LAYERMAP_CHROMIUM is wrong, instead of quietly using another browser', () => {
    // Like Ubuntu's chromium-browser shim: it is there, but it does not run a browser.
    const shim = script('snap-shim', 'echo "Command requires the chromium snap to be installed." >&2; exit 1');
    for (const wrong of [shim, path.join(dir, 'not-there')]) {
      const found = findChromium({ LAYERMAP_CHROMIUM: wrong });
      expect(found.ok).toBe(false);
      expect(found.ok ? '' : found.reason).toBe(`LAYERMAP_CHROMIUM is set to ${wrong}, which is not a Chromium that runs: fix or unset it.`);
    }
  });
});
