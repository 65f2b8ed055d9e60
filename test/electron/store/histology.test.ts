/**
 * Histology per block (issue 15 part 3) on every engine: the histotech's half and the surgeon's
 * reading saved, version-checked, audited, kept over a restart; the roles split; the signed
 * lesion's lock; a block with histology cannot leave the map.
 */
import { expect, it } from 'vitest';
import type { ServiceContext } from '../../../electron/services/context';
import type { HistologyLab, HistologyReading } from '../../../shared/records';
import { forEachEngine } from './engines';
import { addUser, auditTrail, must, refused, seed, signInAs, TEST_PASSWORD } from './helpers';
import { bisected, quartered } from './maps';

const LAB: HistologyLab = {
  slides: 3,
  levels: 2,
  stains: [
    { name: 'H&E', kind: 'routine' },
    { name: 'MART-1', kind: 'immuno' },
  ],
  quality: 'problems',
  problems: ['folds', 'incomplete-epidermis'],
  recut: true,
};
const READING: HistologyReading = { tumorSubtypeId: 'bcc-infiltrative', perineural: 'present', nerveSizeMm: 0.2, note: 'Focus at 3 o’clock.' };

/** A surgeon's case with one bisected stage, and a histotech; the surgeon signed in. */
async function lab(ctx: ServiceContext) {
  const { surgeon, kase, lesion } = await seed(ctx);
  const stage = await must(ctx, 'stages.create', { lesionId: lesion.id, doc: bisected() });
  const tech = await addUser(ctx, 'histotech');
  const rows = await must(ctx, 'worklist.list', { date: kase.dateOfSurgery });
  return { surgeon, tech, kase, lesion, stage, rows };
}

