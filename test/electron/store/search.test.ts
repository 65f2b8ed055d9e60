import { beforeEach, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../../electron/services/context';
import type { SqliteStore } from '../../../electron/store/open';
import type { Case, Patient, User } from '../../../shared/records';
import { makeCase, makeLesion, makePatient, must, signInSurgeon, useTempWorld } from './helpers';

const world = useTempWorld();

let ctx: ServiceContext<SqliteStore>;
let surgeon: User;
let obrien: Patient;
let nunez: Patient;
let smith: Patient;
let smithers: Patient;
const cases: Record<string, Case> = {};

beforeEach(async () => {
  ctx = world.open(world.file());
  surgeon = await signInSurgeon(ctx, 'Dr Mara Quill');
  obrien = await makePatient(ctx, { familyName: "O'Brien", givenName: 'Siobhán', mrn: 'MRN-7731' });
  nunez = await makePatient(ctx, { familyName: 'Núñez', givenName: 'José', mrn: 'Q55-01' });
  smith = await makePatient(ctx, { familyName: 'Smith', givenName: 'Anna', mrn: 'S-1' });
  smithers = await makePatient(ctx, { familyName: 'Smithers', givenName: 'Waylon', mrn: 'S-2' });
  // Created in an order different from the surgery dates, so "newest first" is by date.
  cases.obrienMarch = await makeCase(ctx, obrien.id, surgeon.id, { dateOfSurgery: '2026-03-14' });
  cases.nunezJan = await makeCase(ctx, nunez.id, surgeon.id, { dateOfSurgery: '2026-01-20' });
  cases.smithMarch = await makeCase(ctx, smith.id, surgeon.id, { dateOfSurgery: '2026-03-02' });
  cases.smithersFeb = await makeCase(ctx, smithers.id, surgeon.id, { dateOfSurgery: '2026-02-28' });
  cases.obrienApril = await makeCase(ctx, obrien.id, surgeon.id, { dateOfSurgery: '2026-04-01' });
  await makeLesion(ctx, cases.obrienMarch.id);
});

const ids = async (text: string, limit?: number) =>
  (await must(ctx, 'cases.search', limit === undefined ? { text } : { text, limit })).map((s) => s.caseId);

describe('cases.search', () => {
  it('lists every case newest first when the search is empty', async () => {
    const all = [cases.obrienApril, cases.obrienMarch, cases.smithMarch, cases.smithersFeb, cases.nunezJan].map((c) => c!.id);
    expect(await ids('')).toEqual(all);
    expect(await ids('   ')).toEqual(all);
  });

  it('respects the limit', async () => {
    expect(await ids('', 2)).toEqual([cases.obrienApril!.id, cases.obrienMarch!.id]);
    expect(await ids('smith', 1)).toEqual([cases.smithMarch!.id]);
  });

  it('finds by family-name prefix, newest first', async () => {
    expect(await ids('smi')).toEqual([cases.smithMarch!.id, cases.smithersFeb!.id]);
    expect(await ids('smithe')).toEqual([cases.smithersFeb!.id]);
    expect(await ids("o'brien")).toEqual([cases.obrienApril!.id, cases.obrienMarch!.id]);
  });

  it('finds by given name', async () => {
    expect(await ids('waylon')).toEqual([cases.smithersFeb!.id]);
    expect(await ids('Anna')).toEqual([cases.smithMarch!.id]);
  });

  it('finds by MRN, typed with or without dashes and in any case', async () => {
    expect(await ids('MRN-7731')).toEqual([cases.obrienApril!.id, cases.obrienMarch!.id]);
    expect(await ids('mrn7731')).toEqual([cases.obrienApril!.id, cases.obrienMarch!.id]);
    expect(await ids('q5501')).toEqual([cases.nunezJan!.id]);
  });

  it('finds "Family, Given" and "Given Family", each word narrowing', async () => {
    expect(await ids('Smith, Anna')).toEqual([cases.smithMarch!.id]);
    expect(await ids('anna smith')).toEqual([cases.smithMarch!.id]);
    expect(await ids('Smith, W')).toEqual([cases.smithersFeb!.id]);
    expect(await ids('Smith, Zed')).toEqual([]);
  });

  it('ignores accents and apostrophes', async () => {
    expect(await ids('obrien')).toEqual([cases.obrienApril!.id, cases.obrienMarch!.id]);
    expect(await ids('siobhan')).toEqual([cases.obrienApril!.id, cases.obrienMarch!.id]);
    expect(await ids('nunez jose')).toEqual([cases.nunezJan!.id]);
    expect(await ids('NÚÑEZ')).toEqual([cases.nunezJan!.id]);
  });

  it('finds a day by YYYY-MM-DD and a month by YYYY-MM', async () => {
    expect(await ids('2026-03-14')).toEqual([cases.obrienMarch!.id]);
    expect(await ids(' 2026-03-02 ')).toEqual([cases.smithMarch!.id]);
    expect(await ids('2026-03')).toEqual([cases.obrienMarch!.id, cases.smithMarch!.id]);
    expect(await ids('2026-02')).toEqual([cases.smithersFeb!.id]);
    expect(await ids('2026-05')).toEqual([]);
    expect(await ids('2025-03-14')).toEqual([]);
  });

  it('returns the case-list row a user sees', async () => {
    const [row] = await must(ctx, 'cases.search', { text: '2026-03-14' });
    expect(row).toEqual({
      caseId: cases.obrienMarch!.id,
      dateOfSurgery: '2026-03-14',
      patientId: obrien.id,
      patientName: "O'Brien, Siobhán",
      mrn: 'MRN-7731',
      dateOfBirth: obrien.dateOfBirth,
      surgeonName: 'Dr Mara Quill',
      lesionCount: 1,
      lesionLabels: 'A',
    });
  });

  it('treats search text as data, never as SQL', async () => {
    expect(await ids("x' OR 1=1 --")).toEqual([]);
    expect(await ids('%')).toHaveLength(5); // no words left: the plain newest-first list
    expect(await ids('_')).toHaveLength(5);
  });

  it('finds a correction at once: a renamed patient is found by the new name only', async () => {
    await must(ctx, 'patients.update', { id: nunez.id, version: 1, familyName: 'Ibarra', givenName: 'José', mrn: 'Q55-01', dateOfBirth: nunez.dateOfBirth, sex: nunez.sex });
    expect(await ids('ibarra')).toEqual([cases.nunezJan!.id]);
    expect(await ids('nunez')).toEqual([]);
  });

  it('with many patients sharing a prefix still lists the newest matching cases first, within the limit', async () => {
    const many: Case[] = [];
    for (let i = 0; i < 320; i++) {
      const p = await makePatient(ctx, { familyName: `Smallwood${i}`, mrn: `SW-${i}` });
      const day = String((i % 28) + 1).padStart(2, '0');
      const month = String((i % 12) + 1).padStart(2, '0');
      many.push(await makeCase(ctx, p.id, surgeon.id, { dateOfSurgery: `2025-${month}-${day}` }));
    }
    const found = await must(ctx, 'cases.search', { text: 'sm', limit: 10 });
    const all = [...many, cases.smithMarch!, cases.smithersFeb!].sort((a, b) =>
      b.dateOfSurgery === a.dateOfSurgery ? b.createdAt.localeCompare(a.createdAt) : b.dateOfSurgery.localeCompare(a.dateOfSurgery),
    );
    expect(found.map((s) => s.dateOfSurgery)).toEqual(all.slice(0, 10).map((c) => c.dateOfSurgery));
    expect(found.slice(0, 2).map((s) => s.caseId)).toEqual([cases.smithMarch!.id, cases.smithersFeb!.id]);
    expect(found.every((s) => /^Sm/.test(s.patientName))).toBe(true);
  });
});

describe('cases.search over many cases (the query plan)', () => {
  it('the empty search walks the cases newest first and stops at the limit, however few the surgeons', async () => {
    // 20,000 cases of one surgeon, with SQLite's statistics gathered (PRAGMA optimize, as the bench does and a
    // maintained clinic file may have): they make a plan from the users table look cheap.
    const db = ctx.store.db;
    const now = new Date().toISOString();
    db.transaction(() => {
      const add = db.prepare(`INSERT INTO cases (id, patient_id, surgeon_id, date_of_surgery, version, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)`);
      for (let i = 0; i < 20_000; i++) {
        const day = new Date(Date.UTC(2016, 0, 1) + (i % 3650) * 86_400_000).toISOString().slice(0, 10);
        add.run(`bulk-${i}`, [smith, obrien, nunez][i % 3]!.id, surgeon.id, day, now, now);
      }
    })();
    db.pragma('optimize');
    // Every statement the search prepares, to ask SQLite how it runs them.
    const prepared: string[] = [];
    const prepare = db.prepare.bind(db);
    (db as { prepare: typeof db.prepare }).prepare = ((sql: string) => {
      prepared.push(sql);
      return prepare(sql);
    }) as typeof db.prepare;
    const found = await must(ctx, 'cases.search', { text: '', limit: 50 });
    expect(found).toHaveLength(50);
    expect(found[0]!.dateOfSurgery >= found[49]!.dateOfSurgery).toBe(true);
    const listing = prepared.filter((sql) => /from "cases" as "c"/.test(sql) && /order by/.test(sql));
    expect(listing).toHaveLength(1);
    const unbound = Array.from({ length: (listing[0]!.match(/\?/g) ?? []).length }, () => null);
    const plan = (prepare(`EXPLAIN QUERY PLAN ${listing[0]!}`).all(...unbound) as { detail: string }[]).map((r) => r.detail);
    expect(plan.join('\n')).toMatch(/SCAN c USING INDEX cases_date/);
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
  });
});

describe('patients.search', () => {
  it('finds by name or MRN prefix, alphabetically', async () => {
    expect((await must(ctx, 'patients.search', { text: 'smith' })).map((p) => p.id)).toEqual([smith.id, smithers.id]);
    expect((await must(ctx, 'patients.search', { text: 'obrien' })).map((p) => p.id)).toEqual([obrien.id]);
    expect((await must(ctx, 'patients.search', { text: 's-2' })).map((p) => p.id)).toEqual([smithers.id]);
    expect(await must(ctx, 'patients.search', { text: '', limit: 3 })).toHaveLength(3);
  });
});
