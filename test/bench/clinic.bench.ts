import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createContext, type ServiceContext } from '../../electron/services/context';
import { dispatch } from '../../electron/services/dispatch';
import { verifyAudit } from '../../electron/store/auditVerify';
import { openClinicStore } from '../../electron/store/engine/clinicStore';
import { openStore, type Store } from '../../electron/store/open';
import { searchKey } from '../../electron/store/searchKey';
import { listenForStoreChanges, type LiveUpdates } from '../../electron/worker/liveUpdates';
import type { OperationName, OpInput, OpResult } from '../../shared/api';
import { ANATOMIC_SITES, TUMOR_TYPES } from '../../shared/catalog';
import { moveMark } from '../../shared/map/edits';
import type { StageRecord } from '../../shared/records';
import { findPostgresBin, startPrivateServer, URL_VARIABLE, type TestServer } from '../setup/postgres';
import { figure, notMeasured, type FigureName } from './figures';
import { ms, percentile, timeRunsAsync } from './stats';
import { benchLiveUpdate } from './liveUpdate.bench';
import { BENCH_CLINIC, twelveBlockMap } from './store.bench';

/**
 * The clinic figures (issue 14) against a real PostgreSQL server: LAYERMAP_TEST_POSTGRES_URL's,
 * or a private one started as the tests start theirs (test/setup/postgres.ts) but durable
 * (fsync on), as a clinic's server is. Each part works in its own schema, dropped afterwards.
 * `quick` shortens the 10-workstation run (60 s → 10 s) for a look during development.
 */
const CLINIC_FIGURES: readonly FigureName[] = [
  'clinic.save_p95',
  'clinic.search_100k_p95',
  'clinic.stations10_save_p95',
  'clinic.stations10_lost_writes',
  'clinic.stations10_chain_breaks',
  'clinic.live_update_p95',
];

const AUDIT_KEY = Buffer.alloc(32, 7);
/** Sign-in is not what is measured: a cheap scrypt cost, as the tests use. */
const SCRYPT = { scryptCost: { N: 2 ** 10, r: 8, p: 1 } } as const;
const SET_UP = { ...BENCH_CLINIC, roles: [...BENCH_CLINIC.roles] };
const LESION = { siteId: 'nasal-ala', siteDetail: '', laterality: 'left' as const, tumorTypeId: TUMOR_TYPES[0]!.id, preopLengthMm: 10, preopWidthMm: 8, recurrent: false, deepStructures: [] };

async function call<K extends OperationName>(ctx: ServiceContext, op: K, input: OpInput<K>): Promise<OpResult<K>> {
  const r = await dispatch(ctx, op, input);
  if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
  return r.value;
}

async function findServer(): Promise<(TestServer & { private: boolean }) | null> {
  const given = process.env[URL_VARIABLE];
  if (given) return { url: given, stop: () => {}, private: false };
  const bin = findPostgresBin();
  if (!bin) return null;
  return { ...(await startPrivateServer(bin, { durable: true })), private: true };
}

