import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { applyDatabaseKey, databaseKeyFileBeside, databaseKeyFileSource } from '../../../electron/store/databaseKey';
import { openStore } from '../../../electron/store/open';
import { startStoreWorker, type StoreClient } from '../../../electron/worker/storeClient';
import { SOURCE_ENTRY } from '../../host/server';

/** The background check's finding reaches the process that shows the app (and the test host). */
const dirs: string[] = [];
const clients: StoreClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function dir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-integrity-'));
  dirs.push(d);
  return d;
}

/** An encrypted database (its key file beside, as the worker finds it) with its middle page overwritten, left as a killed run leaves it (with a -wal). */
async function damagedAfterKill(): Promise<string> {
  const file = path.join(dir(), 'layermap.sqlite');
  const key = await databaseKeyFileSource(databaseKeyFileBeside(file)).load();
  const store = openStore(file, { databaseKey: key });
  store.db.exec(`CREATE TABLE bulk (id INTEGER PRIMARY KEY, body TEXT) STRICT`);
  const insert = store.db.prepare('INSERT INTO bulk (body) VALUES (?)');
  store.db.transaction(() => {
    for (let i = 0; i < 3000; i++) insert.run(`row ${i} `.repeat(40));
  })();
  store.close();
  const buf = fs.readFileSync(file);
  const pageSize = 4096; // SQLCipher's; an encrypted header does not say
  const page = Math.floor(buf.length / pageSize / 2);
  buf.fill(0x5a, page * pageSize + 8, (page + 1) * pageSize);
  fs.writeFileSync(file, buf);
  const crashed = path.join(dir(), 'layermap.sqlite');
  const live = new Database(file);
  applyDatabaseKey(live, key);
  live.exec(`INSERT INTO settings (key, value_json, version, updated_at) VALUES ('last', '1', 1, 'now')`);
  fs.copyFileSync(file, crashed);
  fs.copyFileSync(`${file}-wal`, `${crashed}-wal`);
  fs.copyFileSync(databaseKeyFileBeside(file), databaseKeyFileBeside(crashed));
  live.close();
  return crashed;
}

describe('the integrity report through the store worker', () => {
  it('is null after a clean exit', async () => {
    const client = await startStoreWorker({ databasePath: path.join(dir(), 'db.sqlite'), appVersion: '0', transport: 'test-host' }, SOURCE_ENTRY);
    clients.push(client);
    expect(client.integrity).toBeNull();
  });

  it('after a killed run: reads are answered, then the damage is reported with its message', async () => {
    const client = await startStoreWorker({ databasePath: await damagedAfterKill(), appVersion: '0', transport: 'test-host' }, SOURCE_ENTRY);
    clients.push(client);
    expect(client.integrity).not.toBeNull();
    expect((await client.call('app.info', {})).ok).toBe(true);
    const report = await client.integrity;
    expect(report?.status).toBe('damaged');
    expect(report?.status === 'damaged' && report.message).toMatch(/found damage/);
  });
});
