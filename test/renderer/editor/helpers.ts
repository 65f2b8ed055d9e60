import type { Point } from '../../../shared/geometry/types';
import { deriveStage } from '../../../shared/map/derive';
import { EMPTY_MAP, type MapDocument } from '../../../shared/map/document';
import { editorCommands, type EditorCommandContext } from '../../../renderer/src/editor/commands/editorCommands';
import { EditorStore } from '../../../renderer/src/editor/state/editorStore';
import { createTool, type Selection, type Tool, type ToolContext, type ToolId } from '../../../renderer/src/editor/tools';

/**
 * A headless editor: the same store, tools and commands the workspace uses, driven by
 * pointer events in millimetres and key chords, with no screen.
 */
export function headlessEditor(doc: MapDocument = EMPTY_MAP) {
  let n = 0;
  const newId = () => `id-${++n}`;
  const saved: MapDocument[] = [];
  const store = new EditorStore(doc, (d) => saved.push(d));
  let selection: Selection | null = null;
  let ink = 'blue';
  let tool: Tool = createTool('select');
  let toolId: ToolId = 'select';
  const derived = () => deriveStage(store.document, 1, 'stage-dash-number');
  const toolContext = (): ToolContext => ({
    store,
    derived,
    newId,
    activeInk: ink,
    otherFindingKind: 'scar',
    hitMm: 1.5,
    selection,
    select: (s) => (selection = s),
  });
  const commandContext = (): EditorCommandContext => ({
    store,
    derived,
    newId,
    tool: toolId,
    setTool: (id) => {
      tool.cancel(toolContext());
      tool = createTool(id);
      toolId = id;
    },
    selection,
    select: (s) => (selection = s),
    setInk: (id) => (ink = id),
    templateAngle: Math.PI / 2,
    radialCount: 6,
    cancelGesture: () => tool.cancel(toolContext()),
    finishGesture: () => void tool.finish?.(toolContext()),
    fitView: () => {},
    toggleClockGuide: () => {},
    stages: { canAddNext: false, addNext: () => {}, hasPrevious: false, hasNext: false, previous: () => {}, next: () => {} },
  });
  const registry = editorCommands();
  const pointer = (type: 'down' | 'move' | 'up', point: Point, shift = false) => tool[type](toolContext(), { point, shift });

  return {
    store,
    saved,
    derived,
    get selection() {
      return selection;
    },
    /** A key press on the map; `readOnly` as on a signed lesion. */
    key(chord: { key: string; ctrl?: boolean; shift?: boolean }, readOnly = false) {
      return registry.handleKey(commandContext(), { key: chord.key, ctrlKey: !!chord.ctrl, metaKey: false, shiftKey: !!chord.shift, altKey: false }, readOnly);
    },
    run: (id: string, readOnly = false) => registry.run(commandContext(), id, readOnly),
    get tool() {
      return toolId;
    },
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
