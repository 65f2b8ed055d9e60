import type { Point } from '../../../shared/geometry/types';
import { EMPTY_MAP, type MapDocument } from '../../../shared/map/document';
import type { AppError } from '../../../shared/result';
import { EditorSession } from '../../../renderer/src/editor/session/editorSession';
import type { FocusPlace } from '../../../renderer/src/editor/session/keyScope';
import type { StageLike, StagePorts } from '../../../renderer/src/editor/session/stageList';

/** A stage record as the fake store keeps it. */
export interface FakeStage extends StageLike {
  readonly version: number;
}

/**
 * The stage records behind a headless session: in memory, every save kept in order. What the
 * app's useStageRecords does after a call (hand the new list to the session) is done here.
 */
export function fakeStages(docs: readonly MapDocument[]) {
  let stages: FakeStage[] = docs.map((doc, i) => ({ id: `stage-${i + 1}`, number: i + 1, doc, version: 1 }));
  const saved: MapDocument[] = [];
  const savedTo: string[] = [];
  let session: EditorSession<FakeStage> | null = null;
  const publish = () => session?.setStageRecords([...stages]);
  const ports: StagePorts<FakeStage> = {
    saveDoc: (id, doc) => {
      saved.push(doc);
      savedTo.push(id);
      stages = stages.map((s) => (s.id === id ? { ...s, doc, version: s.version + 1 } : s));
      // As the app's records do once a save returns: the saved record goes back to the session.
      publish();
    },
    createStage: async (doc): Promise<FakeStage | AppError> => {
      const stage = { id: `stage-${stages.length + 1}`, number: stages.length + 1, doc, version: 1 };
      stages = [...stages, stage];
      publish();
      return stage;
    },
    removeStage: async (stage) => {
      stages = stages.filter((s) => s.id !== stage.id);
      publish();
      return null;
    },
    reload: async () => publish(),
  };
  return {
    ports,
    saved,
    savedTo,
    get stages() {
      return stages;
    },
    attach(s: EditorSession<FakeStage>) {
      session = s;
      publish();
    },
  };
}

/**
 * A headless editor: a real EditorSession (the one the workspace uses) over fake stage
 * records, driven by pointer events in millimetres and key chords, with no screen. The view
 * is 8 px/mm, so a pointer hits within 1.5 mm.
 */
export function headlessEditor(doc: MapDocument = EMPTY_MAP, more: readonly MapDocument[] = []) {
  let n = 0;
  const records = fakeStages([doc, ...more]);
  const session = new EditorSession<FakeStage>({
    ports: records.ports,
    convention: 'stage-dash-number',
    defaultMarginMm: 2,
    preop: null,
    newId: () => `id-${++n}`,
  });
  records.attach(session);
  // The map opens on the last stage; start on the first, as a surgeon drawing it would.
  session.stages.show(records.stages[0] ?? null);
  session.setView({ scale: 8, ox: 400, oy: 280 });
  session.setTool('select');
  const signed = (readOnly: boolean) => session.configure({ readOnly, convention: 'stage-dash-number' });
  const pointer = (type: 'down' | 'move' | 'up' | 'cancel', point: Point, shift = false) => session.pointer({ type, point, shift });

  return {
    session,
    store: session.store,
    records,
    saved: records.saved,
    derived: session.derived,
    get selection() {
      return session.getSnapshot().selection;
    },
    get tool() {
      return session.getSnapshot().tool;
    },
    get toolState() {
      return session.getSnapshot().toolState;
    },
    get preview() {
      return session.getPreview();
    },
    /** A key press with the focus at `place` (the map unless said); `readOnly` as on a signed lesion. */
    key(chord: { key: string; ctrl?: boolean; shift?: boolean }, readOnly = false, place: FocusPlace = 'map') {
      signed(readOnly);
      return session.key({ key: chord.key, ctrlKey: !!chord.ctrl, metaKey: false, shiftKey: !!chord.shift, altKey: false }, place);
    },
    run: (id: string, readOnly = false) => {
      signed(readOnly);
      session.run(id);
    },
    signed,
    /** A press, moves along the way, and a release. */
    drag(from: Point, to: Point, steps = 8, shift = false) {
      pointer('down', from, shift);
      for (let i = 1; i <= steps; i++) pointer('move', { x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps }, shift);
      pointer('up', to, shift);
    },
    click(at: Point) {
      pointer('down', at);
      pointer('up', at);
    },
    pointer,
  };
}
