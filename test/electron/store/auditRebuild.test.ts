/**
 * The audit keeps patches, not records (format 2, and 3 from schema 9: snapshots deflated,
 * patches without the version and time every save moves): every version of a stage the store
 * saved must be rebuilt exactly from the audit alone, across reopenings (the writer's cache is
 * gone), lab status moves between saves (not the stage's own saves), periodic snapshots, and
 * rows written before schema 8 (format 1, full records) or before schema 9 (format 2).
 */
import type { SqliteStore } from '../../../electron/store/open';
import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asUser, type ServiceContext } from '../../../electron/services/context';
import { getStage, saveStage } from '../../../electron/store/stages';
import type { UserId } from '../../../shared/ids';
import { recordVersions, SNAPSHOT_EVERY } from '../../../electron/store/auditVersions';
import { addFinding, relabelBlock, removeFinding, setFindingNote } from '../../../shared/map/edits';
import type { StageRecord } from '../../../shared/records';
import { fixturePath } from '../../fixtures/db/make-fixtures';
import { SAMPLE } from '../../fixtures/db/sample';
import { must, reopen, seed, useTempWorld } from './helpers';
import { bisected, peripheralTumor, quartered, resliced, sliced, unwrap } from './maps';

const world = useTempWorld();
const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

/** One step of a surgeon's (or the lab's) work on a stage. */
type Step =
  | { kind: 'recut'; pieces: number }
  | { kind: 'finding'; block: number; note: string }
  | { kind: 'note'; note: string }
  | { kind: 'unfind' }
  | { kind: 'relabel'; block: number; label: string | null }
  | { kind: 'lab'; block: number }
  | { kind: 'reopen' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('recut' as const), pieces: fc.integer({ min: 2, max: 12 }) }),
  fc.record({ kind: fc.constant('finding' as const), block: fc.integer({ min: 1, max: 12 }), note: fc.string({ maxLength: 20 }) }),
  fc.record({ kind: fc.constant('note' as const), note: fc.string({ maxLength: 20 }) }),
  fc.constant({ kind: 'unfind' as const }),
  fc.record({ kind: fc.constant('relabel' as const), block: fc.integer({ min: 1, max: 12 }), label: fc.option(fc.stringMatching(/^[A-Z][0-9]$/)) }),
  fc.record({ kind: fc.constant('lab' as const), block: fc.integer({ min: 1, max: 12 }) }),
  fc.constant({ kind: 'reopen' as const }),
);

/** The stage's next document for a map step, or null when the step does not apply to this map. */
function edited(stage: StageRecord, s: Step): StageRecord['doc'] | null {
  const doc = stage.doc;
  switch (s.kind) {
    case 'recut':
      // Blocks the lab has started on cannot be cut away.
      return Object.values(stage.labStatus).some((v) => v !== 'excised') ? null : resliced(doc, s.pieces);
    case 'finding': {
      // A recut keeps the number of a block that carries a finding, so numbers can skip.
      if (!doc.blocks.some((b) => b.number === s.block)) return null;
      const f = peripheralTumor(doc, s.block, s.note);
      return unwrap(addFinding(doc, f));
    }
    case 'note':
      return doc.findings[0] ? unwrap(setFindingNote(doc, doc.findings[0].id, s.note)) : null;
    case 'unfind':
      return doc.findings[0] ? unwrap(removeFinding(doc, doc.findings[0].id)) : null;
    case 'relabel': {
      const block = doc.blocks.find((b) => b.number === s.block);
      return block ? unwrap(relabelBlock(doc, block.id, s.label)) : null;
    }
    default:
      return null;
  }
}

