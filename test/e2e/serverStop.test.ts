import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { keyFileBeside } from '../../electron/store/auditKey';
import { startTestHost, type TestHost } from '../host/server';
import { findPostgresBin, REQUIRE_VARIABLE, startPrivateServer, type TestServer } from '../setup/postgres';
import { screenshotPath, useChromium, watchForPageErrors } from './browser';
import { E2E_PASSWORD, hostCall, NASAL_ALA_BCC } from './hostApi';
import { settled } from './mapPage';

/**
 * The server-stop test in the browser (issue 14, part 4): the surgeon's map is open when the
 * clinic server stops (a server of this test's own, stopped as a crash would stop it). The edit
 * made meanwhile stays on screen, every screen says the server cannot be reached and that the
 * change is kept, and once the server is started again the banner goes and the kept save goes
 * through by itself, exactly once (one new version, one audit row). The Node test
 * (test/electron/worker/serverStop.test.ts) covers the store thread's side.
 */
const url = inject('postgresUrl');
// Stopping and starting a server needs PostgreSQL's own binaries, not only a URL.
const bin = url ? findPostgresBin() : null;
if (!bin && process.env[REQUIRE_VARIABLE] === '1') throw new Error(`${REQUIRE_VARIABLE}=1 but PostgreSQL's binaries are missing: the server-stop e2e needs them`);
const e2e = useChromium('server-stop');
let server: TestServer | null = null;
let host: TestHost | null = null;

beforeAll(async () => {
  // Durable (fsync, synchronous commit), as a clinic's server runs: a crash keeps every commit.
  if (bin) server = await startPrivateServer(bin, { durable: true });
}, 60_000);
afterAll(async () => {
  await host?.close();
  server?.stop();
});

/** A workstation on the test's server (its own schema) with stage 1 of a lesion open on its map, saved once. */
async function mapOpenOnServer(name: string, schema?: string) {
  const s = server!;
  const dir = path.join(e2e.dir, name);
  fs.mkdirSync(dir);
  const databasePath = path.join(dir, 'layermap.sqlite');
  fs.writeFileSync(keyFileBeside(databasePath), randomBytes(32).toString('hex'), { mode: 0o600 });
  host = await startTestHost({ databasePath, clinicServer: { connectionString: s.url, ...(schema ? { schema } : {}) } });
  const surgeon = await hostCall(host, 'session.setUp', { clinicName: 'Harbour Mohs', name: 'Dr Ana Mendez', initials: 'AM', roles: ['surgeon', 'administrator'], password: E2E_PASSWORD });
  const patient = await hostCall(host, 'patients.create', { familyName: 'Walker', givenName: 'Joan', mrn: 'W-7781', dateOfBirth: '1950-02-03', sex: 'female' });
  const theCase = await hostCall(host, 'cases.create', { patientId: patient.id, dateOfSurgery: '2026-11-28', surgeonId: surgeon.id });
  const lesion = await hostCall(host, 'lesions.create', { ...NASAL_ALA_BCC, caseId: theCase.id });

  const page = await e2e.browser.newPage({ viewport: { width: 1500, height: 1000 } });
  const errors = watchForPageErrors(page);
  await page.goto(`${host.url}#/lesion/${lesion.id}`);
  await page.getByRole('heading', { name: /Lesion A/ }).waitFor();
  await page.getByRole('button', { name: 'Start stage 1' }).click();
  await page.getByTestId('map-canvas').waitFor();
  // Stage 1 starts with the outline pre-sized from the lesion, selected.
  await expect.poll(() => page.getByTestId('specimen-size').count()).toBe(1);
  await settled(page);
  const [created] = await hostCall(host, 'stages.list', { lesionId: lesion.id });
  expect(created!.version).toBe(1);
  expect(created!.doc.pieces).toHaveLength(1);
  return { s, host, page, errors, lesion, created: created!, databasePath };
}

