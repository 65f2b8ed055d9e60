import type { LesionId, StageId } from '../ids';
import type { BlockStatus } from '../map/derive';
import type { MapDocument } from '../map/document';
import type { LabStatus } from './block';
import type { Stamped } from './fields';

/** One stage (layer) of a lesion: its map document and what lists and coding read of it. */
export interface StageRecord extends Stamped {
  readonly id: StageId;
  readonly lesionId: LesionId;
  /** 1 for the first layer taken, then 2, 3 … */
  readonly number: number;
  readonly doc: MapDocument;
  /** Kept in columns, written in the same transaction as the document, for lists and coding. */
  readonly blockCount: number;
  readonly result: BlockStatus;
  /** Each block's lab status by block id, from the block rows (the lab's tracking, not the map). */
  readonly labStatus: Readonly<Record<string, LabStatus>>;
}
