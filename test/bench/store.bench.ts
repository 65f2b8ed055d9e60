import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ANATOMIC_SITES, TUMOR_TYPES } from '../../shared/catalog';
import type { Lesion } from '../../shared/records';
import { createContext } from '../../electron/services/context';
import { dispatch } from '../../electron/services/dispatch';
import { applyDatabaseKey } from '../../electron/store/databaseKey';
import { openStore } from '../../electron/store/open';
import { startStoreWorker } from '../../electron/worker/storeClient';
import type { OperationName } from '../../shared/api';
import { SOURCE_ENTRY } from '../host/server';
import { searchKey } from '../../electron/store/searchKey';
import { radialCuts } from '../../shared/geometry/templates';
import { outlineRing } from '../../shared/map/derive';
import { EMPTY_MAP, type MapDocument } from '../../shared/map/document';
import { addMark, addPiece, moveMark, setCuts } from '../../shared/map/edits';
import { figure } from './figures';
import { ms, percentile, timeInTurns, timeRunsAsync } from './stats';

/** The clinic's first run in every bench database: its surgeon is also its administrator. */
export const BENCH_CLINIC = {
  clinicName: 'Bench Clinic',
  name: 'Dr Bench',
  initials: 'DB',
  roles: ['surgeon', 'administrator'],
  password: 'bench password 1',
} as const;

/**
 * Store figures: one lesion save through the real path (validation, version check,
 * update, audit event, FULL-sync commit) against a bare FULL-sync insert of the same
 * bytes; and case search over 100,000 generated cases.
 */
