import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readUnsaved, unsavedMapsBeside } from '../../../electron/services/unsavedMaps';
import { addFinding } from '../../../shared/map/edits';
import { addUser, auditTrail, must, refused, seed, signInAs, TEST_AUDIT_KEY, useTempWorld } from '../store/helpers';
import { peripheralTumor, quartered, unwrap } from '../store/maps';

/**
 * The recovery file of map changes the clinic server did not take (issue 14, part 4): kept
 * encrypted and owner-only on this computer, replayed through the ordinary save with its version
 * check: saved once, or refused as stale and kept to be shown until the surgeon discards it.
 * The service does not depend on the engine; a SQLite context stands in for the clinic's here
 * (the server-stop tests run the clinic side end to end).
 */
const world = useTempWorld();

async function clinicLike() {
  const file = world.file();
  const ctx = world.open(file);
  ctx.unsavedMaps = unsavedMapsBeside(file, TEST_AUDIT_KEY);
  const seeded = await seed(ctx);
  const stage = await must(ctx, 'stages.create', { lesionId: seeded.lesion.id, doc: quartered() });
  return { ctx, file, stage, ...seeded };
}

describe('map changes kept on this computer', () => {
  it('are kept encrypted and owner-only, and saved once by the replay', async () => {
    const { ctx, stage } = await clinicLike();
    const edited = unwrap(addFinding(stage.doc, peripheralTumor(stage.doc, 2)));
    expect(await must(ctx, 'stages.keepUnsaved', { maps: [{ id: stage.id, version: stage.version, doc: edited }] })).toEqual({ kept: 1 });
    const where = ctx.unsavedMaps!;
    expect(fs.statSync(where.file).mode & 0o777).toBe(0o600);
    const raw = fs.readFileSync(where.file, 'utf8');
    expect(raw).not.toContain(stage.id);
    expect(raw).not.toContain('tumor');
    // Another key does not open it, and says so plainly; the file stays as it was.
    expect(() => readUnsaved({ file: where.file, key: Buffer.alloc(32, 1) })).toThrow(/cannot be opened with this workstation's key/);
    expect(fs.readFileSync(where.file, 'utf8')).toBe(raw);

    const audited = (await auditTrail(ctx, { entityId: stage.id })).length;
    const replay = await must(ctx, 'stages.replayUnsaved', {});
    expect(replay.saved.map((s) => s.version)).toEqual([stage.version + 1]);
    expect(replay.saved[0]!.doc).toEqual(edited);
    expect(replay).toMatchObject({ stale: [], waiting: 0 });
    expect(fs.existsSync(where.file)).toBe(false);
    expect((await auditTrail(ctx, { entityId: stage.id })).length).toBe(audited + 1);
    // Nothing left: a second replay saves nothing more.
    expect(await must(ctx, 'stages.replayUnsaved', {})).toEqual({ saved: [], stale: [], waiting: 0 });
    expect((await must(ctx, 'stages.list', { lesionId: replay.saved[0]!.lesionId }))[0]!.version).toBe(stage.version + 1);
  });

  it('keeps only the newest change of a stage, and a stale one stays, shown, until discarded', async () => {
    const { ctx, stage } = await clinicLike();
    const first = unwrap(addFinding(stage.doc, peripheralTumor(stage.doc, 2)));
    const newest = unwrap(addFinding(first, peripheralTumor(first, 3)));
    await must(ctx, 'stages.keepUnsaved', { maps: [{ id: stage.id, version: stage.version, doc: first }] });
    await must(ctx, 'stages.keepUnsaved', { maps: [{ id: stage.id, version: stage.version, doc: newest }] });
    expect(readUnsaved(ctx.unsavedMaps!).map((e) => e.doc)).toEqual([newest]);

    // Meanwhile the stage was saved elsewhere (another workstation): the kept change is stale.
    const elsewhere = await must(ctx, 'stages.save', { id: stage.id, version: stage.version, doc: quartered() });
    const replay = await must(ctx, 'stages.replayUnsaved', {});
    expect(replay.saved).toEqual([]);
    expect(replay.stale).toMatchObject([{ id: stage.id, version: stage.version, doc: newest, stale: true, lesionId: stage.lesionId, stageNumber: stage.number }]);
    // Never applied over the newer save, and shown again at every replay until discarded.
    expect((await must(ctx, 'stages.list', { lesionId: elsewhere.lesionId }))[0]!.version).toBe(elsewhere.version);
    expect((await must(ctx, 'stages.replayUnsaved', {})).stale).toHaveLength(1);
    expect(await must(ctx, 'stages.discardUnsaved', { id: stage.id })).toEqual({ discarded: 1 });
    expect(await must(ctx, 'stages.replayUnsaved', {})).toEqual({ saved: [], stale: [], waiting: 0 });
  });

  it("waits for the user who made it: another user's replay leaves it alone", async () => {
    const { ctx, stage, surgeon } = await clinicLike();
    const edited = unwrap(addFinding(stage.doc, peripheralTumor(stage.doc, 2)));
    await must(ctx, 'stages.keepUnsaved', { maps: [{ id: stage.id, version: stage.version, doc: edited }] });
    const other = await addUser(ctx, 'surgeon', 'Dr Second');
    await signInAs(ctx, other);
    expect(await must(ctx, 'stages.replayUnsaved', {})).toEqual({ saved: [], stale: [], waiting: 1 });
    await signInAs(ctx, surgeon);
    expect((await must(ctx, 'stages.replayUnsaved', {})).saved).toHaveLength(1);
  });

  it('is refused plainly on a single computer, where the database is on this computer already', async () => {
    const file = world.file();
    const ctx = world.open(file);
    const { lesion } = await seed(ctx);
    const stage = await must(ctx, 'stages.create', { lesionId: lesion.id, doc: quartered() });
    const error = await refused(ctx, 'stages.keepUnsaved', { maps: [{ id: stage.id, version: stage.version, doc: stage.doc }] });
    expect(error.message).toMatch(/only in clinic mode/);
    // Asked at every sign-in whatever the engine: a single computer has nothing kept aside.
    expect(await must(ctx, 'stages.replayUnsaved', {})).toEqual({ saved: [], stale: [], waiting: 0 });
  });
});