describe.skipIf(!bin)(`the map while the clinic server is down${bin ? '' : ` (skipped: ${inject('postgresMissing') || "no PostgreSQL binaries to start a server of the test's own"})`}`, () => {
  it('shows the banner, keeps the edit, and saves it once when the server is back', { timeout: 120_000 }, async () => {
    const { s, host, page, errors, lesion, created } = await mapOpenOnServer('workstation');
    const banner = page.getByTestId('server-unreachable');
    expect(await banner.count()).toBe(0);

    // The server stops. The surgeon deletes the pre-sized outline: the map shows it deleted,
    // the save meets the server down, and the banner says the change is kept.
    s.halt!();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByTestId('specimen-size').count()).toBe(0);
    await banner.waitFor({ timeout: 20_000 });
    expect(await banner.textContent()).toContain('your changes are kept on this computer and will be saved when it is back');
    await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 20_000 }).toMatch(/^Not saved: .*clinic server cannot be reached/i);
    // What is open stays readable: the lesion and the map are still on screen.
    expect(await page.getByRole('heading', { name: /Lesion A/ }).count()).toBe(1);
    expect(await page.getByTestId('map-canvas').count()).toBe(1);
    await page.screenshot({ path: screenshotPath('server-stop-1-banner'), fullPage: true });

    // Back: the banner goes and the kept save goes through by itself, with no click.
    s.start!();
    await expect.poll(() => banner.count(), { timeout: 40_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 40_000 }).toBe('All changes saved');
    expect(await page.getByTestId('specimen-size').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('server-stop-2-back'), fullPage: true });

    // Saved exactly once: version 2, one update row in the audit trail, the outline gone from the stored map.
    const [stored] = await hostCall(host, 'stages.list', { lesionId: lesion.id });
    expect(stored!.version).toBe(2);
    expect(stored!.doc.pieces).toHaveLength(0);
    const admin = new pg.Client({ connectionString: s.url });
    await admin.connect();
    try {
      const updates = await admin.query(`SELECT count(*)::int AS n FROM audit_events WHERE entity = 'stage' AND entity_id = $1 AND action = 'update'`, [created.id]);
      expect(updates.rows[0].n).toBe(1);
    } finally {
      await admin.end();
    }
    expect(await hostCall(host, 'audit.verify', {})).toMatchObject({ intact: true });
    expect(errors).toEqual([]);
    await page.close();
  });
  it('a change kept when the window closed with the server down is saved at the next start, and said so', { timeout: 120_000 }, async () => {
    await host?.close();
    // A database of its own on the same server (a clinic's administrator creates the schema; Layermap creates its tables).
    const admin = new pg.Client({ connectionString: server!.url });
    await admin.connect();
    await admin.query('CREATE SCHEMA closed_window').finally(() => admin.end());
    const { s, host: station, page, lesion, created, databasePath } = await mapOpenOnServer('closed-window', 'closed_window');
    s.halt!();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 20_000 }).toMatch(/^Not saved: .*clinic server cannot be reached/i);
    // Kept at once in this workstation's recovery file, encrypted: closing the window loses nothing, so it does not ask.
    const recoveryFile = `${databasePath}.unsaved-maps`;
    await expect.poll(() => fs.existsSync(recoveryFile), { timeout: 20_000 }).toBe(true);
    expect(fs.readFileSync(recoveryFile, 'utf8')).not.toContain(created.id);
    let asked = false;
    page.on('dialog', (d) => void ((asked = true), d.dismiss()));
    await page.close({ runBeforeUnload: true });
    expect(asked).toBe(false);

    // The server is back; the surgeon opens Layermap again: the kept change is saved once, and the page says so.
    s.start!();
    await expect.poll(() => hostCall(station, 'stages.list', { lesionId: lesion.id }).then(() => true, () => false), { timeout: 40_000, interval: 500 }).toBe(true);
    const again = await e2e.browser.newPage({ viewport: { width: 1500, height: 1000 } });
    const errors = watchForPageErrors(again);
    await again.goto(`${station.url}#/lesion/${lesion.id}`);
    const notice = again.getByTestId('kept-map-changes');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.textContent()).toContain('One map change kept on this computer while the clinic server could not be reached is now saved');
    await again.screenshot({ path: screenshotPath('server-stop-3-kept-saved'), fullPage: true });
    const [stored] = await hostCall(station, 'stages.list', { lesionId: lesion.id });
    expect(stored!.version).toBe(2);
    expect(stored!.doc.pieces).toHaveLength(0);
    expect(fs.existsSync(recoveryFile)).toBe(false);
    // The map opened shows the saved change (read after the replay, or again on the change it announced).
    await again.getByTestId('map-canvas').waitFor();
    await expect.poll(() => again.getByTestId('specimen-size').count()).toBe(0);
    expect(errors).toEqual([]);
    await again.close();
  });
});
