import type { SqliteStore } from '../../../electron/store/open';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../../electron/services/context';
import { ARCHIVE_FORMAT_VERSION } from '../../../electron/store/archiveFormat';
import { addFinding } from '../../../shared/map/edits';
import { addUser, auditTrail, makeCase, makeLesion, makePatient, must, refused, reopen, signInAs, signInSurgeon, TEST_PASSWORD, useTempWorld } from '../store/helpers';
import { blockNumbered, peripheralTumor, quartered, unwrap } from '../store/maps';

const world = useTempWorld();

/** A surgeon's signed case: one lesion, two stages (a positive margin in stage 1), a block read with its histology, an addendum. */
async function signedCase(ctx: ServiceContext<SqliteStore>, patient = { familyName: 'Okafor', givenName: 'Grace', mrn: 'MRN-100234' }) {
  const surgeon = await signInSurgeon(ctx, 'Dr Ada Moss');
  const p = await makePatient(ctx, { ...patient, dateOfBirth: '1948-02-11' });
  const kase = await makeCase(ctx, p.id, surgeon.id, { dateOfSurgery: '2026-03-14' });
  const lesion = await makeLesion(ctx, kase.id);
  const s1 = await must(ctx, 'stages.create', { lesionId: lesion.id, doc: quartered() });
  const s1b = await must(ctx, 'stages.save', { id: s1.id, version: s1.version, doc: unwrap(addFinding(s1.doc, peripheralTumor(s1.doc, 2))) });
  await must(ctx, 'stages.create', { lesionId: lesion.id, doc: quartered() });
  const block = blockNumbered(s1b.doc, 1).id;
  await must(ctx, 'blocks.setStatus', { id: block, version: 1, status: 'grossed' });
  const tech = await addUser(ctx, 'histotech', 'Sam Lab');
  await signInAs(ctx, tech);
  const lab = await must(ctx, 'histology.setLab', { blockId: block, version: 0, lab: { slides: 2, levels: 3, stains: [{ name: 'H&E', kind: 'routine' }, { name: 'SOX10', kind: 'immuno' }], quality: 'problems', problems: ['folds'], recut: true } });
  await signInAs(ctx, surgeon);
  const note = await must(ctx, 'operativeNote.get', { caseId: kase.id });
  await must(ctx, 'operativeNote.save', {
    caseId: kase.id,
    version: note.version,
    freeText: { anesthesia: '1% lidocaine with epinephrine, 4 mL', closure: '', postOp: 'Pressure dressing for 48 hours.' },
    surgeonText: `${note.generated}\nAddendum by the surgeon: patient tolerated the procedure well.`,
  });
  await must(ctx, 'histology.setReading', { blockId: block, version: lab.version, reading: { tumorSubtypeId: null, perineural: 'present', nerveSizeMm: 0.2, note: 'Tumor at the 3 o’clock edge.' } });
  const now = await must(ctx, 'cases.get', { id: kase.id });
  const warnings = await must(ctx, 'cases.signWarnings', { id: kase.id });
  await must(ctx, 'cases.sign', { id: kase.id, version: now.case.version, password: TEST_PASSWORD, reviewed: warnings.map((w) => w.id) });
  await must(ctx, 'addenda.add', { caseId: kase.id, lesionId: null, text: 'Pathology reviewed again: no change.' });
  return { surgeon, patient: p, kase, lesion };
}

/** What a clinic sees of a case: the case page, each lesion's stages, the addenda. */
async function whatTheClinicSees(ctx: ServiceContext<SqliteStore>, caseId: string) {
  const detail = await must(ctx, 'cases.get', { id: caseId });
  const stages = await Promise.all(detail.lesions.map((l) => must(ctx, 'stages.list', { lesionId: l.id })));
  const addenda = await must(ctx, 'addenda.list', { caseId });
  const histology = await Promise.all(detail.lesions.map((l) => must(ctx, 'histology.list', { lesionId: l.id })));
  const note = await must(ctx, 'operativeNote.get', { caseId });
  return JSON.parse(JSON.stringify({ case: detail.case, patient: detail.patient, surgeon: detail.surgeon.name, lesions: detail.lesions, stages, histology, note, addenda })) as unknown;
}

