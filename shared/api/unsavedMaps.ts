import type { MapDocument } from '../map/document';
import type { StageRecord } from '../records';

/**
 * Clinic mode: a map change that could not reach the clinic server, kept in this workstation's
 * encrypted recovery file (electron/services/unsavedMaps.ts) until it is saved, or, refused as
 * stale, looked at and discarded by the surgeon.
 */
export interface UnsavedMap {
  readonly id: string;
  /** The stage's version the change was made from: the replay's version check. */
  readonly version: number;
  readonly doc: MapDocument;
  readonly userId: string;
  readonly keptAt: string;
  /** Set once a replay met a newer save of the stage: shown, kept until discarded. */
  readonly stale?: boolean;
}

/** A stale kept change, with where its stage is, so the surgeon can open it. */
export interface StaleUnsavedMap extends UnsavedMap {
  readonly lesionId: string;
  readonly stageNumber: number;
}

export interface UnsavedReplay {
  readonly saved: readonly StageRecord[];
  /** Refused by the version check (changed elsewhere since): the surgeon's to look at and discard. */
  readonly stale: readonly StaleUnsavedMap[];
  /** Not sent yet: the server is still down, or another user's (replayed when that user signs in). */
  readonly waiting: number;
}
