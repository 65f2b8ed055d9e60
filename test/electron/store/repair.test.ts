/**
 * A lesion's repair after the last stage on every engine (engines.ts: a SQLite file, PGlite, the
 * real PostgreSQL server): saved with the lesion's version check, audited as 'repair', kept over a
 * restart, locked by the signature, readable by the lab but written only by a surgeon, and coded in
 * the case's coding summary from its measured sizes only.
 */
import { expect, it } from 'vitest';
import type { LesionRepairInput } from '../../../shared/records';
import { forEachEngine } from './engines';
import { addUser, auditCountOf, makeLesion, must, refused, seed, signInAs, TEST_PASSWORD } from './helpers';

const flap: LesionRepairInput = {
  kind: 'adjacent-tissue-transfer',
  siteIds: ['nasal-ala'],
  defectDepth: 'cartilage',
  lengthCm: null,
  flapName: 'Bilobed flap',
  primaryDefect: { lengthCm: 1.5, widthCm: 1.2 },
  secondaryDefect: { lengthCm: 2, widthCm: 1.5 },
  graft: null,
  laterOn: '',
  note: 'Bilobed flap from the nasal sidewall; 5-0 poliglecaprone deep, 6-0 polypropylene skin.',
};
const linear = (lengthCm: number | null, siteId = 'nasal-ala'): LesionRepairInput => ({ kind: 'intermediate', siteIds: [siteId], defectDepth: 'subcutaneous-fat', lengthCm, primaryDefect: null, secondaryDefect: null, graft: null, laterOn: '' });

forEachEngine('lesion repair', (world) => {
  it('records a repair with the version check, audits it as a repair, and keeps it over a restart', async () => {
    let ctx = await world.open();
    const { lesion } = await seed(ctx);
    const audits = await auditCountOf(ctx);
    const saved = await must(ctx, 'lesions.setRepair', { id: lesion.id, version: lesion.version, repair: flap });
    expect(saved.version).toBe(lesion.version + 1);
    expect(saved.repair).toMatchObject({ kind: 'adjacent-tissue-transfer', flapName: 'Bilobed flap', primaryDefect: { lengthCm: 1.5, widthCm: 1.2 }, laterBy: '' });
    expect(await auditCountOf(ctx)).toBe(audits + 1);
    const row = await ctx.store.query.selectFrom('audit_events').select(['action', 'entity', 'entity_id']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(row).toEqual({ action: 'repair', entity: 'lesion', entity_id: lesion.id });

    expect(await refused(ctx, 'lesions.setRepair', { id: lesion.id, version: lesion.version, repair: linear(2) })).toMatchObject({ code: 'stale' });
    ctx = await world.reopen(ctx);
    expect((await must(ctx, 'lesions.get', { id: lesion.id })).lesion).toEqual(saved);
    const none = await must(ctx, 'lesions.setRepair', { id: lesion.id, version: saved.version, repair: null });
    expect(none.repair).toBeNull();
  });

  it('refuses a bad repair with a clear message and writes nothing', async () => {
    const ctx = await world.open();
    const { lesion } = await seed(ctx);
    const audits = await auditCountOf(ctx);
    expect(await refused(ctx, 'lesions.setRepair', { id: lesion.id, version: lesion.version, repair: { ...flap, flapName: '' } })).toEqual({
      code: 'invalid_input',
      message: 'Name the flap, e.g. rotation flap.',
    });
    expect((await refused(ctx, 'lesions.setRepair', { id: lesion.id, version: lesion.version, repair: linear(15000) })).message).toBe(
      'Repair length must be at most 100 cm; check the unit (centimetres).',
    );
    expect(await auditCountOf(ctx)).toBe(audits);
    expect((await must(ctx, 'lesions.get', { id: lesion.id })).lesion.repair).toBeNull();
  });

  it('is locked once the lesion is signed; the lab reads it but cannot write it', async () => {
    const ctx = await world.open();
    const { lesion, surgeon } = await seed(ctx);
    const saved = await must(ctx, 'lesions.setRepair', { id: lesion.id, version: lesion.version, repair: linear(2.4) });
    const tech = await addUser(ctx, 'histotech');
    await signInAs(ctx, tech);
    expect((await must(ctx, 'lesions.get', { id: lesion.id })).lesion.repair?.lengthCm).toBe(2.4);
    expect((await refused(ctx, 'lesions.setRepair', { id: lesion.id, version: saved.version, repair: null })).code).toBe('forbidden');
    await signInAs(ctx, surgeon);
    const signed = await must(ctx, 'lesions.sign', { id: lesion.id, version: saved.version, password: TEST_PASSWORD });
    expect((await refused(ctx, 'lesions.setRepair', { id: lesion.id, version: signed.version, repair: null })).code).toBe('forbidden');
  });

  it("adds two lesions' intermediate repairs of one site group into one code in the case's coding; an unmeasured one gets a message", async () => {
    const ctx = await world.open();
    const { kase, lesion } = await seed(ctx);
    const b = await makeLesion(ctx, kase.id, { siteId: 'medial-cheek' });
    const c = await makeLesion(ctx, kase.id, { siteId: 'forearm' });
    await must(ctx, 'lesions.setMapFacts', { id: c.id, version: c.version, twelveOClock: 'superior', finalDefect: { lengthMm: 30, widthMm: 20, source: 'computed' } });
    const c2 = (await must(ctx, 'lesions.get', { id: c.id })).lesion;
    await must(ctx, 'lesions.setRepair', { id: lesion.id, version: lesion.version, repair: linear(2) });
    await must(ctx, 'lesions.setRepair', { id: b.id, version: b.version, repair: linear(1.5, 'medial-cheek') });
    await must(ctx, 'lesions.setRepair', { id: c.id, version: c2.version, repair: linear(null, 'forearm') });
    const coding = await must(ctx, 'cases.coding', { id: kase.id });
    expect(coding.repair.lines.map((l) => [l.code, l.units, l.lesionLabels])).toEqual([['12052', 1, ['A', 'B']]]);
    // Lesion C's drawn 30 mm defect is never used as its repair length.
    expect(coding.repair.flags.find((f) => f.kind === 'no-measured-size')?.message).toContain('Lesion C: linear repair, intermediate (layered) has no measured length: no repair code.');
    expect(coding.lesions.map((l) => l.repair?.kind)).toEqual(['intermediate', 'intermediate', 'intermediate']);
  });
});
