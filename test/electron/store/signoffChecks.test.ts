import { describe, expect, it } from 'vitest';
import { markRestClear } from '../../../shared/map/readings';
import type { ServiceContext } from '../../../electron/services/context';
import { addUser, auditCount, makeCase, makeLesion, makePatient, must, refused, seed, signInAs, signInSurgeon, useTempWorld, TEST_PASSWORD, auditTrail } from './helpers';
import { quartered, unwrap } from './maps';

/**
 * What signing warns about before it locks, read from the stored record; a sign request that
 * names the warnings the surgeon reviewed is refused when a new one appeared since. And what
 * stays editable after signing: the patient record, each change shown as an addendum.
 */
const world = useTempWorld();

/** Every block of the case's lesions moved to "read" by the lab, through the worklist. */
async function labReadsAll(ctx: ServiceContext, date: string): Promise<void> {
  for (const row of await must(ctx, 'worklist.list', { date })) await must(ctx, 'blocks.setStatus', { id: row.blockId, version: row.version, status: 'read' });
}

describe('sign-off warnings', () => {
  it('lists every gap of an unfinished lesion, case-level first, and none once the record is complete', async () => {
    const ctx = world.open(world.file());
    const { kase, lesion, surgeon } = await seed(ctx);
    const noAccession = await must(ctx, 'cases.update', { id: kase.id, version: kase.version, dateOfSurgery: kase.dateOfSurgery, surgeonId: kase.surgeonId, accessionNumber: '', notes: '' });
    expect((await must(ctx, 'lesions.signWarnings', { id: lesion.id })).map((w) => w.message)).toEqual([
      'The case has no accession number from the lab.',
      "Lesion A: no 12 o'clock direction chosen; the map cannot be oriented on the patient.",
      'Lesion A: no stage is mapped.',
      'Lesion A: no final defect size recorded.',
      'Lesion A: no outcome recorded (cleared, stopped or referred).',
    ]);

    const stage = await must(ctx, 'stages.create', { lesionId: lesion.id, doc: quartered() });
    expect((await must(ctx, 'lesions.signWarnings', { id: lesion.id })).map((w) => w.id)).toEqual([
      'no-accession-number',
      `no-twelve-oclock:${lesion.id}`,
      `unread-blocks:${lesion.id}:1`,
      `lab-unfinished:${lesion.id}:1`,
      `no-final-defect:${lesion.id}`,
      `no-repair:${lesion.id}`,
      `no-outcome:${lesion.id}`,
    ]);
    const messages = (await must(ctx, 'lesions.signWarnings', { id: lesion.id })).map((w) => w.message);
    expect(messages).toContain('Lesion A: stage 1 blocks 1-1, 1-2, 1-3, 1-4 not read.');
    expect(messages).toContain('Lesion A: stage 1 blocks short of "read" in the lab: 1-1 (excised), 1-2 (excised), 1-3 (excised), 1-4 (excised).');

    // Cleared on paper while the stage is still unread: said too.
    const l = await must(ctx, 'lesions.setOutcome', { id: lesion.id, version: lesion.version, outcome: { kind: 'cleared' } });
    expect((await must(ctx, 'lesions.signWarnings', { id: lesion.id })).map((w) => w.message)).toContain('Lesion A: recorded as cleared, but its last stage (1) is not read.');

    // Complete the record: every warning goes.
    await must(ctx, 'stages.save', { id: stage.id, version: stage.version, doc: unwrap(markRestClear(stage.doc)) });
    await labReadsAll(ctx, kase.dateOfSurgery);
    const faceted = await must(ctx, 'lesions.setMapFacts', { id: l.id, version: l.version, twelveOClock: 'superior', finalDefect: { lengthMm: 14, widthMm: 10, source: 'measured' } });
    await must(ctx, 'lesions.setRepair', { id: l.id, version: faceted.version, repair: { kind: 'second-intention', siteIds: [faceted.siteId], defectDepth: null, lengthCm: null, primaryDefect: null, secondaryDefect: null, graft: null, laterOn: '' } });

    // The histotech asks for a re-cut of block 1-2: said until the re-cut is recorded done.
    const [, second] = await must(ctx, 'worklist.list', { date: kase.dateOfSurgery });
    const tech = await addUser(ctx, 'histotech', 'Sam Lab');
    await signInAs(ctx, tech);
    const folds = { slides: 1, levels: null, stains: [], quality: 'problems' as const, problems: ['folds' as const], recut: true };
    const asked = await must(ctx, 'histology.setLab', { blockId: second!.blockId, version: 0, lab: folds });
    await signInAs(ctx, surgeon);
    expect((await must(ctx, 'lesions.signWarnings', { id: lesion.id })).map((w) => [w.id, w.message])).toEqual([
      ['no-accession-number', 'The case has no accession number from the lab.'],
      [`recut-pending:${lesion.id}:1`, 'Lesion A: stage 1 block 1-2 still to be re-cut.'],
    ]);
    await signInAs(ctx, tech);
    await must(ctx, 'histology.setLab', { blockId: second!.blockId, version: asked.version, lab: { ...folds, slides: 2, quality: 'adequate', problems: [], recut: false } });
    await signInAs(ctx, surgeon);
    await must(ctx, 'cases.update', { id: kase.id, version: noAccession.version, dateOfSurgery: kase.dateOfSurgery, surgeonId: kase.surgeonId, accessionNumber: 'S26-1', notes: '' });
    expect(await must(ctx, 'lesions.signWarnings', { id: lesion.id })).toEqual([]);
    expect(await must(ctx, 'cases.signWarnings', { id: kase.id })).toEqual([]);
  });

  it('signs over the warnings the surgeon reviewed, recording them in the audit, and refuses when a new one appeared', async () => {
    const ctx = world.open(world.file());
    const { kase, lesion } = await seed(ctx);
    const reviewed = (await must(ctx, 'lesions.signWarnings', { id: lesion.id })).map((w) => w.id);
    // A stage added after the dialog opened brings unread blocks nobody has seen yet.
    await must(ctx, 'stages.create', { lesionId: lesion.id, doc: quartered() });
    const audits = auditCount(ctx);
    const refusal = await refused(ctx, 'lesions.sign', { id: lesion.id, version: lesion.version, reviewed, password: TEST_PASSWORD });
    expect(refusal).toEqual({
      code: 'conflict',
      message:
        'Not signed: something changed since you reviewed it. Lesion A: stage 1 blocks 1-1, 1-2, 1-3, 1-4 not read. Lesion A: stage 1 blocks short of "read" in the lab: 1-1 (excised), 1-2 (excised), 1-3 (excised), 1-4 (excised). Lesion A: no repair recorded (choose "No repair" or "Second intention" if the wound was not closed). Review again before signing.',
    });
    expect(auditCount(ctx)).toBe(audits);
    expect((await must(ctx, 'lesions.get', { id: lesion.id })).lesion.signature).toBeNull();

    const now = await must(ctx, 'lesions.signWarnings', { id: lesion.id });
    const signed = await must(ctx, 'lesions.sign', { id: lesion.id, version: lesion.version, reviewed: now.map((w) => w.id), password: TEST_PASSWORD });
    expect(signed.signature).not.toBeNull();
    const [event] = await auditTrail(ctx, { entityId: lesion.id, limit: 1 });
    expect(event).toMatchObject({ action: 'sign', after: expect.objectContaining({ signedOverWarnings: now.map((w) => w.message) }) });

    // A case signature covers only the lesions not signed yet.
    const b = await makeLesion(ctx, kase.id, { siteId: 'finger' });
    expect((await must(ctx, 'cases.signWarnings', { id: kase.id })).map((w) => w.lesionId)).toEqual([b.id, b.id, b.id, b.id]);
  });
});

