import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../../electron/services/context';
import type { Signature } from '../../../shared/records';
import { addUser, auditCount, caseInput, lesionInput, makeLesion, must, refused, reopen, seed, signInSurgeon, useTempWorld, TEST_PASSWORD, auditTrail } from './helpers';
import { blockRows, findingRows, quartered, stageRow } from './maps';

const world = useTempWorld();
const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

/** The day of a signature on this computer's calendar, as the refusal names it. */
function day(iso: string): string {
  const t = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`;
}

const locked = (what: 'lesion' | 'case', s: Signature | null) => {
  if (!s) throw new Error(`the ${what} is not signed`);
  return {
    code: 'forbidden',
    message: `This ${what} was signed by ${s.signedByName} on ${day(s.signedAt)}; it can no longer be changed. Add an addendum instead.`,
  };
};

const NOT_SIGNED = { code: 'invalid_input', message: 'Unsigned records are edited directly; addenda are for signed records.' };

/** A surgeon's case with one lesion mapped in one quartered stage. */
async function mapped() {
  const ctx = world.open(world.file());
  const { surgeon, kase, lesion } = await seed(ctx);
  const stage = await must(ctx, 'stages.create', { lesionId: lesion.id, doc: quartered() });
  return { ctx, surgeon, kase, lesion, stage };
}

/** Everything a refused write could have touched. */
async function everything(ctx: ServiceContext, caseId: string, stageId?: string) {
  return {
    detail: await must(ctx, 'cases.get', { id: caseId }),
    stage: stageId ? stageRow(ctx, stageId) : null,
    blocks: stageId ? blockRows(ctx, stageId) : null,
    findings: stageId ? findingRows(ctx, stageId) : null,
    addenda: await must(ctx, 'addenda.list', { caseId }),
    audits: auditCount(ctx),
  };
}

describe('who may sign', () => {
  it('refuses a histotech, says only a Mohs surgeon can sign, and changes nothing', async () => {
    const { ctx, kase, lesion, stage } = await mapped();
    const tech = await addUser(ctx, 'histotech');
    await must(ctx, 'session.signIn', { userId: tech.id, secret: TEST_PASSWORD });
    const before = await everything(ctx, kase.id, stage.id);
    const forbidden = { code: 'forbidden', message: expect.stringMatching(/^Only a Mohs surgeon may do this \(Sign a (lesion|case)/) };
    expect(await refused(ctx, 'lesions.sign', { id: lesion.id, version: lesion.version, password: TEST_PASSWORD })).toEqual(forbidden);
    expect(await refused(ctx, 'cases.sign', { id: kase.id, version: kase.version, password: TEST_PASSWORD })).toEqual(forbidden);
    expect(await everything(ctx, kase.id, stage.id)).toEqual(before);
    // Nor edit the lesion: that is the surgeon's (shared/api/roles.ts).
    expect((await refused(ctx, 'lesions.update', { id: lesion.id, version: lesion.version, ...lesionInput({ preopLengthMm: 9 }) })).code).toBe('forbidden');
  });

  it('refuses to sign when nobody is working', async () => {
    const { ctx, lesion } = await mapped();
    await must(ctx, 'session.signOut');
    expect((await refused(ctx, 'lesions.sign', { id: lesion.id, version: lesion.version, password: TEST_PASSWORD })).code).toBe('no_user');
  });
});

describe('signing a lesion', () => {
  it('records who signed and when, moves the version on, and audits it as a signature', async () => {
    const { ctx, surgeon, lesion } = await mapped();
    const audits = auditCount(ctx);
    const signed = await must(ctx, 'lesions.sign', { id: lesion.id, version: lesion.version, password: TEST_PASSWORD });
    expect(signed).toEqual({
      ...lesion,
      signature: { signedAt: signed.updatedAt, signedBy: surgeon.id, signedByName: surgeon.name, method: 'password' },
      version: lesion.version + 1,
      updatedAt: signed.updatedAt,
    });
    expect(auditCount(ctx)).toBe(audits + 1);
    const [event] = await auditTrail(ctx, { entityId: lesion.id, limit: 1 });
    expect(event).toMatchObject({ entity: 'lesion', action: 'sign', userId: surgeon.id, before: asJson(lesion), after: asJson(signed) });
    expect((await must(ctx, 'lesions.get', { id: lesion.id })).lesion).toEqual(signed);
    expect((await must(ctx, 'cases.get', { id: lesion.caseId })).lesions).toEqual([signed]);
  });

  it('refuses a stale version, a second signature and an unknown lesion, changing nothing', async () => {
    const { ctx, kase, lesion, stage } = await mapped();
    const edited = await must(ctx, 'lesions.update', { id: lesion.id, version: lesion.version, ...lesionInput({ preopWidthMm: 7 }) });
    const before = await everything(ctx, kase.id, stage.id);
    expect((await refused(ctx, 'lesions.sign', { id: lesion.id, version: lesion.version, password: TEST_PASSWORD })).code).toBe('stale');
    expect(await everything(ctx, kase.id, stage.id)).toEqual(before);

    const signed = await must(ctx, 'lesions.sign', { id: lesion.id, version: edited.version, password: TEST_PASSWORD });
    const after = await everything(ctx, kase.id, stage.id);
    expect(await refused(ctx, 'lesions.sign', { id: lesion.id, version: signed.version, password: TEST_PASSWORD })).toEqual({
      code: 'invalid_input',
      message: `Lesion A is already signed (by ${signed.signature?.signedByName} on ${day(signed.signature?.signedAt ?? '')}).`,
    });
    expect(await everything(ctx, kase.id, stage.id)).toEqual(after);
    expect((await refused(ctx, 'lesions.sign', { id: 'no-such-lesion', version: 1, password: TEST_PASSWORD })).code).toBe('not_found');
  });
});

describe('a signed lesion is read-only', () => {
  it('refuses every change to the lesion and its maps with a message naming the signer and the day, and changes nothing', async () => {
    const { ctx, kase, lesion, stage } = await mapped();
    const signed = await must(ctx, 'lesions.sign', { id: lesion.id, version: lesion.version, password: TEST_PASSWORD });
    const refusal = locked('lesion', signed.signature);
    const before = await everything(ctx, kase.id, stage.id);

    expect(await refused(ctx, 'lesions.update', { id: lesion.id, version: signed.version, ...lesionInput({ preopLengthMm: 12 }) })).toEqual(refusal);
    expect(await refused(ctx, 'lesions.setMapFacts', { id: lesion.id, version: signed.version, twelveOClock: 'medial', finalDefect: null })).toEqual(refusal);
    expect(await refused(ctx, 'stages.create', { lesionId: lesion.id, doc: quartered() })).toEqual(refusal);
    expect(await refused(ctx, 'stages.save', { id: stage.id, version: stage.version, doc: quartered() })).toEqual(refusal);
    expect(await refused(ctx, 'stages.remove', { id: stage.id, version: stage.version })).toEqual(refusal);
    // Even an out-of-date version is told about the signature, not asked to reload.
    expect(await refused(ctx, 'lesions.update', { id: lesion.id, version: 1, ...lesionInput() })).toEqual(refusal);
    expect(await everything(ctx, kase.id, stage.id)).toEqual(before);
  });

  it('leaves the case and its other lesions editable', async () => {
    const { ctx, kase, lesion, surgeon } = await mapped();
    await must(ctx, 'lesions.sign', { id: lesion.id, version: lesion.version, password: TEST_PASSWORD });
    const updated = await must(ctx, 'cases.update', { id: kase.id, version: kase.version, ...caseInput(surgeon.id, { notes: 'Second lesion added.' }) });
    expect((await must(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: updated.version, codes: ['88305'] })).signature).toBeNull();
    const other = await makeLesion(ctx, kase.id);
    expect((await must(ctx, 'lesions.update', { id: other.id, version: other.version, ...lesionInput({ preopLengthMm: 5, preopWidthMm: 4 }) })).version).toBe(2);
    expect((await must(ctx, 'stages.create', { lesionId: other.id, doc: quartered() })).number).toBe(1);
  });

  it("still lets the lab move the signed lesion's blocks through their statuses (the lab's tracking, not the record)", async () => {
    const { ctx, lesion, stage } = await mapped();
    await must(ctx, 'lesions.sign', { id: lesion.id, version: lesion.version, password: TEST_PASSWORD });
    const tech = await addUser(ctx, 'histotech');
    await must(ctx, 'session.signIn', { userId: tech.id, secret: TEST_PASSWORD });
    const [block] = blockRows(ctx, stage.id);
    if (!block) throw new Error('the stage has no blocks');
    const moved = await must(ctx, 'blocks.setStatus', { id: block.id, version: block.version, status: 'embedded' });
    expect(moved).toMatchObject({ blockId: block.id, status: 'embedded', version: block.version + 1 });
    expect((await auditTrail(ctx, { entityId: block.id, limit: 1 }))[0]).toMatchObject({ entity: 'block', userId: tech.id });
    // The map itself is unchanged and still locked.
    expect((await must(ctx, 'stages.list', { lesionId: lesion.id }))[0]?.doc).toEqual(stage.doc);
    expect((await refused(ctx, 'stages.save', { id: stage.id, version: stage.version, doc: stage.doc })).code).toBe('forbidden');
  });
});

describe('signing a case', () => {
  it('signs the case and every lesion not signed yet in one step, one audit event each; a lesion signed before keeps its signature', async () => {
    const ctx = world.open(world.file());
    const { surgeon, kase, lesion: a } = await seed(ctx);
    const b = await makeLesion(ctx, kase.id, { siteId: 'scalp', laterality: 'right' });
    const c = await makeLesion(ctx, kase.id, { siteId: 'scalp', laterality: 'left' });
    const signedA = await must(ctx, 'lesions.sign', { id: a.id, version: a.version, password: TEST_PASSWORD });
    const colleague = await signInSurgeon(ctx, 'Dr Colleague');
    const audits = auditCount(ctx);

    const signed = await must(ctx, 'cases.sign', { id: kase.id, version: kase.version, password: TEST_PASSWORD });
    expect(signed).toEqual({
      ...kase,
      signature: { signedAt: signed.updatedAt, signedBy: colleague.id, signedByName: 'Dr Colleague', method: 'password' },
      version: kase.version + 1,
      updatedAt: signed.updatedAt,
    });
    const lesions = (await must(ctx, 'cases.get', { id: kase.id })).lesions;
    expect(lesions.map((l) => [l.label, l.signature?.signedByName, l.version])).toEqual([
      ['A', surgeon.name, 2],
      ['B', 'Dr Colleague', 2],
      ['C', 'Dr Colleague', 2],
    ]);
    expect(lesions[0]).toEqual(signedA);
    // The case, lesions B and C, and the case's operative note, signed with it.
    expect(auditCount(ctx)).toBe(audits + 4);
    const events = (await auditTrail(ctx, { limit: 5 })).filter((e) => e.action !== 'open').slice(0, 4);
    expect(events.map((e) => [e.entity, e.entityId, e.action, e.userId])).toEqual(
      expect.arrayContaining([
        ['case', kase.id, 'sign', colleague.id],
        ['operative-note', kase.id, 'sign', colleague.id],
        ['lesion', b.id, 'sign', colleague.id],
        ['lesion', c.id, 'sign', colleague.id],
      ]),
    );
    expect(events.find((e) => e.entity === 'case')).toMatchObject({ before: asJson(kase), after: asJson(signed) });
    expect(events.find((e) => e.entityId === b.id)).toMatchObject({ before: asJson(b), after: asJson(lesions[1]) });
  });

  it('refuses a stale version without signing any lesion', async () => {
    const ctx = world.open(world.file());
    const { surgeon, kase, lesion } = await seed(ctx);
    await must(ctx, 'cases.update', { id: kase.id, version: kase.version, ...caseInput(surgeon.id) });
    const before = await everything(ctx, kase.id);
    expect((await refused(ctx, 'cases.sign', { id: kase.id, version: kase.version, password: TEST_PASSWORD })).code).toBe('stale');
    expect(await everything(ctx, kase.id)).toEqual(before);
    expect((await must(ctx, 'lesions.get', { id: lesion.id })).lesion.signature).toBeNull();
  });

  it('refuses every change to a signed case and to its lesions and maps, and signing it again', async () => {
    const ctx = world.open(world.file());
    const { surgeon, kase, lesion } = await seed(ctx);
    const stage = await must(ctx, 'stages.create', { lesionId: lesion.id, doc: quartered() });
    const signed = await must(ctx, 'cases.sign', { id: kase.id, version: kase.version, password: TEST_PASSWORD });
    const caseRefusal = locked('case', signed.signature);
    const signedLesion = (await must(ctx, 'lesions.get', { id: lesion.id })).lesion;
    const lesionRefusal = locked('lesion', signedLesion.signature);
    const before = await everything(ctx, kase.id, stage.id);

    expect(await refused(ctx, 'cases.update', { id: kase.id, version: signed.version, ...caseInput(surgeon.id, { notes: 'late change' }) })).toEqual(caseRefusal);
    expect(await refused(ctx, 'cases.setAdditionalCodes', { id: kase.id, version: signed.version, codes: ['88305'] })).toEqual(caseRefusal);
    expect(await refused(ctx, 'lesions.create', { caseId: kase.id, ...lesionInput() })).toEqual(caseRefusal);
    expect(await refused(ctx, 'lesions.update', { id: lesion.id, version: signedLesion.version, ...lesionInput({ preopLengthMm: 12 }) })).toEqual(lesionRefusal);
    expect(await refused(ctx, 'lesions.setMapFacts', { id: lesion.id, version: signedLesion.version, twelveOClock: 'medial', finalDefect: null })).toEqual(lesionRefusal);
    expect(await refused(ctx, 'stages.create', { lesionId: lesion.id, doc: quartered() })).toEqual(lesionRefusal);
    expect(await refused(ctx, 'stages.save', { id: stage.id, version: stage.version, doc: quartered() })).toEqual(lesionRefusal);
    expect(await refused(ctx, 'stages.remove', { id: stage.id, version: stage.version })).toEqual(lesionRefusal);
    expect((await refused(ctx, 'cases.sign', { id: kase.id, version: signed.version, password: TEST_PASSWORD })).code).toBe('invalid_input');
    expect((await refused(ctx, 'lesions.sign', { id: lesion.id, version: signedLesion.version, password: TEST_PASSWORD })).code).toBe('invalid_input');
    expect(await everything(ctx, kase.id, stage.id)).toEqual(before);
  });
});

describe('addenda', () => {
  it('are refused on an unsigned lesion or case: those are edited directly', async () => {
    const { ctx, kase, lesion } = await mapped();
    const before = await everything(ctx, kase.id);
    expect(await refused(ctx, 'addenda.add', { caseId: kase.id, lesionId: lesion.id, text: 'Changed my mind.' })).toEqual(NOT_SIGNED);
    expect(await refused(ctx, 'addenda.add', { caseId: kase.id, lesionId: null, text: 'Changed my mind.' })).toEqual(NOT_SIGNED);
    // A signed lesion does not make its (unsigned) case take addenda.
    await must(ctx, 'lesions.sign', { id: lesion.id, version: lesion.version, password: TEST_PASSWORD });
    const signed = await everything(ctx, kase.id);
    expect(await refused(ctx, 'addenda.add', { caseId: kase.id, lesionId: null, text: 'Case note.' })).toEqual(NOT_SIGNED);
    expect(await everything(ctx, kase.id)).toEqual(signed);
    expect(before.addenda).toEqual([]);
  });

  it('are added to a signed lesion by any user, dated and named, audited, and listed oldest first', async () => {
    const { ctx, surgeon, kase, lesion } = await mapped();
    await must(ctx, 'lesions.sign', { id: lesion.id, version: lesion.version, password: TEST_PASSWORD });
    const signedLesion = (await must(ctx, 'lesions.get', { id: lesion.id })).lesion;
    const first = await must(ctx, 'addenda.add', { caseId: kase.id, lesionId: lesion.id, text: '  Block 1-2 re-read: clear on deeper levels.  ' });
    expect(first).toEqual({
      id: first.id,
      caseId: kase.id,
      lesionId: lesion.id,
      at: first.at,
      userId: surgeon.id,
      userName: surgeon.name,
      text: 'Block 1-2 re-read: clear on deeper levels.',
    });
    const [event] = await auditTrail(ctx, { entityId: lesion.id, limit: 1 });
    expect(event).toMatchObject({ entity: 'lesion', action: 'addendum', userId: surgeon.id, before: null, after: asJson(first) });

    const tech = await addUser(ctx, 'histotech', 'Tech Tina');
    await must(ctx, 'session.signIn', { userId: tech.id, secret: TEST_PASSWORD });
    const second = await must(ctx, 'addenda.add', { caseId: kase.id, lesionId: lesion.id, text: 'Slides recut.' });
    expect(second).toMatchObject({ userId: tech.id, userName: 'Tech Tina' });
    expect(second.at >= first.at).toBe(true);
    expect(await must(ctx, 'addenda.list', { caseId: kase.id })).toEqual([first, second]);
    // The lesion itself is unchanged by its addenda.
    expect((await must(ctx, 'lesions.get', { id: lesion.id })).lesion).toEqual(signedLesion);
  });

  it('are added to a signed case, and listed with its lesions’ addenda', async () => {
    const ctx = world.open(world.file());
    const { kase, lesion } = await seed(ctx);
    await must(ctx, 'cases.sign', { id: kase.id, version: kase.version, password: TEST_PASSWORD });
    const onLesion = await must(ctx, 'addenda.add', { caseId: kase.id, lesionId: lesion.id, text: 'On the lesion.' });
    const onCase = await must(ctx, 'addenda.add', { caseId: kase.id, lesionId: null, text: 'On the case.' });
    expect(onCase.lesionId).toBeNull();
    expect((await auditTrail(ctx, { entityId: kase.id, limit: 1 }))[0]).toMatchObject({ entity: 'case', action: 'addendum', after: asJson(onCase) });
    expect(await must(ctx, 'addenda.list', { caseId: kase.id })).toEqual([onLesion, onCase]);
  });

  it('refuses empty text, a lesion of another case, an unknown case, and nobody working', async () => {
    const ctx = world.open(world.file());
    const { surgeon, patient, kase, lesion } = await seed(ctx);
    await must(ctx, 'lesions.sign', { id: lesion.id, version: lesion.version, password: TEST_PASSWORD });
    const otherCase = await must(ctx, 'cases.create', { patientId: patient.id, ...caseInput(surgeon.id) });
    const before = await everything(ctx, kase.id);
    expect(await refused(ctx, 'addenda.add', { caseId: kase.id, lesionId: lesion.id, text: '   ' })).toEqual({ code: 'invalid_input', message: 'Addendum text is required.' });
    expect(await refused(ctx, 'addenda.add', { caseId: otherCase.id, lesionId: lesion.id, text: 'Wrong case.' })).toEqual({
      code: 'invalid_input',
      message: 'Lesion A belongs to another case.',
    });
    expect((await refused(ctx, 'addenda.add', { caseId: 'no-such-case', lesionId: null, text: 'x' })).code).toBe('not_found');
    expect((await refused(ctx, 'addenda.list', { caseId: 'no-such-case' })).code).toBe('not_found');
    await must(ctx, 'session.signOut');
    const audits = auditCount(ctx);
    expect((await refused(ctx, 'addenda.add', { caseId: kase.id, lesionId: lesion.id, text: 'Anonymous.' })).code).toBe('no_user');
    expect(auditCount(ctx)).toBe(audits);
    ctx.session.userId = surgeon.id; // back at work, to read the record (sign-out and the refusal wrote only the sign-out)
    expect(await everything(ctx, kase.id)).toEqual({ ...before, audits: before.audits + 1 });
  });

  it('are append-only in the database itself: no update, no delete, no replace', async () => {
    const { ctx, kase, lesion } = await mapped();
    await must(ctx, 'lesions.sign', { id: lesion.id, version: lesion.version, password: TEST_PASSWORD });
    const added = await must(ctx, 'addenda.add', { caseId: kase.id, lesionId: lesion.id, text: 'Kept forever.' });
    const db = ctx.store.db;
    expect(() => db.prepare(`UPDATE addenda SET text = 'rewritten' WHERE id = ?`).run(added.id)).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM addenda WHERE id = ?').run(added.id)).toThrow(/append-only/);
    expect(() =>
      db.prepare('INSERT OR REPLACE INTO addenda (id, case_id, lesion_id, at, user_id, text) VALUES (?, ?, ?, ?, ?, ?)').run(added.id, kase.id, null, added.at, added.userId, 'replaced'),
    ).toThrow(/append-only/);
    // The signature columns hold both or neither.
    expect(() => db.prepare('UPDATE lesions SET signed_by = NULL WHERE id = ?').run(lesion.id)).toThrow(/CHECK/);
    expect(await must(ctx, 'addenda.list', { caseId: kase.id })).toEqual([added]);
  });
});

describe('after a restart', () => {
  it('the signatures, the lock and the addenda are all still there', async () => {
    const ctx = world.open(world.file());
    const { surgeon, kase, lesion } = await seed(ctx);
    const stage = await must(ctx, 'stages.create', { lesionId: lesion.id, doc: quartered() });
    const signedCase = await must(ctx, 'cases.sign', { id: kase.id, version: kase.version, password: TEST_PASSWORD });
    const signedLesion = (await must(ctx, 'lesions.get', { id: lesion.id })).lesion;
    const added = await must(ctx, 'addenda.add', { caseId: kase.id, lesionId: lesion.id, text: 'Written before the restart.' });

    const again = reopen(world, ctx);
    const detail = await must(again, 'cases.get', { id: kase.id });
    expect(detail.case).toEqual(signedCase);
    expect(detail.lesions).toEqual([signedLesion]);
    expect(await must(again, 'addenda.list', { caseId: kase.id })).toEqual([added]);
    await must(again, 'session.signIn', { userId: surgeon.id, secret: TEST_PASSWORD });
    expect(await refused(again, 'stages.save', { id: stage.id, version: stage.version, doc: stage.doc })).toEqual(locked('lesion', signedLesion.signature));
    expect(await refused(again, 'cases.update', { id: kase.id, version: signedCase.version, ...caseInput(surgeon.id) })).toEqual(locked('case', signedCase.signature));
    expect((await must(again, 'audit.list', { entityId: lesion.id })).map((e) => e.action)).toEqual(['addendum', 'open', 'sign', 'create']);
  });
});
