import { useMemo, useSyncExternalStore } from 'react';
import { deriveStage, type DerivedStage } from '../../../../shared/map/derive';
import { MapCanvas } from '../canvas/MapCanvas';
import type { PhotoDrag, Underlay } from '../canvas/PhotoLayer';
import type { StageRecord } from '../../../../shared/records';
import type { EditorSession } from '../session/editorSession';

/**
 * The canvas follows the document as it is this moment (mid-drag included) and the tool's
 * preview, apart from the panels around it, which follow the last finished gesture: a drag
 * re-renders only this.
 */
export function LiveCanvas(props: {
  readonly session: EditorSession<StageRecord>;
  readonly previous: readonly { number: number; derived: DerivedStage }[];
  readonly showHandles: boolean;
  readonly underlays?: readonly Underlay[];
  /** A photo being moved: the pointer moves it, not the map's tools. */
  readonly photoDrag?: PhotoDrag;
}) {
  const { session } = props;
  const s = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const live = useSyncExternalStore(session.store.subscribe, session.store.getSnapshot);
  // Tool previews (a rubber-band ellipse, a stroke) change without the document changing.
  const preview = useSyncExternalStore(session.subscribeLive, session.getPreview);
  const derived = useMemo(() => deriveStage(live.doc, s.stageNumber, s.convention), [live.doc, s.stageNumber, s.convention]);
  return (
    <MapCanvas
      width={s.size.width}
      height={s.size.height}
      view={s.view}
      onView={session.setView}
      doc={live.doc}
      derived={derived}
      previous={props.previous}
      selection={s.selection}
      showHandles={props.showHandles}
      clockGuide={s.clockGuide}
      preview={preview}
      onPointer={(e) => (props.photoDrag ? props.photoDrag.onPointer(e) : session.pointer(e))}
      underlays={props.underlays}
    />
  );
}