/** Runs the steps through dispatch, returning every version of the stage as the store saved it. */
async function work(start: ServiceContext<SqliteStore>, stage: StageRecord, steps: readonly Step[]): Promise<{ ctx: ServiceContext<SqliteStore>; saved: StageRecord[] }> {
  let ctx = start;
  const saved: StageRecord[] = [stage];
  let current = stage;
  for (const s of steps) {
    if (s.kind === 'reopen') {
      ctx = reopen(world, ctx);
      continue;
    }
    if (s.kind === 'lab') {
      const block = current.doc.blocks.find((b) => b.number === s.block);
      if (!block) continue;
      const rows = await must(ctx, 'worklist.list', { date: '2026-11-27' });
      const row = rows.find((r) => r.blockId === block.id);
      if (row) await must(ctx, 'blocks.setStatus', { id: row.blockId, version: row.version, status: 'grossed' });
      current = (await must(ctx, 'stages.list', { lesionId: current.lesionId })).find((x) => x.id === current.id)!;
      continue;
    }
    const doc = edited(current, s);
    if (doc === null) continue;
    current = await must(ctx, 'stages.save', { id: current.id, version: current.version, doc });
    saved.push(current);
  }
  return { ctx, saved };
}

/** What the audit rebuilds, one entry per stage version (create and updates), oldest first. */
async function rebuilt(ctx: ServiceContext<SqliteStore>, stageId: string): Promise<unknown[]> {
  return (await recordVersions(ctx.store.query, 'stage', stageId)).map((v) => v.record);
}