describe('after signing', () => {
  it("locks the case's date of surgery and surgeon once a lesion is signed; the accession number stays editable", async () => {
    const ctx = world.open(world.file());
    const { kase, lesion, surgeon } = await seed(ctx);
    await must(ctx, 'lesions.sign', { id: lesion.id, version: lesion.version, password: TEST_PASSWORD });
    const fields = { dateOfSurgery: kase.dateOfSurgery, surgeonId: surgeon.id, accessionNumber: kase.accessionNumber, notes: '' };
    expect(await refused(ctx, 'cases.update', { id: kase.id, version: kase.version, ...fields, dateOfSurgery: '2026-03-15' })).toEqual({
      code: 'forbidden',
      message: expect.stringMatching(
        /^Lesion A was signed by Dr Tester \d+ on \d{4}-\d{2}-\d{2}; the date of surgery and the surgeon can no longer be changed\. Add an addendum instead\.$/,
      ),
    });
    const other = await addUser(ctx, 'surgeon');
    expect((await refused(ctx, 'cases.update', { id: kase.id, version: kase.version, ...fields, surgeonId: other.id })).code).toBe('forbidden');
    expect((await must(ctx, 'cases.update', { id: kase.id, version: kase.version, ...fields, accessionNumber: 'S26-9999' })).accessionNumber).toBe('S26-9999');
  });

  it('keeps the patient record editable, and adds an addendum naming the user and the change to each signed case only', async () => {
    const ctx = world.open(world.file());
    const surgeon = await signInSurgeon(ctx, 'Dr Signer');
    const patient = await makePatient(ctx, { familyName: 'Smyth', mrn: 'P-100' });
    const signedCase = await makeCase(ctx, patient.id, surgeon.id);
    const openCase = await makeCase(ctx, patient.id, surgeon.id, { dateOfSurgery: '2026-04-01' });
    await makeLesion(ctx, signedCase.id);
    await makeLesion(ctx, openCase.id);
    await must(ctx, 'cases.sign', { id: signedCase.id, version: signedCase.version, password: TEST_PASSWORD });

    const clerk = await addUser(ctx, 'staff', 'Pat Clerk');
    await must(ctx, 'session.signIn', { userId: clerk.id, secret: TEST_PASSWORD });
    const changed = await must(ctx, 'patients.update', { id: patient.id, version: patient.version, ...patientFields(patient), familyName: 'Smith', mrn: 'P-101' });
    expect(changed).toMatchObject({ familyName: 'Smith', mrn: 'P-101' });
    const expected = 'Patient record changed after signing: family name "Smyth" → "Smith"; MRN "P-100" → "P-101".';
    expect((await must(ctx, 'addenda.list', { caseId: signedCase.id })).map((a) => [a.lesionId, a.userName, a.text])).toEqual([[null, 'Pat Clerk', expected]]);
    expect(await must(ctx, 'addenda.list', { caseId: openCase.id })).toEqual([]);
    const [event] = await auditTrail(ctx, { entityId: signedCase.id, limit: 1 });
    expect(event).toMatchObject({ action: 'addendum', userId: clerk.id, after: expect.objectContaining({ text: expected }) });
    // Saving the same values again changes nothing and adds nothing.
    await must(ctx, 'patients.update', { id: patient.id, version: changed.version, ...patientFields(changed) });
    expect(await must(ctx, 'addenda.list', { caseId: signedCase.id })).toHaveLength(1);
  });
});

function patientFields(p: { familyName: string; givenName: string; mrn: string; dateOfBirth: string; sex: 'female' | 'male' | 'other' | 'unknown' }) {
  return { familyName: p.familyName, givenName: p.givenName, mrn: p.mrn, dateOfBirth: p.dateOfBirth, sex: p.sex };
}
