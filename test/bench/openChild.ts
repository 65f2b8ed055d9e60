/**
 * Run by open.bench.ts as a fresh process: starts the built store worker as the app does,
 * asks one read, and prints the milliseconds since this process started (performance.now()).
 * Arguments: the database, the code-cache folder (the app's is in its user data), and how long
 * to stay open after the read (a real session runs long enough to leave its code cache).
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { BUILT_STORE_WORKER, startStoreWorker } from '../../electron/worker/storeClient';

// Run from test/bench (tsx) or bundled into out/bench (open.bench.ts): the root is two up either way.
const ROOT = path.resolve(import.meta.dirname, '../..');
const [file = '', codeCacheDir, stayMs = '0'] = process.argv.slice(2);
// The app names its SQLite build's file (electron/main/nativeBinding.ts), so SQLite is not
// searched for along the package's candidate paths: the same here, with the plain-Node build.
const nativeBinding = path.join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
const client = await startStoreWorker(
  { databasePath: file, appVersion: 'bench', transport: 'electron', nativeBinding },
  { file: path.join(ROOT, 'out/main', BUILT_STORE_WORKER), ...(codeCacheDir ? { codeCacheDir } : {}) },
);
const info = await client.call('app.info', {});
const at = performance.now();
if (!info.ok) throw new Error(info.error.message);
// After a stopped run the file is checked once (the warm-up run): let the check finish, or every
// later run would check it again.
await client.integrity;
await sleep(Number(stayMs));
await client.close();
console.log(JSON.stringify({ firstReadMs: at, integrityCheck: client.integrity !== null }));
