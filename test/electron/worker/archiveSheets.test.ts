import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArchiveLesion } from '../../../shared/api';
import type { ArchiveSheetPrinter } from '../../../electron/worker/archiveSheets';
import { startStoreWorker, type StoreClient } from '../../../electron/worker/storeClient';
import { SOURCE_ENTRY } from '../../host/server';
import { caseInput, lesionInput, patientInput } from '../store/helpers';

/**
 * Case archives carry each lesion's map sheet, printed by the side that can render pages
 * before the store's thread writes the archive: a sheet page reads its records through that
 * thread while it prints, a stuck or failing printer never holds the export up, and the
 * result says how many sheets the archive carries.
 */
const dirs: string[] = [];
const clients: StoreClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-sheets-'));
  dirs.push(dir);
  return dir;
}

async function must<T>(answer: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await answer;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** A clinic with one case of two lesions, through the worker as the app makes it. */
async function clinicWithCase(printer: (client: () => StoreClient) => ArchiveSheetPrinter) {
  const dir = tempDir();
  let client: StoreClient | null = null;
  client = await startStoreWorker({ databasePath: path.join(dir, 'db.sqlite'), appVersion: '0.0.0-test', transport: 'test-host' }, SOURCE_ENTRY, printer(() => client!));
  clients.push(client);
  const user = await must(client.call('session.setUp', { clinicName: 'Moss Mohs', name: 'Dr Ada Moss', initials: 'AM', roles: ['surgeon', 'administrator'], password: 'ada moss password' }));
  const patient = await must(client.call('patients.create', patientInput({ familyName: 'Lindqvist', givenName: 'Astrid' })));
  const theCase = await must(client.call('cases.create', { patientId: patient.id, ...caseInput(user.id) }));
  const a = await must(client.call('lesions.create', { caseId: theCase.id, ...lesionInput() }));
  const b = await must(client.call('lesions.create', { caseId: theCase.id, ...lesionInput({ siteId: 'medial-cheek' }) }));
  return { dir, client, caseId: theCase.id, lesions: [a, b] };
}

const pdfOf = (lesion: ArchiveLesion, site: string) => new TextEncoder().encode(`%PDF-1.7 fake sheet of lesion ${lesion.label} at ${site}`);

describe('map sheets in case archives exported through the store’s thread', () => {
  it('carries each lesion’s sheet, printed while the thread answers the sheet page’s reads', async () => {
    const asked: string[] = [];
    const { dir, client, caseId, lesions } = await clinicWithCase((store) => ({
      print: async (lesion) => {
        asked.push(lesion.id);
        // As a sheet page does: its data comes through the same thread the export will run on.
        const read = await must(store().call('lesions.get', { id: lesion.id }));
        return pdfOf(lesion, read.lesion.siteId);
      },
    }));
    const file = path.join(dir, 'case.zip');
    const exported = await must(client.call('archive.export', { caseId, file }));
    expect(exported).toMatchObject({ cases: 1, lesions: 2, sheets: 2 });
    expect(asked.sort()).toEqual(lesions.map((l) => l.id).sort());
    const entries = unzipSync(new Uint8Array(fs.readFileSync(file)));
    const sheets = Object.keys(entries).filter((n) => n.endsWith('.pdf')).map((n) => new TextDecoder().decode(entries[n]));
    expect(sheets.sort()).toEqual(['%PDF-1.7 fake sheet of lesion A at nasal-ala', '%PDF-1.7 fake sheet of lesion B at medial-cheek']);
    // The manifest names each sheet with its checksum, as it does the records.
    const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as { entries: { name: string }[] };
    expect(manifest.entries.filter((e) => e.name.endsWith('.pdf'))).toHaveLength(2);
  });

  it('makes the archive without a sheet that never comes or cannot be printed, and says so', async () => {
    const { dir, client, caseId, lesions } = await clinicWithCase(() => ({
      timeoutMs: 200,
      print: (lesion) => (lesion.label === 'A' ? new Promise<Uint8Array>(() => undefined) : Promise.reject(new Error('the printer window crashed'))),
    }));
    const file = path.join(dir, 'case.zip');
    const exported = await must(client.call('archive.export', { caseId, file }));
    expect(exported).toMatchObject({ cases: 1, lesions: lesions.length, sheets: 0 });
    const entries = unzipSync(new Uint8Array(fs.readFileSync(file)));
    expect(Object.keys(entries).filter((n) => n.endsWith('.pdf'))).toEqual([]);
    expect(Object.keys(entries)).toContain('records.json');
  });

  it('prints nothing for an export that cannot be written, and answers with the export’s own message', async () => {
    let printed = 0;
    const { dir, client, caseId } = await clinicWithCase(() => ({ print: async (l) => (printed++, pdfOf(l, '')) }));
    const file = path.join(dir, 'taken.zip');
    fs.writeFileSync(file, 'someone else’s file');
    const refused = await client.call('archive.export', { caseId, file });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/already exists/) } });
    expect(printed).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe('someone else’s file');
    const missing = await client.call('archive.export', { caseId: 'no-such-case', file: path.join(dir, 'new.zip') });
    expect(missing.ok).toBe(false);
    expect(printed).toBe(0);
  });
});

