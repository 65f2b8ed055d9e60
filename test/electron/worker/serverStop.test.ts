import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { keyFileBeside } from '../../../electron/store/auditKey';
import { startStoreWorker, type StoreClient } from '../../../electron/worker/storeClient';
import type { StoreChange } from '../../../shared/api/storeChange';
import { addFinding } from '../../../shared/map/edits';
import { SOURCE_ENTRY } from '../../host/server';
import { findPostgresBin, REQUIRE_VARIABLE, startPrivateServer, type TestServer } from '../../setup/postgres';
import { caseInput, lesionInput, patientInput } from '../store/helpers';
import { peripheralTumor, quartered, unwrap } from '../store/maps';
import { must } from './clinicStations';

/**
 * The server-stop test (issue 14): the clinic server stops in the middle of a session (a server
 * of this test's own, stopped as a crash would stop it). A save then fails as "unreachable",
 * not as an unknown error, and nothing is half-written; the workstation hears that the server is
 * gone, and hears it back by itself once it is started again; the kept change is then saved
 * exactly once (one new version, one audit row).
 */
const url = inject('postgresUrl');
// This test stops and starts a server of its own, so it needs PostgreSQL's binaries (the set-up installs them in CI).
const bin = url ? findPostgresBin() : null;
if (url && !bin && process.env[REQUIRE_VARIABLE] === '1') throw new Error(`${REQUIRE_VARIABLE}=1 but PostgreSQL's binaries are missing: the server-stop test needs them`);
let server: TestServer | null = null;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-server-stop-'));

beforeAll(async () => {
  // Durable (fsync, synchronous commit) as a clinic's server is: stopped as a crash would stop it, it keeps every commit.
  if (bin) server = await startPrivateServer(bin, { durable: true });
}, 60_000);
afterAll(() => {
  server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!bin)(`when the clinic server stops mid-session${bin ? '' : ` (skipped: ${inject('postgresMissing') || "no PostgreSQL binaries to start a server of the test's own"})`}`, () => {
  it('a save meets "unreachable", the change is kept on this computer, the workstation hears the server come back, and the kept change is saved once', { timeout: 90_000 }, async () => {
    const s = server!;
    const local = path.join(dir, 'layermap.sqlite');
    fs.writeFileSync(keyFileBeside(local), randomBytes(32).toString('hex'), { mode: 0o600 });
    const client: StoreClient = await startStoreWorker({ databasePath: local, appVersion: '0.0.0-test', transport: 'test-host', clinicServer: { connectionString: s.url } }, SOURCE_ENTRY);
    const heard: StoreChange[] = [];
    client.onStoreChanged((c) => heard.push(c));
    try {
      const surgeon = await must(client.call('session.setUp', { clinicName: 'Moss Mohs', name: 'Dr Ada Moss', initials: 'AM', roles: ['surgeon', 'administrator'], password: 'ada moss password' }));
      const patient = await must(client.call('patients.create', patientInput()));
      const theCase = await must(client.call('cases.create', { patientId: patient.id, ...caseInput(surgeon.id) }));
      const lesion = await must(client.call('lesions.create', { caseId: theCase.id, ...lesionInput() }));
      const stage = await must(client.call('stages.create', { lesionId: lesion.id, doc: quartered() }));
      const edited = unwrap(addFinding(stage.doc, peripheralTumor(stage.doc, 2)));

      s.halt!();
      const refused = await client.call('stages.save', { id: stage.id, version: stage.version, doc: edited });
      expect(refused).toMatchObject({ ok: false, error: { code: 'unreachable', message: expect.stringMatching(/clinic server cannot be reached.*keeps your changes/i) } });
      await expect.poll(() => heard.some((c) => c.kind === 'unreachable'), { timeout: 20_000 }).toBe(true);
      // Reads fail the same clear way (what is on screen stays; the page does not lose it).
      expect(await client.call('stages.list', { lesionId: lesion.id })).toMatchObject({ ok: false, error: { code: 'unreachable' } });
      // Closing the window now: the page keeps the change in this computer's recovery file,
      // which needs no server (the surgeon's roles as last read from it).
      expect(await must(client.call('stages.keepUnsaved', { maps: [{ id: stage.id, version: stage.version, doc: edited }] }))).toEqual({ kept: 1 });
      expect(fs.existsSync(`${local}.unsaved-maps`)).toBe(true);
      // Anything that needs the server still says so plainly.
      expect(await client.call('patients.create', patientInput())).toMatchObject({ ok: false, error: { code: 'unreachable' } });

      s.start!();
      await expect.poll(() => heard.some((c) => c.kind === 'resync'), { timeout: 30_000 }).toBe(true);
      // The next start (or the reconnect) replays the kept change through the ordinary save.
      const replay = await must(client.call('stages.replayUnsaved', {}));
      expect(replay).toMatchObject({ stale: [], waiting: 0 });
      expect(replay.saved.map((x) => x.version)).toEqual([stage.version + 1]);
      expect(replay.saved[0]!.doc).toEqual(edited);
      expect(fs.existsSync(`${local}.unsaved-maps`)).toBe(false);
      // Sent once more (a resend after an answer lost on the way): refused as stale, never saved twice.
      expect(await client.call('stages.save', { id: stage.id, version: stage.version, doc: edited })).toMatchObject({ ok: false, error: { code: 'stale' } });

      const admin = new pg.Client({ connectionString: s.url });
      await admin.connect();
      try {
        const versions = await admin.query(`SELECT count(*)::int AS n FROM audit_events WHERE entity = 'stage' AND entity_id = $1 AND action = 'update'`, [stage.id]);
        expect(versions.rows[0].n).toBe(1);
        const row = await admin.query(`SELECT version FROM stages WHERE id = $1`, [stage.id]);
        expect(row.rows[0].version).toBe(stage.version + 1);
      } finally {
        await admin.end();
      }
      expect(await must(client.call('audit.verify', {}))).toMatchObject({ intact: true });
    } finally {
      await client.close();
    }
  });
});
