import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { keyFileBeside } from '../../electron/store/auditKey';
import type { LabStatus } from '../../shared/records';
import { LAB_STATUS_SHORT } from '../../renderer/src/lib/labStatus';
import { launchChromium } from '../e2e/browser';
import { hostCall } from '../e2e/hostApi';
import { quartered } from '../electron/store/maps';
import { startTestHost, type TestHost } from '../host/server';
import { BENCH_CLINIC } from './store.bench';
import { figure } from './figures';
import { ms, percentile } from './stats';

/**
 * clinic.live_update_p95 (../shared/BENCH.md): a block status saved at one workstation until
 * another workstation's open map shows it. Two test hosts (store threads) on one clinic schema,
 * the surgeon's map open in Chromium at the first; the lab's status change is sent to the second
 * and the time runs until the map's Lab cell shows the new status (the page notes the moment
 * with a MutationObserver; one clock on one machine).
 */
const RUNS = 40;
/** Back and forth between two steps, so each save changes what the map shows. */
const STEPS: readonly LabStatus[] = ['grossed', 'embedded'];

export async function benchLiveUpdate(url: string, admin: pg.Pool): Promise<void> {
  const schema = `layermap_live_${process.pid}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-live-bench-'));
  const key = randomBytes(32).toString('hex');
  const hosts: TestHost[] = [];
  const workstation = async (name: string) => {
    const databasePath = path.join(dir, name, 'layermap.sqlite');
    fs.mkdirSync(path.dirname(databasePath));
    fs.writeFileSync(keyFileBeside(databasePath), key, { mode: 0o600 });
    const host = await startTestHost({ databasePath, clinicServer: { connectionString: url, schema } });
    hosts.push(host);
    return host;
  };
  const chromium = await launchChromium();
  try {
    const room = await workstation('room');
    const surgeon = await hostCall(room, 'session.setUp', { ...BENCH_CLINIC, roles: ['surgeon', 'administrator', 'histotech'] });
    const patient = await hostCall(room, 'patients.create', { familyName: 'Live', givenName: 'Bench', mrn: 'LB-1', dateOfBirth: '1950-01-01', sex: 'female' });
    const c = await hostCall(room, 'cases.create', { patientId: patient.id, dateOfSurgery: '2026-11-27', surgeonId: surgeon.id });
    const lesion = await hostCall(room, 'lesions.create', { caseId: c.id, siteId: 'nasal-ala', siteDetail: '', laterality: 'left', tumorTypeId: 'bcc-nodular', preopLengthMm: 10, preopWidthMm: 8, recurrent: false, deepStructures: [] });
    const stage = await hostCall(room, 'stages.create', { lesionId: lesion.id, doc: quartered() });
    const lab = await workstation('lab');
    await hostCall(lab, 'session.signIn', { userId: surgeon.id, secret: BENCH_CLINIC.password });

    const page = await chromium.browser.newPage({ viewport: { width: 1500, height: 1000 } });
    await page.goto(`${room.url}#/lesion/${lesion.id}`);
    const table = page.getByRole('table', { name: 'Blocks of this stage' });
    await table.waitFor();
    // The Lab cell of block 1-1, watched in the page: each new text with the moment it appeared.
    // A string, not a function: tsx would wrap the function's inner names in a helper the page lacks.
    await page.evaluate(`(() => {
      const t = document.querySelector('[aria-label="Blocks of this stage"]');
      const seen = (window.__labSeen = []);
      const cell = () => t.querySelector('tbody tr')?.querySelector('[data-testid="lab-status"]')?.textContent?.trim() ?? '';
      let last = cell();
      new MutationObserver(() => {
        const now = cell();
        if (now !== last) seen.push({ text: (last = now), at: Date.now() });
      }).observe(t, { subtree: true, childList: true, characterData: true });
    })()`);
    const block = stage.doc.blocks.find((b) => b.number === 1)!.id;
    const times: number[] = [];
    let version = 1;
    for (let i = 0; i < RUNS; i++) {
      const status = STEPS[i % STEPS.length]!;
      const sent = Date.now();
      const row = await hostCall(lab, 'blocks.setStatus', { id: block, version, status });
      version = row.version;
      // The page's CSP allows no string functions (waitForFunction): the bench asks, the page noted the time.
      const shown = `window.__labSeen.find((s) => s.text === ${JSON.stringify(LAB_STATUS_SHORT[status])} && s.at >= ${sent})?.at ?? null`;
      let at: number | null = null;
      for (const until = Date.now() + 30_000; at === null && Date.now() < until; ) {
        at = (await page.evaluate(shown)) as number | null;
        if (at === null) await sleep(20);
      }
      if (at === null) throw new Error(`the map did not show "${LAB_STATUS_SHORT[status]}" within 30 s`);
      times.push(at - sent);
    }
    await page.close();
    times.sort((a, b) => a - b);
    const p50 = percentile(times, 50);
    const p95 = percentile(times, 95);
    console.log(`live update, a block status saved in the lab until the room's open map shows it (${RUNS} runs): p50 ${ms(p50)}, p95 ${ms(p95)}, max ${ms(times.at(-1)!)}`);
    figure('clinic.live_update_p95', p95, 0);
  } finally {
    for (const h of hosts) await h.close();
    await chromium.close();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
