import { createRequire } from 'node:module';
import path from 'node:path';

/** The SQLite package the app loads: its name (an npm alias may change it) and version. */
export interface SqlitePackage {
  readonly name: string;
  readonly version: string;
}

/**
 * better-sqlite3 is compiled twice: for plain Node (tests, test host) in node_modules, and
 * for Electron's ABI into a side folder by electron/tools/native-sqlite.ts. The app passes
 * the Electron build as `nativeBinding`, so `npm test` and `npm start` never overwrite
 * each other's build.
 *
 * The build's file name is its cache key: the SQLite package's name and version as well as
 * Electron's version, platform and architecture. A new SQLite package or version (e.g. the
 * SQLCipher build under the same import name) gets a new build, never a stale one.
 */
export function electronSqliteFileName(opts: {
  readonly sqlite: SqlitePackage;
  readonly electronVersion: string;
  readonly platform: string;
  readonly arch: string;
}): string {
  // Scoped names (@scope/name) become one path segment.
  const name = opts.sqlite.name.replace(/^@/, '').replace(/\//g, '+');
  return `${name}-${opts.sqlite.version}-electron-${opts.electronVersion}-${opts.platform}-${opts.arch}.node`;
}

/** Where the development build lives, beside the plain-Node one. */
export const ELECTRON_SQLITE_DEV_DIR = 'node_modules/.cache/layermap-electron';

export function electronSqliteBinding(opts: {
  readonly packaged: boolean;
  readonly resourcesPath: string;
  readonly projectRoot: string;
  readonly sqlite: SqlitePackage;
  readonly electronVersion: string;
  readonly platform: string;
  readonly arch: string;
}): string {
  const file = electronSqliteFileName(opts);
  return opts.packaged ? path.join(opts.resourcesPath, 'native', file) : path.join(opts.projectRoot, ELECTRON_SQLITE_DEV_DIR, file);
}

/** The SQLite package as installed (its package.json names the real package behind an alias). */
export function installedSqlite(): SqlitePackage {
  const { name, version } = createRequire(import.meta.url)('better-sqlite3/package.json') as SqlitePackage;
  return { name, version };
}
