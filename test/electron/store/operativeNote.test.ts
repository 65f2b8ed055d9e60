/**
 * The Mohs operative note (issue 16 part 1) on every engine: generated from the record, the
 * surgeon's text saved and kept over a restart, a later record change shown, the checklist
 * stamped with who and when, each surgeon's template, every write audited to the signed-in
 * user; signing warns about a missing element and keeps the note as signed; roles checked.
 */
import { expect, it } from 'vitest';
import type { ServiceContext } from '../../../electron/services/context';
import { operativeNoteForCase } from '../../../electron/store/operativeNote';
import { markRestClear } from '../../../shared/map/readings';
import { forEachEngine } from './engines';
import { addUser, auditTrail, must, refused, seed, signInAs, TEST_PASSWORD } from './helpers';
import { quartered, unwrap } from './maps';

/** A surgeon's case with one quartered stage, every block read clear. */
async function readCase(ctx: ServiceContext) {
  const s = await seed(ctx);
  const stage = await must(ctx, 'stages.create', { lesionId: s.lesion.id, doc: quartered() });
  await must(ctx, 'stages.save', { id: stage.id, version: stage.version, doc: unwrap(markRestClear(stage.doc)) });
  return s;
}

const FREE = { anesthesia: '1% lidocaine with epinephrine 1:100,000, 4 mL', closure: 'Layered closure, 5-0 Monocryl and 6-0 nylon', postOp: 'Pressure dressing for 48 hours' };

