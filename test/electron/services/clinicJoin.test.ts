import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { exportJoinFile, importJoinFile } from '../../../electron/services/clinicJoin';
import { unlockClinicKeys } from '../../../electron/services/clinicKeys';
import { chooseDatabaseAtStart, databaseConfigFile } from '../../../electron/services/databaseConfig';
import { auditTrail, must, refused, signInSurgeon, TEST_AUDIT_KEY, useTempWorld } from '../store/helpers';
import { fakeSealer } from './fakeSealer';

const world = useTempWorld();
const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const CLINIC_AUDIT_KEY = Buffer.alloc(32, 0x7e);

describe('a second workstation joins the clinic server with a join file', () => {
  it('carries the audit key under a passphrase, owner-only, and the new workstation unlocks with it sealed', async () => {
    const file = path.join(world.dir(), 'clinic.layermap-join');
    await exportJoinFile(CLINIC_AUDIT_KEY, 'harbour join phrase', file, CHEAP);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).not.toContain(CLINIC_AUDIT_KEY.toString('hex'));
    await expect(exportJoinFile(CLINIC_AUDIT_KEY, 'harbour join phrase', file, CHEAP)).rejects.toThrow(/EEXIST/);
    await expect(exportJoinFile(CLINIC_AUDIT_KEY, 'short', path.join(world.dir(), 'x'), CHEAP)).rejects.toThrow(/at least 12 characters/);

    // Another computer (another key store secret): a wrong passphrase changes nothing.
    const station = path.join(world.dir(), 'lab.sqlite');
    const lab = fakeSealer('os', 0x19);
    await expect(importJoinFile(file, 'not the phrase', station, lab, false)).rejects.toThrow('That passphrase does not open this join file.');
    expect(fs.existsSync(`${station}.audit-key.sealed`)).toBe(false);
    await importJoinFile(file, 'harbour join phrase', station, lab, false);
    const keys = await unlockClinicKeys(station, lab);
    expect(keys.kind === 'ready' && keys.keys.auditKey.equals(CLINIC_AUDIT_KEY)).toBe(true);
  });

  it('refuses where this computer keeps records of its own, and where no key store can seal it', async () => {
    const file = path.join(world.dir(), 'clinic.layermap-join');
    await exportJoinFile(CLINIC_AUDIT_KEY, 'harbour join phrase', file, CHEAP);
    const own = path.join(world.dir(), 'own.sqlite');
    await expect(importJoinFile(file, 'harbour join phrase', own, fakeSealer(), true)).rejects.toThrow(/keeps its own records/);
    expect(fs.existsSync(`${own}.audit-key.sealed`)).toBe(false);
    await expect(importJoinFile(file, 'harbour join phrase', path.join(world.dir(), 'new.sqlite'), fakeSealer('basic_text'), false)).rejects.toThrow(/no protected key store/);
  });
});

const url = inject('postgresUrl');

describe.skipIf(!url)(`the join file from the pages${url ? '' : ` (skipped: ${inject('postgresMissing') || 'no server'})`}`, () => {
  it("is written by an administrator (audited, never over a file), and a new workstation joins with it before setting up a clinic of its own", async () => {
    const clinic = world.open(world.file());
    await signInSurgeon(clinic);
    const file = path.join(world.dir(), 'harbour.layermap-join');
    expect(await must(clinic, 'database.exportJoinFile', { file, passphrase: 'harbour join phrase' })).toEqual({ file });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect((await auditTrail(clinic, { entityId: 'join-file' }))[0]).toMatchObject({ action: 'export', after: { file } });
    expect(await refused(clinic, 'database.exportJoinFile', { file, passphrase: 'harbour join phrase' })).toMatchObject({ code: 'conflict', message: expect.stringMatching(/never writes over a file/) });

    // The lab's new workstation: a fresh install, nobody signed in, its own key store.
    const lab = world.open(world.file('lab.sqlite'));
    const folder = world.dir();
    const sealer = fakeSealer('os', 0x19);
    lab.databaseSettings = { folder, sealer };
    const u = new URL(url!);
    const server = { host: u.hostname, port: Number(u.port), database: u.pathname.slice(1), user: u.username, sslmode: 'disable-lan-exception' as const };
    const join = { server, password: 'server password', file, passphrase: 'harbour join phrase' };
    expect((await refused(lab, 'database.join', { ...join, passphrase: 'not the phrase' })).message).toMatch(/^Not joined: That passphrase does not open this join file/);
    expect(fs.existsSync(databaseConfigFile(folder))).toBe(false);
    expect(await must(lab, 'database.join', join)).toEqual({ restartNeeded: true });
    // Its next start opens the server, signing the clinic's trail with the clinic's audit key.
    expect((await chooseDatabaseAtStart(folder, sealer)).kind).toBe('server');
    const keys = await unlockClinicKeys(lab.store.path, sealer);
    expect(keys.kind === 'ready' && keys.keys.auditKey.equals(TEST_AUDIT_KEY)).toBe(true);

    // Once a clinic of its own is set up, joining is an administrator's move, not the first run's.
    await signInSurgeon(lab);
    expect(await refused(lab, 'database.join', join)).toMatchObject({ code: 'conflict' });
  });
});
