import { describe, expect, it } from 'vitest';
import { editorCommands } from '../../../renderer/src/editor/commands/editorCommands';
import { headlessEditor } from './helpers';

/** A signed lesion's map: its keys and commands look, never change (issue 10, EditorSession). */
describe('the map of a signed lesion', () => {
  it('flags exactly the commands that only look as allowed read-only', () => {
    const viewOnly = editorCommands()
      .all()
      .filter((c) => c.viewOnly)
      .map((c) => c.id)
      .sort();
    expect(viewOnly).toEqual(['stage.goNext', 'stage.goPrevious', 'view.clock', 'view.fit']);
  });

  it('refuses every changing key and command, and keeps the document and the saves as they were', () => {
    const ed = headlessEditor();
    ed.key({ key: 'e' });
    ed.drag({ x: -10, y: -8 }, { x: 10, y: 8 });
    ed.key({ key: 'q' });
    const doc = ed.store.document;
    const saves = ed.saved.length;
    const tool = ed.tool;
    for (const key of [{ key: 'K', shift: true }, { key: 'r', shift: true }, { key: 'z', ctrl: true }, { key: 'b' }, { key: 'v' }, { key: 'Delete' }, { key: '2' }]) {
      expect(ed.key(key, true), JSON.stringify(key)).toBe(false);
    }
    for (const c of editorCommands().all()) if (!c.viewOnly) ed.run(c.id, true);
    expect(ed.store.document).toBe(doc);
    expect(ed.saved).toHaveLength(saves);
    expect(ed.tool).toBe(tool);
    // The view keys are the editor's still.
    expect(ed.key({ key: '0' }, true)).toBe(true);
    expect(ed.key({ key: 'g' }, true)).toBe(true);
    // Unsigned, the same key changes the map.
    ed.key({ key: 'K', shift: true });
    expect(ed.store.document).not.toBe(doc);
  });
});
