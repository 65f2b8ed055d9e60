import type { SqliteStore } from '../../../electron/store/open';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { queryHandle } from '../../../electron/store/engine/sqliteDialect';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/store/migrations';
import type { Migration } from '../../../electron/store/migrations/types';
import { SAMPLE } from '../../fixtures/db/sample';
import { SAMPLE_CODING } from '../../fixtures/db/sample-coding';
import { SAMPLE_HISTOLOGY } from '../../fixtures/db/sample-histology';
import { SAMPLE_PHOTO } from '../../fixtures/db/sample-photo';
import { SAMPLE_NOTE } from '../../fixtures/db/sample-operative-note';
import { SAMPLE_MAPS } from '../../fixtures/db/sample-maps';
import { SAMPLE_OUTCOME } from '../../fixtures/db/sample-outcome';
import { SAMPLE_SIGNOFF } from '../../fixtures/db/sample-signoff';
import { parseMapDocument } from '../../../shared/map/readMap';
import type { MapDocumentV1 } from '../../../shared/map/upgrade';

function upgradedMap(doc: MapDocumentV1) {
  const parsed = parseMapDocument(doc);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.doc;
}
import { SAMPLE_ADMIN } from '../../fixtures/db/sample-admin';
import { DB_NAME, FIRST_PASSWORD, TEST_SCRYPT_COST, makeLesion, must, refused, useTempWorld, TEST_PASSWORD, TEST_AUDIT_KEY, auditTrail } from './helpers';
import { blockRows, findingRows } from './maps';
import { createContext, type ServiceContext } from '../../../electron/services/context';

const world = useTempWorld();
/** The fixtures store bare codes, as written before units were recorded: each reads as one unit. */
const SAMPLE_CODES_READ = SAMPLE_CODING.additionalCodes.map((code) => ({ code, units: 1 }));
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/db');
const fixture = (version: number) => path.join(FIXTURES, `v${version}.sqlite`);
const ALL_VERSIONS = Array.from({ length: LATEST_SCHEMA_VERSION }, (_, i) => i + 1);

/** A private copy of a fixture in a temp folder (the committed file is never opened for writing). */
function copyOfFixture(version: number): string {
  const file = path.join(world.dir(), DB_NAME);
  fs.copyFileSync(fixture(version), file);
  return file;
}

function schemaOf(db: Database.Database) {
  return db.prepare(`SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`).all();
}

const backupsBeside = (file: string) =>
  fs.readdirSync(path.dirname(file)).filter((f) => f.startsWith(`${path.basename(file)}.before-v`));

/**
 * Everything SAMPLE holds, read back the way a user meets it; from schema SAMPLE_MAPS.since
 * on, also lesion A's map facts and its mapped stages; from SAMPLE_CODING.since on, the
 * case's additional codes; from SAMPLE_SIGNOFF.since on, lesion B signed with an addendum. `fixtureVersion` is the schema the file was written at (what it
 * holds); the file itself may have been upgraded since.
 */