forEachEngine('the operative note', (world) => {
  it('is generated from the record, starts from the surgeon’s template, keeps the surgeon’s edit over a restart and says when the record changed since', async () => {
    let ctx = await world.open();
    const { surgeon, kase, lesion } = await readCase(ctx);
    const template = await must(ctx, 'noteTemplates.save', { version: 0, freeText: FREE });
    expect(template).toEqual({ freeText: FREE, version: 1 });

    const first = await must(ctx, 'operativeNote.get', { caseId: kase.id });
    expect(first).toMatchObject({ version: 0, surgeonText: null, recordChanged: false, fromTemplate: true, freeText: FREE, missing: [], signed: null });
    expect(first.generated).toContain('Stage 1: 1 specimen, 18 × 12 mm; 4 tissue blocks (1-1, 1-2, 1-3, 1-4)');
    expect(first.generated).toContain(`ANESTHESIA\n${FREE.anesthesia}`);
    expect(first.generated).toContain(`${surgeon.name} performed the Mohs micrographic surgery and acted as both surgeon and pathologist`);

    const edited = `${first.generated}\nPatient tolerated the procedure well.`;
    const saved = await must(ctx, 'operativeNote.save', { caseId: kase.id, version: 0, freeText: FREE, surgeonText: edited });
    expect(saved).toMatchObject({ version: 1, surgeonText: edited, recordChanged: false, fromTemplate: false, missing: [] });

    ctx = await world.reopen(ctx);
    expect(await must(ctx, 'operativeNote.get', { caseId: kase.id })).toEqual(saved);
    expect(await operativeNoteForCase(ctx.store.query, kase.id)).toEqual({ text: edited, signed: false, signedBy: null, signedAt: null });

    // The final defect is measured after the edit: the surgeon is told, and chooses.
    await must(ctx, 'lesions.setMapFacts', { id: lesion.id, version: lesion.version, twelveOClock: 'superior', finalDefect: { lengthMm: 20, widthMm: 14, source: 'measured' } });
    const changed = await must(ctx, 'operativeNote.get', { caseId: kase.id });
    expect(changed).toMatchObject({ surgeonText: edited, recordChanged: true });
    expect(changed.generated).toContain('Final defect: 20 × 14 mm.');
    const kept = await must(ctx, 'operativeNote.keepText', { caseId: kase.id, version: 1 });
    expect(kept).toMatchObject({ version: 2, surgeonText: edited, recordChanged: false });
    const regenerated = await must(ctx, 'operativeNote.save', { caseId: kase.id, version: 2, freeText: FREE, surgeonText: null });
    expect(regenerated).toMatchObject({ version: 3, surgeonText: null, recordChanged: false });
    expect(await operativeNoteForCase(ctx.store.query, kase.id)).toMatchObject({ text: regenerated.generated, signed: false });
    // Saving the generated text as it is is no edit of the surgeon's, and nothing is recorded.
    expect(await must(ctx, 'operativeNote.save', { caseId: kase.id, version: 3, freeText: FREE, surgeonText: regenerated.generated })).toEqual(regenerated);

    const trail = (await auditTrail(ctx, { entityId: kase.id })).filter((e) => e.entity === 'operative-note');
    expect(trail.map((e) => [e.action, e.userId])).toEqual([
      ['update', surgeon.id],
      ['update', surgeon.id],
      ['create', surgeon.id],
    ]);
    expect(trail[2]!.after).toMatchObject({ caseId: kase.id, surgeonText: edited, freeText: FREE, version: 1 });
    const templateTrail = (await auditTrail(ctx, { entityId: surgeon.id })).filter((e) => e.entity === 'note-template');
    expect(templateTrail.map((e) => e.action)).toEqual(['create']);
    expect(await must(ctx, 'audit.verify', {})).toMatchObject({ intact: true });
  });

  it('records the time-out with who and when; the team may tick it, only the surgeon edits; stale and bad input refused in words', async () => {
    const ctx = await world.open();
    const { surgeon, kase } = await readCase(ctx);
    const nurse = await addUser(ctx, 'staff', 'Nurse Kim');
    const tech = await addUser(ctx, 'histotech');
    await signInAs(ctx, nurse);
    const identity = await must(ctx, 'operativeNote.setChecklist', { caseId: kase.id, version: 0, change: { item: 'identity', done: true } });
    expect(identity.checklist.identity).toMatchObject({ byUserId: nurse.id, byName: 'Nurse Kim' });
    expect(identity.generated).toMatch(/- Patient identity confirmed \(name and date of birth\): confirmed by Nurse Kim, \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    const noEvidence = await refused(ctx, 'operativeNote.setChecklist', { caseId: kase.id, version: 1, change: { item: 'site', done: true } });
    expect(noEvidence.message).toMatch(/Say whether the site was verified against the biopsy photo or the biopsy description/);
    const site = await must(ctx, 'operativeNote.setChecklist', { caseId: kase.id, version: 1, change: { item: 'site', done: true, against: 'biopsy-description' } });
    expect(site.generated).toContain('- Site verified against the biopsy description: confirmed by Nurse Kim');
    expect((await refused(ctx, 'operativeNote.setChecklist', { caseId: kase.id, version: 1, change: { item: 'side', done: true } })).code).toBe('stale');
    expect((await refused(ctx, 'operativeNote.save', { caseId: kase.id, version: 2, freeText: FREE, surgeonText: 'x' })).message).toMatch(/Only a Mohs surgeon may do this/);

    await signInAs(ctx, tech);
    expect((await must(ctx, 'operativeNote.get', { caseId: kase.id })).version).toBe(2);
    expect((await refused(ctx, 'operativeNote.setChecklist', { caseId: kase.id, version: 2, change: { item: 'side', done: true } })).code).toBe('forbidden');

    await signInAs(ctx, surgeon);
    const cleared = await must(ctx, 'operativeNote.setChecklist', { caseId: kase.id, version: 2, change: { item: 'identity', done: false } });
    expect(cleared.checklist.identity).toBeUndefined();
    const tooLong = await refused(ctx, 'operativeNote.save', { caseId: kase.id, version: 3, freeText: { ...FREE, closure: 'x'.repeat(4001) }, surgeonText: null });
    expect(tooLong.message).toMatch(/Closure must be at most 4000 characters/);
    expect((await must(ctx, 'operativeNote.get', { caseId: kase.id })).freeText).toEqual({ anesthesia: '', closure: '', postOp: '' });
    const trail = (await auditTrail(ctx, { entityId: kase.id })).filter((e) => e.entity === 'operative-note');
    expect(trail.map((e) => [e.action, e.userId])).toEqual([
      ['update', surgeon.id],
      ['update', nurse.id],
      ['create', nurse.id],
    ]);
  });

  it('signing warns when the note lacks an element, keeps the note as signed, and locks it', async () => {
    let ctx = await world.open();
    const { surgeon, kase } = await readCase(ctx);
    const view = await must(ctx, 'operativeNote.get', { caseId: kase.id });
    const cut = view.generated.replace(/acted as both surgeon and pathologist/, 'read the slides');
    await must(ctx, 'operativeNote.save', { caseId: kase.id, version: 0, freeText: view.freeText, surgeonText: cut });
    const warnings = await must(ctx, 'cases.signWarnings', { id: kase.id });
    const note = warnings.filter((w) => w.kind === 'note-missing-element');
    expect(note.map((w) => w.message)).toEqual(['Operative note: The note no longer says the surgeon acted as both surgeon and pathologist.']);
    expect(note[0]!.lesionId).toBeNull();

    // Reviewed without the note's warning: refused, nothing signed.
    const refusal = await refused(ctx, 'cases.sign', { id: kase.id, version: kase.version, reviewed: warnings.filter((w) => w.kind !== 'note-missing-element').map((w) => w.id), password: TEST_PASSWORD });
    expect(refusal).toMatchObject({ code: 'conflict', message: expect.stringContaining('Operative note: The note no longer says the surgeon acted as both surgeon and pathologist.') });
    const signedCase = await must(ctx, 'cases.sign', { id: kase.id, version: kase.version, reviewed: warnings.map((w) => w.id), password: TEST_PASSWORD });

    ctx = await world.reopen(ctx);
    const signed = await must(ctx, 'operativeNote.get', { caseId: kase.id });
    expect(signed.signed).toEqual({ text: cut, signedAt: signedCase.signature!.signedAt, signedByName: surgeon.name });
    expect(await operativeNoteForCase(ctx.store.query, kase.id)).toEqual({ text: cut, signed: true, signedBy: surgeon.name, signedAt: signedCase.signature!.signedAt });
    expect(await operativeNoteForCase(ctx.store.query, 'no-such-case')).toBeNull();
    expect(await must(ctx, 'cases.signWarnings', { id: kase.id })).toEqual([]);
    const locked = await refused(ctx, 'operativeNote.save', { caseId: kase.id, version: signed.version, freeText: signed.freeText, surgeonText: null });
    expect(locked.code).toBe('forbidden');
    expect((await refused(ctx, 'operativeNote.setChecklist', { caseId: kase.id, version: signed.version, change: { item: 'consent', done: true } })).code).toBe('forbidden');
    const trail = (await auditTrail(ctx, { entityId: kase.id })).filter((e) => e.entity === 'operative-note');
    expect(trail[0]).toMatchObject({ action: 'sign', userId: surgeon.id });
  });

  it('a case signed without a stored note keeps the generated text as signed', async () => {
    const ctx = await world.open();
    const { kase } = await readCase(ctx);
    const generated = (await must(ctx, 'operativeNote.get', { caseId: kase.id })).generated;
    const warnings = await must(ctx, 'cases.signWarnings', { id: kase.id });
    expect(warnings.filter((w) => w.kind === 'note-missing-element')).toEqual([]);
    await must(ctx, 'cases.sign', { id: kase.id, version: kase.version, reviewed: warnings.map((w) => w.id), password: TEST_PASSWORD });
    expect(await operativeNoteForCase(ctx.store.query, kase.id)).toMatchObject({ text: generated, signed: true });
  });
});
