// Builds better-sqlite3 for Electron's ABI into a side folder, once per SQLite package version
// and Electron version. node_modules/better-sqlite3 keeps its plain-Node build for the tests
// and the test host, so `npm test` and `npm start` work in any order (the app passes this
// build as better-sqlite3's `nativeBinding`). Needs the network on first run, like Electron.
//
//   node --import tsx electron/tools/native-sqlite.ts
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ELECTRON_SQLITE_DEV_DIR, electronSqliteFileName, type SqlitePackage } from '../main/nativeBinding';

const root = path.resolve(import.meta.dirname, '../..');
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { name: string; version: string };

/** The installed SQLite package (under its import name) and where its build for Electron goes. */
export function electronBuildTarget(projectRoot = root): { sqlite: SqlitePackage; sqliteDir: string; electronVersion: string; target: string } {
  const sqliteDir = path.join(projectRoot, 'node_modules/better-sqlite3');
  const { name, version } = readJson(path.join(sqliteDir, 'package.json'));
  const electronVersion = readJson(path.join(projectRoot, 'node_modules/electron/package.json')).version;
  const file = electronSqliteFileName({ sqlite: { name, version }, electronVersion, platform: process.platform, arch: process.arch });
  return { sqlite: { name, version }, sqliteDir, electronVersion, target: path.join(projectRoot, ELECTRON_SQLITE_DEV_DIR, file) };
}

async function build(): Promise<number> {
  const { sqlite, sqliteDir, electronVersion, target } = electronBuildTarget();
  if (existsSync(target)) return 0;
  console.log(`Building ${sqlite.name} ${sqlite.version} for Electron ${electronVersion} (first start only)…`);
  const work = mkdtempSync(path.join(tmpdir(), 'layermap-native-'));
  try {
    // Built under the import name, whatever package (e.g. an npm alias) provides it.
    const copy = path.join(work, 'node_modules/better-sqlite3');
    cpSync(sqliteDir, copy, { recursive: true, filter: (src) => !src.startsWith(path.join(sqliteDir, 'build')) });
    writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'layermap-native', version: '0.0.0', dependencies: { 'better-sqlite3': sqlite.version } }));
    const { rebuild } = await import('@electron/rebuild');
    await rebuild({ buildPath: work, electronVersion, onlyModules: ['better-sqlite3'], force: true });
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(path.join(copy, 'build/Release/better_sqlite3.node'), target);
    console.log(`Electron build of ${sqlite.name} ready: ${path.relative(root, target)}`);
    return 0;
  } catch (e) {
    console.error(`Could not build ${sqlite.name} for Electron: ${e instanceof Error ? e.message : String(e)}`);
    console.error('Layermap needs a C++ toolchain (or network access for a prebuilt binary) on first start.');
    return 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await build();
