import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveDatabasePath } from '../../../electron/main/databasePath';
import { electronSqliteBinding, electronSqliteFileName, installedSqlite } from '../../../electron/main/nativeBinding';
import { electronBuildTarget } from '../../../electron/tools/native-sqlite';
import { loadWindowBounds, saveWindowBounds } from '../../../electron/main/windowState';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];

const made: string[] = [];
function stateFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-win-'));
  made.push(dir);
  return path.join(dir, 'window-state.json');
}
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('window size and position', () => {
  it('is remembered across starts', () => {
    const file = stateFile();
    saveWindowBounds(file, { x: 100, y: 80, width: 1200, height: 800, maximized: true });
    expect(loadWindowBounds(file, screen)).toEqual({ x: 100, y: 80, width: 1200, height: 800, maximized: true });
  });

  it('is forgotten when its monitor is gone, or the file is damaged', () => {
    const file = stateFile();
    saveWindowBounds(file, { x: 2500, y: 80, width: 1200, height: 800, maximized: false });
    expect(loadWindowBounds(file, screen)).toBeNull();
    fs.writeFileSync(file, '{"x": "left"');
    expect(loadWindowBounds(file, screen)).toBeNull();
    expect(loadWindowBounds(path.join(file, 'missing'), screen)).toBeNull();
  });

  it('never restores a window smaller than usable', () => {
    const file = stateFile();
    saveWindowBounds(file, { x: 10, y: 10, width: 50, height: 20, maximized: false });
    expect(loadWindowBounds(file, screen)).toMatchObject({ width: 900, height: 640 });
  });
});

describe('database location', () => {
  it('defaults to the user-data folder', () => {
    expect(resolveDatabasePath([], {}, '/home/u/.config/Layermap')).toBe('/home/u/.config/Layermap/layermap.sqlite');
  });
  it('can be chosen by flag (first) or environment variable', () => {
    expect(resolveDatabasePath(['--db=/srv/clinic.sqlite'], { LAYERMAP_DB: '/x.sqlite' }, '/u')).toBe('/srv/clinic.sqlite');
    expect(resolveDatabasePath([], { LAYERMAP_DB: '/srv/env.sqlite' }, '/u')).toBe('/srv/env.sqlite');
    expect(resolveDatabasePath([], { LAYERMAP_DB: '  ' }, '/u')).toBe('/u/layermap.sqlite');
  });
});

describe('Electron build of better-sqlite3', () => {
  const sqlite = { name: 'better-sqlite3', version: '12.11.1' };
  const base = { resourcesPath: '/opt/Layermap/resources', projectRoot: '/src/layermap', sqlite, electronVersion: '45.5.0', platform: 'linux', arch: 'x64' };
  it('lives beside the Node build in development, never over it', () => {
    const p = electronSqliteBinding({ ...base, packaged: false });
    expect(p).toBe('/src/layermap/node_modules/.cache/layermap-electron/better-sqlite3-12.11.1-electron-45.5.0-linux-x64.node');
    expect(p).not.toContain('better-sqlite3/build');
  });
  it('ships in resources/native when packaged', () => {
    expect(electronSqliteBinding({ ...base, packaged: true })).toBe('/opt/Layermap/resources/native/better-sqlite3-12.11.1-electron-45.5.0-linux-x64.node');
  });
  it('is a new build for a new SQLite package, SQLite version or Electron version, never a stale one', () => {
    const key = (o: Partial<typeof base>) => electronSqliteFileName({ ...base, ...o });
    const keys = [
      key({}),
      key({ sqlite: { ...sqlite, version: '12.11.2' } }),
      key({ sqlite: { name: 'better-sqlite3-multiple-ciphers', version: '12.11.1' } }),
      key({ electronVersion: '46.0.0' }),
      key({ arch: 'arm64' }),
      key({ platform: 'darwin' }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(key({ sqlite: { name: '@scope/sqlite', version: '1.0.0' } })).toBe('scope+sqlite-1.0.0-electron-45.5.0-linux-x64.node');
  });
  it('the build tool writes the file the app loads, named after the installed packages', () => {
    const { sqlite: installed, electronVersion, target } = electronBuildTarget(ROOT);
    expect(installed).toEqual(installedSqlite());
    expect(target).toBe(
      electronSqliteBinding({ packaged: false, resourcesPath: '', projectRoot: ROOT, sqlite: installed, electronVersion, platform: process.platform, arch: process.arch }),
    );
    expect(path.basename(target)).toContain(`${installed.name}-${installed.version}-electron-${electronVersion}`);
  });
});
