import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { Lesion, Settings, StageRecord } from '../../../../shared/records';
import type { useStageRecords } from '../workspace/useStageRecords';
import { registerUnsavedWork } from '../../lib/unsavedWork';
import { EditorSession, type WorkspaceSnapshot } from './editorSession';

/**
 * The lesion's editor session for a React view: made once per lesion, fed the stage records
 * and settings as they change, read with useSyncExternalStore. Returns the session, its
 * workspace snapshot, and a ref callback for the map's element, which takes the focus when the
 * session asks and carries the tool's state (data-tool-state, set as it changes).
 */
export function useEditorSession(lesion: Lesion, settings: Settings, readOnly: boolean, records: ReturnType<typeof useStageRecords>) {
  const convention = settings.blockLabelConvention;
  const session = useMemo(
    () =>
      new EditorSession<StageRecord>({
        // useStageRecords' callbacks are stable for a lesion.
        ports: { saveDoc: records.saveDoc, createStage: records.createStage, removeStage: records.removeStage, reload: records.reload },
        convention,
        readOnly,
        defaultMarginMm: settings.defaultMarginMm,
        preop: { lengthMm: lesion.preopLengthMm, widthMm: lesion.preopWidthMm },
      }),
    [lesion.id], // eslint-disable-line react-hooks/exhaustive-deps -- one session per lesion; the rest is passed on below
  );
  // Before paint: the stage shown is always the one whose document is in the store.
  useLayoutEffect(() => session.setStageRecords(records.stages), [session, records.stages]);
  useLayoutEffect(() => session.configure({ readOnly, convention }), [session, readOnly, convention]);
  // Not the tool's state: a press and a drag's first move re-render nothing around the map.
  const snapshot: WorkspaceSnapshot = useSyncExternalStore(session.subscribe, session.getWorkspaceSnapshot);
  // Before a lock or a switch of user: the gesture in progress ends and the autosave queue
  // drains; only then are the views unmounted.
  const whenSaved = records.whenSaved;
  useEffect(
    () =>
      registerUnsavedWork(() => {
        session.finishGesture();
        return whenSaved();
      }),
    [session, whenSaved],
  );

  // A new stage is there to be drawn on: the keys go to the map once it is shown.
  // (The first stage's map appears a render later than the request: asked once, done once.)
  const mapFrame = useRef<HTMLDivElement | null>(null);
  const focused = useRef(0);
  useEffect(() => {
    if (focused.current === snapshot.focusMapRequest || !mapFrame.current) return;
    focused.current = snapshot.focusMapRequest;
    mapFrame.current.focus({ preventScroll: true });
  });
  // The tool's state on the map's element (idle, pointing, dragging, drawing), for whoever
  // watches the map: set as the element appears and where the state changes, without a render
  // of the workspace.
  const mapElement = useCallback(
    (el: HTMLDivElement | null) => {
      mapFrame.current = el;
      if (el) el.dataset.toolState = session.getSnapshot().toolState;
    },
    [session],
  );
  useLayoutEffect(
    () =>
      session.subscribe(() => {
        const el = mapFrame.current;
        const state = session.getSnapshot().toolState;
        if (el && el.dataset.toolState !== state) el.dataset.toolState = state;
      }),
    [session],
  );
  return { session, snapshot, mapElement };
}
