import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { electronBuildTarget } from '../../electron/tools/native-sqlite';

/**
 * Starts the real Electron app where an Electron binary exists. On machines without one
 * (the build machines cannot download it) it reports itself skipped and says why.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

function electronBinary(): { path: string } | { missing: string } {
  const dir = path.join(ROOT, 'node_modules/electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return { missing: 'the Electron binary was never downloaded (node_modules/electron/path.txt is absent)' };
  const binary = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist'), fs.readFileSync(pathFile, 'utf8'));
  return fs.existsSync(binary) ? { path: binary } : { missing: `the Electron binary is not at ${binary}` };
}

function sqliteForElectron(): string | null {
  const { target } = electronBuildTarget(ROOT);
  return fs.existsSync(target) ? target : null;
}

describe('Electron app (smoke)', () => {
  it('starts sandboxed, exposes only the bridge, and saves a first user', async (ctx) => {
    const binary = electronBinary();
    const why = 'missing' in binary ? `no Electron here: ${binary.missing}` : sqliteForElectron() ? null : 'better-sqlite3 has no Electron build yet: run `node --import tsx electron/tools/native-sqlite.ts`';
    if (why !== null || 'missing' in binary) {
      console.warn(`[skipped] Electron smoke test: ${why}`);
      return ctx.skip(why ?? undefined);
    }

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-electron-'));
    const app = await _electron.launch({
      executablePath: binary.path,
      args: [path.join(ROOT, 'out/main/index.js'), `--db=${path.join(dir, 'db.sqlite')}`],
      env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' },
    });
    try {
      const page = await app.firstWindow();
      expect(page.url()).toMatch(/^app:\/\/layermap\//);
      const surface = await page.evaluate(() => ({
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        bridge: Object.values(window.layermap ?? {}).every((f) => typeof f === 'function'),
      }));
      expect(surface).toEqual({ require: 'undefined', process: 'undefined', bridge: true });
      const created = await page.evaluate(() =>
        window.layermap?.['session.setUp']({ clinicName: 'Smoke Mohs', name: 'Dr Smoke', initials: 'DS', roles: ['surgeon', 'administrator'], password: 'smoke test password' }),
      );
      expect(created).toMatchObject({ ok: true });
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
