import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chooseDatabaseAtStart } from '../../electron/services/databaseConfig';
import { startTestHost, type TestHost } from '../host/server';
import { fakeSealer } from '../electron/services/fakeSealer';
import { findPostgresBin, REQUIRE_VARIABLE, startPrivateServer, type TestServer } from '../setup/postgres';
import { screenshotPath, useChromium, watchForPageErrors } from './browser';
import { E2E_PASSWORD, hostCall, seedLesion } from './hostApi';

/**
 * A clinic taking on a server, as its administrator does it in Settings → Database (issue 14):
 * the server's form filled in, the records copied onto the server's empty database with a
 * progress bar and a proof, the choice saved, Layermap restarted on the server, and the same
 * case there with its audit trail intact. A server of the test's own, so its default schema is
 * the clinic's, as on a real server.
 */
const url = inject('postgresUrl');
const bin = url ? findPostgresBin() : null;
if (!bin && process.env[REQUIRE_VARIABLE] === '1') throw new Error(`${REQUIRE_VARIABLE}=1 but PostgreSQL's binaries are missing: the database copy e2e needs them`);
const e2e = useChromium('database-copy');
let server: TestServer | null = null;
const hosts: TestHost[] = [];

beforeAll(async () => {
  if (bin) server = await startPrivateServer(bin);
}, 60_000);
afterAll(async () => {
  for (const h of hosts) await h.close();
  server?.stop();
});

