import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveDatabasePath } from '../../../electron/main/databasePath';
import { electronSqliteBinding } from '../../../electron/main/nativeBinding';
import { loadWindowBounds, saveWindowBounds } from '../../../electron/main/windowState';

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
  const base = { resourcesPath: '/opt/Layermap/resources', projectRoot: '/src/layermap', electronVersion: '45.5.0', platform: 'linux', arch: 'x64' };
  it('lives beside the Node build in development, never over it', () => {
    const p = electronSqliteBinding({ ...base, packaged: false });
    expect(p).toBe('/src/layermap/node_modules/.cache/layermap-electron/better_sqlite3-electron-45.5.0-linux-x64.node');
    expect(p).not.toContain('better-sqlite3/build');
  });
  it('ships in resources/native when packaged, with the name the build tool writes', () => {
    expect(electronSqliteBinding({ ...base, packaged: true })).toBe('/opt/Layermap/resources/native/better_sqlite3-electron-45.5.0-linux-x64.node');
    const tool = fs.readFileSync(path.resolve(import.meta.dirname, '../../../electron/tools/native-sqlite.mjs'), 'utf8');
    expect(tool).toContain('better_sqlite3-electron-${electronVersion}-${process.platform}-${process.arch}.node');
  });
});