export async function benchClinic(quick: boolean): Promise<void> {
  const server = await findServer().catch((e: unknown) => {
    console.log(`no PostgreSQL server could be started: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  });
  if (!server) {
    for (const name of CLINIC_FIGURES) notMeasured(name, 'no PostgreSQL server');
    console.log(`n/a (no PostgreSQL server): set ${URL_VARIABLE} or install PostgreSQL's binaries`);
    return;
  }
  const admin = new pg.Pool({ connectionString: server.url, max: 1 });
  const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  console.log(`PostgreSQL ${version} (${server.private ? 'a private durable server on this machine' : URL_VARIABLE})`);
  const schemas: string[] = [];
  const listeners: LiveUpdates[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layermap-clinic-bench-'));
  let n = 0;
  /** A new empty clinic database (a schema); opens stores on it, each its own pool (a workstation). */
  const newClinic = async () => {
    const schema = `layermap_bench_${process.pid}_${++n}`;
    await admin.query(`CREATE SCHEMA ${schema}`);
    schemas.push(schema);
    let heads = 0;
    return async (max = 4): Promise<Store> => {
      const pool = { connectionString: server.url, options: `-c search_path=${schema}` };
      const store = await openClinicStore({ kind: 'server', pool: { ...pool, max } }, { auditKey: AUDIT_KEY, auditHeadFile: path.join(dir, `${schema}-head-${++heads}`) });
      // Each workstation hears the others' changes, as the app's store thread does (storeWorker.ts).
      const live = listenForStoreChanges(store, pool, () => {});
      listeners.push(live);
      await live.listening;
      return store;
    };
  };
  try {
    await saveAndOpen(await newClinic(), dir, admin, schemas.at(-1)!);
    await search(await newClinic(), admin, schemas.at(-1)!);
    await stations(await newClinic(), quick ? 10_000 : 60_000, STATION_PACE_MS);
    // For information: the same ten with no pause at all, which saturates this machine (its
    // figures are the machine's throughput, not a workstation's wait).
    await stations(await newClinic(), 10_000, 0);
    await benchLiveUpdate(server.url, admin);
  } finally {
    for (const l of listeners) await l.close();
    for (const s of schemas) await admin.query(`DROP SCHEMA ${s} CASCADE`).catch(() => {});
    await admin.end();
    server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A signed-in surgeon's clinic with one lesion of `stages` 12-block stages. */
async function lesionWithStages(ctx: ServiceContext, stages: number, prefix: string) {
  await call(ctx, 'session.setUp', SET_UP);
  const user = await call(ctx, 'session.current', {});
  const patient = await call(ctx, 'patients.create', { familyName: 'Bench', givenName: 'Pat', mrn: `B-${prefix}`, dateOfBirth: '1950-01-01', sex: 'female' });
  const c = await call(ctx, 'cases.create', { patientId: patient.id, dateOfSurgery: '2026-11-27', surgeonId: user!.id });
  const lesion = await call(ctx, 'lesions.create', { caseId: c.id, ...LESION });
  const made: StageRecord[] = [];
  for (let s = 0; s < stages; s++) made.push(await call(ctx, 'stages.create', { lesionId: lesion.id, doc: twelveBlockMap(`${prefix}-${s}`) }));
  return { caseId: c.id, lesionId: lesion.id, stages: made };
}

/**
 * One gesture's autosave (a mark moved on a 12-block map), and opening a 10-stage lesion, on
 * both engines. On the server, each save is timed in turns with the floor under it: a bare
 * one-row INSERT committed durably on another connection (one round trip and the server's WAL
 * flush), so the figure can be read against what this machine's server and disk allow at that
 * moment (../shared/BENCH.md: compare with a baseline from the same run).
 */
async function saveAndOpen(open: (max?: number) => Promise<Store>, dir: string, admin: pg.Pool, schema: string): Promise<void> {
  const results: Record<string, { save: number[]; open: number[] }> = {};
  const floor: number[] = [];
  for (const engine of ['postgres', 'sqlite'] as const) {
    const store = engine === 'postgres' ? await open() : openStore(path.join(dir, 'save.sqlite'), { auditKey: AUDIT_KEY });
    const ctx = createContext(store, 'bench', 'test-host', SCRYPT);
    const { caseId, lesionId, stages } = await lesionWithStages(ctx, 10, engine);
    let stage = stages[0]!;
    const markId = stage.doc.pieces[0]!.marks[0]!.id;
    const bare = engine === 'postgres' ? await admin.connect() : null;
    await bare?.query(`CREATE TABLE ${schema}.bench_floor (id bigserial PRIMARY KEY, body text NOT NULL)`);
    const row = 'x'.repeat(200);
    // 300 saves after 20 to warm up, each (on the server) in turn with a floor commit.
    const save: number[] = [];
    for (let i = 0; i < 320; i++) {
      const moved = moveMark(stage.doc, markId, 1 + (i % 10));
      if (!moved.ok) throw new Error(moved.reason);
      const t = performance.now();
      stage = await call(ctx, 'stages.save', { id: stage.id, version: stage.version, doc: moved.doc });
      if (i >= 20) save.push(performance.now() - t);
      if (!bare) continue;
      const f = performance.now();
      await bare.query({ name: 'bench_floor', text: `INSERT INTO ${schema}.bench_floor (body) VALUES ($1)`, values: [row] });
      if (i >= 20) floor.push(performance.now() - f);
    }
    save.sort((a, b) => a - b);
    bare?.release();
    // What the app reads to open a lesion's map: the case, the lesion and its stages.
    const opened = await timeRunsAsync(
      60,
      async () => {
        await call(ctx, 'cases.get', { id: caseId });
        await call(ctx, 'lesions.get', { id: lesionId });
        await call(ctx, 'stages.list', { lesionId });
      },
      5,
    );
    results[engine] = { save, open: opened };
    await store.close();
  }
  const pgr = results.postgres!;
  const sq = results.sqlite!;
  console.log(`gesture save, 12-block map (300 runs): PostgreSQL p50 ${ms(percentile(pgr.save, 50))}, p95 ${ms(percentile(pgr.save, 95))}; SQLite p50 ${ms(percentile(sq.save, 50))}, p95 ${ms(percentile(sq.save, 95))}`);
  console.log(`open a 10-stage lesion (case, lesion, stages; 60 runs): PostgreSQL p50 ${ms(percentile(pgr.open, 50))}, p95 ${ms(percentile(pgr.open, 95))}; SQLite p50 ${ms(percentile(sq.open, 50))}, p95 ${ms(percentile(sq.open, 95))}`);
  floor.sort((a, b) => a - b);
  console.log(`  the floor under it, in turns with those saves: a bare one-row INSERT committed durably on the same server, p50 ${ms(percentile(floor, 50))}, p95 ${ms(percentile(floor, 95))}`);
  figure('clinic.save_p95', percentile(pgr.save, 95));
}

const FAMILY = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', "O'Brien", 'Nguyen', 'Kowalski', 'Müller', 'Okafor', 'Tanaka', 'Silva', 'Haddad'];
const GIVEN = ['Mary', 'John', 'Ana', 'Wei', 'Fatima', 'James', 'Olga', 'Pedro', 'Aiko', 'Chidi', 'Lena', 'Omar'];

/** The app's case search over 100,000 cases (60,000 patients), the same data and queries as search.cases_100k_p95. */
async function search(open: (max?: number) => Promise<Store>, admin: pg.Pool, schema: string): Promise<void> {
  const store = await open();
  const ctx = createContext(store, 'bench', 'test-host', SCRYPT);
  await call(ctx, 'session.setUp', SET_UP);
  const user = await call(ctx, 'session.current', {});
  const now = new Date().toISOString();
  const cases = 100_000;
  const patients = 60_000;
  const started = performance.now();
  const cols = (k: number) => Array.from({ length: k }, () => [] as string[]);
  const [pid, fam, giv, famKey, givKey, mrn, mrnKey] = cols(7) as [string[], string[], string[], string[], string[], string[], string[]];
  for (let i = 0; i < patients; i++) {
    const family = `${FAMILY[i % FAMILY.length]}${i % 97 === 0 ? '' : String.fromCharCode(97 + (i % 26))}`;
    const given = GIVEN[(i * 7) % GIVEN.length]!;
    const m = `MRN${String(100000 + i)}`;
    pid.push(`p${i}`);
    fam.push(family);
    giv.push(given);
    famKey.push(searchKey(family));
    givKey.push(searchKey(given));
    mrn.push(m);
    mrnKey.push(searchKey(m));
  }
  const [cid, cPatient, cDay, site] = cols(4) as [string[], string[], string[], string[]];
  for (let i = 0; i < cases; i++) {
    cid.push(`c${i}`);
    cPatient.push(`p${(i * 7919) % patients}`);
    cDay.push(new Date(Date.UTC(2016, 0, 1) + (i % 3650) * 86_400_000).toISOString().slice(0, 10));
    site.push(ANATOMIC_SITES[i % ANATOMIC_SITES.length]!.id);
  }
  const client = await admin.connect();
  try {
    await client.query(`SET search_path TO ${schema}`);
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO patients (id, family_name, given_name, family_key, given_key, mrn, mrn_key, date_of_birth, sex, version, created_at, updated_at)
       SELECT *, '1950-01-01', 'unknown', 1, $8, $8 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
      [pid, fam, giv, famKey, givKey, mrn, mrnKey, now],
    );
    await client.query(
      `INSERT INTO cases (id, patient_id, surgeon_id, date_of_surgery, version, created_at, updated_at)
       SELECT c, p, $4, d, 1, $5, $5 FROM unnest($1::text[], $2::text[], $3::text[]) AS t (c, p, d)`,
      [cid, cPatient, cDay, user!.id, now],
    );
    await client.query(
      `INSERT INTO lesions (id, case_id, label, site_id, tumor_type_id, preop_length_mm, preop_width_mm, recurrent, version, created_at, updated_at)
       SELECT 'l' || substr(c, 2), c, 'A', s, $3, 10, 8, 0, 1, $4, $4 FROM unnest($1::text[], $2::text[]) AS t (c, s)`,
      [cid, site, TUMOR_TYPES[0]!.id, now],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE');
  } finally {
    client.release();
  }
  console.log(`100,000 cases written to the server in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const queries = ['smith', 'Garcia, Mary', 'obrien', 'MRN1234', 'mrn100777', '2024-05-17', '2021-03', 'ok', 'wei tanaka', 'k', ''];
  const samples = await timeRunsAsync(queries.length * 40, async (i) => call(ctx, 'cases.search', { text: queries[i % queries.length]!, limit: 50 }), queries.length);
  console.log(`case search on PostgreSQL over 100,000 cases, ${samples.length} searches of ${queries.length} kinds, 50 rows: p50 ${ms(percentile(samples, 50))}, p95 ${ms(percentile(samples, 95))}`);
  for (const text of queries) {
    const t = await timeRunsAsync(15, async () => call(ctx, 'cases.search', { text, limit: 50 }), 3);
    console.log(`  "${text}": p50 ${ms(percentile(t, 50))}`);
  }
  figure('clinic.search_100k_p95', percentile(samples, 95));
  await store.close();
}

/**
 * How often each simulated workstation saves (and reads): every 250 ms, i.e. 4 saves a second
 * each, 40 a second for the ten. A surgeon's autosave comes once per gesture (a drag, a cut, a
 * mark: seconds apart) and a histotech's status change once per block, so this is many times
 * a busy clinic's pace, and the waits measured are a workstation's, not a saturated machine's.
 */
const STATION_PACE_MS = 250;

interface Station {
  readonly ctx: ServiceContext;
  readonly userId: string;
  readonly caseId: string;
  stage: StageRecord;
  lesion: { id: string; version: number };
  /** Saves the server acknowledged, by record id. */
  readonly acked: Map<string, number>;
  readonly saveTimes: number[];
  reads: number;
}

/**
 * Ten workstations, each its own pool and signed-in surgeon, saving map gestures and lesion
 * edits and reading the shared case list for `durationMs`; then every acknowledged save is
 * looked for in the audit (one update row, by its workstation's user) and in the record's
 * version, and the whole audit chain is verified.
 *
 * `paceMs`: each workstation starts a save (then its reads) every paceMs, from a random phase;
 * a save is timed from when it was due, so one that had to wait for the last to finish counts
 * that wait too. 0: no pause (the figures are then printed, not reported).
 */
async function stations(open: (max?: number) => Promise<Store>, durationMs: number, paceMs: number): Promise<void> {
  const first = createContext(await open(2), 'bench', 'test-host', SCRYPT);
  await call(first, 'session.setUp', SET_UP);
  const list: Station[] = [];
  for (let i = 0; i < 10; i++) {
    const made = await call(first, 'users.create', { name: `Dr Station ${i}`, initials: `S${'ABCDEFGHIJ'[i]}`, roles: ['surgeon'], password: 'first password 123' });
    const ctx = createContext(await open(2), 'bench', 'test-host', SCRYPT);
    await call(ctx, 'session.signIn', { userId: made.id, secret: 'first password 123' });
    await call(ctx, 'session.changePassword', { current: 'first password 123', next: 'station password 1' });
    const patient = await call(ctx, 'patients.create', { familyName: `Station${i}`, givenName: 'Pat', mrn: `ST-${i}`, dateOfBirth: '1950-01-01', sex: 'female' });
    const c = await call(ctx, 'cases.create', { patientId: patient.id, dateOfSurgery: '2026-11-27', surgeonId: made.id, accessionNumber: `ST26-${i}` });
    const lesion = await call(ctx, 'lesions.create', { caseId: c.id, ...LESION });
    const stage = await call(ctx, 'stages.create', { lesionId: lesion.id, doc: twelveBlockMap(`st${i}`) });
    list.push({ ctx, userId: made.id, caseId: c.id, stage, lesion: { id: lesion.id, version: lesion.version }, acked: new Map(), saveTimes: [], reads: 0 });
  }
  const started = performance.now();
  const until = started + durationMs;
  const failures: string[] = [];
  await Promise.all(
    list.map(async (s, i) => {
      const markId = s.stage.doc.pieces[0]!.marks[0]!.id;
      let due = started + Math.random() * paceMs;
      for (let k = 0; (paceMs > 0 ? due : performance.now()) < until; k++, due += paceMs) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        try {
          const t = paceMs > 0 ? due : performance.now();
          if (k % 4 === 3) {
            const saved = await call(s.ctx, 'lesions.update', { id: s.lesion.id, version: s.lesion.version, ...LESION, preopLengthMm: 10 + (k % 7) });
            s.lesion = saved;
          } else {
            const moved = moveMark(s.stage.doc, markId, 1 + (k % 10));
            if (!moved.ok) throw new Error(moved.reason);
            s.stage = await call(s.ctx, 'stages.save', { id: s.stage.id, version: s.stage.version, doc: moved.doc });
          }
          s.saveTimes.push(performance.now() - t);
          const id = k % 4 === 3 ? s.lesion.id : s.stage.id;
          s.acked.set(id, (s.acked.get(id) ?? 0) + 1);
          // The lab's and the other room's reads between saves: the case list and another station's case.
          await call(s.ctx, 'cases.search', { text: '', limit: 50 });
          await call(s.ctx, 'cases.get', { id: list[(i + 1) % list.length]!.caseId });
          s.reads += 2;
        } catch (e) {
          failures.push(`station ${i}: ${e instanceof Error ? e.message : String(e)}`);
          if (failures.length > 20) throw e;
        }
      }
    }),
  );
  const saves = list.flatMap((s) => s.saveTimes).sort((a, b) => a - b);
  // Every acknowledged save: one update row by the station's own user, none by anyone else, and the record's version.
  const db = first.store.query;
  let lost = 0;
  for (const s of list) {
    for (const [id, count] of s.acked) {
      const rows = await db.selectFrom('audit_events').select(['user_id']).where('entity_id', '=', id).where('action', '=', 'update').execute();
      const own = rows.filter((r) => r.user_id === s.userId).length;
      lost += Math.abs(count - own) + (rows.length - own);
      const table = id === s.stage.id ? 'stages' : 'lesions';
      const row = await db.selectFrom(table).select(['version']).where('id', '=', id).executeTakeFirst();
      if (!row || row.version !== 1 + count) lost += 1;
    }
  }
  const verdict = await verifyAudit(db, first.store.audit, { kind: 'all' });
  const seconds = durationMs / 1000;
  console.log(
    `10 workstations for ${seconds} s, ${paceMs > 0 ? `each saving every ${paceMs} ms` : 'with no pause (flat out: this machine saturated, for information)'}: ` +
      `${saves.length} saves acknowledged (${(saves.length / seconds).toFixed(0)}/s), ${list.reduce((a, s) => a + s.reads, 0)} reads; ` +
      `save p50 ${ms(percentile(saves, 50))}, p95 ${ms(percentile(saves, 95))}, max ${ms(saves.at(-1) ?? Number.NaN)}; refused or failed: ${failures.length}`,
  );
  for (const f of failures.slice(0, 5)) console.log(`  ${f}`);
  console.log(`after the run: ${lost} acknowledged writes missing or misattributed; audit chain: ${verdict.message}`);
  if (paceMs > 0) {
    figure('clinic.stations10_save_p95', percentile(saves, 95));
    figure('clinic.stations10_lost_writes', lost, 0);
    // verifyAudit names the first break only: 1 means at least one.
    figure('clinic.stations10_chain_breaks', verdict.intact ? 0 : 1, 0);
  } else if (lost > 0 || !verdict.intact) {
    // Flat out must lose nothing either.
    figure('clinic.stations10_lost_writes', lost, 0);
    figure('clinic.stations10_chain_breaks', verdict.intact ? 0 : 1, 0);
  }
  for (const s of list) await s.ctx.store.close();
  await first.store.close();
}