const rowCount = (ctx: ServiceContext<SqliteStore>): Record<string, number> =>
  Object.fromEntries(
    ['users', 'patients', 'cases', 'lesions', 'stages', 'blocks', 'margin_findings', 'block_histology', 'operative_notes', 'addenda', 'audit_events'].map((t) => [
      t,
      (ctx.store.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
    ]),
  );

/** Another clinic's database, its own surgeon-administrator signed in. */
async function otherClinic(): Promise<ServiceContext<SqliteStore>> {
  const ctx = world.open(world.file());
  await signInSurgeon(ctx, 'Dr Ben Other');
  return ctx;
}

describe('case archive: export then import', () => {
  it('carries a signed case whole into another database, attributed, with its original audit readable, and it survives a restart', async () => {
    const a = world.open(world.file());
    const { kase } = await signedCase(a);
    const file = path.join(world.dir(), 'okafor.zip');
    const exported = await must(a, 'archive.export', { caseId: kase.id, file });
    expect(exported).toMatchObject({ file, cases: 1, lesions: 1, sheets: 0 });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const exportRow = (await auditTrail(a, { entityId: kase.id }))[0];
    expect(exportRow).toMatchObject({ action: 'export', after: { output: 'case-archive', file: 'okafor.zip', cases: 1 } });

    const entries = unzipSync(new Uint8Array(fs.readFileSync(file)));
    expect(Object.keys(entries).sort()).toEqual(['manifest.json', 'records.json']);
    const manifest = JSON.parse(Buffer.from(entries['manifest.json']!).toString('utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ format: 'layermap-case-archive', formatVersion: 1, appVersion: '0.0.0-test', schemaVersion: a.store.schemaVersion, createdBy: { name: 'Dr Ada Moss' } });

    const b = await otherClinic();
    const importer = b.session.userId;
    const imported = await must(b, 'archive.import', { file });
    expect(imported).toMatchObject({ cases: 1, lesions: 1, stages: 2, newPatients: 1, patientsMatched: 0, sheets: 0 });
    expect(await whatTheClinicSees(b, kase.id)).toEqual(await whatTheClinicSees(a, kase.id));

    const caseRows = await auditTrail(b, { entityId: kase.id });
    const importRow = caseRows.find((r) => r.action === 'import' && r.entity === 'case');
    expect(importRow).toMatchObject({ userId: importer, userName: 'Dr Ben Other', after: { importedFrom: { file: 'okafor.zip', createdBy: 'Dr Ada Moss' } } });
    // The note came with it, attributed to the import too.
    expect(caseRows.find((r) => r.action === 'import' && r.entity === 'operative-note')).toMatchObject({ userId: importer });
    const original = (importRow?.after as { originalAudit: { action: string; entity: string; user_name: string }[] }).originalAudit;
    expect(original.filter((r) => r.entity === 'case').map((r) => r.action)).toEqual(expect.arrayContaining(['create', 'sign']));
    // Each row names who did it: the histotech's lab half of the histology is theirs, everything else the surgeon's.
    expect(original.filter((r) => r.user_name !== 'Dr Ada Moss').map((r) => [r.entity, r.action, r.user_name])).toEqual([['histology', 'create', 'Sam Lab']]);
    // A stage's create row, whose snapshot the audit stores deflated, travels as the stage it recorded.
    const stageCreates = (original as unknown as { action: string; entity: string; after: { doc?: unknown } | null }[]).filter((r) => r.entity === 'stage' && r.action === 'create');
    expect(stageCreates).toHaveLength(2);
    expect(stageCreates.every((r) => r.after?.doc !== undefined)).toBe(true);
    // The surgeon who signed is named on the record here, but cannot sign in to this clinic.
    const users = await must(b, 'users.list', {});
    expect(users.find((u) => u.name === 'Dr Ada Moss')).toMatchObject({ active: false });
    expect((await must(b, 'audit.verify', {})).intact).toBe(true);

    const again = reopen(world, b);
    expect(await whatTheClinicSees(again, kase.id)).toEqual(await whatTheClinicSees(a, kase.id));
  });

  it('exports every case of a date range, and only those', async () => {
    const a = world.open(world.file());
    const surgeon = await signInSurgeon(a);
    const p = await makePatient(a);
    const inside = [await makeCase(a, p.id, surgeon.id, { dateOfSurgery: '2026-04-01' }), await makeCase(a, p.id, surgeon.id, { dateOfSurgery: '2026-04-30' })];
    await makeCase(a, p.id, surgeon.id, { dateOfSurgery: '2026-05-01' });
    const file = path.join(world.dir(), 'april.zip');
    expect(await must(a, 'archive.export', { from: '2026-04-01', to: '2026-04-30', file })).toMatchObject({ cases: 2 });
    const b = await otherClinic();
    expect(await must(b, 'archive.import', { file })).toMatchObject({ cases: 2, newPatients: 1 });
    // Each case's import row carries that case's own original trail, not its neighbour's.
    for (const c of inside) {
      const row = (await auditTrail(b, { entityId: c.id })).find((r) => r.action === 'import');
      const entityIds = (row?.after as { originalAudit: { entity_id: string }[] }).originalAudit.map((e) => e.entity_id);
      expect(entityIds).toContain(c.id);
      expect(entityIds).not.toContain(inside.find((x) => x !== c)!.id);
    }
    const found = await must(b, 'cases.search', { text: '', limit: 50 });
    expect(found.map((c) => c.caseId).sort()).toEqual(inside.map((c) => c.id).sort());
    expect((await refused(a, 'archive.export', { from: '2027-01-01', to: '2027-01-31', file: path.join(world.dir(), 'none.zip') })).message).toBe('No cases had surgery between 2027-01-01 and 2027-01-31; nothing was exported.');
  });

  it('uses the patient already registered with the same MRN, name and date of birth', async () => {
    const a = world.open(world.file());
    const { kase } = await signedCase(a);
    const file = path.join(world.dir(), 'x.zip');
    await must(a, 'archive.export', { caseId: kase.id, file });
    const b = await otherClinic();
    const here = await makePatient(b, { familyName: 'OKAFOR', givenName: 'Grace', mrn: 'mrn100234', dateOfBirth: '1948-02-11' });
    expect(await must(b, 'archive.import', { file })).toMatchObject({ newPatients: 0, patientsMatched: 1 });
    expect((await must(b, 'cases.get', { id: kase.id })).patient.id).toBe(here.id);
  });
});

describe('case archive: refusals write nothing', () => {
  async function exportedArchive() {
    const a = world.open(world.file());
    const { kase } = await signedCase(a);
    const file = path.join(world.dir(), 'case.zip');
    await must(a, 'archive.export', { caseId: kase.id, file });
    return { a, kase, file, bytes: new Uint8Array(fs.readFileSync(file)) };
  }
  const write = (bytes: Uint8Array, name = 'changed.zip') => {
    const file = path.join(world.dir(), name);
    fs.writeFileSync(file, bytes);
    return file;
  };
  const rezip = (bytes: Uint8Array, change: (entries: Record<string, Uint8Array>) => void) => {
    const entries = unzipSync(bytes);
    change(entries);
    return zipSync(entries);
  };
  const json = (b: Uint8Array) => JSON.parse(Buffer.from(b).toString('utf8')) as Record<string, unknown>;

  it('refuses the same case twice, saying whose case on which day', async () => {
    const { file } = await exportedArchive();
    const b = await otherClinic();
    await must(b, 'archive.import', { file });
    const before = rowCount(b);
    expect(await refused(b, 'archive.import', { file })).toEqual({
      code: 'invalid_input',
      message: 'case.zip cannot be imported: the case of Okafor, Grace on 2026-03-14 is already in this database (imported or exported from here before). Nothing was imported.',
    });
    expect(rowCount(b)).toEqual(before);
  });

  it('refuses an MRN that belongs to someone else here, naming both', async () => {
    const { file } = await exportedArchive();
    const b = await otherClinic();
    await makePatient(b, { familyName: 'Okafor', givenName: 'George', mrn: 'MRN-100234', dateOfBirth: '1951-09-30' });
    const before = rowCount(b);
    expect((await refused(b, 'archive.import', { file })).message).toBe(
      "case.zip cannot be imported: MRN MRN-100234 belongs here to Okafor, George (born 1951-09-30), but the archive's patient with that MRN is Okafor, Grace (born 1948-02-11). Check which record is right and correct it first. Nothing was imported.",
    );
    expect(rowCount(b)).toEqual(before);
  });

  it('refuses a truncated, altered, newer or foreign file with a clear message', async () => {
    const { bytes } = await exportedArchive();
    const b = await otherClinic();
    const before = rowCount(b);
    const cases: [Uint8Array, RegExp][] = [
      [bytes.slice(0, Math.floor(bytes.length / 2)), /is not a complete zip file/],
      [strToU8('Family,Given\nOkafor,Grace\n'), /is not a complete zip file/],
      [zipSync({ 'notes.txt': strToU8('hello') }), /has no manifest\.json, so it is not a Layermap case archive/],
      [
        rezip(bytes, (e) => {
          const r = json(e['records.json']!);
          (r.cases as { notes: string }[])[0]!.notes = 'edited afterwards';
          e['records.json'] = strToU8(JSON.stringify(r));
        }),
        /records\.json does not match the checksum in its manifest/,
      ],
      [
        rezip(bytes, (e) => {
          const m = json(e['manifest.json']!);
          e['manifest.json'] = strToU8(JSON.stringify({ ...m, formatVersion: ARCHIVE_FORMAT_VERSION + 1, appVersion: '9.0.0' }));
        }),
        /was written by a newer Layermap \(9\.0\.0, archive format 2; this Layermap reads format 1\)/,
      ],
      [
        rezip(bytes, (e) => {
          const m = json(e['manifest.json']!);
          e['manifest.json'] = strToU8(JSON.stringify({ ...m, schemaVersion: 99 }));
        }),
        /database schema 99/,
      ],
      [rezip(bytes, (e) => void (e['sheets/extra.pdf'] = strToU8('%PDF-1.4'))), /sheets\/extra\.pdf is in the zip but not in its manifest/],
    ];
    for (const [damaged, message] of cases) {
      const error = await refused(b, 'archive.import', { file: write(damaged) });
      expect(error.code).toBe('invalid_input');
      expect(error.message).toMatch(message);
      expect(error.message).toMatch(/Nothing was imported\.$/);
    }
    expect((await refused(b, 'archive.import', { file: path.join(world.dir(), 'missing.zip') })).code).toBe('not_found');
    expect(rowCount(b)).toEqual(before);
  });

  /** Records changed and the manifest's checksum made to match: what only a deliberate edit produces. */
  const reforged = (bytes: Uint8Array, change: (records: Record<string, { [k: string]: unknown }[]>) => void) =>
    rezip(bytes, (e) => {
      const r = json(e['records.json']!) as Record<string, { [k: string]: unknown }[]>;
      change(r);
      e['records.json'] = strToU8(JSON.stringify(r));
      const m = json(e['manifest.json']!);
      (m.entries as { name: string; bytes: number; sha256: string }[])[0] = {
        name: 'records.json',
        bytes: e['records.json'].length,
        sha256: createHash('sha256').update(e['records.json']).digest('hex'),
      };
      e['manifest.json'] = strToU8(JSON.stringify(m));
    });

  it('refuses records that do not match the format, or do not hang together, even with matching checksums', async () => {
    const { bytes } = await exportedArchive();
    const b = await otherClinic();
    const before = rowCount(b);
    const wrongType = reforged(bytes, (r) => void (r.stages![0]!.number = 'one'));
    expect((await refused(b, 'archive.import', { file: write(wrongType) })).message).toMatch(/its records are not in the form Layermap writes \(stages\.0\.number: /);
    const badChecklist = reforged(bytes, (r) => void (r.operative_notes![0]!.checklist = '{"not-an-item":{}}'));
    expect((await refused(b, 'archive.import', { file: write(badChecklist, 'note.zip') })).message).toMatch(/^note\.zip cannot be imported: the consent and time-out checklist of the operative note of case \S+ is not in the form Layermap writes/);
    const badStain = reforged(bytes, (r) => void (r.block_histology![0]!.stains = '[{"name":""}]'));
    expect((await refused(b, 'archive.import', { file: write(badStain, 'stain.zip') })).message).toMatch(/^stain\.zip cannot be imported: the histology of block \S+ is not in the form Layermap writes/);
    const orphan = reforged(bytes, (r) => void (r.stages![0]!.lesion_id = 'no-such-lesion'));
    expect((await refused(b, 'archive.import', { file: write(orphan, 'orphan.zip') })).message).toMatch(/^orphan\.zip cannot be imported: its records do not hang together: stage \S+ names no-such-lesion, which is not in the archive\. Nothing was imported\.$/);
    expect(rowCount(b)).toEqual(before);
  });

  it('never writes over an existing file, and is for surgeons and administrators only', async () => {
    const { a, kase, file } = await exportedArchive();
    const size = fs.statSync(file).size;
    expect((await refused(a, 'archive.export', { caseId: kase.id, file })).message).toMatch(/already exists\. An archive is never written over another file/);
    expect(fs.statSync(file).size).toBe(size);
    expect((await refused(a, 'archive.export', { caseId: kase.id, file: 'relative.zip' })).message).toMatch(/full path/);
    const tech = await addUser(a, 'histotech');
    await must(a, 'session.signIn', { userId: tech.id, secret: TEST_PASSWORD });
    expect((await refused(a, 'archive.export', { caseId: kase.id, file: path.join(world.dir(), 'n.zip') })).code).toBe('forbidden');
    expect((await refused(a, 'archive.import', { file })).code).toBe('forbidden');
  });
});
