import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { keyFileBeside } from '../../../electron/store/auditKey';
import { startStoreWorker, type StoreClient } from '../../../electron/worker/storeClient';
import type { ClinicServer } from '../../../electron/worker/protocol';
import { SOURCE_ENTRY } from '../../host/server';
import { caseInput, patientInput } from '../store/helpers';

/**
 * Clinic mode through the store's thread, as the app and the test host start it: two
 * workstations (each its own local folder: the clinic's audit key, its own chain head) on one
 * PostgreSQL schema see each other's records, refuse each other's stale saves, and find it
 * all again after a restart. On the real server the test set-up starts (never skipped in CI).
 */
const url = inject('postgresUrl');
const dirs: string[] = [];
const clients: StoreClient[] = [];
let admin: pg.Pool | null = null;
const schemas: string[] = [];

beforeAll(() => {
  if (url) admin = new pg.Pool({ connectionString: url, max: 1 });
});
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
afterAll(async () => {
  for (const s of schemas) await admin?.query(`DROP SCHEMA ${s} CASCADE`);
  await admin?.end();
});

async function clinicSchema(): Promise<ClinicServer> {
  const schema = `lm_worker_${randomBytes(4).toString('hex')}`;
  await admin!.query(`CREATE SCHEMA ${schema}`);
  schemas.push(schema);
  return { connectionString: url, schema };
}

/** A workstation: its own folder, the clinic's audit key copied into it (as set-up would give it). */
function workstation(clinicKey: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-station-'));
  dirs.push(dir);
  const local = path.join(dir, 'layermap.sqlite');
  fs.writeFileSync(keyFileBeside(local), clinicKey, { mode: 0o600 });
  return local;
}

async function start(local: string, server: ClinicServer): Promise<StoreClient> {
  const client = await startStoreWorker({ databasePath: local, appVersion: '0.0.0-test', transport: 'test-host', clinicServer: server }, SOURCE_ENTRY);
  clients.push(client);
  return client;
}

async function must<T>(answer: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await answer;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe.skipIf(!url)(`the store's thread on the clinic's PostgreSQL server${url ? '' : ` (skipped: ${inject('postgresMissing') || 'no server'})`}`, () => {
  it('two workstations share one clinic: records, stale saves refused, all there after a restart; no SQLite file is made', async () => {
    const server = await clinicSchema();
    const clinicKey = randomBytes(32).toString('hex');
    const roomLocal = workstation(clinicKey);
    const labLocal = workstation(clinicKey);
    const room = await start(roomLocal, server);
    expect(room.path).toMatch(/^postgres(ql)?:\/\//);
    expect(room.path).not.toContain(new URL(url).password || '\u0000');
    const surgeon = await must(room.call('session.setUp', { clinicName: 'Moss Mohs', name: 'Dr Ada Moss', initials: 'AM', roles: ['surgeon', 'administrator'], password: 'ada moss password' }));
    const patient = await must(room.call('patients.create', patientInput({ familyName: 'Okafor', givenName: 'Grace' })));
    const theCase = await must(room.call('cases.create', { patientId: patient.id, ...caseInput(surgeon.id) }));

    const lab = await start(labLocal, server);
    expect(await lab.call('session.status', {})).toMatchObject({ ok: true, value: { setUp: true } });
    await must(lab.call('session.signIn', { userId: surgeon.id, secret: 'ada moss password' }));
    expect((await must(lab.call('cases.search', { text: 'okafor' }))).map((c) => c.caseId)).toEqual([theCase.id]);

    // Both change the same case from the same version: the second is refused as stale.
    const edit = { id: theCase.id, version: theCase.version, dateOfSurgery: theCase.dateOfSurgery, surgeonId: surgeon.id, notes: 'from the room' };
    await must(room.call('cases.update', edit));
    expect(await lab.call('cases.update', { ...edit, notes: 'from the lab' })).toMatchObject({ ok: false, error: { code: 'stale' } });

    // A restart of both: everything is on the server, the chain whole; the local folders hold no database.
    for (const c of clients.splice(0)) await c.close();
    const again = await start(labLocal, server);
    await must(again.call('session.signIn', { userId: surgeon.id, secret: 'ada moss password' }));
    expect((await must(again.call('cases.get', { id: theCase.id }))).case.notes).toBe('from the room');
    expect(await must(again.call('audit.verify', {}))).toMatchObject({ intact: true });
    expect(fs.existsSync(roomLocal)).toBe(false);
    expect(fs.existsSync(labLocal)).toBe(false);
  });

  it('refuses a server it cannot reach with the store’s own message', async () => {
    const local = workstation(randomBytes(32).toString('hex'));
    const failure = await start(local, { connectionString: 'postgres://layermap@127.0.0.1:1/none' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/could not open the clinic's database/);
    expect(fs.existsSync(local)).toBe(false);
  });
});
