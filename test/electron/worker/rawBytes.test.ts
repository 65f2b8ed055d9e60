import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startStoreWorker, type StoreClient } from '../../../electron/worker/storeClient';
import { SAMPLE } from '../../fixtures/db/sample';
import { SOURCE_ENTRY } from '../../host/server';
import { patientInput } from '../store/helpers';

/**
 * Encryption at rest, read from the disk: after patients are written through the store (and
 * an older plaintext database was encrypted and upgraded), no name, MRN or date of birth is in
 * the database, its -wal, or the upgrade backup, in any encoding SQLite would store it.
 */
const dirs: string[] = [];
const clients: StoreClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const PATIENTS = [
  { familyName: 'Okafor', givenName: 'Grace', mrn: 'MRN-100234', dateOfBirth: '1961-07-14' },
  { familyName: 'Vasquez-Thornbury', givenName: 'Lucinda', mrn: 'MRN-100871', dateOfBirth: '1939-12-02' },
];
const SECRETS = [...PATIENTS.flatMap((p) => [p.familyName, p.givenName, p.mrn, p.dateOfBirth]), SAMPLE.patient.mrn, SAMPLE.patient.dateOfBirth, 'Siobh'];

/** Where a secret shows in a file: as UTF-8 and (for safety) UTF-16, any case. */
function found(file: string): string[] {
  const bytes = fs.readFileSync(file);
  const lower = Buffer.from(bytes.toString('latin1').toLowerCase(), 'latin1');
  return SECRETS.filter((s) => lower.includes(Buffer.from(s.toLowerCase())) || bytes.includes(Buffer.from(s, 'utf16le')));
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-raw-'));
  dirs.push(dir);
  return dir;
}

async function start(file: string): Promise<StoreClient> {
  const client = await startStoreWorker({ databasePath: file, appVersion: '0.0.0-test', transport: 'test-host' }, SOURCE_ENTRY);
  clients.push(client);
  return client;
}

const leaks = (dir: string) => fs.readdirSync(dir).map((name) => ({ name, found: found(path.join(dir, name)) })).filter((f) => f.found.length > 0);

describe('the bytes on disk', () => {
  it('hold no patient name, MRN or birth date written through the store: database and -wal', async () => {
    const dir = tempDir();
    const client = await start(path.join(dir, 'layermap.sqlite'));
    const user = await client.call('session.setUp', { clinicName: 'Moss Mohs', name: 'Dr Ada Moss', initials: 'AM', roles: ['surgeon', 'administrator'], password: 'ada moss password' });
    expect(user.ok).toBe(true);
    for (const p of PATIENTS) expect((await client.call('patients.create', patientInput(p))).ok).toBe(true);
    // Read back in clear through the store: it is the disk that must not show them.
    expect(await client.call('patients.search', { text: 'Okafor', limit: 5 })).toMatchObject({ ok: true, value: [{ familyName: 'Okafor' }] });
    expect(fs.statSync(path.join(dir, 'layermap.sqlite-wal')).size).toBeGreaterThan(0);
    expect(leaks(dir)).toEqual([]);
  }, 30_000);

  it('hold none of an older plaintext database once it is encrypted and upgraded: database and upgrade backup', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'layermap.sqlite');
    fs.copyFileSync(path.resolve(import.meta.dirname, '../../fixtures/db/v6.sqlite'), file);
    expect(found(file)).toContain(SAMPLE.patient.mrn);
    const client = await start(file);
    expect(await client.call('app.info', {})).toMatchObject({ ok: true });
    expect(fs.readdirSync(dir).filter((n) => n.includes('.before-v'))).toHaveLength(1);
    expect(fs.readdirSync(dir).filter((n) => n.includes('plaintext') || n.includes('encrypting'))).toEqual([]);
    expect(leaks(dir)).toEqual([]);
  }, 30_000);
});
