import path from 'node:path';

/**
 * better-sqlite3 is compiled twice: for plain Node (tests, test host) in node_modules, and
 * for Electron's ABI into a side folder by electron/tools/native-sqlite.mjs. The app passes
 * the Electron build as `nativeBinding`, so `npm test` and `npm start` never overwrite
 * each other's build.
 */
export function electronSqliteBinding(opts: {
  readonly packaged: boolean;
  readonly resourcesPath: string;
  readonly projectRoot: string;
  readonly electronVersion: string;
  readonly platform: string;
  readonly arch: string;
}): string {
  const file = `better_sqlite3-electron-${opts.electronVersion}-${opts.platform}-${opts.arch}.node`;
  return opts.packaged
    ? path.join(opts.resourcesPath, 'native', file)
    : path.join(opts.projectRoot, 'node_modules/.cache/layermap-electron', file);
}
