import type { DerivedStage } from '../../../../shared/map/derive';
import type { MapDocument } from '../../../../shared/map/document';
import type { Preview } from '../tools/types';

/** The open stage's document as it is this moment (mid-drag included) and its derivation. */
export interface LiveStage {
  readonly doc: MapDocument;
  readonly derived: DerivedStage;
  /** Mid-gesture (a drag, a stroke): the document changes again with the next pointer move. */
  readonly moving: boolean;
}

/**
 * What changes on every pointer move of a gesture, read inside the canvas by the layers that
 * draw it (useSyncExternalStore in the Konva tree): a move re-renders those layers only, not
 * the map's React DOM tree, its Konva stage (its props and event handlers) or the other layers.
 * `getStage` and `getPreview` answer the same object until what they describe changes.
 */
export interface LiveMap {
  readonly subscribe: (listener: () => void) => () => void;
  readonly getStage: () => LiveStage;
  readonly subscribePreview: (listener: () => void) => () => void;
  readonly getPreview: () => Preview | null;
}
