import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WRITE_CACHE_AFTER_MS } from '../../electron/worker/codeCache';
import { BUILT_STORE_WORKER, startStoreWorker } from '../../electron/worker/storeClient';

/**
 * The store's worker as the app runs it: the JavaScript electron-vite built (npm test builds
 * first), started the way electron/main/index.ts starts it. Electron cannot start here; plain
 * Node runs the same file with the Node build of better-sqlite3.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-built-worker-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const file = path.join(ROOT, 'out/main', BUILT_STORE_WORKER);

describe('the built store worker', () => {
  it('opens a database and answers through the contract', async () => {
    expect(fs.existsSync(file), `out/main/${BUILT_STORE_WORKER}: run \`npm run build\` first`).toBe(true);
    const client = await startStoreWorker({ databasePath: path.join(dir, 'db.sqlite'), appVersion: '0.0.0-test', transport: 'electron' }, { file });
    try {
      const setUp = { clinicName: 'Moss Mohs', name: 'Dr Ada Moss', initials: 'am', roles: ['surgeon', 'administrator'], password: 'ada moss password' } as const;
      // The built worker hashes the password with scrypt (node:crypto, bundled as a Node built-in).
      expect(await client.call('session.setUp', { ...setUp, roles: [...setUp.roles] })).toMatchObject({ ok: true, value: { initials: 'AM' } });
      expect(await client.call('users.list', {})).toMatchObject({ ok: true, value: [{ name: 'Dr Ada Moss' }] });
    } finally {
      await client.close();
    }
  });

  it('runs the background integrity check after an unclean exit (its SQLite module found from the bundle)', async () => {
    const databasePath = path.join(dir, 'unclean.sqlite');
    const first = await startStoreWorker({ databasePath, appVersion: '0.0.0-test', transport: 'electron' }, { file });
    await first.close();
    // What a killed run leaves beside the file.
    fs.writeFileSync(`${databasePath}-wal`, '');
    const client = await startStoreWorker({ databasePath, appVersion: '0.0.0-test', transport: 'electron' }, { file });
    try {
      expect(await client.integrity).toEqual({ status: 'ok' });
    } finally {
      await client.close();
    }
  });

  it('leaves V8 code cache owner-only in the folder it is given after a session, and starts from it the next time', { timeout: 30_000 }, async () => {
    const codeCacheDir = path.join(dir, 'code-cache');
    const databasePath = path.join(dir, 'cached.sqlite');
    const first = await startStoreWorker({ databasePath, appVersion: '0.0.0-test', transport: 'electron' }, { file, codeCacheDir });
    await new Promise((resolve) => setTimeout(resolve, WRITE_CACHE_AFTER_MS + 1500));
    await first.close();
    const [cache] = fs.readdirSync(codeCacheDir);
    expect(cache).toBe('storeWorker.cjs.v8-cache');
    expect(fs.statSync(path.join(codeCacheDir, cache!)).mode & 0o777).toBe(0o600);
    const second = await startStoreWorker({ databasePath, appVersion: '0.0.0-test', transport: 'electron' }, { file, codeCacheDir });
    try {
      expect(await second.call('app.info', {})).toMatchObject({ ok: true, value: { databasePath } });
    } finally {
      await second.close();
    }
  });
});
