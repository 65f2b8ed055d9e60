import { describe, expect, it } from 'vitest';
import { beforeAndAfter } from './auditRebuild';
import { bisected, quartered } from './maps';
import { auditCount, lesionInput, makeLesion, must, refused, reopen, seed, useTempWorld, TEST_PASSWORD, auditTrail } from './helpers';

/**
 * A lesion's 12 o'clock direction (chosen, never defaulted; proximal/distal on limbs and
 * digits only) and its outcome (cleared, stopped with a reason, referred), through dispatch
 * against real SQLite files.
 */
const world = useTempWorld();

describe("a lesion's 12 o'clock direction", () => {
  it('is chosen when the lesion is added, kept by edits that do not mention it, and survives a restart', async () => {
    const ctx = world.open(world.file());
    const { kase } = await seed(ctx);
    const b = await must(ctx, 'lesions.create', { caseId: kase.id, ...lesionInput(), twelveOClock: 'medial' });
    expect(b.twelveOClock).toBe('medial');
    const edited = await must(ctx, 'lesions.update', { id: b.id, version: b.version, ...lesionInput({ preopLengthMm: 11 }) });
    expect(edited).toMatchObject({ twelveOClock: 'medial', preopLengthMm: 11 });
    const changed = await must(ctx, 'lesions.update', { id: b.id, version: edited.version, ...lesionInput({ preopLengthMm: 11 }), twelveOClock: 'inferior' });
    expect(changed.twelveOClock).toBe('inferior');
    const again = reopen(world, ctx);
    expect((await must(again, 'lesions.get', { id: b.id })).lesion).toEqual(changed);
  });

  it('offers proximal and distal on a finger or leg, and refuses them on the face, saying which to choose', async () => {
    const ctx = world.open(world.file());
    const { kase, lesion } = await seed(ctx);
    const finger = await must(ctx, 'lesions.create', { caseId: kase.id, ...lesionInput({ siteId: 'finger' }), twelveOClock: 'distal' });
    expect(finger.twelveOClock).toBe('distal');
    const thigh = await makeLesion(ctx, kase.id, { siteId: 'thigh' });
    expect((await must(ctx, 'lesions.setMapFacts', { id: thigh.id, version: thigh.version, twelveOClock: 'proximal', finalDefect: null })).twelveOClock).toBe('proximal');

    const audits = auditCount(ctx);
    const message = "12 o'clock can point distal only on a limb, hand, foot or digit; choose superior, inferior, medial, lateral, anterior or posterior.";
    expect(await refused(ctx, 'lesions.setMapFacts', { id: lesion.id, version: lesion.version, twelveOClock: 'distal', finalDefect: null })).toEqual({ code: 'invalid_input', message });
    expect(await refused(ctx, 'lesions.create', { caseId: kase.id, ...lesionInput(), twelveOClock: 'distal' })).toEqual({ code: 'invalid_input', message });
    // Moving the finger lesion to the nose while it points distal is refused too.
    expect(await refused(ctx, 'lesions.update', { id: finger.id, version: finger.version, ...lesionInput() })).toEqual({ code: 'invalid_input', message });
    expect(auditCount(ctx)).toBe(audits);
  });
});

describe("a lesion's outcome", () => {
  it('records cleared, stopped with its reason, or referred; audited, and kept after a restart', async () => {
    const ctx = world.open(world.file());
    const { lesion, surgeon } = await seed(ctx);
    const stopped = await must(ctx, 'lesions.setOutcome', {
      id: lesion.id,
      version: lesion.version,
      outcome: { kind: 'stopped', reason: '  Patient unwell; could not continue.  ' },
    });
    expect(stopped.outcome).toEqual({ kind: 'stopped', reason: 'Patient unwell; could not continue.' });
    const [event] = await auditTrail(ctx, { entityId: lesion.id, limit: 1 });
    expect(event).toMatchObject({ action: 'update', userId: surgeon.id });
    expect(await beforeAndAfter(ctx, event!)).toEqual({ before: expect.objectContaining({ outcome: null }), after: expect.objectContaining({ outcome: stopped.outcome }) });

    const referred = await must(ctx, 'lesions.setOutcome', { id: lesion.id, version: stopped.version, outcome: { kind: 'referred', referredFor: 'Radiotherapy' } });
    expect(referred.outcome).toEqual({ kind: 'referred', referredFor: 'Radiotherapy' });
    const cleared = await must(ctx, 'lesions.setOutcome', { id: lesion.id, version: referred.version, outcome: { kind: 'cleared' } });
    expect(cleared.outcome).toEqual({ kind: 'cleared' });
    const again = reopen(world, ctx);
    expect((await must(again, 'lesions.get', { id: lesion.id })).lesion).toEqual(cleared);
  });

  it('refuses a stopped lesion without a reason, or an unknown outcome, with a message a clinician can act on', async () => {
    const ctx = world.open(world.file());
    const { lesion } = await seed(ctx);
    const audits = auditCount(ctx);
    expect(await refused(ctx, 'lesions.setOutcome', { id: lesion.id, version: lesion.version, outcome: { kind: 'stopped', reason: '   ' } })).toEqual({
      code: 'invalid_input',
      message: 'Say why surgery was stopped, e.g. the patient could not tolerate further stages.',
    });
    expect((await refused(ctx, 'lesions.setOutcome', { id: lesion.id, version: lesion.version, outcome: { kind: 'stopped' } })).message).toBe('Say why surgery was stopped.');
    expect((await refused(ctx, 'lesions.setOutcome', { id: lesion.id, version: lesion.version, outcome: { kind: 'gave up' } })).message).toBe(
      'Choose cleared, stopped or referred for other treatment.',
    );
    expect((await must(ctx, 'lesions.get', { id: lesion.id })).lesion).toEqual(lesion);
    expect(auditCount(ctx)).toBe(audits);
  });

  it('is locked once the lesion is signed', async () => {
    const ctx = world.open(world.file());
    const { lesion } = await seed(ctx);
    const signed = await must(ctx, 'lesions.sign', { id: lesion.id, version: lesion.version, password: TEST_PASSWORD });
    expect((await refused(ctx, 'lesions.setOutcome', { id: lesion.id, version: signed.version, outcome: { kind: 'cleared' } })).code).toBe('forbidden');
  });

  it('a stopped lesion is still coded for every stage, with a warning for the coder naming the reason', async () => {
    const ctx = world.open(world.file());
    const { kase, lesion } = await seed(ctx);
    await must(ctx, 'stages.create', { lesionId: lesion.id, doc: quartered() });
    await must(ctx, 'stages.create', { lesionId: lesion.id, doc: bisected() });
    await must(ctx, 'lesions.setOutcome', { id: lesion.id, version: lesion.version, outcome: { kind: 'stopped', reason: 'Patient declined a third stage.' } });
    const coding = await must(ctx, 'cases.coding', { id: kase.id });
    expect(coding.result.lines.map((l) => [l.code, l.units])).toEqual([['17311', 1], ['17312', 1]]);
    expect(coding.lesions[0]?.outcome).toEqual({ kind: 'stopped', reason: 'Patient declined a third stage.' });
    expect(coding.result.warnings).toContainEqual({
      kind: 'lesion-not-cleared',
      severity: 'warn',
      lesionId: lesion.id,
      message:
        'Lesion A was stopped before its margins were clear (Patient declined a third stage.). Every stage done is still coded; make sure the record documents why Mohs ended there before billing.',
    });
  });
});