describe('every version of a stage is rebuilt from the audit alone', () => {
  it('random edit sequences: each rebuilt version equals what the store saved at that version', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), fc.integer({ min: 2, max: 6 }), async (steps, pieces) => {
        const ctx = world.open(world.file());
        const { lesion } = await seed(ctx);
        const stage = await must(ctx, 'stages.create', { lesionId: lesion.id, doc: sliced(pieces) });
        const { ctx: last, saved } = await work(ctx, stage, steps);
        expect(await rebuilt(last, stage.id)).toEqual(saved.map(asJson));
        // Verification covers the new rows exactly as the old.
        expect((await must(last, 'audit.verify')).intact).toBe(true);
      }),
      { numRuns: 12 },
    );
  }, 120_000);

  it('across periodic snapshots: a long session has a full record every SNAPSHOT_EVERY changes and patches between', async () => {
    const ctx = world.open(world.file());
    const { lesion } = await seed(ctx);
    const stage = await must(ctx, 'stages.create', { lesionId: lesion.id, doc: quartered() });
    const notes = Array.from({ length: SNAPSHOT_EVERY + 5 }, (_, i): Step => (i === 0 ? { kind: 'finding', block: 2, note: 'x' } : { kind: 'note', note: `n${i}` }));
    const { ctx: last, saved } = await work(ctx, stage, notes);
    expect(await rebuilt(last, stage.id)).toEqual(saved.map(asJson));
    const rows = last.store.db.prepare("SELECT format, (after_json IS NOT NULL OR after_deflated IS NOT NULL) AS snapshot, patch_json IS NOT NULL AS patch FROM audit_events WHERE entity_id = ? AND action = 'update' ORDER BY seq").all(stage.id) as { format: number; snapshot: number; patch: number }[];
    expect(rows.every((r) => r.format === 3 && r.patch === 1)).toBe(true);
    expect(rows.map((r, i) => [i + 1, r.snapshot]).filter(([, s]) => s === 1)).toEqual([[SNAPSHOT_EVERY, 1]]);
    // A patch row is small: a note's change, not two 4-block maps, and not the version and time every save moves.
    const patches = last.store.db.prepare("SELECT patch_json AS patch FROM audit_events WHERE entity_id = ? AND action = 'update' AND after_json IS NULL AND after_deflated IS NULL ORDER BY seq").all(stage.id) as { patch: string }[];
    expect(Math.max(...patches.map((r) => r.patch.length))).toBeLessThan(400);
    const noteChange = JSON.parse(patches.at(-1)!.patch) as { op: string; path: string }[];
    expect(noteChange.map((o) => o.path)).toEqual(['/doc/findings/0/note']);
    // The create row's snapshot (a 4-block map, over a kilobyte) is stored deflated, and smaller than its text.
    const create = last.store.db.prepare("SELECT after_json, length(after_deflated) AS n FROM audit_events WHERE entity_id = ? AND action = 'create'").get(stage.id) as { after_json: string | null; n: number };
    expect(create.after_json).toBeNull();
    expect(create.n).toBeLessThan(JSON.stringify(stage).length / 2);
  }, 60_000);

  it("old rows still read: a schema 7 file's stage rebuilds from its full records, then from the new patches", async () => {
    const file = world.file();
    fs.copyFileSync(fixturePath(7), file);
    const ctx = world.open(file);
    // The sample's surgeon has no password yet (schema 6 came after them): act as them directly.
    ctx.session.userId = SAMPLE.surgeon.id as UserId;
    const old = ctx.store.db.prepare("SELECT entity_id AS id FROM audit_events WHERE entity = 'stage' AND format IS NULL ORDER BY seq LIMIT 1").get() as { id: string };
    const before = await rebuilt(ctx, old.id);
    let stage = await asUser(ctx, (w) => getStage(w.db, old.id));
    expect(before.length).toBeGreaterThan(0);
    const saved: StageRecord[] = [];
    for (const note of ['after the upgrade', 'and again']) {
      const f = stage.doc.findings[0]!;
      stage = await asUser(ctx, (w) => saveStage(w, stage.id, stage.version, unwrap(setFindingNote(stage.doc, f.id, note))));
      saved.push(stage);
    }
    const versions = await rebuilt(ctx, stage.id);
    expect(versions.slice(0, before.length)).toEqual(before);
    expect(versions.slice(before.length)).toEqual(saved.map(asJson));
    const rows = ctx.store.db.prepare('SELECT format, before_json IS NULL AS noBefore FROM audit_events WHERE entity_id = ? ORDER BY seq').all(stage.id) as { format: number | null; noBefore: number }[];
    expect(rows.slice(-2)).toEqual([{ format: 3, noBefore: 1 }, { format: 3, noBefore: 1 }]);
    expect(rows.slice(0, -2).every((r) => r.format === null)).toBe(true);
  }, 60_000);

  it('two programs saving the same stage in turn: each patch is made against the newest version, whoever wrote it', async () => {
    const file = world.file();
    const a = world.open(file);
    const { lesion, surgeon } = await seed(a);
    const b = world.open(file);
    b.session.userId = surgeon.id;
    let stage = await must(a, 'stages.create', { lesionId: lesion.id, doc: quartered() });
    const saved: StageRecord[] = [stage];
    const findingStage = peripheralTumor(stage.doc, 1, 'a');
    for (const [ctx, doc] of [
      [a, unwrap(addFinding(stage.doc, findingStage))],
      [b, null],
      [a, null],
      [b, null],
    ] as const) {
      const next = doc ?? unwrap(setFindingNote(stage.doc, stage.doc.findings[0]!.id, `note ${saved.length}`));
      stage = await asUser(ctx, (w) => saveStage(w, stage.id, stage.version, next));
      saved.push(stage);
    }
    expect(await rebuilt(a, stage.id)).toEqual(saved.map(asJson));
  }, 30_000);

  it('a bisected stage removed at the end: its versions stop at the removal', async () => {
    const ctx = world.open(world.file());
    const { lesion } = await seed(ctx);
    const stage = await must(ctx, 'stages.create', { lesionId: lesion.id, doc: bisected() });
    const { ctx: last, saved } = await work(ctx, stage, [{ kind: 'finding', block: 1, note: 'deep' }]);
    const latest = saved.at(-1)!;
    await must(last, 'stages.remove', { id: latest.id, version: latest.version });
    expect(await rebuilt(last, stage.id)).toEqual([...saved.map(asJson), null]);
  }, 30_000);
});
