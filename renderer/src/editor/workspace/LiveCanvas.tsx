import { useMemo, useSyncExternalStore } from 'react';
import { deriveStage, type DerivedStage } from '../../../../shared/map/derive';
import type { BlockLabelConvention, StageRecord } from '../../../../shared/records';
import { MapCanvas } from '../canvas/MapCanvas';
import type { LiveMap, LiveStage } from '../canvas/liveMap';
import type { PhotoDrag, Underlay } from '../canvas/PhotoLayer';
import type { EditorSession } from '../session/editorSession';

/**
 * The canvas follows the document as it is this moment (mid-drag included) and the tool's
 * preview, apart from the panels around it, which follow the last finished gesture. This
 * component re-renders at a gesture's boundaries only (the session's snapshot): the layers
 * that draw the document and the preview read them from `live` themselves, so a drag's
 * pointer moves re-render only those layers.
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
  const s = useSyncExternalStore(session.subscribe, session.getWorkspaceSnapshot);
  const live = useMemo(() => liveMap(session, s.stageNumber, s.convention), [session, s.stageNumber, s.convention]);
  return (
    <MapCanvas
      width={s.size.width}
      height={s.size.height}
      view={s.view}
      onView={session.setView}
      live={live}
      previous={props.previous}
      selection={s.selection}
      showHandles={props.showHandles}
      clockGuide={s.clockGuide}
      onPointer={(e) => (props.photoDrag ? props.photoDrag.onPointer(e) : session.pointer(e))}
      underlays={props.underlays}
    />
  );
}

/** The session's live document, derived once per document (the same object until it or the gesture under way changes), and its tool's preview. */
function liveMap(session: EditorSession<StageRecord>, stageNumber: number, convention: BlockLabelConvention): LiveMap {
  let last: LiveStage | null = null;
  return {
    subscribe: session.store.subscribe,
    getStage: () => {
      const doc = session.store.getSnapshot().doc;
      const moving = session.store.inGesture;
      if (last?.doc !== doc) last = { doc, derived: deriveStage(doc, stageNumber, convention), moving };
      else if (last.moving !== moving) last = { ...last, moving };
      return last;
    },
    subscribePreview: session.subscribeLive,
    getPreview: session.getPreview,
  };
}
