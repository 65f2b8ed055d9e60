import { beforeEach, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../../electron/services/context';
import type { Case, Patient, User } from '../../../shared/records';
import { makeCase, makeLesion, makePatient, must, signInSurgeon, useTempWorld } from './helpers';

const world = useTempWorld();

let ctx: ServiceContext;
let surgeon: User;
let obrien: Patient;
let nunez: Patient;
let smith: Patient;
let smithers: Patient;
const cases: Record<string, Case> = {};

beforeEach(() => {
  ctx = world.open(world.file());
  surgeon = signInSurgeon(ctx, 'Dr Mara Quill');
  obrien = makePatient(ctx, { familyName: "O'Brien", givenName: 'Siobhán', mrn: 'MRN-7731' });
  nunez = makePatient(ctx, { familyName: 'Núñez', givenName: 'José', mrn: 'Q55-01' });
  smith = makePatient(ctx, { familyName: 'Smith', givenName: 'Anna', mrn: 'S-1' });
  smithers = makePatient(ctx, { familyName: 'Smithers', givenName: 'Waylon', mrn: 'S-2' });
  // Created in an order different from the surgery dates, so "newest first" is by date.
  cases.obrienMarch = makeCase(ctx, obrien.id, surgeon.id, { dateOfSurgery: '2026-03-14' });
  cases.nunezJan = makeCase(ctx, nunez.id, surgeon.id, { dateOfSurgery: '2026-01-20' });
  cases.smithMarch = makeCase(ctx, smith.id, surgeon.id, { dateOfSurgery: '2026-03-02' });
  cases.smithersFeb = makeCase(ctx, smithers.id, surgeon.id, { dateOfSurgery: '2026-02-28' });
  cases.obrienApril = makeCase(ctx, obrien.id, surgeon.id, { dateOfSurgery: '2026-04-01' });
  makeLesion(ctx, cases.obrienMarch.id);
});

const ids = (text: string, limit?: number) =>
  must(ctx, 'cases.search', limit === undefined ? { text } : { text, limit }).map((s) => s.caseId);

describe('cases.search', () => {
  it('lists every case newest first when the search is empty', () => {
    const all = [cases.obrienApril, cases.obrienMarch, cases.smithMarch, cases.smithersFeb, cases.nunezJan].map((c) => c!.id);
    expect(ids('')).toEqual(all);
    expect(ids('   ')).toEqual(all);
  });

  it('respects the limit', () => {
    expect(ids('', 2)).toEqual([cases.obrienApril!.id, cases.obrienMarch!.id]);
    expect(ids('smith', 1)).toEqual([cases.smithMarch!.id]);
  });

  it('finds by family-name prefix, newest first', () => {
    expect(ids('smi')).toEqual([cases.smithMarch!.id, cases.smithersFeb!.id]);
    expect(ids('smithe')).toEqual([cases.smithersFeb!.id]);
    expect(ids("o'brien")).toEqual([cases.obrienApril!.id, cases.obrienMarch!.id]);
  });

  it('finds by given name', () => {
    expect(ids('waylon')).toEqual([cases.smithersFeb!.id]);
    expect(ids('Anna')).toEqual([cases.smithMarch!.id]);
  });

  it('finds by MRN, typed with or without dashes and in any case', () => {
    expect(ids('MRN-7731')).toEqual([cases.obrienApril!.id, cases.obrienMarch!.id]);
    expect(ids('mrn7731')).toEqual([cases.obrienApril!.id, cases.obrienMarch!.id]);
    expect(ids('q5501')).toEqual([cases.nunezJan!.id]);
  });

  it('finds "Family, Given" and "Given Family", each word narrowing', () => {
    expect(ids('Smith, Anna')).toEqual([cases.smithMarch!.id]);
    expect(ids('anna smith')).toEqual([cases.smithMarch!.id]);
    expect(ids('Smith, W')).toEqual([cases.smithersFeb!.id]);
    expect(ids('Smith, Zed')).toEqual([]);
  });

  it('ignores accents and apostrophes', () => {
    expect(ids('obrien')).toEqual([cases.obrienApril!.id, cases.obrienMarch!.id]);
    expect(ids('siobhan')).toEqual([cases.obrienApril!.id, cases.obrienMarch!.id]);
    expect(ids('nunez jose')).toEqual([cases.nunezJan!.id]);
    expect(ids('NÚÑEZ')).toEqual([cases.nunezJan!.id]);
  });

  it('finds a day by YYYY-MM-DD and a month by YYYY-MM', () => {
    expect(ids('2026-03-14')).toEqual([cases.obrienMarch!.id]);
    expect(ids(' 2026-03-02 ')).toEqual([cases.smithMarch!.id]);
    expect(ids('2026-03')).toEqual([cases.obrienMarch!.id, cases.smithMarch!.id]);
    expect(ids('2026-02')).toEqual([cases.smithersFeb!.id]);
    expect(ids('2026-05')).toEqual([]);
    expect(ids('2025-03-14')).toEqual([]);
  });

  it('returns the case-list row a user sees', () => {
    const [row] = must(ctx, 'cases.search', { text: '2026-03-14' });
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

  it('treats search text as data, never as SQL', () => {
    expect(ids("x' OR 1=1 --")).toEqual([]);
    expect(ids('%')).toHaveLength(5); // no words left: the plain newest-first list
    expect(ids('_')).toHaveLength(5);
  });

  it('finds a correction at once: a renamed patient is found by the new name only', () => {
    must(ctx, 'patients.update', { id: nunez.id, version: 1, familyName: 'Ibarra', givenName: 'José', mrn: 'Q55-01', dateOfBirth: nunez.dateOfBirth, sex: nunez.sex });
    expect(ids('ibarra')).toEqual([cases.nunezJan!.id]);
    expect(ids('nunez')).toEqual([]);
  });

  it('with many patients sharing a prefix still lists the newest matching cases first, within the limit', () => {
    const db = ctx.store.db;
    const many: Case[] = [];
    db.transaction(() => {
      for (let i = 0; i < 320; i++) {
        const p = makePatient(ctx, { familyName: `Smallwood${i}`, mrn: `SW-${i}` });
        const day = String((i % 28) + 1).padStart(2, '0');
        const month = String((i % 12) + 1).padStart(2, '0');
        many.push(makeCase(ctx, p.id, surgeon.id, { dateOfSurgery: `2025-${month}-${day}` }));
      }
    })();
    const found = must(ctx, 'cases.search', { text: 'sm', limit: 10 });
    const all = [...many, cases.smithMarch!, cases.smithersFeb!].sort((a, b) =>
      b.dateOfSurgery === a.dateOfSurgery ? b.createdAt.localeCompare(a.createdAt) : b.dateOfSurgery.localeCompare(a.dateOfSurgery),
    );
    expect(found.map((s) => s.dateOfSurgery)).toEqual(all.slice(0, 10).map((c) => c.dateOfSurgery));
    expect(found.slice(0, 2).map((s) => s.caseId)).toEqual([cases.smithMarch!.id, cases.smithersFeb!.id]);
    expect(found.every((s) => /^Sm/.test(s.patientName))).toBe(true);
  });
});

describe('patients.search', () => {
  it('finds by name or MRN prefix, alphabetically', () => {
    expect(must(ctx, 'patients.search', { text: 'smith' }).map((p) => p.id)).toEqual([smith.id, smithers.id]);
    expect(must(ctx, 'patients.search', { text: 'obrien' }).map((p) => p.id)).toEqual([obrien.id]);
    expect(must(ctx, 'patients.search', { text: 's-2' }).map((p) => p.id)).toEqual([smithers.id]);
    expect(must(ctx, 'patients.search', { text: '', limit: 3 })).toHaveLength(3);
  });
});
