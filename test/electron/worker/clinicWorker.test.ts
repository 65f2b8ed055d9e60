import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { caseInput, patientInput } from '../store/helpers';
import { must, newClinicKey, useClinicStations } from './clinicStations';

/**
 * Clinic mode through the store's thread, as the app and the test host start it: two
 * workstations (each its own local folder: the clinic's audit key, its own chain head) on one
 * PostgreSQL schema see each other's records, refuse each other's stale saves, and find it
 * all again after a restart. On the real server the test set-up starts (never skipped in CI).
 */
const stations = useClinicStations();
const { url, clients, clinicSchema, workstation, start } = stations;

describe.skipIf(!url)(`the store's thread on the clinic's PostgreSQL server${url ? '' : ` (skipped: ${inject('postgresMissing') || 'no server'})`}`, () => {
  it('two workstations share one clinic: records, stale saves refused, all there after a restart; no SQLite file is made', { timeout: 60_000 }, async () => {
    const server = await clinicSchema();
    const clinicKey = newClinicKey();
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
    const local = workstation(newClinicKey());
    const failure = await start(local, { connectionString: 'postgres://layermap@127.0.0.1:1/none' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/could not open the clinic's database/);
    expect(fs.existsSync(local)).toBe(false);
  });
});
