import { describe, expect, it } from 'vitest';
import { beforeAndAfter } from './auditRebuild';
import { auditCount, lesionInput, must, refused, reopen, seed, useTempWorld, TEST_PASSWORD, auditTrail } from './helpers';

const world = useTempWorld();
const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe("a lesion's map facts: where 12 o'clock points and the final defect", () => {
  it("a new lesion has no 12 o'clock direction until one is chosen (no default), and no final defect yet", async () => {
    const ctx = world.open(world.file());
    const { lesion } = await seed(ctx);
    expect(lesion).toMatchObject({ twelveOClock: null, finalDefect: null, outcome: null });
  });

  it('sets both, audited with before and after, and they survive a restart and later lesion edits', async () => {
    const ctx = world.open(world.file());
    const { lesion, surgeon } = await seed(ctx);
    const audits = auditCount(ctx);
    const finalDefect = { lengthMm: 16, widthMm: 12.5, source: 'measured' as const };
    const set = await must(ctx, 'lesions.setMapFacts', { id: lesion.id, version: 1, twelveOClock: 'medial', finalDefect });
    expect(set).toEqual({ ...lesion, twelveOClock: 'medial', finalDefect, version: 2, updatedAt: set.updatedAt });
    expect(auditCount(ctx)).toBe(audits + 1);
    const [event] = await auditTrail(ctx, { entityId: lesion.id, limit: 1 });
    expect(event).toMatchObject({ entity: 'lesion', action: 'update', userId: surgeon.id });
    expect(await beforeAndAfter(ctx, event!)).toEqual({ before: asJson(lesion), after: asJson(set) });

    // Changing the lesion's other fields keeps its map facts.
    const updated = await must(ctx, 'lesions.update', { id: lesion.id, version: 2, ...lesionInput({ preopLengthMm: 9 }) });
    expect(updated).toMatchObject({ twelveOClock: 'medial', finalDefect, preopLengthMm: 9, version: 3 });

    const again = reopen(world, ctx);
    expect((await must(again, 'lesions.get', { id: lesion.id })).lesion).toEqual(updated);

    // Computed from the stages, then cleared again.
    await must(again, 'session.signIn', { userId: surgeon.id, secret: TEST_PASSWORD });
    const computed = await must(again, 'lesions.setMapFacts', { id: lesion.id, version: 3, twelveOClock: 'lateral', finalDefect: { lengthMm: 20, widthMm: 20, source: 'computed' } });
    expect(computed.finalDefect).toEqual({ lengthMm: 20, widthMm: 20, source: 'computed' });
    const cleared = await must(again, 'lesions.setMapFacts', { id: lesion.id, version: 4, twelveOClock: 'lateral', finalDefect: null });
    expect(cleared).toMatchObject({ finalDefect: null, version: 5 });
    expect((await must(again, 'lesions.get', { id: lesion.id })).lesion).toEqual(cleared);
  });

  it('a stale version is refused and nothing changes', async () => {
    const ctx = world.open(world.file());
    const { lesion } = await seed(ctx);
    await must(ctx, 'lesions.setMapFacts', { id: lesion.id, version: 1, twelveOClock: 'inferior', finalDefect: null });
    const audits = auditCount(ctx);
    const error = await refused(ctx, 'lesions.setMapFacts', { id: lesion.id, version: 1, twelveOClock: 'medial', finalDefect: null });
    expect(error.code).toBe('stale');
    expect((await must(ctx, 'lesions.get', { id: lesion.id })).lesion).toMatchObject({ twelveOClock: 'inferior', version: 2 });
    expect(auditCount(ctx)).toBe(audits);
    expect((await refused(ctx, 'lesions.setMapFacts', { id: 'no-such-lesion', version: 1, twelveOClock: 'medial', finalDefect: null })).code).toBe('not_found');
  });

  it('refuses a defect given width first, an unknown direction, or a missing source, with a message saying what to do', async () => {
    const ctx = world.open(world.file());
    const { lesion } = await seed(ctx);
    const audits = auditCount(ctx);
    const base = { id: lesion.id, version: 1, twelveOClock: 'superior' };
    expect(await refused(ctx, 'lesions.setMapFacts', { ...base, finalDefect: { lengthMm: 10, widthMm: 14, source: 'measured' } })).toEqual({
      code: 'invalid_input',
      message: 'Give the defect as length × width, the longer side first.',
    });
    expect(await refused(ctx, 'lesions.setMapFacts', { ...base, twelveOClock: 'up', finalDefect: null })).toEqual({
      code: 'invalid_input',
      message: "Choose where 12 o'clock points.",
    });
    expect((await refused(ctx, 'lesions.setMapFacts', { ...base, finalDefect: { lengthMm: 10, widthMm: 4 } })).message).toBe(
      'Say whether the defect was measured or computed.',
    );
    expect((await refused(ctx, 'lesions.setMapFacts', { ...base, finalDefect: { lengthMm: 0, widthMm: 0, source: 'measured' } })).message).toMatch(/at least 0.1 mm/);
    expect((await must(ctx, 'lesions.get', { id: lesion.id })).lesion).toEqual(lesion);
    expect(auditCount(ctx)).toBe(audits);
  });

  it('the database itself refuses an unknown direction or a half-recorded defect', async () => {
    const ctx = world.open(world.file());
    const { lesion } = await seed(ctx);
    const db = ctx.store.db;
    expect(() => db.prepare(`UPDATE lesions SET twelve_oclock = 'up' WHERE id = ?`).run(lesion.id)).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE lesions SET final_defect_length_mm = 12 WHERE id = ?').run(lesion.id)).toThrow(/CHECK/);
    expect(() =>
      db.prepare(`UPDATE lesions SET final_defect_length_mm = 12, final_defect_width_mm = 9, final_defect_source = 'guessed' WHERE id = ?`).run(lesion.id),
    ).toThrow(/CHECK/);
    expect((await must(ctx, 'lesions.get', { id: lesion.id })).lesion).toEqual(lesion);
  });
});