describe('the chart export’s PDF through the store’s thread', () => {
  const CHART = new TextEncoder().encode('%PDF-1.7 fake chart');
  const sign = async (client: StoreClient, caseId: string) => {
    const now = await must(client.call('cases.get', { id: caseId }));
    const warnings = await must(client.call('cases.signWarnings', { id: caseId }));
    await must(client.call('cases.sign', { id: caseId, version: now.case.version, password: 'ada moss password', reviewed: warnings.map((w) => w.id) }));
  };

  it('prints the chart first (its page reads through the thread), then writes it with the bundle; nothing is printed for a refused export', async () => {
    const asked: { caseId: string; photos: boolean }[] = [];
    const { dir, client, caseId } = await clinicWithCase((store) => ({
      print: () => Promise.resolve(null),
      printChart: async (id, photos) => {
        asked.push({ caseId: id, photos });
        // As the chart page does: its data and its note come through the same thread.
        await must(store().call('cases.get', { id }));
        expect(await must(store().call('chart.note', { caseId: id }))).toMatchObject({ signed: true, text: expect.stringContaining('acted as both surgeon and pathologist') });
        return CHART;
      },
    }));
    // Unsigned: refused before anything is printed.
    expect(await client.call('chart.export', { caseId, folder: dir })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(asked).toEqual([]);
    await sign(client, caseId);
    const out = await must(client.call('chart.export', { caseId, folder: dir, photos: true }));
    expect(asked).toEqual([{ caseId, photos: true }]);
    expect(new Uint8Array(fs.readFileSync(out.pdfFile))).toEqual(CHART);
    const bundle = JSON.parse(fs.readFileSync(out.bundleFile, 'utf8')) as { entry: { resource: { resourceType: string; content?: { attachment: { data: string } }[] } }[] };
    const doc = bundle.entry.find((e) => e.resource.resourceType === 'DocumentReference')!.resource;
    expect(Buffer.from(doc.content![0]!.attachment.data, 'base64').toString()).toBe('%PDF-1.7 fake chart');
  });

  it('exports nothing when the chart cannot be printed, and says so', async () => {
    const { dir, client, caseId } = await clinicWithCase(() => ({ timeoutMs: 200, print: () => Promise.resolve(null), printChart: () => Promise.reject(new Error('the printer window crashed')) }));
    await sign(client, caseId);
    const folder = path.join(dir, 'out');
    fs.mkdirSync(folder);
    expect(await client.call('chart.export', { caseId, folder })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^The chart PDF could not be printed here/) } });
    expect(fs.readdirSync(folder)).toEqual([]);
  });
});
