import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { keyFileBeside } from '../../electron/store/auditKey';
import type { StageRecord } from '../../shared/records';
import { addFinding } from '../../shared/map/edits';
import { peripheralTumor, quartered, unwrap } from '../electron/store/maps';
import { startTestHost, type TestHost } from '../host/server';
import { screenshotPath, useChromium, watchForPageErrors } from './browser';
import { addUser, E2E_PASSWORD, hostCall, NASAL_ALA_BCC, signInAs } from './hostApi';

/**
 * Clinic mode in the browser (issue 14): two workstations on one PostgreSQL server, each its own
 * test host (store thread) and page: the procedure room (the surgeon) and the lab (the
 * histotech). What one saves shows on the other's open screen by event (NOTIFY → store thread →
 * host event stream → page), with no reload and no polling. Waits are generous; the latency is
 * in the bench (clinic.live_update_p95).
 */
const url = inject('postgresUrl');
const e2e = useChromium('clinic');
const DAY = '2026-11-27';
let admin: pg.Pool | null = null;
const schema = `lm_e2e_${randomBytes(4).toString('hex')}`;
const hosts: TestHost[] = [];

beforeAll(async () => {
  if (!url) return;
  admin = new pg.Pool({ connectionString: url, max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
});
afterAll(async () => {
  for (const h of hosts.splice(0)) await h.close();
  await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin?.end();
});

/** A workstation of the clinic: its own folder with the clinic's audit key, its own store thread on the server. */
async function workstation(name: string, clinicKey: string): Promise<TestHost> {
  const dir = path.join(e2e.dir, name);
  fs.mkdirSync(dir);
  const databasePath = path.join(dir, 'layermap.sqlite');
  fs.writeFileSync(keyFileBeside(databasePath), clinicKey, { mode: 0o600 });
  const host = await startTestHost({ databasePath, clinicServer: { connectionString: url, schema } });
  hosts.push(host);
  return host;
}

const blockId = (stage: StageRecord, n: number): string => stage.doc.blocks.find((b) => b.number === n)!.id;

describe.skipIf(!url)(`two workstations on the clinic server${url ? '' : ` (skipped: ${inject('postgresMissing') || 'no server'})`}`, () => {
  it("the lab's worklist shows the room's new stage, and the room's open map shows the lab's block status, each by event", async () => {
    const clinicKey = randomBytes(32).toString('hex');
    const room = await workstation('procedure-room', clinicKey);
    // The clinic's first run on the server (its recovery sheet is for a single computer's keys: not asked here).
    const surgeon = await hostCall(room, 'session.setUp', { clinicName: 'Harbour Mohs', name: 'Dr Ana Mendez', initials: 'AM', roles: ['surgeon', 'administrator'], password: E2E_PASSWORD });
    const tech = await addUser(room, { name: 'Tom Histo', initials: 'TH', roles: ['histotech'] });
    const patient = await hostCall(room, 'patients.create', { familyName: 'Walker', givenName: 'Joan', mrn: 'W-5120', dateOfBirth: '1950-02-03', sex: 'female' });
    const theCase = await hostCall(room, 'cases.create', { patientId: patient.id, dateOfSurgery: DAY, surgeonId: surgeon.id });
    const lesion = await hostCall(room, 'lesions.create', { ...NASAL_ALA_BCC, caseId: theCase.id });

    const lab = await workstation('lab', clinicKey);
    await signInAs(lab, tech);
    const labPage: Page = await e2e.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const labErrors = watchForPageErrors(labPage);
    await labPage.goto(`${lab.url}#/worklist/${DAY}`);
    await labPage.getByRole('heading', { name: 'Lab worklist' }).waitFor();
    await labPage.getByTestId('current-user').filter({ hasText: 'Tom Histo' }).waitFor();
    const rows = labPage.getByTestId('worklist-row');
    expect(await rows.count()).toBe(0);

    // The surgeon saves the first stage at the procedure room's workstation: the lab's open list shows its blocks.
    const stage = await hostCall(room, 'stages.create', { lesionId: lesion.id, doc: quartered() });
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(4);
    // A workstation that joins the clinic's trail starts its own chain head there: its start check is clean.
    expect(await labPage.getByTestId('audit-start-warning').count()).toBe(0);
    await labPage.screenshot({ path: screenshotPath('clinic-1-lab-heard-stage'), fullPage: true });

    // The surgeon's map of the lesion is open in the procedure room.
    const roomPage: Page = await e2e.browser.newPage({ viewport: { width: 1500, height: 1000 } });
    const roomErrors = watchForPageErrors(roomPage);
    await roomPage.goto(`${room.url}#/lesion/${lesion.id}`);
    await roomPage.getByRole('heading', { name: /Lesion A/ }).waitFor();
    const blocks = roomPage.getByRole('table', { name: 'Blocks of this stage' });
    await blocks.waitFor();
    const lab_ = (await blocks.locator('thead th').allTextContents()).indexOf('Lab');
    const labCell = async (label: string) => (await blocks.getByRole('row', { name: new RegExp(`^${label}`) }).locator('td').nth(lab_).textContent())?.trim();
    expect(await labCell('1-2')).toBe('Excised');

    // The histotech grosses block 1-2 in the lab: the surgeon's open map shows it, with no reload.
    const row = labPage.locator(`[data-testid="worklist-row"][data-block-id="${blockId(stage, 2)}"]`);
    await row.getByRole('button', { name: 'Next: Grossed/inked' }).click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('grossed');
    await expect.poll(() => labCell('1-2'), { timeout: 20_000 }).toBe('Grossed');
    expect(await labCell('1-1')).toBe('Excised');
    await roomPage.evaluate(() => document.querySelector('[aria-label="Blocks of this stage"]')?.scrollIntoView({ block: 'center' }));
    await roomPage.screenshot({ path: screenshotPath('clinic-2-room-heard-block') });

    // The same map saved at another workstation (the surgeon at the lab's computer marks tumor in 1-2):
    // the room's map, with nothing of its own waiting, shows the saved map, not its old drawing.
    await hostCall(lab, 'session.signIn', { userId: surgeon.id, secret: E2E_PASSWORD });
    const [current] = await hostCall(lab, 'stages.list', { lesionId: lesion.id });
    await hostCall(lab, 'stages.save', { id: current!.id, version: current!.version, doc: unwrap(addFinding(current!.doc, peripheralTumor(current!.doc, 2))) });
    const resultCol = (await blocks.locator('thead th').allTextContents()).indexOf('Result');
    await expect.poll(async () => (await blocks.getByRole('row', { name: /^1-2/ }).locator('td').nth(resultCol).textContent())?.trim(), { timeout: 20_000 }).toMatch(/^Tumor at peripheral/);

    // The server keeps the records and its own backups: no overdue backup or missing recovery sheet is asked of a workstation.
    expect(await roomPage.getByTestId('backup-warning').count()).toBe(0);
    await roomPage.goto(`${room.url}#/settings`);
    await roomPage.getByTestId('backup-by-server').waitFor();
    expect(await roomPage.getByTestId('recovery-missing').count()).toBe(0);

    expect(labErrors).toEqual([]);
    expect(roomErrors).toEqual([]);
    await labPage.close();
    await roomPage.close();
  });
});
