import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ANATOMIC_SITES, TUMOR_TYPES } from '../../shared/catalog';
import type { Lesion } from '../../shared/records';
import { createContext } from '../../electron/services/context';
import { dispatch } from '../../electron/services/dispatch';
import { openStore } from '../../electron/store/open';
import { searchKey } from '../../electron/store/searchKey';
import { ms, percentile, timeRuns } from './stats';

/**
 * Store figures: one lesion save through the real path (validation, version check,
 * update, audit event, FULL-sync commit) against a bare FULL-sync insert of the same
 * bytes; and case search over 100,000 generated cases.
 */
export function benchStore(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-bench-'));
  try {
    lesionSave(dir);
    caseSearch(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function lesionSave(dir: string): void {
  const ctx = createContext(openStore(path.join(dir, 'save.sqlite')), 'bench', 'test-host');
  const user = must(dispatch(ctx, 'users.create', { name: 'Dr Bench', initials: 'DB', role: 'surgeon' }));
  must(dispatch(ctx, 'session.signIn', { userId: user.id }));
  const patient = must(dispatch(ctx, 'patients.create', { familyName: 'Bench', givenName: 'Pat', mrn: 'B1', dateOfBirth: '1950-01-01', sex: 'female' }));
  const c = must(dispatch(ctx, 'cases.create', { patientId: patient.id, dateOfSurgery: '2026-11-27', surgeonId: user.id }));
  const fields = { siteId: 'nasal-ala', siteDetail: '', laterality: 'left' as const, tumorTypeId: TUMOR_TYPES[0]!.id, preopLengthMm: 10, preopWidthMm: 8, recurrent: false, deepStructures: [] };
  let lesion: Lesion = must(dispatch(ctx, 'lesions.create', { caseId: c.id, ...fields }));
  const runs = 500;
  const save = timeRuns(runs, (i) => {
    lesion = must(dispatch(ctx, 'lesions.update', { id: lesion.id, version: lesion.version, ...fields, preopLengthMm: 10 + (i % 7) }));
  });
  ctx.store.close();

  // The same bytes, one bare insert each in its own FULL-sync WAL transaction.
  const bytes = JSON.stringify({ id: lesion.id, version: lesion.version, ...fields });
  const bare = new Database(path.join(dir, 'bare.sqlite'));
  bare.pragma('journal_mode = WAL');
  bare.pragma('synchronous = FULL');
  bare.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT');
  const insert = bare.prepare('INSERT INTO t (body) VALUES (?)');
  const raw = timeRuns(runs, () => insert.run(bytes));
  bare.close();

  const p50 = percentile(save, 50);
  const rawP50 = percentile(raw, 50);
  console.log(`lesion save (${runs} runs): p50 ${ms(p50)}, p99 ${ms(percentile(save, 99))}`);
  console.log(`bare FULL-sync insert of the same ${bytes.length} bytes: p50 ${ms(rawP50)}, p99 ${ms(percentile(raw, 99))}`);
  console.log(`ratio lesion save / bare insert (p50): ${(p50 / rawP50).toFixed(2)}x`);
}

const FAMILY = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', "O'Brien", 'Nguyen', 'Kowalski', 'Müller', 'Okafor', 'Tanaka', 'Silva', 'Haddad'];
const GIVEN = ['Mary', 'John', 'Ana', 'Wei', 'Fatima', 'James', 'Olga', 'Pedro', 'Aiko', 'Chidi', 'Lena', 'Omar'];

function caseSearch(dir: string): void {
  const store = openStore(path.join(dir, 'search.sqlite'));
  const db = store.db;
  const now = new Date().toISOString();
  const cases = 100_000;
  const patients = 60_000;
  db.transaction(() => {
    db.prepare(`INSERT INTO users (id, name, initials, role, version, created_at, updated_at) VALUES ('u1', 'Dr Bench', 'DB', 'surgeon', 1, ?, ?)`).run(now, now);
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
  const queries = ['smith', 'Garcia, Mary', 'obrien', 'MRN1234', 'mrn100777', '2024-05-17', '2021-03', 'ok', 'wei tanaka', 'k', ''];
  const samples = timeRuns(queries.length * 40, (i) => {
    const text = queries[i % queries.length]!;
    must(dispatch(ctx, 'cases.search', { text, limit: 50 }));
  });
  console.log(`case search over ${cases.toLocaleString('en-US')} cases (${patients.toLocaleString('en-US')} patients), ${samples.length} searches of ${queries.length} kinds, 50 rows: p50 ${ms(percentile(samples, 50))}, p95 ${ms(percentile(samples, 95))}`);
  for (const text of queries) {
    const t = timeRuns(15, () => must(dispatch(ctx, 'cases.search', { text, limit: 50 })), 3);
    console.log(`  "${text}": p50 ${ms(percentile(t, 50))}`);
  }
  store.close();
}
