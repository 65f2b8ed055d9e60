import type { Selectable } from 'kysely';
import type { BlockId } from '../../shared/ids';
import {
  EMPTY_LAB,
  EMPTY_READING,
  histologyLabSchema,
  histologyReadingSchema,
  type BlockHistology,
  type HistologyLab,
  type HistologyReading,
} from '../../shared/records';
import { AppFailure } from '../../shared/result';
import type { BlockHistologyTable, Db } from './engine/schema';
import { assertStageUnsigned } from './locks';
import { appendAudit, checkVersionedUpdate, mustFind, type WriteContext } from './write';

// Histology per block (issue 15 part 3, migration 12). The histotech writes the lab half, the
// surgeon the reading (roles.ts): each write replaces its own half only, guarded by the row's
// version, so one never overwrites the other's. A block has no row until the first write
// (version 0 in the request); the row is audited as entity 'histology' under the block's id.

type Row = Selectable<BlockHistologyTable>;

/** The stored JSON, read back through the same schema that let it in: a damaged row is reported, never guessed. */
function parseJson(text: string, blockId: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw damaged(blockId, what);
  }
}

const damaged = (blockId: string, what: string) =>
  new AppFailure('storage', `The ${what} stored for block ${blockId} cannot be read and were left untouched. Update Layermap on this computer, or ask support.`);

export function toHistology(r: Row): BlockHistology {
  const lab = histologyLabSchema.safeParse({
    slides: r.slides,
    levels: r.levels,
    stains: parseJson(r.stains, r.block_id, 'stains'),
    quality: r.quality,
    problems: parseJson(r.problems, r.block_id, 'section problems'),
    recut: r.recut === 1,
  });
  if (!lab.success) throw damaged(r.block_id, 'lab details');
  const reading = histologyReadingSchema.safeParse({ tumorSubtypeId: r.tumor_subtype_id, perineural: r.perineural, nerveSizeMm: r.nerve_size_mm, note: r.note });
  if (!reading.success) throw damaged(r.block_id, 'reading');
  return { blockId: r.block_id as BlockId, lab: lab.data, reading: reading.data, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at };
}

const labColumns = (lab: HistologyLab) => ({
  slides: lab.slides,
  levels: lab.levels,
  stains: JSON.stringify(lab.stains),
  quality: lab.quality,
  problems: JSON.stringify(lab.problems),
  recut: lab.recut ? 1 : 0,
});

const readingColumns = (r: HistologyReading) => ({ tumor_subtype_id: r.tumorSubtypeId, perineural: r.perineural, nerve_size_mm: r.nerveSizeMm, note: r.note });

/** Every block of the lesion that has histology, by block id. */
export async function listLesionHistology(db: Db, lesionId: string): Promise<BlockHistology[]> {
  const rows = await db
    .selectFrom('block_histology as h')
    .innerJoin('blocks as b', 'b.id', 'h.block_id')
    .innerJoin('stages as s', 's.id', 'b.stage_id')
    .selectAll('h')
    .where('s.lesion_id', '=', lesionId)
    .orderBy('s.number')
    .orderBy('b.position')
    .execute();
  return rows.map(toHistology);
}

async function readRow(db: Db, blockId: string): Promise<Row | undefined> {
  return db.selectFrom('block_histology').selectAll().where('block_id', '=', blockId).executeTakeFirst();
}

/**
 * Writes one half of a block's histology. `version` is what the user saw: 0 when the block had
 * none. A first write by two people at once: the second finds the row and is refused as stale.
 */
async function writeHalf(w: WriteContext, blockId: string, version: number, half: { lab: HistologyLab } | { reading: HistologyReading }): Promise<BlockHistology> {
  const block = mustFind(await w.db.selectFrom('blocks').select(['id', 'stage_id']).where('id', '=', blockId).executeTakeFirst(), 'block');
  await assertStageUnsigned(w.db, block.stage_id);
  const old = await readRow(w.db, blockId);
  if ((old?.version ?? 0) !== version) checkVersionedUpdate(0, 'block’s histology', true);
  const columns = 'lab' in half ? labColumns(half.lab) : readingColumns(half.reading);
  // A re-cut asked for is remembered after it is done (statistics count the blocks that needed one).
  const asked = 'lab' in half && half.lab.recut ? { recut_asked: 1 } : {};
  if (!old) {
    const empty = { ...labColumns(EMPTY_LAB), ...readingColumns(EMPTY_READING) };
    await w.db
      .insertInto('block_histology')
      .values({ block_id: blockId, ...empty, ...columns, ...asked, version: 1, created_at: w.now, updated_at: w.now })
      .execute();
    const after = toHistology(mustFind(await readRow(w.db, blockId), 'block histology'));
    await appendAudit(w, { entity: 'histology', entityId: blockId, action: 'create', before: null, after });
    return after;
  }
  const before = toHistology(old);
  const same = JSON.stringify('lab' in half ? before.lab : before.reading) === JSON.stringify('lab' in half ? half.lab : half.reading);
  // Saving what is already stored changes nothing, so nothing is recorded.
  if (same) return before;
  const result = await w.db
    .updateTable('block_histology')
    .set((eb) => ({ ...columns, ...asked, version: eb('version', '+', 1), updated_at: w.now }))
    .where('block_id', '=', blockId)
    .where('version', '=', version)
    .executeTakeFirst();
  checkVersionedUpdate(Number(result.numUpdatedRows), 'block’s histology', true);
  const after = toHistology(mustFind(await readRow(w.db, blockId), 'block histology'));
  await appendAudit(w, { entity: 'histology', entityId: blockId, action: 'update', before, after });
  return after;
}

/** The histotech's half: slides, levels, stains, the section's quality. */
export const setHistologyLab = (w: WriteContext, blockId: string, version: number, lab: HistologyLab) => writeHalf(w, blockId, version, { lab });

/** The surgeon's half: what the slides showed. */
export const setHistologyReading = (w: WriteContext, blockId: string, version: number, reading: HistologyReading) => writeHalf(w, blockId, version, { reading });

/**
 * A block with histology cannot vanish from a map (a recut, a removed stage): its slides exist.
 * Called before blocks are deleted; names the blocks in the lab's words.
 */
export async function refuseHistologyLoss(db: Db, blockIds: readonly string[]): Promise<void> {
  if (blockIds.length === 0) return;
  const held = await db
    .selectFrom('block_histology as h')
    .innerJoin('blocks as b', 'b.id', 'h.block_id')
    .select('b.label')
    .where('h.block_id', 'in', [...blockIds])
    .orderBy('b.position')
    .execute();
  if (held.length === 0) return;
  throw new AppFailure(
    'invalid_input',
    `Block ${held.map((h) => h.label).join(', ')} has histology recorded (slides, stains or a reading), so it cannot be removed from the map. Undo the change, or ask the lab first.`,
  );
}
