import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../../electron/services/context';
import { dispatch } from '../../../electron/services/dispatch';
import type { Patient } from '../../../shared/records';
import { addFinding } from '../../../shared/map/edits';
import { auditCount, caseInput, DB_NAME, lesionInput, makeCase, makeLesion, makePatient, must, patientInput, reopen, signInSurgeon, useTempWorld, TEST_PASSWORD } from './helpers';
import { bisected, blockRows, peripheralTumor, quartered, unwrap } from './maps';

const world = useTempWorld();

/** A clinic day's worth of records, returned as the app returned them. */
async function fillClinic(ctx: ServiceContext) {
  const surgeon = await signInSurgeon(ctx, 'Dr Ines Ortega');
  const tech = await must(ctx, 'users.create', { name: 'Lee Histo', initials: 'LH', roles: ['histotech'], password: 'a first password' });
  const settings = await must(ctx, 'settings.update', { clinicName: 'Harbour Mohs', cliaNumber: '12D3456789', blockLabelConvention: 'stage-letter', defaultMarginMm: 1.5 });
  const patient = await makePatient(ctx, { familyName: 'Åström', givenName: 'Björn', mrn: 'H-0001' });
  const updatedPatient = await must(ctx, 'patients.update', { id: patient.id, version: 1, ...patientInput({ familyName: 'Åström', givenName: 'Björn', mrn: 'H-0001', sex: 'male' }) });
  const kase = await makeCase(ctx, patient.id, surgeon.id, { dateOfSurgery: '2026-05-05', accessionNumber: 'S26-0505', notes: 'Pacemaker: bipolar only.' });
  const a0 = await makeLesion(ctx, kase.id, { siteDetail: 'alar groove' });
  const b = await makeLesion(ctx, kase.id, { siteId: 'helix', laterality: 'right', tumorTypeId: 'scc-well-differentiated', recurrent: true, deepStructures: ['cartilage'] });
  const b2 = await must(ctx, 'lesions.update', { id: b.id, version: 1, ...lesionInput({ siteId: 'helix', laterality: 'right', tumorTypeId: 'scc-well-differentiated', recurrent: true, deepStructures: ['cartilage', 'muscle'], preopLengthMm: 11.5 }) });
  // Lesion A is mapped: two stages, the first with tumor at block 2's edge, and its final defect.
  const s1 = await must(ctx, 'stages.create', { lesionId: a0.id, doc: quartered() });
  const s1b = await must(ctx, 'stages.save', { id: s1.id, version: 1, doc: unwrap(addFinding(s1.doc, peripheralTumor(s1.doc, 2))) });
  const s2 = await must(ctx, 'stages.create', { lesionId: a0.id, doc: bisected() });
  const a = await must(ctx, 'lesions.setMapFacts', { id: a0.id, version: 1, twelveOClock: 'medial', finalDefect: { lengthMm: 14, widthMm: 10, source: 'measured' } });
  const blocks = [...blockRows(ctx, s1.id), ...blockRows(ctx, s2.id)];
  return { surgeon, tech, settings, patient: updatedPatient, kase, lesions: [a, b2], stages: [s1b, s2], blocks, audits: auditCount(ctx) };
}

async function expectClinic(ctx: ServiceContext, saved: Awaited<ReturnType<typeof fillClinic>>): Promise<void> {
  expect(await must(ctx, 'users.list')).toEqual(expect.arrayContaining([saved.surgeon, saved.tech]));
  expect(await must(ctx, 'settings.get')).toEqual(saved.settings);
  expect(await must(ctx, 'patients.search', { text: 'astrom' })).toEqual([saved.patient]);
  const detail = await must(ctx, 'cases.get', { id: saved.kase.id });
  expect(detail.case).toEqual(saved.kase);
  expect(detail.patient).toEqual(saved.patient);
  expect(detail.surgeon).toEqual(saved.surgeon);
  expect(detail.lesions).toEqual(saved.lesions);
  expect((await must(ctx, 'lesions.get', { id: saved.lesions[1]!.id })).lesion).toEqual(saved.lesions[1]);
  expect((await must(ctx, 'cases.search', { text: '2026-05-05' })).map((s) => s.caseId)).toEqual([saved.kase.id]);
  const stages = await must(ctx, 'stages.list', { lesionId: saved.lesions[0]!.id });
  expect(stages).toEqual(saved.stages);
  expect(stages.map((s) => s.result)).toEqual(['positive', 'pending']);
  expect(stages.flatMap((s) => blockRows(ctx, s.id))).toEqual(saved.blocks);
  expect(saved.blocks.map((b) => b.label)).toEqual(['1A', '1B', '1C', '1D', '2A', '2B']);
  expect(auditCount(ctx)).toBe(saved.audits);
}