forEachEngine('histology per block', (world) => {
  it('the histotech records the lab half, the surgeon the reading; both kept over a restart and shown on the worklist', async () => {
    let ctx = await world.open();
    const { surgeon, tech, kase, lesion, rows } = await lab(ctx);
    const block = rows[1]!;
    expect(block.histology).toBeNull();
    await signInAs(ctx, tech);
    const first = await must(ctx, 'histology.setLab', { blockId: block.blockId, version: 0, lab: LAB });
    expect(first).toMatchObject({ blockId: block.blockId, lab: LAB, reading: { perineural: 'not-assessed', tumorSubtypeId: null }, version: 1 });
    await signInAs(ctx, surgeon);
    const read = await must(ctx, 'histology.setReading', { blockId: block.blockId, version: 1, reading: READING });
    expect(read).toMatchObject({ lab: LAB, reading: READING, version: 2 });

    ctx = await world.reopen(ctx);
    expect(await must(ctx, 'histology.list', { lesionId: lesion.id })).toEqual([read]);
    const listed = await must(ctx, 'worklist.list', { date: kase.dateOfSurgery });
    expect(listed.map((r) => r.histology)).toEqual([null, read]);

    const trail = (await auditTrail(ctx, { entityId: block.blockId })).filter((e) => e.entity === 'histology');
    expect(trail.map((e) => [e.action, e.userId])).toEqual([
      ['update', surgeon.id],
      ['create', tech.id],
    ]);
    expect(await must(ctx, 'audit.verify', {})).toMatchObject({ intact: true });
  });

  it('each half is its role’s: a histotech cannot write the reading, a surgeon not the lab half', async () => {
    const ctx = await world.open();
    const { tech, rows } = await lab(ctx);
    const blockId = rows[0]!.blockId;
    expect((await refused(ctx, 'histology.setLab', { blockId, version: 0, lab: LAB })).code).toBe('forbidden');
    await signInAs(ctx, tech);
    expect((await refused(ctx, 'histology.setReading', { blockId, version: 0, reading: READING })).code).toBe('forbidden');
    expect(await must(ctx, 'histology.list', { lesionId: rows[0]!.lesionId })).toEqual([]);
  });

  it('a stale version is refused with nothing written; saving the same again records nothing', async () => {
    const ctx = await world.open();
    const { tech, rows } = await lab(ctx);
    const blockId = rows[0]!.blockId;
    await signInAs(ctx, tech);
    const first = await must(ctx, 'histology.setLab', { blockId, version: 0, lab: LAB });
    // Another histotech saved first: this one still had "no histology".
    expect((await refused(ctx, 'histology.setLab', { blockId, version: 0, lab: { ...LAB, slides: 5 } })).code).toBe('stale');
    const again = await must(ctx, 'histology.setLab', { blockId, version: 1, lab: LAB });
    expect(again).toEqual(first);
    const trail = (await auditTrail(ctx, { entityId: blockId })).filter((e) => e.entity === 'histology');
    expect(trail).toHaveLength(1);
    expect((await refused(ctx, 'histology.setLab', { blockId: 'no-such-block', version: 0, lab: LAB })).code).toBe('not_found');
  });

  it('bad input gets a clear message and changes nothing', async () => {
    const ctx = await world.open();
    const { tech, rows } = await lab(ctx);
    await signInAs(ctx, tech);
    const bad = await refused(ctx, 'histology.setLab', { blockId: rows[0]!.blockId, version: 0, lab: { ...LAB, quality: 'problems', problems: [] } });
    expect(bad.code).toBe('invalid_input');
    expect(bad.message).toMatch(/Name the section problems/);
    expect(await must(ctx, 'histology.list', { lesionId: rows[0]!.lesionId })).toEqual([]);
  });

  it('a signed lesion’s histology no longer changes', async () => {
    const ctx = await world.open();
    const { surgeon, lesion, rows } = await lab(ctx);
    await signInAs(ctx, surgeon);
    const current = (await must(ctx, 'lesions.get', { id: lesion.id })).lesion;
    await must(ctx, 'lesions.sign', { id: lesion.id, version: current.version, password: TEST_PASSWORD });
    const r = await refused(ctx, 'histology.setReading', { blockId: rows[0]!.blockId, version: 0, reading: READING });
    expect(r.code).toBe('forbidden');
    expect(r.message).toMatch(/signed/);
  });

  it('a block with histology cannot be taken off the map, nor its stage removed', async () => {
    const ctx = await world.open();
    const { surgeon, tech, stage, rows } = await lab(ctx);
    await signInAs(ctx, tech);
    await must(ctx, 'histology.setLab', { blockId: rows[1]!.blockId, version: 0, lab: { ...LAB, quality: 'adequate', problems: [], recut: false } });
    await signInAs(ctx, surgeon);
    // Re-drawn as four new blocks: blocks 1-1 and 1-2 would go (both still "excised" in the lab's status).
    const recut = await refused(ctx, 'stages.save', { id: stage.id, version: stage.version, doc: quartered() });
    expect(recut.message).toMatch(/Block 1-2 has histology recorded/);
    const removed = await refused(ctx, 'stages.remove', { id: stage.id, version: stage.version });
    expect(removed.message).toMatch(/Block 1-2 has histology recorded/);
  });

  it('the coding summary suggests the stain lines of the recorded stains, with their blocks', async () => {
    const ctx = await world.open();
    const { tech, kase, rows } = await lab(ctx);
    await signInAs(ctx, tech);
    expect((await must(ctx, 'cases.coding', { id: kase.id })).stainSuggestions).toEqual([]);
    await must(ctx, 'histology.setLab', { blockId: rows[0]!.blockId, version: 0, lab: { ...LAB, stains: [{ name: 'H&E', kind: 'routine' }, { name: 'PAS', kind: 'special' }] } });
    await must(ctx, 'histology.setLab', { blockId: rows[1]!.blockId, version: 0, lab: { ...LAB, stains: [{ name: 'MART-1', kind: 'immuno' }, { name: 'SOX10', kind: 'immuno' }] } });
    const coding = await must(ctx, 'cases.coding', { id: kase.id });
    expect(coding.stainSuggestions.map((l) => [l.code, l.units, l.modifiers])).toEqual([
      ['88314', 1, ['59']],
      ['88342', 1, ['59']],
      ['88341', 1, ['59']],
    ]);
    expect(coding.stainSuggestions[0]!.reason).toContain('PAS on block A 1-1');
    expect(coding.stainSuggestions[2]!.reason).toContain('SOX10 on block A 1-2');
    // Suggestions only: nothing is billed until the coder adds them.
    expect(coding.additionalCodes).toEqual([]);
  });
});
