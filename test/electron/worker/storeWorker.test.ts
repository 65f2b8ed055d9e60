import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { applyDatabaseKey, databaseKeyFileBeside, parseDatabaseKey } from '../../../electron/store/databaseKey';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreOpenError } from '../../../electron/store/open';
import { BUSY_MESSAGE } from '../../../electron/worker/requestQueue';
import { startStoreWorker, type StoreClient } from '../../../electron/worker/storeClient';
import { SOURCE_ENTRY } from '../../host/server';
import { addFinding } from '../../../shared/map/edits';
import { caseInput, lesionInput, patientInput } from '../store/helpers';
import { peripheralTumor, quartered, unwrap } from '../store/maps';

/**
 * The store's worker thread, as the app and the test host use it: calls answered
 * asynchronously, this thread never blocked, and another program's write lock met with a
 * wait that keeps reads answered, then a clear refusal.
 */
const dirs: string[] = [];
const clients: StoreClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-worker-'));
  dirs.push(dir);
  return path.join(dir, 'db.sqlite');
}

/** Another connection to the worker's database: encrypted, with the key file the worker made beside it. */
function keyed(file: string, options: Database.Options = {}): Database.Database {
  const db = new Database(file, options);
  applyDatabaseKey(db, parseDatabaseKey(fs.readFileSync(databaseKeyFileBeside(file), 'utf8'), 'the key file'));
  return db;
}

async function start(databasePath: string, busyTimeoutMs?: number): Promise<StoreClient> {
  const client = await startStoreWorker({ databasePath, appVersion: '0.0.0-test', transport: 'test-host', busyTimeoutMs }, SOURCE_ENTRY);
  clients.push(client);
  return client;
}

/** A signed-in surgeon, so changes can be made. */
async function signedIn(client: StoreClient): Promise<void> {
  // The first run signs its administrator in; a one-surgeon clinic's surgeon is its administrator.
  const user = await client.call('session.setUp', { clinicName: 'Moss Mohs', name: 'Dr Ada Moss', initials: 'AM', roles: ['surgeon', 'administrator'], password: 'ada moss password' });
  if (!user.ok) throw new Error(user.error.message);
}

describe('the store in its worker thread', () => {
  it('opens the database and answers calls as Results', async () => {
    const file = tempFile();
    const client = await start(file);
    expect(client.path).toBe(file);
    expect(client.schemaVersion).toBeGreaterThan(0);
    await signedIn(client);
    const created = await client.call('patients.create', patientInput({ familyName: 'Okafor' }));
    expect(created).toMatchObject({ ok: true, value: { familyName: 'Okafor' } });
    expect(await client.call('patients.create', { familyName: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('a saved stage comes back (as its JSON text, store/recordText.ts) exactly as it reads back afterwards', async () => {
    const client = await start(tempFile());
    await signedIn(client);
    const must = <T,>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const user = must(await client.call('session.current', {}))!;
    const patient = must(await client.call('patients.create', patientInput()));
    const c = must(await client.call('cases.create', { patientId: patient.id, ...caseInput(user.id) }));
    const lesion = must(await client.call('lesions.create', { caseId: c.id, ...lesionInput() }));
    const stage = must(await client.call('stages.create', { lesionId: lesion.id, doc: quartered() }));
    const saved = must(await client.call('stages.save', { id: stage.id, version: stage.version, doc: unwrap(addFinding(stage.doc, peripheralTumor(stage.doc, 2))) }));
    expect(saved.version).toBe(stage.version + 1);
    expect(saved.doc.findings).toHaveLength(1);
    expect(must(await client.call('stages.list', { lesionId: lesion.id }))).toStrictEqual([saved]);
  });

  it('refuses a database from a newer Layermap with the store’s own message, and leaves it as it was', async () => {
    const file = tempFile();
    // A plaintext file from a newer version: refused as it is, never encrypted in place.
    const other = new Database(file);
    other.pragma('user_version = 999');
    other.close();
    const before = fs.readFileSync(file);
    const failure = await start(file).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StoreOpenError);
    expect((failure as StoreOpenError).kind).toBe('newer');
    expect((failure as StoreOpenError).message).toMatch(/newer version of Layermap/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(path.dirname(file)).filter((n) => !n.endsWith('-key'))).toEqual([path.basename(file)]);
  });

  it('while another program holds the write lock: reads are answered, this thread keeps running, the change is refused in time', async () => {
    const file = tempFile();
    const client = await start(file, 600);
    await signedIn(client);
    const other = keyed(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 10);
      const t0 = performance.now();
      const write = client.call('patients.create', patientInput({ familyName: 'Blocked' })).then((r) => ({ r, at: performance.now() - t0 }));
      const read = client.call('patients.search', { text: '', limit: 10 }).then((r) => ({ r, at: performance.now() - t0 }));
      const [w, r] = await Promise.all([write, read]);
      clearInterval(ticker);
      // The read did not wait for the lock; the change waited about the busy timeout, then said why.
      expect(r.r).toEqual({ ok: true, value: [] });
      expect(r.at).toBeLessThan(w.at);
      expect(w.r).toEqual({ ok: false, error: { code: 'storage', message: BUSY_MESSAGE(0.6) } });
      expect(w.at).toBeGreaterThanOrEqual(550);
      expect(ticks).toBeGreaterThan(20);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    // Nothing of the refused change was written; the next one goes through.
    expect(await client.call('patients.search', { text: 'Blocked', limit: 10 })).toEqual({ ok: true, value: [] });
    expect(await client.call('patients.create', patientInput({ familyName: 'After' }))).toMatchObject({ ok: true });
  });

  it('changes that waited for the lock are saved in the order they were made once it is released', async () => {
    const file = tempFile();
    const client = await start(file, 5000);
    await signedIn(client);
    const other = keyed(file);
    other.exec('BEGIN IMMEDIATE');
    const names = ['First', 'Second', 'Third'];
    const writes = names.map((familyName) => client.call('patients.create', patientInput({ familyName })));
    const read = await client.call('patients.search', { text: 'First', limit: 10 });
    expect(read).toEqual({ ok: true, value: [] });
    other.exec('ROLLBACK');
    other.close();
    const results = await Promise.all(writes);
    for (const r of results) expect(r.ok).toBe(true);
    // The audit trail has them in the order they were asked for.
    const db = keyed(file, { readonly: true });
    const audited = db
      .prepare(`SELECT json_extract(after_json, '$.familyName') AS name FROM audit_events WHERE entity = 'patient' ORDER BY rowid`)
      .all() as { name: string }[];
    db.close();
    expect(audited.map((a) => a.name)).toEqual(names);
  });

  it('answers calls after close with a clear failure, not silence', async () => {
    const client = await start(tempFile());
    await client.close();
    expect(await client.call('users.list', {})).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/closing/) } });
  });
});