describe('everything saved is still there after closing and reopening', () => {
  it('users, settings, patients, cases, lesions and stage maps, exactly as returned when saved', async () => {
    const ctx = world.open(world.file());
    const saved = await fillClinic(ctx);
    const again = reopen(world, ctx);
    await expectClinic(again, saved);
    // And the reopened file keeps working: nobody is signed in until someone chooses.
    await must(again, 'session.signIn', { userId: saved.surgeon.id, secret: TEST_PASSWORD });
    expect((await makeLesion(again, saved.kase.id)).label).toBe('C');
  });

  it('survives the app being killed: the file and its WAL, copied while open, hold every saved change', async () => {
    const ctx = world.open(world.file());
    const saved = await fillClinic(ctx);
    // No close and no checkpoint: what a power cut leaves on disk (synchronous=FULL has synced it).
    const crashed = path.join(world.dir(), DB_NAME);
    fs.copyFileSync(ctx.store.path, crashed);
    fs.copyFileSync(`${ctx.store.path}-wal`, `${crashed}-wal`);
    expect(fs.statSync(`${crashed}-wal`).size).toBeGreaterThan(0);
    const afterCrash = world.open(crashed);
    afterCrash.session.userId = ctx.session.userId; // signed in again after the restart
    await expectClinic(afterCrash, saved);
  });
});

describe('a full disk', () => {
  it('refuses the change with storage_full, keeps everything saved before, and works again once there is room', async () => {
    const file = world.file();
    const ctx = world.open(file);
    const surgeon = await signInSurgeon(ctx);
    const kase = await makeCase(ctx, (await makePatient(ctx)).id, surgeon.id);
    const lesion = await makeLesion(ctx, kase.id);

    // The file may not grow past its current size (clamped to the current page count).
    ctx.store.db.pragma('max_page_count = 1');
    const saved: Patient[] = [];
    let failure: { code: string; message: string } | undefined;
    for (let i = 0; i < 5000 && failure === undefined; i++) {
      const r = await dispatch(ctx, 'patients.create', patientInput({ familyName: `Full${i}`, mrn: `FULL-${i}` }));
      if (r.ok) saved.push(r.value);
      else failure = r.error;
    }
    expect(failure).toBeDefined();
    expect(failure?.code).toBe('storage_full');
    expect(failure?.message).toMatch(/disk is full/i);
    expect(failure?.message).toMatch(/not saved/);
    const auditsAfterFailure = auditCount(ctx);
    expect(auditsAfterFailure).toBe(1 /* user */ + 1 /* clinic set-up */ + 1 /* patient */ + 1 /* case */ + 1 /* lesion */ + saved.length);

    expect(saved.length).toBeGreaterThan(0); // the limit bit on growth, not on the first write

    // Other writes fail the same way (4000 characters of notes need a new page for certain).
    const big = await dispatch(ctx, 'cases.create', { patientId: kase.patientId, ...caseInput(surgeon.id, { notes: 'n'.repeat(4000) }) });
    expect(big.ok ? 'saved' : big.error.code).toBe('storage_full');
    expect(auditCount(ctx)).toBe(auditsAfterFailure);

    const again = reopen(world, ctx);
    const found = await must(again, 'patients.search', { text: 'full', limit: 200 });
    expect(found.map((p) => p.id).sort()).toEqual(saved.map((p) => p.id).sort());
    expect((await must(again, 'cases.get', { id: kase.id })).lesions.map((l) => l.id)).toEqual([lesion.id]);
    expect((await must(again, 'cases.search', { text: '' })).map((c) => c.caseId)).toEqual([kase.id]);
    expect(auditCount(again)).toBe(auditsAfterFailure);
    expect(again.store.db.pragma('integrity_check', { simple: true })).toBe('ok');

    // The limit was this connection's; after the restart there is room again.
    await must(again, 'session.signIn', { userId: surgeon.id, secret: TEST_PASSWORD });
    expect((await makePatient(again, { familyName: 'Roomy' })).familyName).toBe('Roomy');
  });
});