describe.skipIf(!bin)(`moving onto the clinic server${bin ? '' : ` (skipped: ${inject('postgresMissing') || 'no PostgreSQL binaries'})`}`, () => {
  it('copies the records with progress and a proof; after the restart the case is on the server, and the lab joins it with a join file', { timeout: 120_000 }, async () => {
    const folder = path.join(e2e.dir, 'user-data');
    fs.mkdirSync(folder);
    const databasePath = path.join(e2e.dir, 'clinic.sqlite');
    const sealer = fakeSealer();
    const host = await startTestHost({ databasePath, databaseSettings: { folder, sealer } });
    hosts.push(host);
    const { caseId } = await seedLesion(host);
    const before = await hostCall(host, 'cases.get', { id: caseId });

    const target = new URL(server!.url);
    const page = await e2e.browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors = watchForPageErrors(page);
    await page.goto(`${host.url}#/settings`);
    const panel = page.getByTestId('database-panel');
    await expect.poll(() => panel.getByTestId('database-running').textContent()).toBe('Layermap is using this computer’s own database now.');
    // Nothing to move while "This computer only" stays chosen.
    expect(await panel.getByTestId('database-copy').count()).toBe(0);
    await panel.getByRole('radio', { name: /Clinic server/ }).check();
    await panel.getByLabel('Server name').fill(target.hostname);
    await panel.getByLabel('Port').fill(target.port);
    await panel.getByLabel('Database').fill(target.pathname.slice(1));
    await panel.getByLabel('User').fill(target.username);
    await panel.getByLabel('Password').fill('clinic server password');
    await panel.getByLabel(/Local-network exception/).check();

    const copy = panel.getByTestId('database-copy');
    await copy.getByRole('button', { name: 'Copy the records onto the server' }).click();
    const done = copy.getByTestId('database-copy-done');
    await done.waitFor({ timeout: 60_000 });
    expect(await done.textContent()).toMatch(/^Copied and checked: \d+ rows in \d+ tables, each the same on both sides, and the audit trail \(\d+ events\) verifies at /);
    await page.screenshot({ path: screenshotPath('database-copy-done'), fullPage: true });
    // A second press: the server holds the clinic now, nothing is mixed into it.
    await copy.getByRole('button', { name: 'Copy the records onto the server' }).click();
    await expect.poll(() => copy.getByRole('alert').textContent()).toMatch(/not empty/);

    await panel.getByRole('button', { name: 'Save for the next start' }).click();
    await expect.poll(() => panel.getByTestId('database-saved').textContent()).toBe('Saved. Restart Layermap to use the clinic server.');
    expect(errors).toEqual([]);
    await page.close();

    // Restarted as electron/main starts it: database.json chooses the server; the same workstation files (its audit key).
    await host.close();
    hosts.splice(0);
    const start = await chooseDatabaseAtStart(folder, sealer);
    if (start.kind !== 'server') throw new Error(`the next start does not open the server: ${JSON.stringify(start)}`);
    const onServer = await startTestHost({ databasePath, clinicServer: start.clinicServer, databaseSettings: { folder, sealer } });
    hosts.push(onServer);
    // The same administrator signs in on the server, and finds the same case, its audit trail whole.
    const choices = await hostCall(onServer, 'session.signInChoices', {});
    const ana = choices.find((u) => u.name === 'Dr Ana Mendez')!;
    await hostCall(onServer, 'session.signIn', { userId: ana.id, secret: E2E_PASSWORD });
    const after = await hostCall(onServer, 'cases.get', { id: caseId });
    expect({ case: after.case, patient: after.patient, lesions: after.lesions }).toEqual({ case: before.case, patient: before.patient, lesions: before.lesions });
    const verdict = await hostCall(onServer, 'audit.verify', {});
    expect(verdict, JSON.stringify(verdict)).toMatchObject({ intact: true });
    const admin = new pg.Client({ connectionString: server!.url });
    await admin.connect();
    try {
      // On the server's own tables: one case, and the audit row recording the copy.
      expect((await admin.query('SELECT count(*)::int AS n FROM cases')).rows[0].n).toBe(1);
      expect((await admin.query(`SELECT count(*)::int AS n FROM audit_events WHERE entity = 'settings' AND entity_id = 'database' AND action = 'export'`)).rows[0].n).toBe(1);
    } finally {
      await admin.end();
    }

    // A second workstation (the lab's) joins: Ana writes a join file in Settings → Database on the server…
    const joinFile = path.join(e2e.dir, 'harbour.layermap-join');
    const settings = await e2e.browser.newPage({ viewport: { width: 1366, height: 900 } });
    const settingsErrors = watchForPageErrors(settings);
    await settings.goto(`${onServer.url}#/settings`);
    const exportForm = settings.getByTestId('join-file-export');
    await exportForm.getByLabel('Save the join file as').fill(joinFile);
    await exportForm.getByLabel('Passphrase', { exact: true }).fill('harbour join phrase');
    await exportForm.getByLabel('The passphrase again').fill('harbour join phrase');
    await exportForm.getByRole('button', { name: 'Write the join file' }).click();
    await expect.poll(() => exportForm.getByTestId('join-file-written').textContent()).toContain(joinFile);
    await exportForm.screenshot({ path: screenshotPath('database-join-file-export') });
    expect(settingsErrors).toEqual([]);
    await settings.close();

    // …and the lab's new install, started as Electron starts it (its own key store), joins on its first start.
    const labFolder = path.join(e2e.dir, 'lab-user-data');
    fs.mkdirSync(labFolder);
    const labPath = path.join(e2e.dir, 'lab', 'layermap.sqlite');
    fs.mkdirSync(path.dirname(labPath));
    const labSealer = fakeSealer('os', 0x33);
    const labFirst = await startTestHost({ databasePath: labPath, askForKeys: { sealer: labSealer }, databaseSettings: { folder: labFolder, sealer: labSealer } });
    hosts.push(labFirst);
    const lab = await e2e.browser.newPage({ viewport: { width: 1366, height: 900 } });
    const labErrors = watchForPageErrors(lab);
    await lab.goto(labFirst.url);
    await lab.getByRole('button', { name: 'Join the clinic server' }).click();
    await lab.getByLabel('Server name').fill(target.hostname);
    await lab.getByLabel('Port').fill(target.port);
    await lab.getByLabel('Database').fill(target.pathname.slice(1));
    await lab.getByLabel('User').fill(target.username);
    await lab.getByLabel('Password').fill('clinic server password');
    await lab.getByLabel(/Local-network exception/).check();
    await lab.getByLabel('Join file').fill(joinFile);
    await lab.getByLabel('Its passphrase').fill('not the phrase');
    await lab.getByRole('button', { name: 'Join the clinic server' }).click();
    await expect.poll(() => lab.getByRole('alert').textContent()).toMatch(/That passphrase does not open this join file/);
    await lab.getByLabel('Its passphrase').fill('harbour join phrase');
    await lab.getByRole('button', { name: 'Join the clinic server' }).click();
    await lab.getByTestId('joined').waitFor();
    await lab.screenshot({ path: screenshotPath('database-joined'), fullPage: true });
    expect(labErrors).toEqual([]);
    await lab.close();

    // Restarted: the lab opens the server and signs the clinic's trail with the clinic's key; Ana's case is there.
    await labFirst.close();
    const labStart = await chooseDatabaseAtStart(labFolder, labSealer);
    if (labStart.kind !== 'server') throw new Error(`the lab's next start does not open the server: ${JSON.stringify(labStart)}`);
    const labOnServer = await startTestHost({ databasePath: labPath, askForKeys: { sealer: labSealer }, clinicServer: labStart.clinicServer });
    hosts.push(labOnServer);
    await hostCall(labOnServer, 'session.signIn', { userId: ana.id, secret: E2E_PASSWORD });
    expect((await hostCall(labOnServer, 'cases.get', { id: caseId })).case).toEqual(before.case);
    const labVerdict = await hostCall(labOnServer, 'audit.verify', {});
    expect(labVerdict, JSON.stringify(labVerdict)).toMatchObject({ intact: true });
  });
});