export async function benchStore(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-bench-'));
  try {
    await benchSaves(dir);
    await caseSearch(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The save figures alone (record and map saves, file growth, worker hop), for a quick look at the save path. */
export async function benchSaves(dir: string): Promise<void> {
  await lesionSave(dir);
  await mapSave(dir);
}

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function lesionSave(dir: string): Promise<void> {
  const ctx = createContext(openStore(path.join(dir, 'save.sqlite'), { auditKey: Buffer.alloc(32, 1) }), 'bench', 'test-host');
  const user = must(await dispatch(ctx, 'session.setUp', BENCH_CLINIC));
  const patient = must(await dispatch(ctx, 'patients.create', { familyName: 'Bench', givenName: 'Pat', mrn: 'B1', dateOfBirth: '1950-01-01', sex: 'female' }));
  const c = must(await dispatch(ctx, 'cases.create', { patientId: patient.id, dateOfSurgery: '2026-11-27', surgeonId: user.id }));
  const fields = { siteId: 'nasal-ala', siteDetail: '', laterality: 'left' as const, tumorTypeId: TUMOR_TYPES[0]!.id, preopLengthMm: 10, preopWidthMm: 8, recurrent: false, deepStructures: [] };
  let lesion: Lesion = must(await dispatch(ctx, 'lesions.create', { caseId: c.id, ...fields }));
  // The same bytes, one bare insert each in its own FULL-sync WAL transaction, timed in turns with the saves.
  const bytes = JSON.stringify({ id: lesion.id, version: lesion.version, ...fields });
  const bare = bareTable(path.join(dir, 'bare.sqlite'));
  const runs = 500;
  const { path: save, baseline: raw } = await timeInTurns(
    runs,
    async (i) => {
      lesion = must(await dispatch(ctx, 'lesions.update', { id: lesion.id, version: lesion.version, ...fields, preopLengthMm: 10 + (i % 7) }));
    },
    () => bare.insert.run(bytes),
  );
  ctx.store.close();
  bare.db.close();

  const p50 = percentile(save, 50);
  const rawP50 = percentile(raw, 50);
  console.log(`lesion save (${runs} runs, in turns with the bare insert): p50 ${ms(p50)}, p99 ${ms(percentile(save, 99))}`);
  console.log(`bare FULL-sync insert of the same ${bytes.length} bytes: p50 ${ms(rawP50)}, p99 ${ms(percentile(raw, 99))}`);
  console.log(`ratio lesion save / bare insert (p50): ${(p50 / rawP50).toFixed(2)}x`);
  figure('store.record_save_ratio', p50 / rawP50);
}

/** A plain SQLite file in WAL mode with synchronous=FULL and one table: the durability floor. */
function bareTable(file: string): { db: Database.Database; insert: Database.Statement } {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT');
  return { db, insert: db.prepare('INSERT INTO t (body) VALUES (?)') };
}

/** A stage map of 12 blocks (radial cuts), as the editor saves it after a template. */
export function twelveBlockMap(prefix: string): MapDocument {
  let n = 0;
  const newId = () => `${prefix}-${++n}`;
  const placed = addPiece(EMPTY_MAP, { kind: 'ellipse', cx: 0, cy: 0, rx: 15, ry: 11, rotation: 0 }, newId);
  if (!placed.ok) throw new Error(placed.reason);
  const piece = placed.doc.pieces[0]!;
  const cut = setCuts(placed.doc, piece.id, radialCuts(outlineRing(piece.outline)!, 12), newId);
  if (!cut.ok) throw new Error(cut.reason);
  const marked = addMark(cut.doc, piece.id, 3, newId);
  if (!marked.ok) throw new Error(marked.reason);
  return marked.doc;
}

/**
 * One autosaved gesture (a reference mark moved) on a 12-block map through the whole path
 * (worker thread, contract validation, version check, derived facts, audit, FULL-sync commit)
 * against a bare FULL-sync commit of one 200-byte row (500 gestures in turns with it, after 20
 * to warm up, as the record save); the file's growth per gesture; from
 * both, a busy clinic's year (20 cases a day, 2 lesions, 2.5 stages, 40 gestures each, 250
 * days); and the worker's round trip for an operation that does nothing.
 */
export async function mapSave(dir: string): Promise<void> {
  const file = path.join(dir, 'map.sqlite');
  // The database is encrypted as the app's is; the size reader needs its key.
  const databaseKey = Buffer.alloc(32, 2);
  const client = await startStoreWorker({ databasePath: file, appVersion: 'bench', transport: 'test-host', databaseKey: databaseKey.toString('hex') }, SOURCE_ENTRY);
  const call = async <K extends OperationName>(op: K, input: unknown) => must(await client.call(op, input));
  // Another connection reads the file's size, its WAL checkpointed first.
  const sizer = new Database(file);
  applyDatabaseKey(sizer, databaseKey);
  const fileBytes = () => {
    sizer.pragma('wal_checkpoint(TRUNCATE)');
    return fs.statSync(file).size;
  };
  const user = await call('session.setUp', BENCH_CLINIC);
  const fields = { siteId: 'nasal-ala', siteDetail: '', laterality: 'left' as const, tumorTypeId: TUMOR_TYPES[0]!.id, preopLengthMm: 10, preopWidthMm: 8, recurrent: false, deepStructures: [] };
  // One case as a clinic records it (patient, case, 2 lesions, 5 stages), for the record sizes.
  const beforeCase = fileBytes();
  const patient = await call('patients.create', { familyName: 'Map', givenName: 'Pat', mrn: 'M1', dateOfBirth: '1950-01-01', sex: 'female' });
  const c = await call('cases.create', { patientId: patient.id, dateOfSurgery: '2026-11-27', surgeonId: user.id });
  const stages = [];
  for (let l = 0; l < 2; l++) {
    const lesion = await call('lesions.create', { caseId: c.id, ...fields });
    for (let s = 0; s < (l === 0 ? 3 : 2); s++) stages.push(await call('stages.create', { lesionId: lesion.id, doc: twelveBlockMap(`l${l}s${s}`) }));
  }
  const caseBytes = fileBytes() - beforeCase;

  let stage = stages[0]!;
  const markId = stage.doc.pieces[0]!.marks[0]!.id;
  // As the record save: 500 gestures in turns with the baseline, after 20 of each to warm up
  // (done here, so the file growth below counts only the measured gestures).
  const runs = 500;
  const warmup = 20;
  const bare = bareTable(path.join(dir, 'bare-map.sqlite'));
  const row = 'x'.repeat(200);
  const gesture = async (i: number) => {
    const moved = moveMark(stage.doc, markId, 1 + (i % 10));
    if (!moved.ok) throw new Error(moved.reason);
    stage = await call('stages.save', { id: stage.id, version: stage.version, doc: moved.doc });
  };
  for (let i = 0; i < warmup; i++) {
    await gesture(i);
    bare.insert.run(row);
  }
  const beforeGestures = fileBytes();
  // Each gesture's save in turn with a bare 200-byte commit (the file growth counts only the saves: another file).
  const { path: save, baseline: raw } = await timeInTurns(runs, (i) => gesture(warmup + i), () => bare.insert.run(row), 0);
  const perGesture = (fileBytes() - beforeGestures) / runs;
  const hop = await timeRunsAsync(500, () => call('session.current', {}), 50);
  sizer.close();
  await client.close();
  bare.db.close();

  const gesturesPerYear = 20 * 2 * 2.5 * 40 * 250;
  const casesPerYear = 20 * 250;
  const gbPerYear = (perGesture * gesturesPerYear + caseBytes * casesPerYear) / 1e9;
  console.log(`map gesture save through the worker, 12 blocks (${runs} runs): p50 ${ms(percentile(save, 50))}, p99 ${ms(percentile(save, 99))}; bare 200-byte commit p50 ${ms(percentile(raw, 50))}`);
  console.log(`file growth: ${perGesture.toFixed(0)} bytes per gesture, ${caseBytes} bytes per recorded case; a busy year: ${gbPerYear.toFixed(2)} GB`);
  console.log(`worker round trip of an empty operation (500 runs): p50 ${ms(percentile(hop, 50))}, p99 ${ms(percentile(hop, 99))}`);
  figure('store.map_save_ratio', percentile(save, 50) / percentile(raw, 50));
  figure('store.audit_bytes_per_gesture', perGesture, 0);
  figure('store.gb_per_year_busy', gbPerYear);
  figure('store.worker_hop', percentile(hop, 50), 3);
}

const FAMILY = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', "O'Brien", 'Nguyen', 'Kowalski', 'Müller', 'Okafor', 'Tanaka', 'Silva', 'Haddad'];
const GIVEN = ['Mary', 'John', 'Ana', 'Wei', 'Fatima', 'James', 'Olga', 'Pedro', 'Aiko', 'Chidi', 'Lena', 'Omar'];

async function caseSearch(dir: string): Promise<void> {
  const store = openStore(path.join(dir, 'search.sqlite'), { auditKey: Buffer.alloc(32, 1) });
  const db = store.db;
  const now = new Date().toISOString();
  const cases = 100_000;
  const patients = 60_000;
  db.transaction(() => {
    db.prepare(`INSERT INTO users (id, name, initials, roles, version, created_at, updated_at) VALUES ('u1', 'Dr Search', 'DS', '["surgeon"]', 1, ?, ?)`).run(now, now);
    const p = db.prepare(`INSERT INTO patients (id, family_name, given_name, family_key, given_key, mrn, mrn_key, date_of_birth, sex, version, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, '1950-01-01', 'unknown', 1, ?, ?)`);
    for (let i = 0; i < patients; i++) {
      // A suffix keeps names varied, as in a real clinic's list.
      const family = `${FAMILY[i % FAMILY.length]}${i % 97 === 0 ? '' : String.fromCharCode(97 + (i % 26))}`;
      const given = GIVEN[(i * 7) % GIVEN.length]!;
      const mrn = `MRN${String(100000 + i)}`;
      p.run(`p${i}`, family, given, searchKey(family), searchKey(given), mrn, searchKey(mrn), now, now);
    }
    const c = db.prepare(`INSERT INTO cases (id, patient_id, surgeon_id, date_of_surgery, version, created_at, updated_at) VALUES (?, ?, 'u1', ?, 1, ?, ?)`);
    const l = db.prepare(`INSERT INTO lesions (id, case_id, label, site_id, tumor_type_id, preop_length_mm, preop_width_mm, recurrent, version, created_at, updated_at)
      VALUES (?, ?, 'A', ?, ?, 10, 8, 0, 1, ?, ?)`);
    for (let i = 0; i < cases; i++) {
      const day = new Date(Date.UTC(2016, 0, 1) + (i % 3650) * 86_400_000).toISOString().slice(0, 10);
      c.run(`c${i}`, `p${(i * 7919) % patients}`, day, now, now);
      l.run(`l${i}`, `c${i}`, ANATOMIC_SITES[i % ANATOMIC_SITES.length]!.id, TUMOR_TYPES[0]!.id, now, now);
    }
  })();
  db.pragma('optimize');
  const ctx = createContext(store, 'bench', 'test-host');
  // Searching needs a signed-in clinical user: the clinic's first run, as the app does it.
  must(await dispatch(ctx, 'session.setUp', BENCH_CLINIC));
  const queries = ['smith', 'Garcia, Mary', 'obrien', 'MRN1234', 'mrn100777', '2024-05-17', '2021-03', 'ok', 'wei tanaka', 'k', ''];
  const samples = await timeRunsAsync(queries.length * 40, async (i) => {
    const text = queries[i % queries.length]!;
    must(await dispatch(ctx, 'cases.search', { text, limit: 50 }));
  });
  figure('search.cases_100k_p95', percentile(samples, 95));
  console.log(`case search over ${cases.toLocaleString('en-US')} cases (${patients.toLocaleString('en-US')} patients), ${samples.length} searches of ${queries.length} kinds, 50 rows: p50 ${ms(percentile(samples, 50))}, p95 ${ms(percentile(samples, 95))}`);
  for (const text of queries) {
    const t = await timeRunsAsync(15, async () => must(await dispatch(ctx, 'cases.search', { text, limit: 50 })), 3);
    console.log(`  "${text}": p50 ${ms(percentile(t, 50))}`);
  }
  store.close();
}
