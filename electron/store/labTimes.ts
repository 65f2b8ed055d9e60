import { LAB_STATUSES, type LabStatus } from '../../shared/records';
import type { Db } from './engine/schema';
import type { WriteContext } from './write';

// When each block reached each lab step (migration 15), for the lab turnaround statistics.
// Written only here, inside the transaction of the status change it records, by the user who
// made it (the audit event of the same change says the same); never written on its own.

/**
 * The block has just moved to `status`: that step is reached now (a step reached again keeps
 * its latest time), and the steps after it are no longer reached (a block sent back).
 */
export async function recordLabStep(w: WriteContext, blockId: string, status: LabStatus): Promise<void> {
  const later = LAB_STATUSES.slice(LAB_STATUSES.indexOf(status) + 1);
  if (later.length > 0) await w.db.deleteFrom('block_lab_times').where('block_id', '=', blockId).where('status', 'in', later).execute();
  await w.db
    .insertInto('block_lab_times')
    .values({ block_id: blockId, status, reached_at: w.now, user_id: w.userId })
    .onConflict((oc) => oc.columns(['block_id', 'status']).doUpdateSet((eb) => ({ reached_at: eb.ref('excluded.reached_at'), user_id: eb.ref('excluded.user_id') })))
    .execute();
  // Ready for reading, kept on the block for the statistics: the 'ready' time, else the 'read' one.
  const reached = await w.db.selectFrom('block_lab_times').select(['status', 'reached_at']).where('block_id', '=', blockId).where('status', 'in', ['ready', 'read']).execute();
  const readyAt = reached.find((r) => r.status === 'ready')?.reached_at ?? reached.find((r) => r.status === 'read')?.reached_at ?? null;
  await w.db.updateTable('blocks').set({ ready_at: readyAt }).where('id', '=', blockId).execute();
}

/**
 * Blocks taken off a map (only while back at 'excised', stages.ts refuses otherwise) take their
 * step times with them, before the block rows go; the audit keeps each move.
 */
export async function forgetLabSteps(db: Db, blockIds: readonly string[] | { readonly stageId: string }): Promise<void> {
  if ('stageId' in blockIds) {
    await db
      .deleteFrom('block_lab_times')
      .where('block_id', 'in', db.selectFrom('blocks').select('id').where('stage_id', '=', blockIds.stageId))
      .execute();
    return;
  }
  for (let i = 0; i < blockIds.length; i += 500) await db.deleteFrom('block_lab_times').where('block_id', 'in', blockIds.slice(i, i + 500)).execute();
}

/** A step's time as stored, for the worklist and tests: by step, for one block. */
export async function labStepsOf(db: Db, blockId: string): Promise<Partial<Record<LabStatus, { at: string; userId: string }>>> {
  const rows = await db.selectFrom('block_lab_times').select(['status', 'reached_at', 'user_id']).where('block_id', '=', blockId).execute();
  const out: Partial<Record<LabStatus, { at: string; userId: string }>> = {};
  for (const r of rows) if ((LAB_STATUSES as readonly string[]).includes(r.status)) out[r.status as LabStatus] = { at: r.reached_at, userId: r.user_id };
  return out;
}
