// Builds better-sqlite3 for Electron's ABI into a side folder, once per Electron version.
// node_modules/better-sqlite3 keeps its plain-Node build for the tests and the test host,
// so `npm test` and `npm start` work in any order (the app passes this build as
// better-sqlite3's `nativeBinding`). Needs the network on first run, like Electron itself.
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const electronVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const sqlite = path.join(root, 'node_modules/better-sqlite3');
const sqliteVersion = JSON.parse(readFileSync(path.join(sqlite, 'package.json'), 'utf8')).version;
const outDir = path.join(root, 'node_modules/.cache/layermap-electron');
// Same name as electron/main/nativeBinding.ts expects.
const target = path.join(outDir, `better_sqlite3-electron-${electronVersion}-${process.platform}-${process.arch}.node`);

if (existsSync(target)) process.exit(0);

console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (first start only)…`);
const work = mkdtempSync(path.join(tmpdir(), 'layermap-native-'));
try {
  const copy = path.join(work, 'node_modules/better-sqlite3');
  cpSync(sqlite, copy, { recursive: true, filter: (src) => !src.startsWith(path.join(sqlite, 'build')) });
  writeFileSync(
    path.join(work, 'package.json'),
    JSON.stringify({ name: 'layermap-native', version: '0.0.0', dependencies: { 'better-sqlite3': sqliteVersion } }),
  );
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: work, electronVersion, onlyModules: ['better-sqlite3'], force: true });
  mkdirSync(outDir, { recursive: true });
  copyFileSync(path.join(copy, 'build/Release/better_sqlite3.node'), target);
  console.log(`Electron build of better-sqlite3 ready: ${path.relative(root, target)}`);
} catch (e) {
  console.error(`Could not build better-sqlite3 for Electron: ${e instanceof Error ? e.message : e}`);
  console.error('Layermap needs a C++ toolchain (or network access for a prebuilt binary) on first start.');
  process.exit(1);
} finally {
  rmSync(work, { recursive: true, force: true });
}