async function expectSampleIntact(ctx: ServiceContext<SqliteStore>, fixtureVersion: number): Promise<void> {
  await signInSampleSurgeon(ctx);
  const { surgeon, patient: p, case: c, lesions, settings } = SAMPLE;
  const withMaps = fixtureVersion >= SAMPLE_MAPS.since;
  const withCoding = fixtureVersion >= SAMPLE_CODING.since;
  const withSignoff = fixtureVersion >= SAMPLE_SIGNOFF.since;
  const withOutcome = fixtureVersion >= SAMPLE_OUTCOME.since;
  const found = await must(ctx, 'cases.search', { text: 'obrien' });
  expect(found).toEqual([
    expect.objectContaining({
      caseId: c.id,
      dateOfSurgery: c.dateOfSurgery,
      patientName: "O'Brien, Siobhán",
      mrn: p.mrn,
      surgeonName: surgeon.name,
      lesionCount: 2,
      lesionLabels: 'A, B',
    }),
  ]);
  expect((await must(ctx, 'cases.search', { text: 'mrn-0042' })).map((s) => s.caseId)).toEqual([c.id]);
  expect((await must(ctx, 'cases.search', { text: '2025-11' })).map((s) => s.caseId)).toEqual([c.id]);

  const detail = await must(ctx, 'cases.get', { id: c.id });
  expect(detail.case).toMatchObject({ id: c.id, dateOfSurgery: c.dateOfSurgery, accessionNumber: c.accessionNumber, notes: c.notes, version: withCoding ? 2 : 1 });
  // Cases from before schema 3 read as the migration's default: no additional codes.
  if (ctx.store.schemaVersion >= 3) {
    expect(detail.case).toMatchObject(
      withCoding ? { additionalCodes: SAMPLE_CODES_READ, updatedAt: SAMPLE_CODING.at } : { additionalCodes: [], updatedAt: SAMPLE.at },
    );
  }
  expect(detail.case.signature).toBeNull();
  expect(detail.patient).toMatchObject({ ...p, version: 1 });
  expect(detail.surgeon).toMatchObject({ id: surgeon.id, name: surgeon.name, roles: expect.arrayContaining(['surgeon']), active: true });
  expect(detail.lesions).toHaveLength(2);
  for (const [i, l] of lesions.entries()) {
    const mapped = withMaps && l.id === SAMPLE_MAPS.lesionId;
    const signed = withSignoff && l.id === SAMPLE_SIGNOFF.lesionId;
    expect(detail.lesions[i]).toMatchObject({ ...l, caseId: c.id, version: mapped ? (withOutcome ? 3 : 2) : signed ? 2 : 1 });
    expect(detail.lesions[i]?.outcome).toEqual(mapped && withOutcome ? SAMPLE_OUTCOME.outcome : null);
    // Lesions from before schema 4 read as unsigned.
    expect(detail.lesions[i]?.signature).toEqual(
      // Signed before sign-in existed: the record says the signer was only chosen from the list.
      signed ? { signedAt: SAMPLE_SIGNOFF.signedAt, signedBy: SAMPLE_SIGNOFF.signedBy, signedByName: surgeon.name, method: 'user-choice' } : null,
    );
    // A chosen 12 o'clock (lesion A's medial) survives; schema 2's silent default 'superior'
    // reads as not chosen from schema 5 on (a pre-upgrade backup still holds it as it was).
    if (ctx.store.schemaVersion >= 2) {
      expect(detail.lesions[i]).toMatchObject(
        mapped
          ? { twelveOClock: SAMPLE_MAPS.twelveOClock, finalDefect: SAMPLE_MAPS.finalDefect, updatedAt: withOutcome ? SAMPLE_OUTCOME.at : SAMPLE_MAPS.at }
          : { twelveOClock: ctx.store.schemaVersion >= 5 ? null : 'superior', finalDefect: null },
      );
    }
  }

  const stages = await Promise.all(lesions.map(async (l) => await must(ctx, 'stages.list', { lesionId: l.id })));
  if (!withMaps) {
    expect(stages).toEqual([[], []]);
  } else {
    const expected = SAMPLE_MAPS.stages.map(({ blocks, ...s }) => ({
      ...s,
      // Stored as version 1 and read as the current map version (shared/map/upgrade.ts).
      doc: upgradedMap(s.doc),
      // The lab's status of each block, read from the block rows (the histotech's tracking).
      labStatus: Object.fromEntries(blocks.map((b) => [b.id, b.labStatus])),
      lesionId: SAMPLE_MAPS.lesionId,
      version: 1,
      createdAt: SAMPLE_MAPS.at,
      updatedAt: SAMPLE_MAPS.at,
    }));
    expect(stages).toEqual([expected, []]);
    for (const s of SAMPLE_MAPS.stages) {
      expect(blockRows(ctx, s.id).map((r) => ({ id: r.id, position: r.position, label: r.label, labStatus: r.lab_status, marginResult: r.margin_result }))).toEqual(s.blocks);
      expect(findingRows(ctx, s.id).map((f) => [f.id, f.block_id, f.kind, f.note])).toEqual(
        s.doc.findings.map((f) => [f.id, f.blockId, f.kind, f.note]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      );
    }
  }

  expect(await must(ctx, 'settings.get')).toMatchObject({ ...settings, clinicName: SAMPLE_ADMIN.clinicName });
  expect((await must(ctx, 'users.list')).map((u) => u.name).sort()).toEqual([SAMPLE.histotech.name, surgeon.name, SAMPLE_ADMIN.name].sort());
  const audit = await auditTrail(ctx, {});
  expect(audit.length).toBeGreaterThanOrEqual(withOutcome ? 14 : withSignoff ? 13 : withCoding ? 11 : withMaps ? 10 : 7);
  expect(audit.filter((e) => e.entityId === p.id)).toEqual([expect.objectContaining({ entity: 'patient', action: 'create', userId: surgeon.id })]);
  // Newest first: the sample's changes, and on top the surgeon opening the case just now (cases.get above).
  // (The case's operative note is audited under the case's id as entity 'operative-note': checked below.)
  expect(audit.filter((e) => e.entityId === c.id && e.entity === 'case').map((e) => [e.action, e.userId])).toEqual([
    ['open', surgeon.id],
    ...(withCoding ? [['update', surgeon.id]] : []),
    ['create', surgeon.id],
  ]);
  expect(audit.filter((e) => e.entityId === SAMPLE.lesions[1].id).map((e) => [e.action, e.userId])).toEqual([
    ...(withSignoff ? [['addendum', SAMPLE.histotech.id], ['sign', surgeon.id]] : []),
    ['create', surgeon.id],
  ]);

  // The addenda (schema 4 on): the one on lesion B, with its author's name.
  if (ctx.store.schemaVersion >= SAMPLE_SIGNOFF.since) {
    const { addendum } = SAMPLE_SIGNOFF;
    expect(await must(ctx, 'addenda.list', { caseId: c.id })).toEqual(
      withSignoff ? [{ ...addendum, caseId: c.id, lesionId: SAMPLE_SIGNOFF.lesionId, userName: SAMPLE.histotech.name }] : [],
    );
  }

  // The coding summary, derived from what the file holds (schema 3 on).
  if (ctx.store.schemaVersion >= SAMPLE_CODING.since) await expectSampleCoding(ctx, fixtureVersion);

  // Block histology (schema 12 on): block 1-2's row, both halves, with its audit events; none before.
  if (ctx.store.schemaVersion >= SAMPLE_HISTOLOGY.since) {
    const h = SAMPLE_HISTOLOGY;
    const withHistology = fixtureVersion >= h.since;
    expect(await must(ctx, 'histology.list', { lesionId: SAMPLE_MAPS.lesionId })).toEqual(
      withHistology ? [{ blockId: h.blockId, lab: h.lab, reading: h.reading, version: 2, createdAt: h.at, updatedAt: h.readAt }] : [],
    );
    expect(audit.filter((e) => e.entity === 'histology').map((e) => [e.action, e.userId])).toEqual(
      withHistology ? [['update', h.readBy], ['create', h.labBy]] : [],
    );
  }

  // Photos (schema 13 on): the v13 sample's photo, moved out of settings by migration 13 with
  // everything it held (calibration, placement, version, times); its create event still names it.
  if (ctx.store.schemaVersion >= SAMPLE_PHOTO.since) {
    const withPhoto = fixtureVersion >= SAMPLE_PHOTO.since;
    expect(await must(ctx, 'photos.list', { lesionId: SAMPLE_MAPS.lesionId })).toEqual(withPhoto ? [SAMPLE_PHOTO.record] : []);
    expect(audit.filter((e) => e.entity === 'photo').map((e) => [e.action, e.entityId])).toEqual(withPhoto ? [['create', SAMPLE_PHOTO.record.id]] : []);
    expect(ctx.store.db.prepare(`SELECT count(*) AS n FROM settings WHERE key LIKE 'photo:%'`).get()).toEqual({ n: 0 });
  }

  // The operative note and the surgeon's template (schema 14 on): read back as written, the
  // surgeon's text marked as edited from an older record; none before (the template's defaults empty).
  if (ctx.store.schemaVersion >= SAMPLE_NOTE.since) {
    const n = SAMPLE_NOTE;
    const withNote = fixtureVersion >= n.since;
    const note = await must(ctx, 'operativeNote.get', { caseId: c.id });
    const template = await must(ctx, 'noteTemplates.get', {});
    if (withNote) {
      expect(note).toMatchObject({ version: 1, checklist: n.checklist, freeText: n.freeText, surgeonText: n.surgeonText, recordChanged: true, fromTemplate: false, signed: null });
      expect(template).toEqual({ freeText: n.template, version: 1 });
    } else {
      expect(note).toMatchObject({ version: 0, checklist: {}, surgeonText: null, fromTemplate: true, signed: null });
      expect(template).toEqual({ freeText: { anesthesia: '', closure: '', postOp: '' }, version: 0 });
    }
    expect(note.generated).toContain(`LESION A — ${'Left nasal ala, alar crease'}`);
    expect(audit.filter((e) => e.entity === 'operative-note' || e.entity === 'note-template').map((e) => [e.entity, e.action, e.userId])).toEqual(
      withNote ? [['note-template', 'create', n.by], ['operative-note', 'create', n.by]] : [],
    );
  }
}

/**
 * What the first start after the upgrade asks: a v1–v5 file has no administrator, so the
 * clinic's set-up comes first (a v6 file has one: SAMPLE_ADMIN). The sample's surgeon, from
 * before sign-in, cannot sign in until the administrator gives them a password (and here the
 * administrator role too, as a one-surgeon clinic would); then they change it and work.
 */
async function signInSampleSurgeon(ctx: ServiceContext<SqliteStore>): Promise<void> {
  const { surgeon } = SAMPLE;
  if (!(await must(ctx, 'session.status')).setUp) {
    expect((await refused(ctx, 'cases.search', { text: 'obrien' })).code).toBe('setup_required');
    const { name, initials, clinicName, password } = SAMPLE_ADMIN;
    await must(ctx, 'session.setUp', { name, initials, clinicName, password, roles: ['administrator'] });
  } else {
    await must(ctx, 'session.signIn', { userId: SAMPLE_ADMIN.id, secret: SAMPLE_ADMIN.password });
  }
  expect((await refused(ctx, 'session.signIn', { userId: surgeon.id, secret: 'any password at all' })).message).toMatch(/has no password yet/);
  const before = (await must(ctx, 'users.list')).find((u) => u.id === surgeon.id);
  expect(before).toMatchObject({ roles: ['surgeon'], hasPassword: false, active: true });
  const promoted = await must(ctx, 'users.setRoles', { id: surgeon.id, version: before?.version ?? 0, roles: ['surgeon', 'administrator'] });
  await must(ctx, 'users.resetPassword', { id: surgeon.id, version: promoted.version, password: FIRST_PASSWORD });
  await must(ctx, 'session.signIn', { userId: surgeon.id, secret: FIRST_PASSWORD });
  expect((await refused(ctx, 'cases.search', { text: 'obrien' })).code).toBe('password_change_required');
  await must(ctx, 'session.changePassword', { current: FIRST_PASSWORD, next: TEST_PASSWORD });
}

/** What a backup (at its old schema, opened read-only) must still hold: the sample's records as rows. */
function expectBackupHoldsSample(db: Database.Database): void {
  const { patient: p, case: c, lesions, surgeon, histotech } = SAMPLE;
  expect(db.prepare('SELECT family_name, given_name, mrn FROM patients WHERE id = ?').get(p.id)).toEqual({ family_name: p.familyName, given_name: p.givenName, mrn: p.mrn });
  expect(db.prepare('SELECT accession_number FROM cases WHERE id = ?').get(c.id)).toEqual({ accession_number: c.accessionNumber });
  expect((db.prepare('SELECT id FROM lesions ORDER BY label').all() as { id: string }[]).map((r) => r.id)).toEqual(lesions.map((l) => l.id));
  expect((db.prepare('SELECT name FROM users WHERE id IN (?, ?) ORDER BY name').all(surgeon.id, histotech.id) as { name: string }[]).map((r) => r.name)).toEqual(
    [surgeon.name, histotech.name].sort(),
  );
}

/**
 * The sample's coding: lesion A (nasal ala, head/neck family) with SAMPLE_MAPS' stages of 4
 * and 2 blocks, lesion B (scalp) with none, and the additional codes of SAMPLE_CODING.
 */
async function expectSampleCoding(ctx: ServiceContext<SqliteStore>, fixtureVersion: number): Promise<void> {
  const withMaps = fixtureVersion >= SAMPLE_MAPS.since;
  const withCoding = fixtureVersion >= SAMPLE_CODING.since;
  const [a, b] = SAMPLE.lesions;
  const coding = await must(ctx, 'cases.coding', { id: SAMPLE.case.id });
  expect(coding).toMatchObject({
    caseId: SAMPLE.case.id,
    dateOfSurgery: SAMPLE.case.dateOfSurgery,
    distinctLesionModifier: '59',
    additionalCodes: withCoding ? SAMPLE_CODES_READ : [],
  });
  expect(coding.lesions.map((l) => [l.lesionId, l.label, l.siteId, l.deepStructures, l.stages])).toEqual([
    [a.id, 'A', a.siteId, false, withMaps ? SAMPLE_MAPS.stages.map((s) => ({ number: s.number, blockCount: s.blockCount, result: s.result })) : []],
    [b.id, 'B', b.siteId, true, []],
  ]);
  expect(coding.lesions[0]?.finalDefect).toEqual(withMaps ? SAMPLE_MAPS.finalDefect : null);
  expect(coding.result.lines.map((l) => [l.code, l.units, l.modifiers, l.lesionIds])).toEqual(
    withMaps ? [['17311', 1, [], [a.id]], ['17312', 1, [], [a.id]]] : [],
  );
  expect(coding.result.warnings.map((w) => [w.kind, w.lesionId ?? w.code])).toEqual([
    ...(withMaps ? [] : [['no-stages', a.id]]),
    // Stopped (schema 5's sample): still coded, with a warning for the coder.
    ...(fixtureVersion >= SAMPLE_OUTCOME.since ? [['lesion-not-cleared', a.id]] : []),
    ['no-stages', b.id],
    ...(withCoding ? [['excluded-code', '88305'], ['conditional-code', '88342']] : []),
  ]);
}

/**
 * The upgraded sample's maps keep working: saving each stage unchanged keeps its block rows
 * (labels, positions, the lab's statuses, results), so the stored columns agree with what
 * the app derives; the last stage can be removed and a new one added in its place.
 */
async function expectMapsWork(ctx: ServiceContext<SqliteStore>): Promise<void> {
  const lesionId = SAMPLE_MAPS.lesionId;
  const stages = await must(ctx, 'stages.list', { lesionId });
  const rowsOf = (id: string) => blockRows(ctx, id).map((r) => [r.id, r.position, r.label, r.lab_status, r.margin_result]);
  for (const s of stages) {
    const rows = rowsOf(s.id);
    const saved = await must(ctx, 'stages.save', { id: s.id, version: s.version, doc: s.doc });
    expect(saved).toMatchObject({ number: s.number, blockCount: s.blockCount, result: s.result, version: s.version + 1 });
    expect(saved.doc).toEqual(s.doc);
    expect(rowsOf(s.id)).toEqual(rows);
  }
  const last = (await must(ctx, 'stages.list', { lesionId })).at(-1);
  if (!last) throw new Error('the sample has no stages');
  // The lab has started on the sample's blocks, so the stage cannot go…
  expect((await refused(ctx, 'stages.remove', { id: last.id, version: last.version })).message).toMatch(/lab has already started/);
  // …until the lab has taken its blocks back (here by hand, as a correction would).
  ctx.store.db.prepare("UPDATE blocks SET lab_status = 'excised' WHERE stage_id = ?").run(last.id);
  await must(ctx, 'stages.remove', { id: last.id, version: last.version });
  expect((await must(ctx, 'stages.create', { lesionId, doc: { ...last.doc, blocks: last.doc.blocks.map((b) => ({ ...b, id: `${b.id}-again` })), inks: [], findings: [] } })).number).toBe(last.number);
}

describe('the migration list', () => {
  it('numbers migrations 1..N with no gaps, and LATEST_SCHEMA_VERSION is N', () => {
    expect(MIGRATIONS.length).toBeGreaterThan(0);
    expect(MIGRATIONS.map((m) => m.version)).toEqual(ALL_VERSIONS);
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS[MIGRATIONS.length - 1]?.version);
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
  });

  it('brings an empty database to the latest schema, one migration at a time', () => {
    const ctx = world.open(world.file());
    expect(ctx.store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(ctx.store.db.pragma('foreign_key_check')).toEqual([]);
    expect(ctx.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Replaying the list by hand on an empty database gives the same schema.
    const manual = new Database(':memory:');
    for (const m of MIGRATIONS) manual.transaction(() => m.up(manual))();
    expect(schemaOf(manual)).toEqual(schemaOf(ctx.store.db));
    manual.close();
  });
});

describe('fixtures of every schema version', () => {
  it.each(ALL_VERSIONS)('has test/fixtures/db/v%i.sqlite (see its README to add one)', (version) => {
    expect(fs.existsSync(fixture(version)), `missing ${fixture(version)}: run make-fixtures.ts`).toBe(true);
    // Read from the header: opening the committed file with SQLite would create a -wal beside it.
    const header = fs.readFileSync(fixture(version)).subarray(0, 100);
    expect(header.toString('latin1', 0, 15)).toBe('SQLite format 3');
    expect(header.readInt32BE(60)).toBe(version); // user_version
    expect(header[18]).toBe(2); // WAL mode, as the app leaves a database
  });

  it.each(ALL_VERSIONS)('upgrades v%i to the latest schema with the sample intact', async (version) => {
    const file = copyOfFixture(version);
    const ctx = world.open(file);
    expect(ctx.store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(ctx.store.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(ctx.store.db.pragma('foreign_key_check')).toEqual([]);
    await expectSampleIntact(ctx, version);

    // The upgraded file works like a new one: a third lesion gets label C, and is audited.
    if (version >= SAMPLE_MAPS.since) await expectMapsWork(ctx);
    const caseVersion = (await must(ctx, 'cases.get', { id: SAMPLE.case.id })).case.version;
    expect(await must(ctx, 'cases.setAdditionalCodes', { id: SAMPLE.case.id, version: caseVersion, codes: [{ code: '88314', units: 4 }, '88311'] })).toMatchObject({
      additionalCodes: [{ code: '88311', units: 1 }, { code: '88314', units: 4 }],
      version: caseVersion + 1,
    });
    expect((await makeLesion(ctx, SAMPLE.case.id)).label).toBe('C');

    // Sign-off works on the upgraded file, and a lesion signed before stays read-only.
    const { id: lesionB, label: _label, ...fieldsB } = SAMPLE.lesions[1];
    let b = (await must(ctx, 'lesions.get', { id: lesionB })).lesion;
    if (version < SAMPLE_SIGNOFF.since) {
      b = await must(ctx, 'lesions.sign', { id: lesionB, version: b.version, password: TEST_PASSWORD });
      expect(b.signature).toMatchObject({ signedBy: SAMPLE.surgeon.id, signedByName: SAMPLE.surgeon.name, method: 'password' });
    }
    const added = await must(ctx, 'addenda.add', { caseId: SAMPLE.case.id, lesionId: lesionB, text: 'Upgraded file: addendum.' });
    expect((await must(ctx, 'addenda.list', { caseId: SAMPLE.case.id })).at(-1)).toEqual(added);
    expect(await refused(ctx, 'lesions.update', { id: lesionB, version: b.version, ...fieldsB, deepStructures: [...fieldsB.deepStructures] })).toEqual({
      code: 'forbidden',
      message: expect.stringMatching(`^This lesion was signed by ${SAMPLE.surgeon.name} on \\d{4}-\\d{2}-\\d{2}; it can no longer be changed\\. Add an addendum instead\\.$`),
    });
    const { id: _id, ...samePatient } = SAMPLE.patient;
    expect((await refused(ctx, 'patients.create', { ...samePatient, mrn: 'mrn0042' })).code).toBe('conflict');
  });

  it.each(ALL_VERSIONS)('gives v%i, once upgraded, exactly the schema of a new database', (version) => {
    const upgraded = world.open(copyOfFixture(version));
    const fresh = world.open(world.file());
    // A difference means a shipped migration was edited after this fixture was made.
    expect(schemaOf(upgraded.store.db)).toEqual(schemaOf(fresh.store.db));
  });

  const older = ALL_VERSIONS.filter((v) => v < LATEST_SCHEMA_VERSION);
  if (older.length === 0) {
    it.todo(`keeps a .before-v* backup when upgrading an older fixture (runs once there is a v${LATEST_SCHEMA_VERSION + 1})`);
  }
  it.each(older)('keeps a .before-v* backup of v%i, still at that version, when upgrading it', async (version) => {
    const file = copyOfFixture(version);
    world.open(file);
    const backups = backupsBeside(file);
    expect(backups).toHaveLength(1);
    const backup = path.join(path.dirname(file), backups[0] ?? '');
    expect(fs.statSync(backup).mode & 0o777).toBe(0o600);
    const old = fakeStore(backup);
    try {
      expect(old.schemaVersion).toBe(version);
      expectBackupHoldsSample(old.db);
    } finally {
      old.close();
    }
  });

  it('gives the cases of a v2 file an empty list of additional codes, leaving the rows otherwise as they were', () => {
    const file = copyOfFixture(2);
    const before = new Database(file, { readonly: true });
    const rows = before.prepare('SELECT * FROM cases ORDER BY id').all();
    before.close();
    const ctx = world.open(file);
    expect(ctx.store.db.prepare('SELECT * FROM cases ORDER BY id').all()).toEqual(
      rows.map((r) => ({ ...(r as object), additional_codes: '[]', signed_at: null, signed_by: null, signature_method: null })),
    );
  });

  it('gives the lesions and cases of a v3 file no signature and an empty, append-only addenda table, leaving the rows otherwise as they were', async () => {
    const file = copyOfFixture(3);
    const before = new Database(file, { readonly: true });
    const read = (db: Database.Database, table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as object[];
    const lesions = read(before, 'lesions');
    const cases = read(before, 'cases');
    const audits = before.prepare('SELECT count(*) AS n FROM audit_events').get();
    before.close();
    expect(lesions).toHaveLength(2);

    const ctx = world.open(file);
    const db = ctx.store.db;
    // Migration 5 too: the default 'superior' becomes not chosen (null), a chosen direction stays; no outcome yet; migration 11: no repair.
    const twelve = (r: object) => ((r as { twelve_oclock: string }).twelve_oclock === 'superior' ? null : (r as { twelve_oclock: string }).twelve_oclock);
    expect(read(db, 'lesions')).toEqual(
      lesions.map((r) => ({ ...r, signed_at: null, signed_by: null, signature_method: null, twelve_oclock: twelve(r), outcome: null, outcome_note: '', repair: null })),
    );
    expect(read(db, 'cases')).toEqual(cases.map((r) => ({ ...r, signed_at: null, signed_by: null, signature_method: null })));
    expect(db.prepare('SELECT count(*) AS n FROM audit_events').get()).toEqual(audits);
    expect(read(db, 'addenda')).toEqual([]);
    await signInSampleSurgeon(ctx);
    expect((await must(ctx, 'cases.get', { id: SAMPLE.case.id })).lesions.map((l) => l.signature)).toEqual([null, null]);

    // The new columns hold both or neither, name a real user; addenda are append-only.
    const [a] = SAMPLE.lesions;
    expect(() => db.prepare('UPDATE lesions SET signed_at = ? WHERE id = ?').run(SAMPLE.at, a.id)).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE cases SET signed_by = ? WHERE id = ?').run(SAMPLE.surgeon.id, SAMPLE.case.id)).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE lesions SET signed_at = ?, signed_by = ? WHERE id = ?').run(SAMPLE.at, 'nobody', a.id)).toThrow(/FOREIGN KEY/);
    db.prepare('INSERT INTO addenda (id, case_id, lesion_id, at, user_id, text) VALUES (?, ?, ?, ?, ?, ?)').run('x', SAMPLE.case.id, a.id, SAMPLE.at, SAMPLE.surgeon.id, 'text');
    expect(() => db.prepare(`UPDATE addenda SET text = 'changed'`).run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM addenda').run()).toThrow(/append-only/);
    expect(() =>
      db.prepare('INSERT OR REPLACE INTO addenda (id, case_id, lesion_id, at, user_id, text) VALUES (?, ?, ?, ?, ?, ?)').run('x', SAMPLE.case.id, null, SAMPLE.at, SAMPLE.surgeon.id, 'other'),
    ).toThrow(/append-only/);
    expect(read(db, 'addenda')).toEqual([{ id: 'x', case_id: SAMPLE.case.id, lesion_id: a.id, at: SAMPLE.at, user_id: SAMPLE.surgeon.id, text: 'text' }]);
  });

  it('takes no backup when the file is already at the latest schema', () => {
    const ctx = world.open(world.file());
    ctx.store.close();
    world.open(ctx.store.path);
    expect(backupsBeside(ctx.store.path)).toEqual([]);
  });
});

/** Read-only handle on a backup file, shaped like a Store. */
function fakeStore(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  return { db, query: queryHandle(db), path: file, schemaVersion: db.pragma('user_version', { simple: true }) as number, audit: null, close: () => db.close() };
}

/**
 * The upgrade path needs a migration after the latest one; until the app has one, these
 * tests give it a made-up next migration (through a module mock) to upgrade the fixture of
 * the latest version.
 */
describe('upgrading to a next version (a made-up migration)', () => {
  const MIGRATIONS_MODULE = '../../../electron/store/migrations';
  afterEach(() => {
    vi.doUnmock(MIGRATIONS_MODULE);
    vi.resetModules();
  });

  async function openStoreWith(next: Migration) {
    vi.resetModules();
    vi.doMock(MIGRATIONS_MODULE, () => ({ MIGRATIONS: [...MIGRATIONS, next], LATEST_SCHEMA_VERSION: next.version }));
    return (await import('../../../electron/store/open')).openStore;
  }

  const NEXT = LATEST_SCHEMA_VERSION + 1;

  it('backs the file up at its old version, then upgrades it with the data intact', async () => {
    const openNext = await openStoreWith({
      version: NEXT,
      name: 'test-preferred-name',
      up: (db) => db.exec(`ALTER TABLE patients ADD COLUMN preferred_name TEXT NOT NULL DEFAULT ''`),
    });
    const file = copyOfFixture(LATEST_SCHEMA_VERSION);
    const store = openNext(file, { auditKey: TEST_AUDIT_KEY });
    try {
      expect(store.schemaVersion).toBe(NEXT);
      const ctx = createContext(store, '0.0.0-test', 'test-host', { scryptCost: TEST_SCRYPT_COST });
      await expectSampleIntact(ctx, LATEST_SCHEMA_VERSION);
    } finally {
      store.close();
    }
    const backups = backupsBeside(file);
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(new RegExp(`^${DB_NAME}\\.before-v${NEXT}-\\d+\\.sqlite$`));
    const backup = path.join(path.dirname(file), backups[0] ?? '');
    expect(fs.statSync(backup).mode & 0o777).toBe(0o600);
    const old = fakeStore(backup);
    try {
      expect(old.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expectBackupHoldsSample(old.db);
    } finally {
      old.close();
    }
  });

  it('rolls a failing migration back completely and leaves the file at its old version', async () => {
    const openNext = await openStoreWith({
      version: NEXT,
      name: 'test-fails-halfway',
      up: (db) => {
        db.exec(`CREATE TABLE half_done (x INTEGER) STRICT; UPDATE patients SET family_name = 'CHANGED'`);
        throw new Error('disk pulled out mid-upgrade');
      },
    });
    const file = copyOfFixture(LATEST_SCHEMA_VERSION);
    expect(() => openNext(file)).toThrow(/could not prepare its database.*disk pulled out/);
    expect(backupsBeside(file)).toHaveLength(1);

    // The current app still opens it, unchanged.
    const ctx = world.open(file);
    expect(ctx.store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(ctx.store.db.prepare(`SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half_done'`).get()).toEqual({ n: 0 });
    await expectSampleIntact(ctx, LATEST_SCHEMA_VERSION);
  });
});
