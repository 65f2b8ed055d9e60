import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { expect, it } from 'vitest';
import { createContext, type ServiceContext } from '../../../electron/services/context';
import { copyDatabase, COPY_ORDER, CopyRefused, tableChecks, tablesOf, type CopyProgress } from '../../../electron/store/engineCopy';
import { openStore, type Store } from '../../../electron/store/open';
import { addFinding } from '../../../shared/map/edits';
import { forEachEngine } from './engines';
import { makeCase, makeLesion, makePatient, must, signInSurgeon, TEST_AUDIT_KEY, TEST_PASSWORD, TEST_SCRYPT_COST, useTempWorld } from './helpers';
import { blockNumbered, peripheralTumor, quartered, unwrap } from './maps';
import { photoInput } from './photoInput';

/**
 * Moving a clinic onto its PostgreSQL server and back (issue 14): a single computer's database
 * (SQLite, encrypted) copied into an empty database of each engine, proved by per-table counts
 * and checksums and the audit chain verified on the target, read back through the app the same;
 * then copied back out into a new encrypted SQLite file, identical to where it started. A target
 * that holds anything is refused; a copy that fails part-way leaves the target empty.
 */
const temp = useTempWorld();

/** A surgeon's signed case: two stages (a positive margin), a block moved in the lab, an addendum; and a second patient. */
async function clinicRecords(ctx: ServiceContext): Promise<string> {
  const surgeon = await signInSurgeon(ctx, 'Dr Ada Moss');
  const p = await makePatient(ctx, { familyName: 'Okafor', givenName: 'Grace', mrn: 'MRN-100234', dateOfBirth: '1948-02-11' });
  await makePatient(ctx, { familyName: 'Lindqvist', givenName: 'Henrik', mrn: 'MRN-100871' });
  const kase = await makeCase(ctx, p.id, surgeon.id, { dateOfSurgery: '2026-03-14' });
  const lesion = await makeLesion(ctx, kase.id);
  const photo = await must(ctx, 'photos.add', photoInput(lesion.id));
  await must(ctx, 'photos.calibrate', { id: photo.id, version: photo.version, calibration: { x1: 10, y1: 190, x2: 110, y2: 190, lengthMm: 10 } });
  const s1 = await must(ctx, 'stages.create', { lesionId: lesion.id, doc: quartered() });
  const s1b = await must(ctx, 'stages.save', { id: s1.id, version: s1.version, doc: unwrap(addFinding(s1.doc, peripheralTumor(s1.doc, 2))) });
  await must(ctx, 'stages.create', { lesionId: lesion.id, doc: quartered() });
  await must(ctx, 'blocks.setStatus', { id: blockNumbered(s1b.doc, 1).id, version: 1, status: 'grossed' });
  const now = await must(ctx, 'cases.get', { id: kase.id });
  const warnings = await must(ctx, 'cases.signWarnings', { id: kase.id });
  await must(ctx, 'cases.sign', { id: kase.id, version: now.case.version, password: TEST_PASSWORD, reviewed: warnings.map((w) => w.id) });
  await must(ctx, 'addenda.add', { caseId: kase.id, lesionId: null, text: 'Pathology reviewed again: no change.' });
  return kase.id;
}

/** What a clinic sees of a case, through the app's own operations. */
async function seen(ctx: ServiceContext, caseId: string): Promise<unknown> {
  const detail = await must(ctx, 'cases.get', { id: caseId });
  const stages = await Promise.all(detail.lesions.map((l) => must(ctx, 'stages.list', { lesionId: l.id })));
  const addenda = await must(ctx, 'addenda.list', { caseId });
  const search = await must(ctx, 'cases.search', { text: 'okafor' });
  const photos = await Promise.all(detail.lesions.map((l) => must(ctx, 'photos.list', { lesionId: l.id })));
  const pictures = await Promise.all(photos.flat().flatMap((p) => [must(ctx, 'photos.picture', { id: p.id, copy: 'full' }), must(ctx, 'photos.picture', { id: p.id, copy: 'display' })]));
  return JSON.parse(JSON.stringify({ detail, stages, addenda, search, photos, pictures }));
}

const context = (store: Store) => createContext(store, '0.0.0-test', 'test-host', { scryptCost: TEST_SCRYPT_COST });

forEachEngine('copying a database between engines', (world) => {
  it('into an empty database: every table the same (counts, checksums), the chain whole, the case the same; and back out to a new encrypted file', async () => {
    const source = temp.open(temp.file());
    const caseId = await clinicRecords(source);
    const before = await seen(source, caseId);
    const target = await (await world.blank()).open();
    const progress: CopyProgress[] = [];
    const result = await copyDatabase(source.store, target, (p) => progress.push(p));
    expect(result.tables.map((t) => t.table)).toEqual([...COPY_ORDER]);
    expect(result.rows).toBe(result.tables.reduce((n, t) => n + t.rows, 0));
    expect(result.auditRows).toBeGreaterThan(10);
    expect(result.pictures).toBe(2);
    expect(progress.at(-1)).toMatchObject({ copied: result.rows, rowsTotal: result.rows });
    // Back out of the server (or the other file) into a new encrypted file: the same rows as where it started.
    const outFile = temp.file('out.sqlite');
    const back = openStore(outFile, { auditKey: TEST_AUDIT_KEY, databaseKey: randomBytes(32) });
    try {
      const out = await copyDatabase(target, back);
      expect(out.tables).toEqual(result.tables);
      expect(fs.readFileSync(outFile).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
    } finally {
      back.close();
    }

    // Through the app on the target, the clinic sees the same (the same user at work: no sign-in row in between).
    const onTarget = context(target);
    onTarget.session.userId = source.session.userId;
    expect(await seen(onTarget, caseId)).toEqual(before);
    expect(await must(onTarget, 'audit.verify', {})).toMatchObject({ intact: true });
  });

  it('refuses a database that holds anything, saying what; a copy cut short leaves the target empty and the source as it was', async () => {
    const source = temp.open(temp.file());
    await clinicRecords(source);
    const target = await (await world.blank()).open();
    const sourceBefore = await tableChecks(source.store);
    let calls = 0;
    const cut = await copyDatabase(source.store, target, () => {
      if (++calls === 3) throw new Error('the cable was pulled');
    }).catch((e: unknown) => e);
    expect((cut as Error).message).toBe('the cable was pulled');
    expect((await tableChecks(target)).every((t) => t.rows === 0)).toBe(true);
    expect(await tableChecks(source.store)).toEqual(sourceBefore);
    const empty = await copyDatabase(source.store, target);
    expect(empty.rows).toBeGreaterThan(0);
    const again = await copyDatabase(source.store, target).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(CopyRefused);
    expect((again as CopyRefused).code).toBe('conflict');
    expect((again as Error).message).toMatch(/not empty \(it holds \d+ users rows, \d+ patients rows/);
  });
});

forEachEngine('the tables a copy carries', (world) => {
  it('are every table of the database: a table a later migration adds cannot be left behind', async () => {
    const store = await (await world.blank()).open();
    expect((await tablesOf(store.query)).sort()).toEqual([...COPY_ORDER].sort());
  });
});
